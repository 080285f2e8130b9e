import LeewayCore
import LeewayEngine
import LeewayRules

/// `leeway check --format json` (SPEC §7): a stable interface, fields only ever added.
public struct CheckJSONReporter: Sendable {
    public var options: ReportOptions

    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    /// Written with the engine's streaming `JSONWriter` (keys in sorted order, as
    /// `JSONSerialization`'s `.sortedKeys` would give), which is several times faster
    /// than building a Foundation object tree for thousands of findings.
    public func report(_ result: CheckResult) -> String {
        var json = JSONWriter(pretty: true, capacity: 256 * max(result.findings.count, 1))
        json.beginObject()
        json.key(ascii: "findings")
        json.beginArray()
        for finding in result.findings { FindingJSON.write(finding, options: options, to: &json) }
        json.endArray()
        json.key(ascii: "summary")
        json.beginObject()
        json.key(ascii: "errors"); json.number(result.count(.error))
        json.key(ascii: "files"); json.number(result.fileCount)
        json.key(ascii: "notes"); json.number(result.count(.note))
        json.key(ascii: "warnings"); json.number(result.count(.warning))
        json.endObject()
        json.endObject()
        json.newline()
        return json.string
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

    /// The same object, streamed: the keys of `object(_:options:)` in sorted order.
    public static func write(_ finding: Finding, options: ReportOptions, to json: inout JSONWriter) {
        json.beginObject()
        let position = finding.location.position
        if let position { json.key(ascii: "column"); json.number(position.column) }
        if let end = finding.end {
            json.key(ascii: "endColumn"); json.number(end.column)
            json.key(ascii: "endLine"); json.number(end.line)
        }
        json.key(ascii: "file"); json.string(finding.location.file)
        let help = finding.help.map { options.render($0) }
        if let help, finding.isInputError { json.key(ascii: "help"); json.string(help) }
        if let position { json.key(ascii: "line"); json.number(position.line) }
        json.key(ascii: "message"); json.string(options.render(finding.message))
        if let help, !finding.isInputError { json.key(ascii: "override"); json.string(help) }
        if let path = finding.path { json.key(ascii: "path"); json.string(path.description) }
        if let rationale = finding.rationale { json.key(ascii: "rationale"); json.string(options.render(rationale)) }
        json.key(ascii: "rule"); json.string(finding.rule)
        json.key(ascii: "severity"); json.string(finding.severity.rawValue)
        json.endObject()
    }
}
