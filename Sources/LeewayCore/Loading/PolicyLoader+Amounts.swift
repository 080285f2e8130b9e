import Foundation

/// Amount rules (language 1.1, docs/language.md#amount-rules): wherever a money, duration
/// or count amount is written, a percent of a fact, bands by a fact, or steps by a fact.
extension PolicyDecoder {
    static let percentKeys = ["percent", "of", "min", "max"]
    static let bandsKeys = ["by", "bands"]
    static let stepsKeys = ["base", "add", "each", "of", "after", "max"]

    /// An amount in `measure`: a value, or an amount rule. Every mistake is a located error.
    mutating func amount(_ node: YAMLNode, measure: Measure, _ what: @autoclosure () -> String) -> Located<Amount>? {
        if measure == .none {
            reader.error(at: node, "load.amount-on-none", ["what": what()], help: Message("load.amount-on-none.help"))
            return nil
        }
        if let pairs = node.mapping {
            guard let rule = amountRule(node, pairs: pairs, measure: measure, what()) else { return nil }
            return Located(.rule(rule), at: reader.location(node), end: node.end)
        }
        if let text = node.scalar, !node.isNull, let short = PolicyDecoder.shortPercent(text) {
            guard let percent = percentValue(node, short.percent) else { return nil }
            guard fact(forRule: short.fact, at: node, measure: measure, sameMeasure: true) != nil else { return nil }
            return Located(.rule(.percent(AmountRule.Percent(percent: percent, of: short.fact, short: true))), at: reader.location(node), end: node.end)
        }
        return reader.quantity(node, measure: measure, what(), currency: currency).map { Located(.value($0.value), at: $0.location, end: $0.end) }
    }

    /// `10% of order-value` → (`10`, `order-value`); nil when the text is not of that form.
    static func shortPercent(_ text: String) -> (percent: String, fact: String)? {
        // Most amounts are plain (`500 USD`): without a `%` there is nothing to split.
        guard text.utf8.contains(UInt8(ascii: "%")) else { return nil }
        let parts = text.trimmingASCIISpaces.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[0].hasSuffix("%"), parts[1] == "of" else { return nil }
        return (String(parts[0].dropLast()), String(parts[2]))
    }

    mutating func percentValue(_ node: YAMLNode, _ text: String) -> Decimal? {
        guard let value = Money.decimal(text.trimmingASCIISpaces), !text.hasPrefix("+") else {
            reader.error(at: node, "load.bad-percent", ["value": text], help: Message("load.bad-percent.help"))
            return nil
        }
        guard value >= 0, value <= 1000 else {
            reader.error(at: node, "load.percent-range", ["value": text], help: Message("load.percent-range.help"))
            return nil
        }
        return value
    }

    mutating func amountRule(_ node: YAMLNode, pairs: [YAMLPair], measure: Measure, _ what: @autoclosure () -> String) -> AmountRule? {
        let names = pairs.map(\.name)
        if names.contains("percent") {
            reader.checkKeys(pairs, allowed: PolicyDecoder.percentKeys, in: Term.what("what.percent-rule"))
            reader.require(["percent", "of"], in: pairs, parent: node, what: Term.what("what.percent-rule"))
            guard let percentNode = node["percent"], let text = reader.string(percentNode, "`percent`"),
                  let percent = percentValue(percentNode, text) else { return nil }
            guard let ofNode = node["of"], let of = reader.string(ofNode, "`of`"),
                  fact(forRule: of, at: ofNode, measure: measure, sameMeasure: true) != nil else { return nil }
            let min = node["min"].flatMap { reader.quantity($0, measure: measure, "`min`", currency: currency) }
            let max = node["max"].flatMap { reader.quantity($0, measure: measure, "`max`", currency: currency) }
            if (node["min"] != nil && min == nil) || (node["max"] != nil && max == nil) { return nil }
            if let min, let max, min.value.compare(max.value) == .orderedDescending, let maxNode = node["max"] {
                reader.error(at: maxNode, "load.rule-min-above-max", ["min": min.value.description, "max": max.value.description])
                return nil
            }
            return .percent(AmountRule.Percent(percent: percent, of: of, min: min?.value, max: max?.value))
        }
        if names.contains("bands") || names.contains("by") {
            reader.checkKeys(pairs, allowed: PolicyDecoder.bandsKeys, in: Term.what("what.bands-rule"))
            reader.require(["by", "bands"], in: pairs, parent: node, what: Term.what("what.bands-rule"))
            guard let byNode = node["by"], let by = reader.string(byNode, "`by`"),
                  let declaration = fact(forRule: by, at: byNode, measure: measure, sameMeasure: false) else { return nil }
            guard let bandsNode = node["bands"], let items = reader.sequence(bandsNode, "`bands`") else { return nil }
            if items.isEmpty {
                reader.error(at: bandsNode, "load.no-bands", help: Message("load.no-bands.help"))
                return nil
            }
            var bands: [AmountRule.Band] = []
            var failed = false
            for (index, item) in items.enumerated() {
                guard let fields = reader.mapping(item, Term.what("what.band")) else { failed = true; continue }
                reader.checkKeys(fields, allowed: ["up-to", "amount"], in: Term.what("what.band"))
                reader.require(["amount"], in: fields, parent: item, what: Term.what("what.band"))
                var upTo: FactValue?
                if let upToNode = item["up-to"] {
                    guard let value = factValue(upToNode, fact: declaration) else { failed = true; continue }
                    if let previous = bands.last?.upTo, let order = FactValue.compare(previous, value), order >= 0 {
                        reader.error(at: upToNode, "load.bands-order", ["value": value.description, "previous": previous.description],
                                     help: Message("load.bands-order.help"))
                        failed = true
                    }
                    upTo = value
                } else if index != items.count - 1 {
                    reader.error(at: item, "load.band-otherwise-last", help: Message("load.band-otherwise-last.help"))
                    failed = true
                }
                guard let amountNode = item["amount"],
                      let amount = reader.quantity(amountNode, measure: measure, Term.what("what.band-amount"), currency: currency) else {
                    failed = true
                    continue
                }
                bands.append(AmountRule.Band(upTo: upTo, amount: amount.value))
            }
            return failed ? nil : .bands(AmountRule.Bands(by: by, bands: bands))
        }
        if names.contains("base") || names.contains("add") || names.contains("each") {
            reader.checkKeys(pairs, allowed: PolicyDecoder.stepsKeys, in: Term.what("what.steps-rule"))
            reader.require(["base", "add", "each", "of"], in: pairs, parent: node, what: Term.what("what.steps-rule"))
            guard let ofNode = node["of"], let of = reader.string(ofNode, "`of`"),
                  let declaration = fact(forRule: of, at: ofNode, measure: measure, sameMeasure: false) else { return nil }
            let base = node["base"].flatMap { reader.quantity($0, measure: measure, "`base`", currency: currency) }
            let add = node["add"].flatMap { reader.quantity($0, measure: measure, "`add`", currency: currency) }
            let max = node["max"].flatMap { reader.quantity($0, measure: measure, "`max`", currency: currency) }
            let each = node["each"].flatMap { factValue($0, fact: declaration) }
            let after = node["after"].flatMap { factValue($0, fact: declaration) }
            if node["max"] != nil && max == nil { return nil }
            if node["after"] != nil && after == nil { return nil }
            guard let base, let add, let each else { return nil }
            if let number = each.decimalValue, number <= 0, let eachNode = node["each"] {
                reader.error(at: eachNode, "load.steps-each-zero", help: Message("load.steps-each-zero.help"))
                return nil
            }
            return .steps(AmountRule.Steps(base: base.value, add: add.value, each: each, of: of, after: after ?? each.zeroOfKind, max: max?.value))
        }
        reader.error(at: node, "load.expected-amount", ["what": what()],
                     help: Message("load.expected-amount.help"))
        return nil
    }

    /// The declared fact an amount rule reads: money, duration or count; for a percent,
    /// of the place's own measure.
    mutating func fact(forRule name: String, at node: YAMLNode, measure: Measure, sameMeasure: Bool) -> FactDeclaration? {
        guard let declaration = facts.first(where: { $0.name == name }) else {
            let candidates = facts.filter { [.money, .duration, .count].contains($0.type) }.map(\.name)
            if let suggestion = Suggest.closest(to: name, in: candidates) {
                reader.error(at: node, "load.unknown-fact", ["fact": name], help: Message("load.did-you-mean", ["suggestion": suggestion]))
            } else {
                reader.error(at: node, "load.unknown-fact", ["fact": name], help: Message("load.declare-fact", ["fact": name]))
            }
            return nil
        }
        let ordered: Bool
        switch declaration.type {
        case .money, .duration, .count: ordered = true
        default: ordered = false
        }
        if !ordered || (sameMeasure && declaration.type.name != measure.rawValue) {
            reader.error(at: node, "load.rule-fact-type", ["fact": name, "type": declaration.type.name,
                                                           "wanted": sameMeasure ? "`\(measure.rawValue)`" : "`money`, `duration`, `count`"],
                         help: Message(sameMeasure ? "load.rule-fact-type.percent-help" : "load.rule-fact-type.help", ["measure": measure.rawValue]))
            return nil
        }
        return declaration
    }
}
