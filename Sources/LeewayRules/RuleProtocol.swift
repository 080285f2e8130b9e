import Foundation
import LeewayCore

/// A rule of the rigidity linter (SPEC §5): a type with a static description and a
/// check over one loaded policy set. Rules never print; they return findings, which
/// the `Linter` then filters through configuration, exceptions and the baseline.
public protocol Rule: Sendable {
    /// Everything `leeway rules`, SARIF `rules[]` and `docs/rules.md` show, and the
    /// examples that become the rule's tests.
    static var description: RuleDescription { get }

    init()

    /// The rule's findings on one policy set, with the thresholds in `context`.
    /// Findings carry the rule's default severity (or a graded one); the linter applies a
    /// configured severity afterwards.
    func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding]
}

extension Rule {
    public var description: RuleDescription { Self.description }
}

/// What a rule knows while it checks: its description and its effective thresholds.
public struct RuleContext: Sendable {
    public let description: RuleDescription
    /// Threshold values as written in `.leeway.yml` (already validated), by name.
    public let overrides: [String: String]

    /// `rule.<id>.message` and `rule.<id>.help`, built once (findings share them).
    private let messageKey: String
    private let helpKey: String
    /// List thresholds, parsed once.
    private let lists: [String: [String]]

    public init(description: RuleDescription, overrides: [String: String] = [:]) {
        self.description = description
        self.overrides = overrides
        self.messageKey = "rule.\(description.id).message"
        self.helpKey = "rule.\(description.id).help"
        var lists: [String: [String]] = [:]
        for threshold in description.thresholds where threshold.kind == .list {
            lists[threshold.name] = Threshold.listItems(overrides[threshold.name] ?? threshold.defaultValue)
        }
        self.lists = lists
    }

    /// A threshold's text: the configured value, else the default.
    public func text(_ name: String) -> String {
        if let value = overrides[name] { return value }
        return description.thresholds.first { $0.name == name }?.defaultValue ?? ""
    }

    public func duration(_ name: String) -> Duration {
        Duration(parsing: text(name)) ?? Duration(parsing: defaultText(name)) ?? .zero
    }

    /// An amount in the policy's currency (thresholds on money are written bare: `100`).
    public func amount(_ name: String) -> Decimal {
        Money.decimal(text(name)) ?? Money.decimal(defaultText(name)) ?? 0
    }

    public func count(_ name: String) -> Int {
        Int(text(name)) ?? Int(defaultText(name)) ?? 0
    }

    /// A list threshold, written `[a, b]` or `a, b`.
    public func list(_ name: String) -> [String] {
        lists[name] ?? Threshold.listItems(text(name))
    }

    private func defaultText(_ name: String) -> String {
        description.thresholds.first { $0.name == name }?.defaultValue ?? ""
    }

    /// A finding of this rule: message `rule.<id>.<message>` and help
    /// `rule.<id>.<help>` (the override with the values filled in), the rationale, and
    /// the key path of the node that causes it.
    public func finding(at location: SourceLocation, end: SourcePosition? = nil, path: KeyPath?,
                        message: String = "message", _ arguments: [String: String] = [:],
                        help: String = "help", helpArguments: [String: String]? = nil,
                        severity: Severity? = nil) -> Finding {
        let id = description.id
        return Finding(rule: id, severity: severity ?? description.severity, location: location, end: end,
                       message: Message(message == "message" ? messageKey : "rule.\(id).\(message)", arguments),
                       help: Message(help == "help" ? helpKey : "rule.\(id).\(help)", helpArguments ?? arguments),
                       rationale: description.rationale, path: path)
    }

    public func finding<T>(at value: Located<T>, path: KeyPath?, message: String = "message", _ arguments: [String: String] = [:],
                           help: String = "help", helpArguments: [String: String]? = nil, severity: Severity? = nil) -> Finding {
        finding(at: value.location, end: value.end, path: path, message: message, arguments,
                help: help, helpArguments: helpArguments, severity: severity)
    }
}
