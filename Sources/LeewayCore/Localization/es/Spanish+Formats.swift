extension Spanish {
    /// Los informes para CI (SARIF, JUnit, Markdown) y los identificadores de problemas
    /// de entrada que describen.
    static let formats: [String: String] = [
        "format.label.source": "fuente",
        "format.input.invalid-policy.title": "Archivo de política no válido",
        "format.input.invalid-policy.summary": "no se pudo usar el archivo de política: no se puede leer, el YAML no es válido, hay claves desconocidas, errores de tipo o roles sin declarar",
        "format.input.invalid-policy.help": "corrige el archivo en el punto indicado; el mensaje explica qué esperaba Leeway ahí",
        "format.input.invalid-case.title": "Archivo de caso no válido",
        "format.input.invalid-case.summary": "no se pudo usar el archivo del caso: no se puede leer, el YAML no es válido, hay claves desconocidas, o los datos y peticiones no encajan con la política",
        "format.input.invalid-case.help": "corrige el caso en el punto indicado; el mensaje explica qué esperaba Leeway ahí",
        "format.input.invalid-config.title": "Configuración no válida",
        "format.input.invalid-config.summary": "no se pudo usar el archivo de configuración (`.leeway.yml`): el YAML no es válido, hay reglas o umbrales desconocidos, o valores incorrectos",
        "format.input.invalid-config.help": "corrige `.leeway.yml` en el punto indicado; `leeway rules` muestra las reglas y sus umbrales",
        "format.junit.not-run": "no se ejecutó: no se pudo cargar el archivo de política",
        "format.junit.and-more": "(y {count} más)",
        "format.markdown.check-title": "Revisión de políticas con Leeway",
        "format.markdown.files": "archivos",
        "format.markdown.errors": "errores",
        "format.markdown.warnings": "avisos",
        "format.markdown.notes": "notas",
        "format.markdown.no-findings": "sin hallazgos: todos los archivos de política están bien",
        "format.markdown.clean-files": "{count} archivo(s) sin hallazgos",
        "format.column.severity": "gravedad",
        "format.column.rule": "regla",
        "format.column.location": "línea:columna",
        "format.column.message": "hallazgo",
        "format.column.override": "alternativa",
    ]
}
