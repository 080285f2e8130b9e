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
            writer.beginObject()
            writer.key(ascii: "message")
            writer.string(override.message.render(language))
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
            if let impact = override.impact {
                writer.key(ascii: "casesHelped")
                writer.number(impact.helped)
                writer.key(ascii: "casesEvaluated")
                writer.number(impact.cases)
                writer.key(ascii: "firstContact")
                writer.number(impact.firstContact)
                writer.key(ascii: "cost")
                writer.beginObject()
                for currency in impact.cost.keys.sorted() {
                    writer.key(currency)
                    writer.string(Money(impact.cost[currency]!, currency).description)
                }
                writer.endObject()
            }
            writer.endObject()
        }
        writer.endArray()
        if let notice = advice?.notice {
            writer.key(ascii: "customerMessage")
            writer.string(notice)
        }
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
            out += "  " + paint("⇢", "1;36") + " " + paint(text("override.text.label"), "1") + ": " + override.message.render(language)
                + "  " + paint("[\(override.kind.rawValue)] \(override.file):\(override.line)", "2") + "\n"
            if !override.from.isEmpty || !override.to.isEmpty {
                if !override.from.isEmpty { out += "      " + paint("- " + override.from, "31") + "\n" }
                out += "      " + paint("+ " + override.to, "32") + "\n"
            }
            if let impact = override.impact {
                out += "      " + text("override.impact", ["helped": String(impact.helped), "cases": String(impact.cases),
                                                              "firstContact": String(impact.firstContact), "cost": impact.costText]) + "\n"
            }
        }
        for action in advice.unresolvedActions {
            out += "  " + paint("⇢", "1;36") + " " + paint(text("override.text.label"), "1") + ": "
                + text("override.text.none", ["role": advice.role, "action": action]) + "\n"
        }
        if let notice = advice.notice {
            out += "  " + paint("✉", "1;36") + " " + paint(text("override.text.notice"), "1") + ": \u{201C}" + notice + "\u{201D}\n"
        }
        return out
    }
}
