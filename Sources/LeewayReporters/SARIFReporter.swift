import Foundation
import LeewayCore
import LeewayRules

/// `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers
/// (SPEC §8). One run; `tool.driver.rules` describes every rule and input-problem id;
/// each result points at its file relative to the repository root (`%SRCROOT%`), with a
/// region unless the finding is about the whole file, and carries the finding's stable
/// fingerprint as `partialFingerprints["leeway/v1"]` (GitHub's upload action computes
/// `primaryLocationLineHash` itself, so Leeway leaves that key to it).
///
/// Built as a JSON object and serialized by `JSONSerialization`, never from strings.
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

    public func report(_ result: CheckResult) -> String {
        JSONOutput.string(log(findings: result.findings, executionSuccessful: !result.hasInputErrors))
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
            "name": rule.id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(),
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
        var text = options.render(finding.message)
        if let help = finding.help {
            text += "\n" + options.text(finding.isInputError ? "label.help" : "label.override") + ": " + options.render(help)
        }
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
        let relative = context.paths.repositoryRelative(file)
        if relative.hasPrefix("/") {
            return ["uri": "file://" + SARIFReporter.percentEncoded(relative)]
        }
        return ["uri": SARIFReporter.percentEncoded(relative), "uriBaseId": SARIFReporter.sourceRoot]
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
        var out = ""
        for byte in path.utf8 {
            let char = Character(Unicode.Scalar(byte))
            if byte < 0x80, char.isLetter || char.isNumber || "-._~/".contains(char) {
                out.append(char)
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
