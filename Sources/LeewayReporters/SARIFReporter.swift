import Foundation
import LeewayCore
import LeewayEngine
import LeewayRules

/// `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers
/// (SPEC §8). One run; `tool.driver.rules` describes every rule and input-problem id;
/// each result points at its file relative to the repository root (`%SRCROOT%`), with a
/// region unless the finding is about the whole file, and carries the finding's stable
/// fingerprint as `partialFingerprints["leeway/v1"]` (GitHub's upload action computes
/// `primaryLocationLineHash` itself, so Leeway leaves that key to it).
///
/// Written with the streaming `JSONWriter` in `JSONSerialization`'s layout (the log was
/// first built as a Foundation object tree, which took 1.4 GB for 10,000 files); `log`
/// still gives it as a JSON object.
public struct SARIFReporter: Sendable {
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The `uriBaseId` of artifact locations: the repository root.
    public static let sourceRoot = "%SRCROOT%"
    /// Leeway's own key in `partialFingerprints`, versioned so that a change in how the
    /// fingerprint is computed can take a new key instead of silently reopening alerts.
    public static let fingerprintKey = "leeway/v1"

    public var options: ReportOptions
    public var context: ReportContext

    public init(options: ReportOptions = ReportOptions(), context: ReportContext) {
        self.options = options
        self.context = context
    }

    /// The log as `JSONSerialization` wrote it (sorted keys, its layout), streamed with
    /// `JSONWriter`: the same writer as a streamed check (`SARIFStream`), on every finding
    /// at once.
    public func report(_ result: CheckResult) -> String {
        var stream = SARIFStream(reporter: self)
        var totals = CheckTotals()
        totals.hasInputErrors = result.hasInputErrors
        let all = Linter.FileCheck(path: "", findings: result.findings.sortedByLocation(), source: nil)
        let body = stream.body(all, CheckReportPart(bytes: nil))
        return String(decoding: stream.start(totals) + body + stream.end(totals), as: UTF8.self)
    }

    /// One result, as `result(_:ruleIndex:)` describes it, keys in sorted order.
    func writeResult(_ finding: Finding, ruleIndex: Int, to json: inout JSONWriter) {
        writeResult(finding, ruleIndex: ruleIndex, artifact: artifact(finding.location.file), to: &json)
    }

    /// One result, its file's artifact location worked out already (once per file).
    func writeResult(_ finding: Finding, ruleIndex: Int, artifact: (uri: String, base: String?), to json: inout JSONWriter) {
        json.beginObject()
        json.key(ascii: "level"); json.string(SARIFReporter.level(finding.severity))
        json.key(ascii: "locations")
        json.beginArray()
        json.beginObject()
        json.key(ascii: "physicalLocation")
        json.beginObject()
        json.key(ascii: "artifactLocation")
        let (uri, base) = artifact
        json.beginObject()
        json.key(ascii: "uri"); json.string(uri)
        if let base { json.key(ascii: "uriBaseId"); json.string(base) }
        json.endObject()
        if let position = finding.location.position {
            json.key(ascii: "region")
            json.beginObject()
            if let end = finding.end, end > position {
                json.key(ascii: "endColumn"); json.number(max(1, end.column))
                json.key(ascii: "endLine"); json.number(end.line)
            }
            json.key(ascii: "startColumn"); json.number(max(1, position.column))
            json.key(ascii: "startLine"); json.number(max(1, position.line))
            json.endObject()
        }
        json.endObject()
        json.endObject()
        json.endArray()
        json.key(ascii: "message")
        json.beginObject()
        json.key(ascii: "text"); json.string(utf8: messageBytes(finding))
        json.endObject()
        json.key(ascii: "partialFingerprints")
        json.beginObject()
        let pathText = finding.path?.description
        json.key(ascii: "leeway/v1"); json.string(finding.fingerprint(file: uri, pathText: pathText))
        json.endObject()
        json.key(ascii: "properties")
        json.beginObject()
        if let pathText { json.key(ascii: "path"); json.string(pathText) }
        json.key(ascii: "severity"); json.string(finding.severity.rawValue)
        json.endObject()
        json.key(ascii: "ruleId"); json.string(finding.rule)
        json.key(ascii: "ruleIndex"); json.number(ruleIndex)
        json.endObject()
    }

    /// One rule, as `ruleObject(_:)` describes it, keys in sorted order.
    func writeRule(_ rule: RuleInfo, to json: inout JSONWriter) {
        json.beginObject()
        json.key(ascii: "defaultConfiguration")
        json.beginObject()
        json.key(ascii: "level"); json.string(SARIFReporter.level(rule.severity))
        json.endObject()
        json.key(ascii: "fullDescription")
        json.beginObject()
        json.key(ascii: "text"); json.string(rule.summary)
        json.endObject()
        json.key(ascii: "help")
        json.beginObject()
        json.key(ascii: "markdown"); json.string(RuleCatalogue.helpMarkdown(rule, options))
        json.key(ascii: "text"); json.string(RuleCatalogue.helpText(rule, options))
        json.endObject()
        if !rule.isInputProblem, RuleRegistry.description(for: rule.id) != nil {
            json.key(ascii: "helpUri"); json.string(ReportContext.ruleHelpURI(rule.id))
        }
        json.key(ascii: "id"); json.string(rule.id)
        json.key(ascii: "name"); json.string(SARIFReporter.ruleName(rule.id))
        json.key(ascii: "properties")
        json.beginObject()
        json.key(ascii: "precision"); json.string(ascii: "very-high")
        json.key(ascii: "problem.severity"); json.string(SARIFReporter.problemSeverity(rule.severity))
        json.key(ascii: "tags")
        json.beginArray()
        json.string(ascii: "leeway")
        if rule.isInputProblem { json.string(ascii: "input") } else { json.string(ascii: "customer-service") }
        json.endArray()
        json.endObject()
        json.key(ascii: "shortDescription")
        json.beginObject()
        json.key(ascii: "text"); json.string(rule.title)
        json.endObject()
        json.endObject()
    }

    /// `no-frontline-discretion` → `NoFrontlineDiscretion`.
    static func ruleName(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The result's message: the finding's, then its override (or help) on a line of its own.
    /// `message(_:)` as UTF-8, rendered straight into one buffer.
    func messageBytes(_ finding: Finding) -> [UInt8] {
        var text: [UInt8] = []
        FindingText.messageAndHelp(finding, options: options, into: &text)
        return text
    }

    func message(_ finding: Finding) -> String {
        var text = options.render(finding.message)
        if let help = finding.help {
            text += "\n" + options.text(finding.isInputError ? "label.help" : "label.override") + ": " + options.render(help)
        }
        return text
    }

    /// The artifact's `uri`, and its `uriBaseId` when it is relative to the repository root.
    func artifact(_ file: String) -> (uri: String, base: String?) {
        let relative = context.paths.repositoryRelative(file)
        if relative.hasPrefix("/") { return ("file://" + SARIFReporter.percentEncoded(relative), nil) }
        return (SARIFReporter.percentEncoded(relative), SARIFReporter.sourceRoot)
    }

    /// The SARIF log as a JSON object, for any list of findings (`check`, `test`).
    public func log(findings: [Finding], executionSuccessful: Bool = true) -> [String: Any] {
        var rules = RuleCatalogue.all(options)
        var index: [String: Int] = [:]
        for (position, rule) in rules.enumerated() { index[rule.id] = position }
        // Ids no catalogue knows still get an entry, so every `ruleIndex` resolves.
        for finding in findings where index[finding.rule] == nil {
            index[finding.rule] = rules.count
            rules.append(RuleCatalogue.info(for: finding.rule, options))
        }
        let results: [[String: Any]] = findings.sortedByLocation().map { finding in
            result(finding, ruleIndex: index[finding.rule] ?? 0)
        }
        let driver: [String: Any] = [
            "name": "leeway",
            "fullName": "Leeway",
            "version": context.toolVersion,
            "semanticVersion": context.toolVersion,
            "informationUri": ReportContext.informationURI,
            "rules": rules.map(ruleObject),
        ]
        var run: [String: Any] = [
            "tool": ["driver": driver],
            "columnKind": "unicodeCodePoints",
            "invocations": [["executionSuccessful": executionSuccessful]],
            "results": results,
        ]
        // Only when asked (`--sarif-category`): upload-sarif's own `category:` decides otherwise.
        if let category = context.category { run["automationDetails"] = ["id": category] }
        return [
            "$schema": SARIFReporter.schemaURI,
            "version": "2.1.0",
            "runs": [run],
        ]
    }

    func ruleObject(_ rule: RuleInfo) -> [String: Any] {
        var object: [String: Any] = [
            "id": rule.id,
            "name": SARIFReporter.ruleName(rule.id),
            "shortDescription": ["text": rule.title],
            "fullDescription": ["text": rule.summary],
            "help": [
                "text": RuleCatalogue.helpText(rule, options),
                "markdown": RuleCatalogue.helpMarkdown(rule, options),
            ],
            "defaultConfiguration": ["level": SARIFReporter.level(rule.severity)],
            // GitHub code scanning reads these: the checks are deterministic (very high
            // precision), and `problem.severity` sorts alerts that are not security issues.
            "properties": [
                "tags": rule.isInputProblem ? ["leeway", "input"] : ["leeway", "customer-service"],
                "precision": "very-high",
                "problem.severity": SARIFReporter.problemSeverity(rule.severity),
            ] as [String: Any],
        ]
        if !rule.isInputProblem, RuleRegistry.description(for: rule.id) != nil {
            object["helpUri"] = ReportContext.ruleHelpURI(rule.id)
        }
        return object
    }

    func result(_ finding: Finding, ruleIndex: Int) -> [String: Any] {
        let text = message(finding)
        var physical: [String: Any] = ["artifactLocation": artifactLocation(finding.location.file)]
        if let position = finding.location.position {
            var region: [String: Any] = ["startLine": max(1, position.line), "startColumn": max(1, position.column)]
            if let end = finding.end, end > position {
                region["endLine"] = end.line
                region["endColumn"] = max(1, end.column)
            }
            physical["region"] = region
        }
        var properties: [String: Any] = ["severity": finding.severity.rawValue]
        if let path = finding.path { properties["path"] = path.description }
        // The fingerprint names the file by its repository-relative URI, so it is the same
        // in every checkout (CI's fresh clone, a developer's machine).
        let uri = (physical["artifactLocation"] as? [String: Any])?["uri"] as? String
        return [
            "ruleId": finding.rule,
            "ruleIndex": ruleIndex,
            "level": SARIFReporter.level(finding.severity),
            "message": ["text": text],
            "locations": [["physicalLocation": physical]],
            "partialFingerprints": [SARIFReporter.fingerprintKey: finding.fingerprint(file: uri ?? finding.location.file)],
            "properties": properties,
        ]
    }

    /// A file relative to the repository root (`%SRCROOT%`), or a `file:` URI for a file
    /// outside it.
    func artifactLocation(_ file: String) -> [String: Any] {
        let (uri, base) = artifact(file)
        guard let base else { return ["uri": uri] }
        return ["uri": uri, "uriBaseId": base]
    }

    public static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }

    /// GitHub's `problem.severity`: `error`, `warning` or `recommendation`.
    public static func problemSeverity(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "recommendation"
        }
    }

    /// Percent-encodes everything but unreserved characters and `/` (RFC 3986), so a
    /// relative path never reads as a scheme or carries a space.
    static func percentEncoded(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
