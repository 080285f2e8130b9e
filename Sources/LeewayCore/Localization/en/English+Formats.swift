extension English {
    /// The CI reports (SARIF, JUnit, Markdown) and the input-problem ids they describe.
    static let formats: [String: String] = [
        "format.label.source": "source",
        "format.input.invalid-policy.title": "Invalid policy file",
        "format.input.invalid-policy.summary": "the policy file could not be used: unreadable, invalid YAML, unknown keys, type errors or unknown roles",
        "format.input.invalid-policy.help": "fix the file at the location shown; the message says what Leeway expected there",
        "format.input.invalid-case.title": "Invalid case file",
        "format.input.invalid-case.summary": "the case file could not be used: unreadable, invalid YAML, unknown keys, or facts and wants that do not match the policy set",
        "format.input.invalid-case.help": "fix the case at the location shown; the message says what Leeway expected there",
        "format.input.invalid-config.title": "Invalid configuration",
        "format.input.invalid-config.summary": "the configuration file (`.leeway.yml`) could not be used: invalid YAML, unknown rules or thresholds, or bad values",
        "format.input.invalid-config.help": "fix `.leeway.yml` at the location shown; `leeway rules` lists the rules and their thresholds",
        "format.junit.not-run": "not run: the policy file could not be loaded",
        "format.junit.and-more": "(and {count} more)",
        "format.markdown.check-title": "Leeway policy check",
        "format.markdown.files": "files",
        "format.markdown.errors": "errors",
        "format.markdown.warnings": "warnings",
        "format.markdown.notes": "notes",
        "format.markdown.no-findings": "no findings: every policy file passes",
        "format.markdown.clean-files": "{count} file(s) without findings",
        "format.column.severity": "severity",
        "format.column.rule": "rule",
        "format.column.location": "line:column",
        "format.column.message": "finding",
        "format.column.override": "override",
    ]
}
