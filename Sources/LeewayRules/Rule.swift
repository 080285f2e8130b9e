import Foundation
import LeewayCore

/// A configurable threshold of a rule (`max-window: 4h`).
public struct Threshold: Sendable {
    /// What a threshold's value is, for validating `.leeway.yml`.
    public enum Kind: String, Sendable {
        /// A duration: `4h`, `1h30m`.
        case duration
        /// An amount in the policy's currency, written as a bare number: `100`.
        case amount
        /// A whole number: `2`.
        case count
        /// A list of names: `[churn, referrals]`.
        case list
    }

    public var name: String
    /// The default, as written in `.leeway.yml`.
    public var defaultValue: String
    /// What the threshold means (a catalogue key).
    public var summary: Message
    public var kind: Kind

    public init(name: String, defaultValue: String, summary: Message, kind: Kind? = nil) {
        self.name = name
        self.defaultValue = defaultValue
        self.summary = summary
        self.kind = kind ?? Threshold.inferKind(defaultValue)
    }

    /// A threshold of rule `id`, its summary under `rule.<id>.threshold.<name>`.
    public init(_ name: String, rule id: String, default value: String, kind: Kind) {
        self.init(name: name, defaultValue: value, summary: Message("rule.\(id).threshold.\(name)"), kind: kind)
    }

    static func inferKind(_ value: String) -> Kind {
        if value.hasPrefix("[") || value.contains(",") { return .list }
        if Int(value) != nil { return .count }
        if Duration(parsing: value) != nil { return .duration }
        if Money.decimal(value) != nil { return .amount }
        return .list
    }

    /// The items of a list written `[a, b]` or `a, b`.
    public static func listItems(_ text: String) -> [String] {
        var body = Substring(text)
        if body.hasPrefix("[") { body = body.dropFirst() }
        if body.hasSuffix("]") { body = body.dropLast() }
        return body.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Whether `text` is a valid value of this threshold's kind.
    public func accepts(_ text: String) -> Bool {
        switch kind {
        case .duration: return Duration(parsing: text) != nil
        case .amount:
            guard let value = Money.decimal(text) else { return false }
            return value >= 0
        case .count: return Int(text).map { $0 >= 0 } ?? false
        case .list: return true
        }
    }
}

/// A rule's static description (STYLE habit 1): everything `leeway rules`, the SARIF
/// `rules[]`, and `docs/rules.md` show, plus the examples that become its tests.
///
/// Examples are policy YAML. In a triggering example, a line ending with a comment
/// `# ↑` marks nothing; instead the marker `↓` placed immediately before a value or key
/// (see `RuleExample`) says exactly where a finding must land.
public struct RuleDescription: Sendable {
    /// Kebab-case id, stable forever (SPEC §5).
    public var id: String
    /// A short title (catalogue key `rule.<id>.title`).
    public var title: Message
    /// What the rule checks, in one sentence (catalogue key `rule.<id>.summary`).
    public var summary: Message
    public var severity: Severity
    /// Why it matters, with its evidence (catalogue key `rule.<id>.rationale`).
    public var rationale: Message
    /// The evidence's source, as cited in docs/research.md (catalogue key `rule.<id>.source`).
    public var source: Message
    /// The override the rule suggests, in general terms (catalogue key `rule.<id>.override`).
    public var override: Message
    public var thresholds: [Threshold]
    public var triggering: [RuleExample]
    public var nonTriggering: [RuleExample]

    public init(id: String, severity: Severity, thresholds: [Threshold] = [],
                triggering: [RuleExample], nonTriggering: [RuleExample]) {
        self.id = id
        self.title = Message("rule.\(id).title")
        self.summary = Message("rule.\(id).summary")
        self.severity = severity
        self.rationale = Message("rule.\(id).rationale")
        self.source = Message("rule.\(id).source")
        self.override = Message("rule.\(id).override")
        self.thresholds = thresholds
        self.triggering = triggering
        self.nonTriggering = nonTriggering
    }
}

/// A YAML policy example for a rule. In triggering examples, `↓` immediately before a
/// token marks where a finding must start (line and column of the token); the marker
/// is removed before the example is loaded.
public struct RuleExample: Sendable {
    public var yaml: String

    public init(_ yaml: String) {
        self.yaml = yaml
    }

    public static let marker: Character = "↓"

    /// The lines put before an example that does not start its own policy set
    /// (`leeway: 1`), so that examples show only what matters to the rule.
    public static let header = "leeway: 1\npolicy: example\ncurrency: USD\n"

    /// Whether the example is a whole policy set (it writes `leeway:` itself).
    public var isComplete: Bool { yaml.hasPrefix("leeway:") || yaml.contains("\nleeway:") }

    /// The example as a loadable policy set (with `header` when needed), without
    /// markers, and the marked positions in that text.
    public var policy: (yaml: String, marks: [SourcePosition]) {
        let (body, marks) = stripped
        if isComplete { return (body, marks) }
        let offset = RuleExample.header.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        return (RuleExample.header + body, marks.map { SourcePosition(line: $0.line + offset, column: $0.column) })
    }

    /// The example without markers, and the marked positions.
    public var stripped: (yaml: String, marks: [SourcePosition]) {
        var out = ""
        var marks: [SourcePosition] = []
        var line = 1
        var column = 1
        for char in yaml {
            if char == RuleExample.marker {
                marks.append(SourcePosition(line: line, column: column))
                continue
            }
            out.append(char)
            if char == "\n" {
                line += 1
                column = 1
            } else {
                column += char.unicodeScalars.count
            }
        }
        return (out, marks)
    }
}
