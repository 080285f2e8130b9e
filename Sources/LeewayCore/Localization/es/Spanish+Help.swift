extension Spanish {
    /// `--help`: el resumen y la explicación de cada comando y la ayuda de cada argumento.
    /// Son frases completas (mayúscula inicial, punto final), como las presenta
    /// swift-argument-parser. Los nombres de opciones, valores, claves YAML y archivos
    /// no se traducen.
    static let help: [String: String] = [
        "help.leeway.abstract": "Comprueba qué puede hacer por el cliente el personal de atención de primera línea.",
        "help.leeway.discussion": """
        Códigos de salida: 0 si no hay nada en el umbral de fallo ni por encima; 1 si hay \
        hallazgos en ese umbral o por encima, o si falla una prueba; 2 si no se pudo usar la \
        entrada (archivo ilegible, YAML no válido, política o caso no válidos, argumentos \
        incorrectos).
        """,

        // Opciones que comparten varios comandos.
        "help.output.format": "Formato del informe.",
        "help.output.output": "Escribe el informe en FILE (de forma atómica) en lugar de en la salida estándar.",
        "help.output.color": "Color: auto (en una terminal, salvo con NO_COLOR; FORCE_COLOR o CLICOLOR_FORCE lo fuerzan), always o never.",
        "help.output.report": "Escribe además un informe en formato FORMAT en FILE (se puede repetir), p. ej. {example}.",
        "help.check.sarif-category": "`automationDetails.id` de SARIF: la categoría de este análisis en code scanning (por defecto ninguna, así vale la categoría de quien lo sube).",
        "help.check.pass-over-non-policies": "Pasa por alto, con una nota, los archivos nombrados que claramente no son políticas (casos, flujos de CI), como en las carpetas; para hooks que nombran cada archivo YAML preparado.",
        "help.check.quiet": "Informa solo de los errores: los avisos y las notas quedan fuera de todos los informes y del código de salida.",
        "help.check.max-warnings": "Termina con 1 si hay más avisos que este número (tras --quiet y la línea base), como ESLint.",
        "help.output.config": "El archivo de configuración (por defecto: el primer .leeway.yml que se encuentre subiendo desde el directorio de trabajo).",
        "help.output.fail-on": "Termina con 1 si algún hallazgo tiene esta gravedad o más.",
        "help.output.lang": "Idioma de los mensajes (por defecto: LEEWAY_LANG, luego `lang:` en .leeway.yml, luego LC_ALL/LC_MESSAGES/LANG; si no, inglés).",
        "help.patch.patch": "Muestra los cambios de la política como un diff unificado (es el informe; `git apply` lo acepta).",
        "help.patch.fix": "Aplica los cambios directamente en el archivo de la política (de forma atómica; no se aplican si el archivo cambió después de leerlo).",
        "help.config-lang": "El archivo de configuración cuyo `lang:` se usa (por defecto: el primer .leeway.yml que se encuentre subiendo desde el directorio de trabajo).",

        // leeway check
        "help.check.abstract": "Revisa las políticas en busca de procesos rígidos y errores.",
        "help.check.discussion": "PATH es un archivo de política o una carpeta (se buscan *.yaml y *.yml en todas sus subcarpetas; en una carpeta, los archivos de casos y los flujos de CI se pasan por alto con una nota); - lee la entrada estándar.",
        "help.check.paths": "Archivos o carpetas de políticas (por defecto: policies/).",
        "help.init.abstract": "Empieza un repositorio de políticas: una política de partida con comentarios, un caso, .leeway.yml y los esquemas para editores.",
        "help.init.discussion": "Escribe policies/my-service.yaml, examples/cases/first-case.yaml, .leeway.yml y schema/*.schema.json en FOLDER; un archivo que ya existe se conserva, nunca se sobrescribe. Después ejecuta `leeway check` y `leeway test` allí.",
        "help.init.folder": "La carpeta donde escribir (por defecto: el directorio de trabajo).",
        "help.check.baseline": "Informa solo de los hallazgos que no estén registrados en este archivo de línea base.",
        "help.check.write-baseline": "Guarda los hallazgos de hoy en FILE (JSON), para usarlo con --baseline.",

        // leeway eval
        "help.eval.abstract": "Evalúa casos de clientes con una política: qué puede hacer la primera línea, quién más y en cuánto tiempo.",
        "help.eval.discussion": """
        CASE es un archivo de casos YAML (varios casos separados por ---), un archivo JSON Lines \
        (*.jsonl, un caso por línea), una carpeta (se buscan *.yaml, *.yml y *.jsonl; los YAML \
        que no son casos, como políticas o flujos de CI, se pasan por alto) o - para la entrada \
        estándar (JSON Lines si empieza por `{` o con --format jsonl; YAML en otro caso). También \
        puedes escribir un caso: --as ROLE --want ACTION[=AMOUNT] … --fact KEY=VALUE … \
        [--channel C] [--mood M].

        --format jsonl procesa un lote, tanto YAML como JSON Lines, con memoria acotada: un objeto \
        compacto por caso en el orden de entrada y un resumen en la salida de errores; una línea \
        o un documento incorrecto se informa con su número de línea y se omite (salida 2).
        """,
        "help.eval.policy": "El archivo de la política.",
        "help.eval.cases": "Archivos de casos (.yaml, .jsonl), carpetas de casos o - para la entrada estándar.",
        "help.eval.as": "El rol que atiende un caso escrito en la línea de comandos.",
        "help.eval.want": "Una acción que pide el cliente, con su importe (se puede repetir).",
        "help.eval.fact": "Un dato del caso (se puede repetir).",
        "help.eval.channel": "El canal de un caso escrito en la línea de comandos.",
        "help.eval.mood": "El estado de ánimo del cliente (calm, anxious, frustrated, angry).",
        "help.eval.explain": "Muestra cada paso de cada decisión con su ubicación en el archivo de la política.",
        "help.eval.corpus": "Ordena las excepciones propuestas según a cuántos de estos casos ayudan (un archivo o una carpeta; se puede repetir).",

        // leeway test
        "help.test.abstract": "Ejecuta cada caso que tenga `expect:` con la política que indica su `policy:`.",
        "help.test.discussion": "PATH es un archivo o una carpeta con políticas y casos (por defecto: policies examples). Termina con 1 si falla una expectativa y con 2 si no se puede usar una entrada.",
        "help.test.paths": "Archivos o carpetas con políticas y casos (por defecto: policies examples).",
        "help.test.policy": "Usa este archivo de política para la política que declara, cuando varios archivos tienen ese identificador (se puede repetir).",

        // leeway diff
        "help.diff.abstract": "Revisa un cambio de política antes de publicarlo: los hallazgos y los resultados de los casos que cambian.",
        "help.diff.discussion": """
        OLD y NEW son archivos de política, o REV:PATH para leer una versión de git (`git show \
        REV:PATH` en el repositorio del directorio de trabajo; PATH es relativa a la raíz del \
        repositorio y REV:./PATH, al directorio de trabajo), p. ej. `leeway diff \
        origin/main:policies/acme.yaml policies/acme.yaml --cases examples/`.

        --cases acepta archivos de casos (YAML, JSON Lines) y carpetas (se buscan archivos de \
        casos; las políticas y otros YAML que contengan se pasan por alto). Los casos cuyo \
        `policy:` indica otra política se omiten y se cuentan.

        Códigos de salida: 0 revisado; 1 con --fail-on-regression si algún caso obtiene un \
        resultado peor o un tiempo mayor, o si el cambio añade un hallazgo de nivel error (o, \
        con --fail-on, un hallazgo de esa gravedad o más); 2 si no se pudo usar la entrada.
        """,
        "help.diff.old": "La política antes del cambio: un archivo o REV:PATH.",
        "help.diff.new": "La política después del cambio: un archivo o REV:PATH.",
        "help.diff.cases": "Archivos y carpetas de casos que se evalúan con las dos versiones.",
        "help.diff.fail-on-regression": "Termina con 1 si algún caso obtiene un resultado peor o un tiempo mayor, o si el cambio añade un hallazgo de nivel error.",
        "help.tune.abstract": "Encuentra los límites que el historial de casos dice que debería tener la primera línea: una frontera de resolución al primer contacto frente al gasto, y un parche.",
        "help.tune.discussion": """
        Repite el historial una sola vez y cuenta, para cada palanca (el `up-to` de las concesiones sin \
        aprobación, una concesión sin aprobación antes de la concesión con aprobación \
        de un rol que atiende a clientes, el presupuesto discrecional por caso de cada uno de esos roles), lo \
        que compraría cada cantidad pedida. Imprime la frontera y recomienda su codo, el mejor punto dentro de \
        `--budget` o el más barato que alcanza `--target-fcr`; la recomendación se repite con la política \
        parcheada como prueba. Códigos de salida: 0 se escribió el informe; 1 `--target-fcr` no se alcanza; 2 \
        la entrada no se pudo usar.
        """,
        "help.tune.policy": "La política que ajustar.",
        "help.tune.cases": "El historial de casos: archivos de casos (.yaml, .jsonl) y carpetas de casos.",
        "help.tune.role": "Ajusta solo los límites de este rol que atiende a clientes (repetible).",
        "help.tune.action": "Ajusta solo las concesiones de esta acción de dinero (repetible; no toca los presupuestos discrecionales).",
        "help.tune.budget": "Recomienda la mejor resolución al primer contacto dentro de este gasto (`500 USD` o `500`).",
        "help.tune.target-fcr": "Recomienda el punto más barato que alcanza esta tasa de resolución al primer contacto (porcentaje).",
        "help.diff.allow-rename": "Revisa NEW aunque su identificador `policy:` sea distinto del de OLD (el cambio renombra la política).",

        // leeway rules
        "help.rules.abstract": "Lista las reglas o explica una.",
        "help.rules.discussion": "Sin ID, lista todas las reglas con su gravedad por defecto y su título. Con ID, explica la regla: por qué existe, su fuente, umbrales y valores por defecto, cómo hacer una excepción y ejemplos.",
        "help.rules.id": "El id de una regla, p. ej. wide-appointment-window.",
        "help.rules.markdown": "Escribe la referencia de reglas en Markdown en FILE (- para la salida estándar), p. ej. docs/rules.md.",
        "help.rules.lang": "Idioma de los textos (por defecto: LEEWAY_LANG, luego `lang:` en .leeway.yml, luego LC_ALL/LC_MESSAGES/LANG; si no, inglés).",

        // leeway schema
        "help.schema.abstract": "Muestra el JSON Schema de los archivos de política o de caso, para editores y validadores.",
        "help.schema.discussion": """
        Los esquemas también están en schema/. Para que el servidor de lenguaje YAML use uno, \
        pon en la primera línea algo como `# yaml-language-server: $schema=../schema/policy.schema.json`.
        """,
        "help.schema.kind": "Qué esquema: policy o case.",
        "help.schema.output": "Escribe el esquema en FILE (de forma atómica) en lugar de en la salida estándar.",
        "help.schema.lang": "Idioma de las descripciones de las claves (por defecto: LEEWAY_LANG, luego `lang:` en .leeway.yml, luego LC_ALL/LC_MESSAGES/LANG; si no, inglés).",
    ]

    /// Lo que escribe swift-argument-parser por su cuenta, traducido (ver
    /// `English.argumentParser`). Los errores siguen el estilo de los demás mensajes.
    static let argumentParser: [String: String] = [
        // --help
        "help.parser.overview": "RESUMEN:",
        "help.parser.usage-header": "USO:",
        "help.parser.arguments": "ARGUMENTOS:",
        "help.parser.options": "OPCIONES:",
        "help.parser.subcommands": "COMANDOS:",
        "help.parser.values": "valores:",
        "help.parser.default": "por defecto:",
        "help.parser.subcommand-placeholder": "<comando>",
        "help.parser.options-placeholder": "[<opciones>]",
        "help.parser.help-flag": "Muestra esta ayuda.",
        "help.parser.version-flag": "Muestra la versión.",
        "help.parser.help-command": "Muestra la ayuda de un comando.",
        "help.parser.detailed-help": "Para ver la ayuda completa de un comando: `{command} <comando>`.",

        // Errores en los argumentos.
        "help.parser.error": "error:",
        "help.parser.usage": "Uso:",
        "help.parser.help-line": "Ayuda:",
        "help.parser.more-information": "Más información: `{command}`",
        "help.parser.unknown-option-suggestion": "no existe la opción `{option}`; ¿querías decir `{suggestion}`?",
        "help.parser.unknown-option": "no existe la opción `{option}`",
        "help.parser.invalid-option": "opción no válida: `{option}`",
        "help.parser.missing-value": "falta el valor de `{option}`",
        "help.parser.missing-argument": "falta el argumento `{argument}`",
        "help.parser.missing-one-of": "falta uno de estos argumentos: {arguments}",
        "help.parser.invalid-value-list": "`{value}` no es un valor válido para `{option}`; usa uno de estos:",
        "help.parser.invalid-value-one-of": "`{value}` no es un valor válido para `{option}`; usa {values}",
        "help.parser.invalid-value-reason": "`{value}` no es un valor válido para `{option}`: {reason}",
        "help.parser.invalid-value": "`{value}` no es un valor válido para `{option}`",
        "help.parser.unexpected-argument": "sobra el argumento `{argument}`",
        "help.parser.unexpected-arguments": "sobran {count} argumentos: {arguments}",
        "help.parser.flag-takes-no-value": "la opción `{option}` no lleva valor, pero se le dio `{value}`",
        "help.parser.or": "o",
    ]
}
