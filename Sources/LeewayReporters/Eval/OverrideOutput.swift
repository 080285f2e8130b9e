import Foundation
import LeewayCore
import LeewayEngine
import LeewayOverrides

/// A case's `overrides` in `leeway eval --format json` (SPEC §7): for each want that is
/// not allowed, `message`, `kind`, `action`, `want`, `patch` (`file`, `line`, `from`,
/// `to`, and the `edits` as positions and replacement text), and with `--cases` the
/// `casesHelped`, `casesEvaluated`, `firstContact` and `cost` across the corpus. The
/// customer message, when the case will be late or slow, follows as the case's
/// `customerMessage`.
public enum OverrideJSON {
    public static func write(_ advice: CaseAdvice?, into writer: inout JSONWriter, language: Language = .en) {
        writer.beginArray()
        for override in advice?.overrides ?? [] {
            writeOverride(override, into: &writer, language: language, nested: false)
        }
        writer.endArray()
        if let notice = advice?.notice {
            writer.key(ascii: "customerMessage")
            writer.string(notice)
        }
        guard let advice else { return }
        if !advice.noChange.isEmpty {
            writer.key(ascii: "noChange")
            writer.beginArray()
            for none in advice.noChange {
                writer.beginObject()
                writer.key(ascii: "want")
                writer.number(none.want)
                writer.key(ascii: "action")
                writer.string(none.action)
                writer.key(ascii: "reason")
                writer.string(none.reason.render(language))
                writer.endObject()
            }
            writer.endArray()
        }
        if !advice.counterOffers.isEmpty {
            writer.key(ascii: "counterOffers")
            writer.beginArray()
            for offer in advice.counterOffers {
                writer.beginObject()
                writer.key(ascii: "want")
                writer.number(offer.want)
                writer.key(ascii: "action")
                writer.string(offer.action)
                writer.key(ascii: "role")
                writer.string(offer.role)
                writer.key(ascii: "upTo")
                writer.string(offer.upTo.description)
                writer.key(ascii: "message")
                writer.string(offer.message.render(language))
                writer.endObject()
            }
            writer.endArray()
        }
    }

    static func writeOverride(_ override: Override, into writer: inout JSONWriter, language: Language, nested: Bool) {
        writer.beginObject()
        writer.key(ascii: "message")
        writer.string(override.text(language))
        writer.key(ascii: "kind")
        writer.string(override.kind.rawValue)
        writer.key(ascii: "action")
        writer.string(override.action)
        writer.key(ascii: "want")
        writer.number(override.want)
        writer.key(ascii: "role")
        writer.string(override.role)
        writer.key(ascii: "patch")
        writer.beginObject()
        writer.key(ascii: "file")
        writer.string(override.file)
        writer.key(ascii: "line")
        writer.number(override.line)
        writer.key(ascii: "from")
        writer.string(override.from)
        writer.key(ascii: "to")
        writer.string(override.to)
        writer.key(ascii: "edits")
        writer.beginArray()
        for edit in override.edits {
            writer.beginObject()
            writer.key(ascii: "line")
            writer.number(edit.start.line)
            writer.key(ascii: "column")
            writer.number(edit.start.column)
            writer.key(ascii: "endLine")
            writer.number(edit.end.line)
            writer.key(ascii: "endColumn")
            writer.number(edit.end.column)
            writer.key(ascii: "text")
            writer.string(edit.replacement)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        writer.key(ascii: "steps")
        writer.beginArray()
        for step in override.steps {
            writer.beginObject()
            writer.key(ascii: "kind")
            writer.string(step.kind.rawValue)
            writer.key(ascii: "message")
            writer.string(step.message.render(language))
            writer.key(ascii: "line")
            writer.number(step.line)
            writer.key(ascii: "from")
            writer.string(step.from)
            writer.key(ascii: "to")
            writer.string(step.to)
            writer.endObject()
        }
        writer.endArray()
        writer.key(ascii: "breadth")
        writer.beginObject()
        writer.key(ascii: "conditionsDropped")
        writer.number(override.breadth.conditionsDropped)
        writer.key(ascii: "valuesAdded")
        writer.number(override.breadth.valuesAdded)
        writer.key(ascii: "boundsMoved")
        writer.number(override.breadth.boundsMoved)
        writer.key(ascii: "limitRaised")
        writer.string(override.breadth.amountText)
        writer.endObject()
        if let impact = override.impact {
            writer.key(ascii: "casesHelped")
            writer.number(impact.helped)
            writer.key(ascii: "casesEvaluated")
            writer.number(impact.cases)
            writer.key(ascii: "firstContact")
            writer.number(impact.firstContact)
            writer.key(ascii: "otherWantsAllowed")
            writer.number(impact.otherWants)
            writer.key(ascii: "cost")
            writer.beginObject()
            for currency in impact.cost.keys.sorted() {
                writer.key(currency)
                writer.string(Money(impact.cost[currency]!, currency).description)
            }
            writer.endObject()
        }
        if !nested {
            if let why = override.why {
                writer.key(ascii: "why")
                writer.string(why.render(language))
            }
            writer.key(ascii: "alternatives")
            writer.beginArray()
            for alternative in override.alternatives {
                writeOverride(alternative, into: &writer, language: language, nested: true)
            }
            writer.endArray()
        }
        writer.endObject()
    }
}

/// The overrides and the customer message as text, under a case's verdict.
public struct OverrideText: Sendable {
    public var language: Language
    public var color: Bool

    public init(language: Language = .en, color: Bool = false) {
        self.language = language
        self.color = color
    }

    private func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        Catalog.render(Message(key, arguments), in: language)
    }

    public func render(_ advice: CaseAdvice) -> String {
        var out = ""
        for override in advice.overrides {
            out += "  " + paint("⇢", "1;36") + " " + paint(text("override.text.label"), "1") + ": " + override.text(language)
                + "  " + paint("[\(override.kind.rawValue)] \(override.file):\(override.line)", "2") + "\n"
            let changes = override.steps.isEmpty ? [(override.from, override.to)] : override.steps.map { ($0.from, $0.to) }
            for (from, to) in changes where !from.isEmpty || !to.isEmpty {
                if !from.isEmpty { out += "      " + paint("- " + from, "31") + "\n" }
                out += "      " + paint("+ " + to, "32") + "\n"
            }
            out += figures(override)
            if !override.alternatives.isEmpty, let why = override.why {
                out += "      " + why.render(language) + "\n"
            }
            for alternative in override.alternatives {
                out += "    " + paint(text("override.text.alternative"), "1") + ": " + alternative.text(language)
                    + "  " + paint("[\(alternative.kind.rawValue)] \(alternative.file):\(alternative.line)", "2") + "\n"
                out += figures(alternative)
            }
        }
        for (index, action) in advice.unresolvedActions.enumerated() {
            let reason = index < advice.noChange.count ? advice.noChange[index].reason.render(language) : nil
            out += "  " + paint("⇢", "1;36") + " " + paint(text("override.text.label"), "1") + ": "
                + (reason.map { text("override.text.none-reason", ["role": advice.role, "action": action, "reason": $0]) }
                    ?? text("override.text.none", ["role": advice.role, "action": action])) + "\n"
        }
        for offer in advice.counterOffers {
            out += "  " + paint("⇢", "1;36") + " " + paint(text("override.text.counter-offer"), "1") + ": " + offer.message.render(language) + "\n"
        }
        if let notice = advice.notice {
            out += "  " + paint("✉", "1;36") + " " + paint(text("override.text.notice"), "1") + ": \u{201C}" + notice + "\u{201D}\n"
        }
        return out
    }

    /// The breadth line, and with a corpus the impact line.
    func figures(_ override: Override) -> String {
        var out = "      " + paint(text("override.text.breadth", ["figures": OverrideJudgement.breadthText(override, language: language)]), "2") + "\n"
        if let impact = override.impact {
            out += "      " + text("override.impact", ["helped": String(impact.helped), "cases": String(impact.cases),
                                                          "firstContact": String(impact.firstContact), "cost": impact.costText])
                + "; " + text("override.impact.other", ["count": String(impact.otherWants)]) + "\n"
        }
        return out
    }
}
