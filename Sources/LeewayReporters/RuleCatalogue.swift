import LeewayCore
import LeewayRules

/// A rule as the CI reports describe it (SARIF `tool.driver.rules`, Markdown links): the
/// linter's rules from `RuleRegistry`, plus the input-problem ids (`invalid-policy`,
/// `invalid-case`, `invalid-config`), rendered in the report's language.
public struct RuleInfo: Sendable {
    public var id: String
    public var title: String
    public var summary: String
    public var severity: Severity
    public var rationale: String?
    public var source: String?
    public var override: String?
    /// True for the input-problem ids: the input could not be used.
    public var isInputProblem: Bool
}

public enum RuleCatalogue {
    /// The ids of input problems, in the order reports list them after the rules.
    public static let inputProblemIds = [Finding.invalidPolicy, Finding.invalidCase, Finding.invalidConfig]

    /// Every rule of the registry, then the input-problem ids.
    public static func all(_ options: ReportOptions) -> [RuleInfo] {
        RuleRegistry.descriptions.map { info($0, options) } + inputProblemIds.map { inputProblem($0, options) }
    }

    /// The description of one id; an id that is neither a rule nor an input problem
    /// (a newer rule a baseline mentions, say) gets its id as its title.
    public static func info(for id: String, _ options: ReportOptions) -> RuleInfo {
        if let description = RuleRegistry.description(for: id) { return info(description, options) }
        if inputProblemIds.contains(id) { return inputProblem(id, options) }
        return RuleInfo(id: id, title: id, summary: id, severity: .warning, rationale: nil, source: nil,
                        override: nil, isInputProblem: false)
    }

    static func info(_ description: RuleDescription, _ options: ReportOptions) -> RuleInfo {
        RuleInfo(id: description.id, title: options.render(description.title), summary: options.render(description.summary),
                 severity: description.severity, rationale: options.render(description.rationale),
                 source: options.render(description.source),
                 override: options.render(description.override), isInputProblem: false)
    }

    static func inputProblem(_ id: String, _ options: ReportOptions) -> RuleInfo {
        RuleInfo(id: id, title: options.text("format.input.\(id).title"), summary: options.text("format.input.\(id).summary"),
                 severity: .error, rationale: nil, source: nil, override: options.text("format.input.\(id).help"),
                 isInputProblem: true)
    }

    /// The rule's help as plain text: what it checks, why, its source, and the override.
    public static func helpText(_ rule: RuleInfo, _ options: ReportOptions) -> String {
        var parts = [rule.summary]
        if let rationale = rule.rationale {
            var why = options.text("label.why") + ": " + rationale
            if let source = rule.source { why += " (" + options.text("format.label.source") + ": " + source + ")" }
            parts.append(why)
        }
        if let override = rule.override {
            parts.append(options.text(rule.isInputProblem ? "label.help" : "label.override") + ": " + override)
        }
        return parts.joined(separator: "\n\n")
    }

    /// The rule's help as Markdown, for viewers that render it (GitHub code scanning).
    public static func helpMarkdown(_ rule: RuleInfo, _ options: ReportOptions) -> String {
        var parts = ["**" + MarkdownText.inline(rule.title) + "** (`" + rule.id + "`)", MarkdownText.inline(rule.summary)]
        if let rationale = rule.rationale {
            var why = "**" + MarkdownText.inline(options.text("label.why")) + ":** " + MarkdownText.inline(rationale)
            if let source = rule.source {
                why += " *(" + MarkdownText.inline(options.text("format.label.source")) + ": " + MarkdownText.inline(source) + ")*"
            }
            parts.append(why)
        }
        if let override = rule.override {
            let label = options.text(rule.isInputProblem ? "label.help" : "label.override")
            parts.append("**" + MarkdownText.inline(label) + ":** " + MarkdownText.inline(override))
        }
        return parts.joined(separator: "\n\n")
    }
}
