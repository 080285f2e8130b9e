import Foundation
import LeewayCore

/// `.leeway.yml`: which rules run, at which severity, with which thresholds; the
/// exit threshold and the language. Command-line options override it.
///
/// ```yaml
/// fail-on: warning
/// lang: es
/// rules:
///   no-delay-notice: off                 # turn a rule off
///   verbatim-script: warning             # or set its severity
///   wide-appointment-window:
///     severity: error
///     warn-above: 3h                     # thresholds by name (`leeway rules ID` lists them)
/// ```
public struct Configuration: Sendable {
    /// One rule's settings.
    public struct RuleSettings: Sendable, Equatable {
        public var enabled: Bool
        /// Replaces the severity of every finding of the rule, when set.
        public var severity: Severity?
        /// Threshold values as written, by name (validated against the rule's kinds).
        public var thresholds: [String: String]

        public init(enabled: Bool = true, severity: Severity? = nil, thresholds: [String: String] = [:]) {
            self.enabled = enabled
            self.severity = severity
            self.thresholds = thresholds
        }
    }

    public static let fileName = ".leeway.yml"
    public static let topLevelKeys = ["rules", "fail-on", "lang"]
    public static let failOnValues = ["error", "warning", "note", "never"]
    public static let severityValues = ["error", "warning", "note", "off"]

    public var rules: [String: RuleSettings]
    /// `error`, `warning`, `note` or `never`, when the file sets it.
    public var failOn: String?
    public var language: Language?
    /// The file it was read from, if any.
    public var path: String?

    public init(rules: [String: RuleSettings] = [:], failOn: String? = nil, language: Language? = nil, path: String? = nil) {
        self.rules = rules
        self.failOn = failOn
        self.language = language
        self.path = path
    }

    /// The defaults: every rule on, at its own severity and thresholds.
    public static let standard = Configuration()

    public func settings(for id: String) -> RuleSettings { rules[id] ?? RuleSettings() }
    public func isEnabled(_ id: String) -> Bool { rules[id]?.enabled ?? true }

    /// The context a rule checks with under this configuration.
    public func context(for description: RuleDescription) -> RuleContext {
        RuleContext(description: description, overrides: rules[description.id]?.thresholds ?? [:])
    }

    // MARK: - Finding the file

    /// The names a configuration file may have, in the order they are looked for in a
    /// folder (`.leeway.yml` wins when a folder has both).
    public static let fileNames = [fileName, ".leeway.yaml"]

    /// `.leeway.yml` (or `.leeway.yaml`) in `directory` or the nearest folder above it, if
    /// any. The search stops at the repository root (the folder holding `.git`), so a
    /// configuration outside the checkout never applies to it.
    public static func find(from directory: String = FileManager.default.currentDirectoryPath) -> String? {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        let manager = FileManager.default
        while true {
            for name in fileNames {
                let candidate = url.appendingPathComponent(name).path
                var isDirectory: ObjCBool = false
                if manager.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                    return candidate
                }
            }
            // `.git` is a folder in a clone, a file in a worktree or submodule.
            if manager.fileExists(atPath: url.appendingPathComponent(".git").path) { return nil }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path || url.path == "/" { return nil }
            url = parent
        }
    }

    // MARK: - Loading

    /// The result of reading a configuration file: the configuration when it is usable,
    /// and every problem (`invalid-config`, located).
    public struct LoadResult: Sendable {
        public var configuration: Configuration?
        public var file: SourceFile?
        public var findings: [Finding]
        /// `lang:` when the file sets a valid one, even if other parts are invalid, so
        /// that the problems are told in that language.
        public var language: Language?

        public init(configuration: Configuration?, file: SourceFile?, findings: [Finding], language: Language? = nil) {
            self.configuration = configuration
            self.file = file
            self.findings = findings
            self.language = language ?? configuration?.language
        }
    }

    public static func load(path: String) -> LoadResult {
        switch SourceReading.bytes(path: path, code: Finding.invalidConfig) {
        case .failure(let finding):
            return LoadResult(configuration: nil, file: nil, findings: [finding])
        case .success(let bytes):
            return load(bytes: bytes, path: path)
        }
    }

    public static func load(text: String, path: String) -> LoadResult {
        load(bytes: Array(text.utf8), path: path)
    }

    public static func load(bytes: [UInt8], path: String) -> LoadResult {
        let (file, documents, problems) = SourceReading.documents(bytes: bytes, path: path, code: Finding.invalidConfig)
        var findings = problems
        var configuration = Configuration(path: path)
        if let document = documents.first, let root = document.root, !root.isNull {
            var reader = NodeReader(file: path, code: Finding.invalidConfig)
            reader.report(document.problems)
            decode(root, into: &configuration, reader: &reader)
            findings += reader.findings
        }
        let valid = !findings.contains { $0.severity == .error }
        return LoadResult(configuration: valid ? configuration : nil, file: file, findings: findings.sortedByLocation(),
                          language: configuration.language)
    }

    private static func decode(_ root: YAMLNode, into configuration: inout Configuration, reader: inout NodeReader) {
        let what = Term.what("what.configuration")
        guard let pairs = reader.mapping(root, what) else { return }
        reader.checkKeys(pairs, allowed: topLevelKeys, in: what)
        if let node = root["fail-on"], let text = reader.string(node, "`fail-on`") {
            if failOnValues.contains(text) {
                configuration.failOn = text
            } else {
                reader.unknownValue(node, text, allowed: failOnValues, what: "`fail-on`")
            }
        }
        if let node = root["lang"], let language = reader.enumValue(node, Language.self, "`lang`") {
            configuration.language = language
        }
        guard let rulesNode = root["rules"], let rulePairs = reader.mapping(rulesNode, "`rules`") else { return }
        for pair in rulePairs {
            guard let id = reader.string(pair.key, Term.what("what.rule-id")) else { continue }
            guard let description = RuleRegistry.description(for: id) else {
                if let suggestion = RuleRegistry.suggestion(for: id) {
                    reader.error(at: pair.key, "config.unknown-rule", ["rule": id], help: Message("load.did-you-mean", ["suggestion": suggestion]))
                } else {
                    reader.error(at: pair.key, "config.unknown-rule", ["rule": id], help: Message("config.unknown-rule.help"))
                }
                continue
            }
            if let settings = ruleSettings(pair.value, description: description, reader: &reader) {
                configuration.rules[id] = settings
            }
        }
    }

    private static func ruleSettings(_ node: YAMLNode, description: RuleDescription, reader: inout NodeReader) -> RuleSettings? {
        var settings = RuleSettings()
        // `rule: off` or `rule: warning`.
        if node.scalar != nil, !node.isNull {
            guard let text = reader.string(node, Term.what("what.rule-settings", description.id)) else { return nil }
            return apply(severity: text, node: node, to: &settings, reader: &reader) ? settings : nil
        }
        let what = Term.what("what.rule-settings", description.id)
        guard let pairs = reader.mapping(node, what) else { return nil }
        let thresholdNames = description.thresholds.map(\.name)
        reader.checkKeys(pairs, allowed: ["severity"] + thresholdNames, in: what)
        var valid = true
        if let severityNode = node["severity"], let text = reader.string(severityNode, "`severity`") {
            valid = apply(severity: text, node: severityNode, to: &settings, reader: &reader) && valid
        }
        for threshold in description.thresholds {
            guard let valueNode = node[threshold.name] else { continue }
            let text: String
            if let items = valueNode.sequence {
                text = "[" + items.compactMap(\.scalar).joined(separator: ", ") + "]"
            } else if let scalar = reader.string(valueNode, "`\(threshold.name)`") {
                text = scalar
            } else {
                valid = false
                continue
            }
            guard threshold.accepts(text) else {
                reader.error(at: valueNode, "config.bad-threshold", ["value": text, "name": threshold.name, "rule": description.id],
                             help: Message("config.threshold-kind.\(threshold.kind.rawValue)", ["default": threshold.defaultValue]))
                valid = false
                continue
            }
            settings.thresholds[threshold.name] = text
        }
        return valid ? settings : nil
    }

    private static func apply(severity text: String, node: YAMLNode, to settings: inout RuleSettings, reader: inout NodeReader) -> Bool {
        if text == "off" {
            settings.enabled = false
            return true
        }
        if text == "on" { return true }
        if let severity = Severity(rawValue: text) {
            settings.severity = severity
            return true
        }
        reader.unknownValue(node, text, allowed: severityValues, what: "`severity`")
        return false
    }
}
