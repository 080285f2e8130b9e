extension Spanish {
    /// `leeway init`: lo que dice y los archivos de partida que escribe (su contenido va en
    /// el idioma de la ejecución; las claves, identificadores y valores que lee Leeway no).
    static let initializer: [String: String] = [
        "init.created": "creado `{path}`: {what}",
        "init.kept": "se conserva `{path}`: ya existe, y `leeway init` nunca sobrescribe un archivo",
        "init.cannot-create": "no se puede crear `{path}`: {reason}",
        "init.next": "siguiente paso: `leeway check` revisa la política y `leeway test` ejecuta el caso; el tutorial está en docs/tutorial.md, en el repositorio de Leeway (https://github.com/leeway-cx/leeway)",
        "init.what.policy": "una política de partida con comentarios",
        "init.what.case": "un caso con los resultados esperados",
        "init.what.config": "la configuración",
        "init.what.schema": "un JSON Schema para editores (el servidor de lenguaje YAML)",
        "init.template.policy": #"""
# yaml-language-server: $schema=../schema/policy.schema.json
# Una política de partida, escrita por `leeway init`. Dice quién puede hacer qué por un
# cliente, y hasta qué límites. Cámbiala y ejecuta `leeway check` (el linter) y `leeway test`
# (los casos de examples/). Cada clave se describe en docs/language.md de Leeway.
leeway: 1                       # la versión del lenguaje
policy: my-service              # el identificador; un caso lo nombra en `policy:`
title: Mi atención al cliente
currency: USD                   # un importe sin moneda (`25`) está en esta moneda

roles:                          # quién actúa
  agent:                        # quien atiende por teléfono, chat o correo
    title: Agente de atención
    customer-facing: true
    reachable-within: 5m
  supervisor:                   # a quien el agente puede pasar un caso
    title: Supervisor de turno
    reachable-within: 15m       # cuánto espera el cliente hasta que responde

facts:                          # lo que un caso puede decir de sí mismo, con su tipo
  issue: { type: enum, values: [late-delivery, damaged-item, billing-error] }

actions:                        # lo que se puede hacer por un cliente, y quién puede
  issue-credit:
    title: Aplicar un abono en la cuenta
    measure: money              # money, duration, count o none
    grants:
      - role: agent
        up-to: 100 USD          # hasta aquí decide el agente solo
      - role: supervisor
        up-to: 500 USD          # por encima, lo hace el supervisor
  replace-item:
    title: Enviar un artículo de sustitución
    measure: count
    grants:
      - role: agent
        up-to: 1
        when: { issue: [damaged-item] }   # solo si el artículo llegó dañado

discretion:                     # un presupuesto que el agente gasta según su criterio
  - { role: agent, up-to: 50 USD, per: case, review: after-the-fact }

commitments:                    # lo que la empresa promete, y con qué rapidez responde
  delay-notice: { lead: 30m }   # avisar de un retraso antes de que el cliente lo note
  first-response: { phone: 3m, chat: 2m, email: 24h }

channels: { phone: open, chat: open, email: open }

metrics:                        # con qué se mide al equipo: resultados para el cliente
  - { name: first-contact-resolution, target: 80% }
  - { name: customer-effort }
"""#,
        "init.template.case": #"""
# yaml-language-server: $schema=../../schema/case.schema.json
# Un primer caso, escrito por `leeway init`: la situación de un cliente y lo que pide.
# `leeway eval policies/my-service.yaml examples/cases/first-case.yaml` dice qué puede
# hacer el agente; `leeway test` comprueba los resultados escritos en `expect:`.
leeway: 1
case: FIRST-1
title: El paquete llega con tres días de retraso y el cliente pide un abono
policy: my-service
handled-by: agent
channel: phone
customer:                       # ponte en el lugar del cliente
  problem: El paquete llega con tres días de retraso
  goal: Un abono por la espera
  mood: frustrated
facts: { issue: late-delivery }
wants:
  - { action: issue-credit, amount: 30 USD }
  - { action: replace-item, amount: 1 }
expect:                         # lo que comprueba `leeway test`
  issue-credit: allowed
  replace-item: blocked         # la sustitución es solo para artículos dañados
"""#,
        "init.template.config": #"""
# La configuración de Leeway, escrita por `leeway init`; `leeway rules` lista las reglas y
# `leeway rules ID` explica una.
fail-on: error                  # termina con 1 si hay errores; `warning` para ser más estricto
lang: es                        # mensajes en español
rules:
  slow-approval: { max-within: 4h }     # el valor por defecto; bájalo para ser más estricto
  # verbatim-script: off                # una regla desactivada
"""#,
    ]
}
