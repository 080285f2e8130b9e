import Foundation
import LeewayCore

/// How verified overrides are judged (docs/overrides.md "Judgement"): by what else they
/// let through, not only by whether they help.
///
/// Without a corpus each override's `Breadth` is compared, figure by figure in this
/// order: conditions dropped, values added, edits, bounds moved, the amount a limit moves;
/// then the kind (`OverrideKind`'s order) and the position in the file. With a corpus
/// (`--cases`): the corpus wants it newly allows that were not asked about, the money it
/// newly allows at the frontline, the first-contact resolutions it gains (more is
/// better); then the order without a corpus.
///
/// The first override is shown with up to two alternatives that are not dominated: no
/// other verified override is at least as good on every figure and better on one.
public enum OverrideJudgement {
    /// The figures compared, in order, each better smaller (first-contact gains negated).
    static func figures(_ override: Override, corpus: Bool) -> [Decimal] {
        let breadth = override.breadth
        let plain: [Decimal] = [Decimal(breadth.conditionsDropped), Decimal(breadth.valuesAdded), Decimal(max(1, override.steps.count)),
                                Decimal(breadth.boundsMoved), breadth.amount]
        guard corpus, let impact = override.impact else { return plain }
        let money = impact.cost.values.reduce(Decimal(0), +)
        return [Decimal(impact.otherWants), money, -Decimal(impact.firstContact)] + plain
    }

    /// Best first.
    public static func order(_ overrides: [Override], corpus: Bool) -> [Override] {
        let keyed = overrides.enumerated().map { (offset: $0.offset, figures: figures($0.element, corpus: corpus), override: $0.element) }
        return keyed.sorted { a, b in
            if a.figures != b.figures {
                for (x, y) in zip(a.figures, b.figures) where x != y { return x < y }
            }
            if a.override.kind != b.override.kind { return a.override.kind < b.override.kind }
            let (p, q) = (a.override.edits.first?.start ?? .start, b.override.edits.first?.start ?? .start)
            if p != q { return p < q }
            return a.offset < b.offset
        }.map(\.override)
    }

    /// Whether `a` dominates `b`: at least as good on every figure, better on one.
    static func dominates(_ a: [Decimal], _ b: [Decimal]) -> Bool {
        zip(a, b).allSatisfy { $0 <= $1 } && zip(a, b).contains { $0 < $1 }
    }

    /// The first of `ranked` (best first), with up to two alternatives no other
    /// override dominates, and why it comes first.
    static func withAlternatives(_ ranked: [Override], corpus: Bool) -> Override {
        var first = ranked[0]
        let all = ranked.map { figures($0, corpus: corpus) }
        var alternatives: [Override] = []
        var shown: [[Decimal]] = [all[0]]
        for (index, candidate) in ranked.enumerated().dropFirst() where alternatives.count < 2 {
            let mine = all[index]
            if shown.contains(mine) { continue }
            if all.indices.contains(where: { $0 != index && dominates(all[$0], mine) }) { continue }
            alternatives.append(candidate)
            shown.append(mine)
        }
        first.alternatives = alternatives
        first.why = why(first, against: alternatives.first ?? ranked.dropFirst().first, corpus: corpus)
        return first
    }

    /// The first figure on which the first override beats the next one, as a sentence.
    static func why(_ first: Override, against other: Override?, corpus: Bool) -> Message {
        guard let other else { return Message("override.why.only") }
        let a = figures(first, corpus: corpus), b = figures(other, corpus: corpus)
        let names: [String] = (corpus && first.impact != nil ? ["other-wants", "cost", "first-contact"] : [])
            + ["conditions", "values", "steps", "bounds", "amount"]
        for (index, name) in names.enumerated() where index < a.count && index < b.count && a[index] != b[index] {
            func shown(_ override: Override, _ value: Decimal) -> String {
                switch name {
                case "cost": return override.impact?.costText ?? "0"
                case "first-contact": return Money.format(-value)
                case "amount": return override.breadth.amountText.isEmpty ? "0" : override.breadth.amountText
                default: return Money.format(value)
                }
            }
            return Message("override.why.\(name)", ["first": shown(first, a[index]), "other": shown(other, b[index])])
        }
        return Message("override.why.kind", ["first": first.kind.rawValue, "other": other.kind.rawValue])
    }

    /// The figures of an override as a short phrase: `1 value added, amount +15 USD`.
    public static func breadthText(_ override: Override, language: Language) -> String {
        let breadth = override.breadth
        var parts: [String] = []
        func add(_ key: String, _ count: Int) {
            if count > 0 { parts.append(Catalog.render(Message(key, ["count": String(count)]), in: language)) }
        }
        add("override.breadth.conditions", breadth.conditionsDropped)
        add("override.breadth.values", breadth.valuesAdded)
        add("override.breadth.bounds", breadth.boundsMoved)
        if breadth.amount != 0, !breadth.amountText.isEmpty {
            parts.append(Catalog.render(Message("override.breadth.amount", ["amount": breadth.amountText]), in: language))
        }
        if override.steps.count > 1 { add("override.breadth.steps", override.steps.count) }
        if parts.isEmpty { parts.append(Catalog.render(Message("override.breadth.none"), in: language)) }
        return parts.joined(separator: ", ")
    }
}
