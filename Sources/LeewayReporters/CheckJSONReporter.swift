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
    /// A field's value: every field of a finding is a number or a text.
    public enum Value: Sendable, Equatable {
        case number(Int)
        case text(String)

        var any: Any {
            switch self {
            case .number(let number): return number
            case .text(let text): return text
            }
        }
    }

    /// The fields of a finding, in sorted key order (as `.sortedKeys` writes them).
    public static func fields(_ finding: Finding, options: ReportOptions) -> [(key: String, value: Value)] {
        var fields: [(key: String, value: Value)] = []
        let position = finding.location.position
        if let position { fields.append(("column", .number(position.column))) }
        if let end = finding.end {
            fields.append(("endColumn", .number(end.column)))
            fields.append(("endLine", .number(end.line)))
        }
        fields.append(("file", .text(finding.location.file)))
        let help = finding.help.map { options.render($0) }
        if let help, finding.isInputError { fields.append(("help", .text(help))) }
        if let position { fields.append(("line", .number(position.line))) }
        fields.append(("message", .text(options.render(finding.message))))
        if let help, !finding.isInputError { fields.append(("override", .text(help))) }
        if let path = finding.path { fields.append(("path", .text(path.description))) }
        if let rationale = finding.rationale { fields.append(("rationale", .text(options.render(rationale)))) }
        fields.append(("rule", .text(finding.rule)))
        fields.append(("severity", .text(finding.severity.rawValue)))
        return fields
    }

    /// The finding as a Foundation object, for reports that add fields of their own.
    public static func object(_ finding: Finding, options: ReportOptions) -> [String: Any] {
        var object: [String: Any] = [:]
        for field in fields(finding, options: options) { object[field.key] = field.value.any }
        return object
    }

    /// The finding streamed into a writer: the fields of `fields(_:options:)` in their
    /// order, written straight from the finding (messages rendered as bytes, no array of
    /// fields and no string per message on the way).
    public static func write(_ finding: Finding, options: ReportOptions, to json: inout JSONWriter) {
        json.beginObject()
        let position = finding.location.position
        if let position {
            json.key(ascii: "column")
            json.number(position.column)
        }
        if let end = finding.end {
            json.key(ascii: "endColumn")
            json.number(end.column)
            json.key(ascii: "endLine")
            json.number(end.line)
        }
        json.key(ascii: "file")
        json.string(finding.location.file)
        var help: [UInt8]?
        if let message = finding.help {
            var bytes: [UInt8] = []
            options.render(message, into: &bytes)
            help = bytes
        }
        if let help, finding.isInputError {
            json.key(ascii: "help")
            json.string(utf8: help)
        }
        if let position {
            json.key(ascii: "line")
            json.number(position.line)
        }
        var text: [UInt8] = []
        options.render(finding.message, into: &text)
        json.key(ascii: "message")
        json.string(utf8: text)
        if let help, !finding.isInputError {
            json.key(ascii: "override")
            json.string(utf8: help)
        }
        if let path = finding.path {
            json.key(ascii: "path")
            json.string(path.description)
        }
        if let rationale = finding.rationale {
            text.removeAll(keepingCapacity: true)
            options.render(rationale, into: &text)
            json.key(ascii: "rationale")
            json.string(utf8: text)
        }
        json.key(ascii: "rule")
        json.string(finding.rule)
        json.key(ascii: "severity")
        json.string(finding.severity.rawValue)
        json.endObject()
    }
}
