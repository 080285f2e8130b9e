extension English {
    /// Words and lines of the reports.
    static let report: [String: String] = [
        "severity.error": "error",
        "severity.warning": "warning",
        "severity.note": "note",
        "label.why": "why",
        "label.help": "help",
        "label.override": "override",
        "report.check-summary": "checked {files:file|files}: {errors:error|errors}, {warnings:warning|warnings}, {notes:note|notes}",
    ]
}
