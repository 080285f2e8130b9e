import LeewayCore
import LeewayRules

/// `leeway check --format json` (SPEC §7): a stable interface, fields only ever added.
public struct CheckJSONReporter: Sendable {
    public var options: ReportOptions

    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    public func report(_ result: CheckResult) -> String {
        let object: [String: Any] = [
            "findings": result.findings.map { FindingJSON.object($0, options: options) },
            "summary": [
                "files": result.fileCount,
                "errors": result.count(.error),
                "warnings": result.count(.warning),
                "notes": result.count(.note),
            ],
        ]
        return JSONOutput.string(object)
    }
}

/// One finding as a JSON object: `rule`, `severity`, `file`, `line`, `column`, `message`,
/// and `override` (rule findings) or `help` (input errors); `rationale`, `path`,
/// `endLine`, `endColumn` where known.
public enum FindingJSON {
    public static func object(_ finding: Finding, options: ReportOptions) -> [String: Any] {
        var object: [String: Any] = [
            "rule": finding.rule,
            "severity": finding.severity.rawValue,
            "file": finding.location.file,
            "message": options.render(finding.message),
        ]
        if let position = finding.location.position {
            object["line"] = position.line
            object["column"] = position.column
        }
        if let end = finding.end {
            object["endLine"] = end.line
            object["endColumn"] = end.column
        }
        if let help = finding.help {
            object[finding.isInputError ? "help" : "override"] = options.render(help)
        }
        if let rationale = finding.rationale { object["rationale"] = options.render(rationale) }
        if let path = finding.path { object["path"] = path.description }
        return object
    }
}
