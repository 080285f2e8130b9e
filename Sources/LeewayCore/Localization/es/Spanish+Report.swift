extension Spanish {
    /// Palabras y líneas de los informes.
    static let report: [String: String] = [
        "severity.error": "error",
        "severity.warning": "aviso",
        "severity.note": "nota",
        "label.why": "por qué",
        "label.help": "cómo arreglarlo",
        "label.override": "alternativa",
        "report.check-summary": "{files:archivo revisado|archivos revisados}: {errors:error|errores}, {warnings:aviso|avisos}, {notes:nota|notas}",
    ]
}
