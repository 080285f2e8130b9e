extension Spanish {
    /// Las reglas del linter (`rule.<id>.*`), la configuración, las excepciones, la línea
    /// base y `leeway rules`. Los identificadores de reglas y las claves YAML no se traducen.
    static let rules: [String: String] = [
        // no-frontline-discretion
        "rule.no-frontline-discretion.title": "Primera línea sin margen de decisión",
        "rule.no-frontline-discretion.summary": "un rol de cara al cliente no puede hacer por sí solo ninguna acción con dinero y no tiene presupuesto discrecional",
        "rule.no-frontline-discretion.rationale": "resolver rápido fideliza: el 95% sigue siendo cliente si un problema pequeño se resuelve enseguida, frente al 70% si simplemente se resuelve (TARP); en Ritz-Carlton cualquier empleado puede gastar hasta 2.000 $ sin pedir permiso",
        "rule.no-frontline-discretion.override": "un presupuesto discrecional revisado a posteriori",
        "rule.no-frontline-discretion.source": "Ritz-Carlton (entrevista de chiefexecutive.net a Horst Schulze); estudios de quejas de TARP; docs/research.md, “Frontline discretion”",
        "rule.no-frontline-discretion.message": "el rol de cara al cliente `{role}` no puede gastar nada en el problema de un cliente sin pedir permiso: no tiene ninguna acción con dinero propia ni presupuesto discrecional",
        "rule.no-frontline-discretion.help": "dale a `{role}` un presupuesto discrecional revisado a posteriori, por ejemplo `up-to: {budget}` por caso con `review: after-the-fact`",
        "rule.no-frontline-discretion.threshold.budget": "el presupuesto por caso que propone el arreglo (en la moneda de la política)",

        // approval-for-small-amounts
        "rule.approval-for-small-amounts.title": "Aprobación para importes pequeños",
        "rule.approval-for-small-amounts.summary": "un rol de cara al cliente necesita aprobación en una acción con dinero aunque su límite propio esté por debajo de un importe pequeño",
        "rule.approval-for-small-amounts.rationale": "la rapidez de la decisión es fidelidad: por encima de 100 $, el 82% sigue siendo cliente si se resuelve enseguida frente al 54% si simplemente se resuelve (TARP); hay comercios donde cualquier agente devuelve el envío o aplica un 10–15% de descuento",
        "rule.approval-for-small-amounts.override": "subir el límite propio del rol",
        "rule.approval-for-small-amounts.source": "estudios de quejas de TARP; el manual de un minorista (docs/research.md, “Frontline discretion”)",
        "rule.approval-for-small-amounts.message": "`{role}` necesita la aprobación de `{approver}` para `{action}` por encima de `{limit}`, un importe pequeño (menos de `{minimum}`)",
        "rule.approval-for-small-amounts.help": "sube el límite propio de `{role}` en `{action}` de `{limit}` a al menos `{minimum}`, sin aprobación",
        "rule.approval-for-small-amounts.threshold.min-own-limit": "límite propio (sin aprobación, en la moneda de la política) por debajo del cual se señala la aprobación",

        // slow-approval
        "rule.slow-approval.title": "Aprobación lenta",
        "rule.slow-approval.summary": "una aprobación en un permiso, en `above-limit` o en un paso de proceso tarda más que el contacto",
        "rule.slow-approval.rationale": "una decisión que dura más que el contacto cuesta clientes: lo que fideliza es resolver rápido, no solo resolver (TARP)",
        "rule.slow-approval.override": "un aprobador más rápido, o que decida la primera línea",
        "rule.slow-approval.source": "estudios de quejas de TARP: la rapidez de la decisión se traduce en lealtad (docs/research.md, “Frontline discretion”)",
        "rule.slow-approval.message.grant": "`{role}` necesita la aprobación de `{approver}`, que tarda hasta `{within}`, para `{action}`",
        "rule.slow-approval.message.above-limit": "`{action}` por encima de `{limit}` necesita la aprobación de `{approver}`, que tarda hasta `{within}`",
        "rule.slow-approval.message.above-limit-any": "`{action}` por encima de todos los permisos necesita la aprobación de `{approver}`, que tarda hasta `{within}`",
        "rule.slow-approval.message.step": "el proceso `{process}` espera hasta `{within}` la aprobación de `{approver}`",
        "rule.slow-approval.help": "decide durante el contacto: baja `within: {within}` a `{max}` o menos, o deja que decida la primera línea",
        "rule.slow-approval.threshold.max-within": "lo máximo que puede tardar una aprobación",

        // absolute-prohibition
        "rule.absolute-prohibition.title": "Prohibición absoluta",
        "rule.absolute-prohibition.summary": "una acción con `never: true`: nadie puede hacerla, sea cual sea el caso",
        "rule.absolute-prohibition.rationale": "una norma sin salida le quita el criterio a la primera línea; la única norma de Nordstrom es «usa tu buen criterio en cualquier situación»",
        "rule.absolute-prohibition.override": "una vía con su motivo en lugar de never (o una excepción que explique por qué never es lo correcto)",
        "rule.absolute-prohibition.source": "Nordstrom: “Use good judgment in all situations” (usa tu buen criterio en toda situación); Zappos (docs/research.md, “Frontline discretion”)",
        "rule.absolute-prohibition.message": "nadie puede hacer `{action}`, sea cual sea el caso",
        "rule.absolute-prohibition.help": "cambia `never: true` en `{action}` por un permiso con importe máximo y `when`, o añade una excepción que explique por qué never es lo correcto",

        // handoff-chain
        "rule.handoff-chain.title": "Cadena de traspasos",
        "rule.handoff-chain.summary": "un proceso pasa al cliente por demasiados traspasos",
        "rule.handoff-chain.rationale": "quien es transferido queda un 12% menos satisfecho y se resuelve un 14% menos en el primer contacto; el 25% de los clientes sin resolver piensa irse (SQM, proveedor)",
        "rule.handoff-chain.override": "darle poder al primer contacto",
        "rule.handoff-chain.source": "SQM (proveedor) sobre las transferencias; Dixon, Freeman y Toman, HBR 2010 (docs/research.md, “Effort, hand-offs and the wrong metrics”)",
        "rule.handoff-chain.message": "el proceso `{process}` traspasa al cliente {count} veces ({roles})",
        "rule.handoff-chain.help": "dale poder al primer contacto en `{process}`: reduce sus {count} traspasos a {max} o menos",
        "rule.handoff-chain.threshold.max-handoffs": "el máximo de traspasos que puede tener un proceso",

        // repeated-ask
        "rule.repeated-ask.title": "Pregunta repetida",
        "rule.repeated-ask.summary": "un proceso pide al cliente el mismo dato dos veces",
        "rule.repeated-ask.rationale": "repetir datos es uno de los mayores esfuerzos para el cliente, y el 96% de los clientes con mucho esfuerzo se vuelve menos fiel (Dixon, Freeman, Toman, HBR 2010)",
        "rule.repeated-ask.override": "arrastrar la información de un paso a otro",
        "rule.repeated-ask.source": "Dixon, Freeman y Toman, “Stop Trying to Delight Your Customers”, HBR 2010 (docs/research.md, “Effort, hand-offs and the wrong metrics”)",
        "rule.repeated-ask.message": "el proceso `{process}` vuelve a pedir al cliente `{item}` (ya se pidió en el paso {step})",
        "rule.repeated-ask.help": "arrastra `{item}` desde el paso {step} en lugar de volver a pedirlo",

        // wide-appointment-window
        "rule.wide-appointment-window.title": "Franja de cita demasiado amplia",
        "rule.wide-appointment-window.summary": "`appointment-window` de más de 2h (aviso) o de 4h (error), o un permiso de cara al cliente con `at-least` de más de 2h",
        "rule.wide-appointment-window.rationale": "los clientes esperan en casa unas 4,5 horas por las visitas técnicas (IBOPE Zogby, 2011); el 53% acepta una franja de 1–2 horas (Trimble, proveedor); Comcast pasó a 2h y llegó al 96% de puntualidad",
        "rule.wide-appointment-window.override": "franjas más cortas, con compensación automática si no se cumplen",
        "rule.wide-appointment-window.source": "IBOPE Zogby para TOA Technologies, 2011; Trimble (proveedor); las franjas de 2 horas de Comcast (docs/research.md, “Waiting and punctuality”)",
        "rule.wide-appointment-window.message": "una franja de cita de `{window}` supera `{max}`: el cliente la pasa esperando en casa",
        "rule.wide-appointment-window.help": "acorta `appointment-window` de `{window}` a `{target}`, con compensación automática si no se cumple",
        "rule.wide-appointment-window.message.grant": "`{role}` solo puede ofrecer franjas de `{window}` o más para `{action}`, más amplias que `{max}`",
        "rule.wide-appointment-window.help.grant": "deja que `{role}` ofrezca franjas cortas: cambia `at-least: {window}` por `at-least: {target}`",
        "rule.wide-appointment-window.message.grant-rule": "`{role}` puede verse obligado a ofrecer franjas de `{window}` o más para `{action}` (`{rule}` en su `max`), más amplias que `{max}`",
        "rule.wide-appointment-window.help.grant-rule": "deja que `{role}` ofrezca franjas cortas: baja el `max` de su `at-least` de `{window}` a `{target}`",
        "rule.wide-appointment-window.threshold.warn-above": "una franja mayor es un aviso",
        "rule.wide-appointment-window.threshold.error-above": "una franja mayor es un error",

        // no-delay-notice
        "rule.no-delay-notice.title": "Sin aviso de retraso",
        "rule.no-delay-notice.summary": "no hay compromiso `delay-notice`",
        "rule.no-delay-notice.rationale": "el 81% de los clientes espera que le avisen cuanto antes de cualquier problema con su pedido (Shep Hyken, 2022); avisar de la llegada hace un 82% más probable que vuelvan a contratar (Software Advice)",
        "rule.no-delay-notice.override": "avisar antes de que el cliente se dé cuenta",
        "rule.no-delay-notice.source": "Shep Hyken, “Never, Never, Never Be Late”, 2022; Software Advice sobre los avisos de llegada (docs/research.md, “Telling the customer first”)",
        "rule.no-delay-notice.message": "no hay compromiso `delay-notice`: los clientes se enteran de los retrasos por su cuenta",
        "rule.no-delay-notice.help": "añade `delay-notice` con `lead: {lead}` en `commitments`: avisa al cliente antes de que se dé cuenta",
        "rule.no-delay-notice.threshold.lead": "la antelación del aviso que propone el arreglo",

        // handle-time-target
        "rule.handle-time-target.title": "Objetivo de tiempo de atención",
        "rule.handle-time-target.summary": "una métrica de tiempo de atención tiene objetivo o afecta a algo (`affects`)",
        "rule.handle-time-target.rationale": "los objetivos de tiempo medio de atención empujan a cortar llamadas, transferir y escoger los casos fáciles (artículo semilla 004; CCW; SquawkPoint)",
        "rule.handle-time-target.override": "medir resolución, bajas y valor del cliente",
        "rule.handle-time-target.source": "artículo semilla 004; CCW; SquawkPoint (docs/research.md, “Effort, hand-offs and the wrong metrics”)",
        "rule.handle-time-target.message.target": "la métrica de tiempo de atención `{metric}` tiene un objetivo de `{target}`",
        "rule.handle-time-target.message.both": "la métrica de tiempo de atención `{metric}` tiene un objetivo de `{target}` y repercute en `{affects}`",
        "rule.handle-time-target.message.affects": "la métrica de tiempo de atención `{metric}` repercute en `{affects}`",
        "rule.handle-time-target.help": "deja de dirigir a los agentes con `{metric}`: quita su objetivo y `affects`, y mide la resolución en el primer contacto, las bajas o el valor del cliente",
        "rule.handle-time-target.threshold.metrics": "los nombres de métrica que miden el tiempo de atención",

        // channel-abandonment
        "rule.channel-abandonment.title": "Abandono de canal",
        "rule.channel-abandonment.summary": "un canal está cerrado, o su primera respuesta es más lenta de lo que el cliente espera en él",
        "rule.channel-abandonment.rationale": "en redes sociales el cliente espera respuesta en menos de una hora y cerca del 30% se cambia si lo ignoran (Sprout Social); la empresa media tarda 12 horas en contestar un correo (SuperOffice)",
        "rule.channel-abandonment.override": "reabrirlo con un compromiso de respuesta",
        "rule.channel-abandonment.source": "Toister; SuperOffice; Sprout Social; artículo semilla 004 sobre “supporting abandonment” (docs/research.md, “Channels”)",
        "rule.channel-abandonment.message.closed": "el canal `{channel}` está cerrado: quien escribe por ahí no recibe respuesta",
        "rule.channel-abandonment.help.closed": "reabre `{channel}` con un compromiso de primera respuesta de `{norm}` como mucho",
        "rule.channel-abandonment.message.slow": "la primera respuesta por `{channel}` tarda hasta `{within}`, más que los `{norm}` que espera el cliente",
        "rule.channel-abandonment.help.slow": "responde por `{channel}` en `{norm}` en lugar de `{within}`",
        "rule.channel-abandonment.threshold.phone": "la primera respuesta más lenta que el cliente acepta por teléfono",
        "rule.channel-abandonment.threshold.chat": "la primera respuesta más lenta que el cliente acepta por chat",
        "rule.channel-abandonment.threshold.email": "la primera respuesta más lenta que el cliente acepta por correo",
        "rule.channel-abandonment.threshold.social": "la primera respuesta más lenta que el cliente acepta en redes sociales",

        // no-customer-outcome-metric
        "rule.no-customer-outcome-metric.title": "Sin métrica de resultado para el cliente",
        "rule.no-customer-outcome-metric.summary": "ninguna métrica de bajas, valor del cliente, recomendaciones, resolución en el primer contacto o esfuerzo del cliente",
        "rule.no-customer-outcome-metric.rationale": "mide lo que retiene al cliente: bajas, valor del cliente, recomendaciones, resolución en el primer contacto y esfuerzo (artículo semilla 004; HBR 2010)",
        "rule.no-customer-outcome-metric.override": "añadir una",
        "rule.no-customer-outcome-metric.source": "artículo semilla 004; Dixon, Freeman y Toman, HBR 2010 (docs/research.md, “Effort, hand-offs and the wrong metrics”)",
        "rule.no-customer-outcome-metric.message": "ninguna métrica mide lo que recibe el cliente: no hay ninguna de {metrics}",
        "rule.no-customer-outcome-metric.help": "añade en `metrics` una métrica de resultado para el cliente, como `first-contact-resolution` o `churn`",
        "rule.no-customer-outcome-metric.threshold.metrics": "los nombres de métrica que cuentan como resultado para el cliente",

        // unreachable-approver
        "rule.unreachable-approver.title": "Aprobador sin tiempo de respuesta",
        "rule.unreachable-approver.summary": "un rol que aparece en una `approval` no tiene `reachable-within`",
        "rule.unreachable-approver.rationale": "una decisión sin plazo conocido no se le puede prometer al cliente, y la rapidez de la decisión es fidelidad (TARP)",
        "rule.unreachable-approver.override": "declararlo",
        "rule.unreachable-approver.source": "estudios de quejas de TARP: la rapidez de la decisión se traduce en lealtad (docs/research.md, “Frontline discretion”)",
        "rule.unreachable-approver.message": "`{role}` aprueba {places} pero no tiene `reachable-within`: nadie puede decirle al cliente cuánto va a tardar",
        "rule.unreachable-approver.help": "declara en cuánto responde `{role}`, por ejemplo `reachable-within: 15m`",

        // expired-exception
        "rule.expired-exception.title": "Excepción caducada",
        "rule.expired-exception.summary": "una entrada de `exceptions` cuya fecha `until` ya pasó",
        "rule.expired-exception.rationale": "aceptar un hallazgo es una decisión con fecha; pasada esa fecha, hay que revisarla",
        "rule.expired-exception.override": "quitarla o renovarla con un motivo",
        "rule.expired-exception.source": "la práctica de SwiftLint, ESLint y Spectral: los hallazgos aceptados se revisan, no se olvidan",
        "rule.expired-exception.message": "la excepción para `{rule}` caducó el `{until}`; sus hallazgos vuelven a aparecer",
        "rule.expired-exception.help": "corrige los hallazgos y quita la excepción, o renueva `until` con un motivo",

        // unused-exception
        "rule.unused-exception.title": "Excepción sin uso",
        "rule.unused-exception.summary": "una entrada de `exceptions` que no silencia nada (el hallazgo ya no existe)",
        "rule.unused-exception.rationale": "una excepción obsoleta tapa futuros hallazgos de la misma regla; ESLint y SwiftLint también avisan de las supresiones sin uso",
        "rule.unused-exception.override": "quitarla",
        "rule.unused-exception.source": "`--report-unused-disable-directives` de ESLint; `superfluous_disable_command` de SwiftLint",
        "rule.unused-exception.message": "la excepción para `{rule}` no silencia nada: el hallazgo ya no existe",
        "rule.unused-exception.message.at": "la excepción para `{rule}` en `{at}` no silencia nada: ahí no hay ningún hallazgo así",
        "rule.unused-exception.help": "quita la excepción para `{rule}`",

        // window-without-remedy
        "rule.window-without-remedy.title": "Franja sin compensación",
        "rule.window-without-remedy.summary": "una franja `appointment-window` sin `remedy` automático si no se cumple, y sin ninguna compensación con `backs: appointment-window`",
        "rule.window-without-remedy.rationale": "Comcast abona 20 $ si el técnico llega tarde y Ofgem obliga a pagar 30 £ automáticamente por una visita fallida: una promesa que no cuesta nada incumplir se incumple fácil",
        "rule.window-without-remedy.override": "una compensación automática si no se cumple la franja",
        "rule.window-without-remedy.source": "la bonificación de 20 dólares de Comcast cuando el técnico llega tarde; las 30 libras automáticas de Ofgem por una visita fallida (docs/research.md, “Waiting and punctuality”)",
        "rule.window-without-remedy.message": "la franja de cita de `{window}` no tiene compensación automática si no se cumple",
        "rule.window-without-remedy.help": "añade una compensación automática: `window: {window}` con `remedy: {remedy}` en `appointment-window`",
        "rule.window-without-remedy.threshold.remedy": "la compensación que propone el arreglo (en la moneda de la política)",

        // forced-channel-switch
        "rule.forced-channel-switch.title": "Cambio de canal forzado",
        "rule.forced-channel-switch.summary": "un paso de proceso manda al cliente a otro canal o lugar (`redirect:`)",
        "rule.forced-channel-switch.rationale": "cambiar de canal es uno de los mayores esfuerzos para el cliente, y el esfuerzo genera deslealtad (Dixon, Freeman, Toman, HBR 2010)",
        "rule.forced-channel-switch.override": "resolverlo en el canal del cliente",
        "rule.forced-channel-switch.source": "Dixon, Freeman y Toman, HBR 2010: cambiar de canal es uno de los mayores esfuerzos para el cliente (docs/research.md, “Effort, hand-offs and the wrong metrics”)",
        "rule.forced-channel-switch.message": "el proceso `{process}` manda al cliente a `{target}` en lugar de resolverlo donde está",
        "rule.forced-channel-switch.help": "resuelve `{process}` en el canal del cliente: quita `redirect: {target}`",

        // verbatim-script
        "rule.verbatim-script.title": "Guion literal",
        "rule.verbatim-script.summary": "un paso de proceso exige leer un guion palabra por palabra (`script: { verbatim: true }`)",
        "rule.verbatim-script.rationale": "Zappos trabaja sin guiones y deja decidir a sus agentes; un guion literal le habla al cliente en lugar de hablar con él",
        "rule.verbatim-script.override": "una lista de puntos, con las palabras del agente",
        "rule.verbatim-script.source": "Zappos: sin guiones, los agentes deciden (docs/research.md, “Frontline discretion”, “More smells worth rules”)",
        "rule.verbatim-script.message": "el proceso `{process}` obliga a leer un guion palabra por palabra",
        "rule.verbatim-script.help": "deja que los agentes usen sus propias palabras en `{process}`: `verbatim: false`, y usa el guion como lista de puntos",

        // call-length-cap
        "rule.call-length-cap.title": "Límite de duración de llamada",
        "rule.call-length-cap.summary": "una métrica de tiempo de atención o de duración de llamada con `max`",
        "rule.call-length-cap.rationale": "Zappos no limita la duración de las llamadas; los límites empujan a cortarlas y a transferir (artículo semilla 004; CCW)",
        "rule.call-length-cap.override": "sin límite: la llamada dura lo que necesite el problema",
        "rule.call-length-cap.source": "Zappos: sin límite de duración de las llamadas; artículo semilla 004; CCW (docs/research.md, “Effort, hand-offs and the wrong metrics”)",
        "rule.call-length-cap.message": "la métrica `{metric}` limita las llamadas a `{max}`",
        "rule.call-length-cap.help": "quita `max: {max}` de `{metric}`: la llamada dura lo que necesite el problema del cliente",
        "rule.call-length-cap.threshold.metrics": "los nombres de métrica que miden la duración de las llamadas",

        // handoff-without-notes
        "rule.handoff-without-notes.title": "Traspaso sin notas",
        "rule.handoff-without-notes.summary": "un traspaso con `notes: false`: las notas del caso se quedan atrás",
        "rule.handoff-without-notes.rationale": "un traspaso sin notas obliga al cliente a contarlo todo otra vez, uno de los mayores esfuerzos y fuente de deslealtad (Dixon, Freeman, Toman, HBR 2010)",
        "rule.handoff-without-notes.override": "pasar las notas con el caso",
        "rule.handoff-without-notes.source": "Dixon, Freeman y Toman, HBR 2010: tener que repetir la información es uno de los mayores esfuerzos para el cliente (docs/research.md, “Effort, hand-offs and the wrong metrics”)",
        "rule.handoff-without-notes.message": "el proceso `{process}` pasa al cliente a `{role}` sin las notas del caso",
        "rule.handoff-without-notes.help": "envía las notas con el traspaso a `{role}`: `notes: true`",

        // unreviewed-discretion
        "rule.unreviewed-discretion.title": "Margen de decisión sin revisión",
        "rule.unreviewed-discretion.summary": "un presupuesto discrecional con `review: none` o sin `review`",
        "rule.unreviewed-discretion.rationale": "el margen de decisión funciona con salvaguardas: revisar a posteriori muestra dónde cambiar la política sin hacer esperar al cliente",
        "rule.unreviewed-discretion.override": "una revisión a posteriori",
        "rule.unreviewed-discretion.source": "el presupuesto de Ritz-Carlton y cómo se revisa (docs/research.md, “Frontline discretion”, “More smells worth rules”)",
        "rule.unreviewed-discretion.message": "`{role}` puede gastar hasta `{amount}` por `{per}` sin revisión a posteriori",
        "rule.unreviewed-discretion.help": "añade `review: after-the-fact` al presupuesto discrecional de `{role}`",

        // remedy-on-claim (lenguaje 1.1)
        "rule.remedy-on-claim.title": "Compensación solo si se reclama",
        "rule.remedy-on-claim.summary": "una compensación con `automatic: false`: el cliente tiene que reclamar lo que la empresa ya sabe que le debe",
        "rule.remedy-on-claim.rationale": "un fallo que la empresa ya conoce no debería esperar a que el cliente lo reclame: los pagos garantizados de Ofgem y los reembolsos del DOT de EE. UU. son automáticos, mientras que las aerolíneas, en la práctica, solo pagan la compensación del Reglamento 261/2004 si se reclama",
        "rule.remedy-on-claim.override": "hacerla automática",
        "rule.remedy-on-claim.source": "los pagos garantizados de Ofgem (Guaranteed Standards of Performance); la norma final del DOT de EE. UU. sobre reembolsos automáticos (abril de 2024); el Reglamento (CE) 261/2004 (docs/research.md, “Owed without asking”)",
        "rule.remedy-on-claim.message": "la compensación `{remedy}` solo se da si el cliente la reclama, aunque la empresa sabe cuándo la debe",
        "rule.remedy-on-claim.help": "haz automática `{remedy}`: escribe `automatic: true` (o quita `automatic: false`) y dala sin esperar a que la reclamen",

        // slow-remedy (lenguaje 1.1)
        "rule.slow-remedy.title": "Compensación lenta",
        "rule.slow-remedy.summary": "una compensación cuyo `within` supera 7d (los días hábiles cuentan 5bd como 1w)",
        "rule.slow-remedy.rationale": "lo que se debe, se debe ya: Ofgem paga en 10 días hábiles y debe un pago más si se retrasa, y el DOT de EE. UU. exige reembolsar las compras con tarjeta en 7 días hábiles; una compensación que tarda semanas obliga al cliente a perseguirla",
        "rule.slow-remedy.override": "darla durante el contacto, o en pocos días",
        "rule.slow-remedy.source": "los pagos garantizados de Ofgem (Guaranteed Standards of Performance); la norma final del DOT de EE. UU. sobre reembolsos automáticos (abril de 2024) (docs/research.md, “Owed without asking”)",
        "rule.slow-remedy.message": "la compensación `{remedy}` puede tardar hasta `{within}` en llegar al cliente, más de `{max}`",
        "rule.slow-remedy.help": "da `{remedy}` durante el contacto, o baja `within: {within}` a `{max}` o menos",
        "rule.slow-remedy.threshold.max-within": "lo máximo que puede tardar una compensación en llegar al cliente (`5bd` cuenta como `1w`)",

        // slow-handoff (lenguaje 1.1)
        "rule.slow-handoff.title": "Traspaso lento",
        "rule.slow-handoff.summary": "un `handoff` de un proceso cuyo `wait` supera 1d",
        "rule.slow-handoff.rationale": "un cliente traspasado a un equipo que responde en días es un cliente sin resolver: el 25% de los clientes sin resolver piensa irse, frente al 5% de los que se resuelven a la primera (SQM, proveedor), y la rapidez de la decisión se traduce en lealtad (TARP)",
        "rule.slow-handoff.override": "darle poder al primer contacto, o un equipo más rápido",
        "rule.slow-handoff.source": "SQM (proveedor) sobre las transferencias y la resolución; estudios de quejas de TARP (docs/research.md, “Effort, hand-offs and the wrong metrics”, “Frontline discretion”)",
        "rule.slow-handoff.message": "el proceso `{process}` traspasa al cliente a `{role}` y le hace esperar hasta `{wait}`, más de `{max}`",
        "rule.slow-handoff.help": "dale al primer contacto el poder de resolverlo, o busca un equipo que responda antes: baja `wait: {wait}` a `{max}` o menos",
        "rule.slow-handoff.threshold.max-wait": "lo máximo que puede esperar un cliente tras un traspaso",

        // retention-gate (lenguaje 1.1)
        "rule.retention-gate.title": "Barrera de retención",
        "rule.retention-gate.summary": "una acción que pone fin a la relación (por defecto `cancel-*`, `close-account`, `end-contract`) que ningún rol de primer contacto (de cara al cliente, sin `reachable-within`) puede hacer sin un traspaso o una aprobación",
        "rule.retention-gate.rationale": "irse debería ser tan fácil como darse de alta, como exigían las enmiendas «click to cancel» de la FTC de 2024 (un tribunal de apelación de EE. UU. las anuló en julio de 2025 por motivos de procedimiento); un traspaso a retención antes de poder irse es esfuerzo, y el esfuerzo genera deslealtad (HBR 2010)",
        "rule.retention-gate.override": "dejar que el primer contacto dé de baja; ofrecer, no poner barreras",
        "rule.retention-gate.source": "las enmiendas «click to cancel» de la FTC a la Negative Option Rule, octubre de 2024, anuladas en julio de 2025; Dixon, Freeman y Toman, HBR 2010 (docs/research.md, “Owed without asking”, criterio propio)",
        "rule.retention-gate.message": "un cliente no puede hacer `{action}` en el primer contacto, solo tras un traspaso a {others}",
        "rule.retention-gate.message.nobody": "nadie puede hacer `{action}`: un cliente que lo pide no puede conseguirlo",
        "rule.retention-gate.message.never": "nadie puede hacer nunca `{action}`: un cliente que lo pide no puede conseguirlo",
        "rule.retention-gate.message.approval": "`{role}` necesita la aprobación de `{approver}` antes de que un cliente pueda hacer `{action}`",
        "rule.retention-gate.message.when": "`{role}` solo puede hacer `{action}` cuando se cumple esta condición; si no, un cliente que lo pide no puede conseguirlo en el primer contacto",
        "rule.retention-gate.message.above-limit": "`{action}` necesita la aprobación de `{approver}`: ningún rol de primer contacto ({roles}) puede hacerlo solo",
        "rule.retention-gate.help": "deja que `{role}` haga `{action}` en el primer contacto, sin aprobación y sin condición; ofrece lo que pueda retener al cliente, pero no le pongas barreras para irse",
        "rule.retention-gate.threshold.actions": "los identificadores de las acciones que ponen fin a la relación (`*` equivale a cualquier secuencia de caracteres)",

        // Configuración (.leeway.yml)
        "what.configuration": "la configuración",
        "what.rule-settings": "los ajustes de la regla `{value}`",
        "config.unknown-rule": "regla desconocida `{rule}`",
        "config.unknown-rule.help": "`leeway rules` muestra todos los identificadores de reglas",
        "config.bad-threshold": "`{value}` no es un valor válido de `{name}` para `{rule}`",
        "config.threshold-kind.duration": "escribe una duración, como `{default}`",
        "config.threshold-kind.amount": "escribe un importe en la moneda de la política, sin la moneda, como `{default}`",
        "config.threshold-kind.count": "escribe un número entero, como `{default}`",
        "config.threshold-kind.list": "escribe una lista, como `{default}`",

        // Excepciones
        "exception.unknown-rule": "la excepción menciona la regla desconocida `{rule}`",
        "exception.unknown-rule.help": "`leeway rules` muestra todos los identificadores de reglas",
        "exception.meta-rule": "una excepción no puede silenciar `{rule}`",
        "exception.meta-rule.help": "quita o renueva la excepción a la que se refiere",

        // Línea base
        "baseline.cannot-write": "no se puede escribir la línea base `{path}`: {reason}",
        "baseline.not-json": "`{path}` no es una línea base de Leeway",
        "baseline.bad-version": "`{path}` es una línea base de otro formato; esta versión de Leeway lee la versión {version}",
        "baseline.help": "graba una nueva con `leeway check --write-baseline {path}`",

        // leeway rules
        "rules.unknown": "regla desconocida `{rule}`",
        "rules.unknown.help": "`leeway rules` muestra todos los identificadores de reglas",
        "rules.column.id": "regla",
        "rules.column.severity": "gravedad",
        "rules.column.title": "título",
        "rules.footer": "{count} reglas; `leeway rules ID` explica una y `.leeway.yml` las configura",
        "rules.label.fires-when": "salta cuando",
        "rules.label.why": "por qué",
        "rules.label.source": "fuente",
        "rules.label.thresholds": "umbrales",
        "rules.label.no-thresholds": "ninguno",
        "rules.label.default": "por defecto",
        "rules.label.override": "alternativa",
        "rules.label.triggering": "salta con (↓ marca dónde cae el hallazgo)",
        "rules.label.non-triggering": "no salta con",
        "rules.label.configure": "configúrala en `.leeway.yml`",
        "rules.configure.or-off": "o bien off para desactivarla",
        "rules.docs.title": "Reglas de Leeway",
        "rules.docs.intro": "Generado a partir del registro de reglas con `leeway rules --markdown docs/rules.md`; no lo edites a mano.",
    ]
}
