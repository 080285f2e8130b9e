import ArgumentParser
import Foundation
import LeewayCore
import LeewayRules

/// `leeway rules [ID]`: lists the rules, or explains one; `--markdown FILE` writes
/// `docs/rules.md` from the registry.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: HelpText.text("help.rules.abstract"),
        discussion: HelpText.text("help.rules.discussion")
    )

    @Argument(help: HelpText.argument("help.rules.id"))
    var id: String?

    @Option(name: .long, help: HelpText.argument("help.rules.markdown", valueName: "file"))
    var markdown: String?

    @Option(name: .long, help: HelpText.argument("help.rules.lang"))
    var lang: Language?

    @Option(name: .long, help: HelpText.argument("help.config-lang"))
    var config: String?

    @Option(name: .long, help: HelpText.argument("help.output.color"))
    var color: ColorChoice?

    func run() throws {
        let language = RunLanguage.resolve(flag: lang, config: config)
        if let markdown {
            // The committed docs are English; `--lang es` writes a Spanish reference.
            let text = RuleDocs.markdown(language: lang ?? .en)
            if markdown == "-" { Terminal.write(text) } else { try AtomicFile.write(text, to: markdown) }
            return
        }
        let style = RulesStyle(enabled: Terminal.stdoutTakesColor)
        guard let id else {
            Terminal.write(Rules.list(language: language, style: style))
            return
        }
        guard let description = RuleRegistry.description(for: id) else {
            var text = "error: " + Catalog.render(Message("rules.unknown", ["rule": id]), in: language)
            if let suggestion = RuleRegistry.suggestion(for: id) {
                text += "\nhelp: " + Catalog.render(Message("load.did-you-mean", ["suggestion": suggestion]), in: language)
            } else {
                text += "\nhelp: " + Catalog.text("rules.unknown.help", in: language)
            }
            Terminal.error(text)
            throw ExitCode(2)
        }
        Terminal.write(Rules.explain(description, language: language, style: style))
    }

    static func list(language: Language, style: RulesStyle) -> String {
        func text(_ key: String) -> String { Catalog.text(key, in: language) }
        let descriptions = RuleRegistry.descriptions
        let idWidth = max(text("rules.column.id").count, descriptions.map(\.id.count).max() ?? 0)
        let severityWidth = max(text("rules.column.severity").count,
                                Severity.allCases.map { text("severity.\($0.rawValue)").count }.max() ?? 0)
        func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
        var out = style.bold(pad(text("rules.column.id").uppercased(), idWidth) + "  " + pad(text("rules.column.severity").uppercased(), severityWidth)
                             + "  " + text("rules.column.title").uppercased()) + "\n"
        for description in descriptions {
            let severity = text("severity.\(description.severity.rawValue)")
            out += pad(description.id, idWidth) + "  " + style.severity(description.severity, pad(severity, severityWidth)) + "  "
                + description.title.render(language) + "\n"
        }
        out += "\n" + style.dim(Catalog.render(Message("rules.footer", ["count": String(descriptions.count)]), in: language)) + "\n"
        return out
    }

    static func explain(_ description: RuleDescription, language: Language, style: RulesStyle) -> String {
        func text(_ key: String) -> String { Catalog.text(key, in: language) }
        func label(_ key: String) -> String { style.bold(text(key)) }
        func indent(_ block: String, _ prefix: String = "    ") -> String {
            block.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : prefix + $0 }.joined(separator: "\n")
        }
        let severity = text("severity.\(description.severity.rawValue)")
        var out = style.bold(description.id) + " · " + style.severity(description.severity, severity) + "\n"
        out += description.title.render(language) + "\n\n"
        out += label("rules.label.fires-when") + ": " + description.summary.render(language) + "\n"
        out += label("rules.label.why") + ": " + description.rationale.render(language) + "\n"
        out += label("rules.label.source") + ": " + description.source.render(language) + "\n"
        out += label("rules.label.override") + ": " + description.override.render(language) + "\n\n"
        if description.thresholds.isEmpty {
            out += label("rules.label.thresholds") + ": " + text("rules.label.no-thresholds") + "\n\n"
        } else {
            out += label("rules.label.thresholds") + " (" + text("rules.label.default") + "):\n"
            let nameWidth = description.thresholds.map(\.name.count).max() ?? 0
            let valueWidth = description.thresholds.map(\.defaultValue.count).max() ?? 0
            for threshold in description.thresholds {
                out += "  " + threshold.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                    + threshold.defaultValue.padding(toLength: valueWidth, withPad: " ", startingAt: 0) + "  "
                    + style.dim(threshold.summary.render(language)) + "\n"
            }
            out += "\n"
        }
        out += label("rules.label.configure") + ":\n" + indent(RuleDocs.configurationExample(description, language: language)) + "\n"
        out += label("rules.label.triggering") + ":\n"
        for example in description.triggering {
            out += indent(example.yaml.trimmingCharacters(in: .newlines)) + "\n\n"
        }
        out += label("rules.label.non-triggering") + ":\n"
        for (index, example) in description.nonTriggering.enumerated() {
            out += indent(example.yaml.trimmingCharacters(in: .newlines)) + "\n"
            if index < description.nonTriggering.count - 1 { out += "\n" }
        }
        return out
    }
}

/// ANSI styling for `leeway rules`, only on a terminal (never with `NO_COLOR`).
struct RulesStyle {
    let enabled: Bool
    func bold(_ s: String) -> String { wrap(s, "1") }
    func dim(_ s: String) -> String { wrap(s, "2") }
    func severity(_ severity: Severity, _ s: String) -> String {
        switch severity {
        case .error: return wrap(s, "1;31")
        case .warning: return wrap(s, "1;33")
        case .note: return wrap(s, "1;36")
        }
    }
    private func wrap(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
}
