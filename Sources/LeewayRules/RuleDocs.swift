import LeewayCore

/// `docs/rules.md`, generated from the registry (`leeway rules --markdown FILE`). A test
/// fails when the committed file differs from what this produces.
public enum RuleDocs {
    public static let regenerateCommand = "swift run leeway rules --markdown docs/rules.md"

    public static func markdown(language: Language = .en) -> String {
        func text(_ key: String) -> String { Catalog.text(key, in: language) }
        func render(_ message: Message) -> String { message.render(language) }
        var out = "# \(text("rules.docs.title"))\n\n"
        out += "<!-- \(text("rules.docs.intro")) -->\n\n"
        out += "| \(text("rules.column.id")) | \(text("rules.column.severity")) | \(text("rules.column.title")) |\n|---|---|---|\n"
        for description in RuleRegistry.descriptions {
            out += "| [`\(description.id)`](#\(description.id)) | \(text("severity.\(description.severity.rawValue)")) | \(render(description.title)) |\n"
        }
        for description in RuleRegistry.descriptions {
            out += "\n## \(description.id)\n\n"
            out += "**\(render(description.title))** · \(text("severity.\(description.severity.rawValue)"))\n\n"
            out += "- **\(text("rules.label.fires-when"))**: \(render(description.summary))\n"
            out += "- **\(text("rules.label.why"))**: \(render(description.rationale))\n"
            out += "- **\(text("rules.label.source"))**: \(render(description.source))\n"
            out += "- **\(text("rules.label.override"))**: \(render(description.override))\n"
            if description.thresholds.isEmpty {
                out += "- **\(text("rules.label.thresholds"))**: \(text("rules.label.no-thresholds"))\n"
            } else {
                out += "- **\(text("rules.label.thresholds"))**:\n"
                for threshold in description.thresholds {
                    out += "  - `\(threshold.name)` (\(text("rules.label.default")) `\(threshold.defaultValue)`): \(render(threshold.summary))\n"
                }
            }
            out += "\n\(text("rules.label.configure")):\n\n```yaml\n\(configurationExample(description, language: language))```\n"
            out += "\n\(text("rules.label.triggering")):\n"
            for example in description.triggering {
                out += "\n```yaml\n\(example.yaml.hasSuffix("\n") ? example.yaml : example.yaml + "\n")```\n"
            }
            out += "\n\(text("rules.label.non-triggering")):\n"
            for example in description.nonTriggering {
                out += "\n```yaml\n\(example.yaml.hasSuffix("\n") ? example.yaml : example.yaml + "\n")```\n"
            }
        }
        return out
    }

    /// A `.leeway.yml` snippet for a rule: its severity and every threshold at its default.
    public static func configurationExample(_ description: RuleDescription, language: Language = .en) -> String {
        let comment = Catalog.text("rules.configure.or-off", in: language)
        var out = "rules:\n  \(description.id):\n    severity: \(description.severity.rawValue)   # \(comment)\n"
        for threshold in description.thresholds {
            out += "    \(threshold.name): \(threshold.defaultValue)\n"
        }
        return out
    }
}
