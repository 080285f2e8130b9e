import Foundation

/// An amount that depends on the case (language 1.1, docs/language.md#amount-rules):
/// a percent of a fact, bands by a fact, or steps by a fact. Written wherever a grant's
/// `up-to`/`at-least`, a discretion `up-to` or a remedy's `amount` is.
public enum AmountRule: Sendable, Equatable {
    /// `10% of order-value`, or `{ percent: 10, of: order-value, min: 5 USD, max: 50 USD }`.
    case percent(Percent)
    /// `{ by: distance, bands: [ { up-to: 1500, amount: 250 EUR }, …, { amount: 600 EUR } ] }`.
    case bands(Bands)
    /// `{ base: 75 GBP, add: 35 GBP, each: 12h, of: outage, after: 12h, max: 300 GBP }`.
    case steps(Steps)

    public struct Percent: Sendable, Equatable {
        public var percent: Decimal
        public var of: String
        public var min: Quantity?
        public var max: Quantity?
        /// Written in the short form (`10% of order-value`).
        public var short: Bool

        public init(percent: Decimal, of: String, min: Quantity? = nil, max: Quantity? = nil, short: Bool = false) {
            self.percent = percent
            self.of = of
            self.min = min
            self.max = max
            self.short = short
        }
    }

    public struct Band: Sendable, Equatable {
        /// Inclusive upper bound in the fact's type; nil for the last, "otherwise" band.
        public var upTo: FactValue?
        public var amount: Quantity

        public init(upTo: FactValue?, amount: Quantity) {
            self.upTo = upTo
            self.amount = amount
        }
    }

    public struct Bands: Sendable, Equatable {
        public var by: String
        public var bands: [Band]

        public init(by: String, bands: [Band]) {
            self.by = by
            self.bands = bands
        }
    }

    public struct Steps: Sendable, Equatable {
        public var base: Quantity
        public var add: Quantity
        /// In the fact's type.
        public var each: FactValue
        public var of: String
        /// In the fact's type; 0 when not written.
        public var after: FactValue
        public var max: Quantity?

        public init(base: Quantity, add: Quantity, each: FactValue, of: String, after: FactValue, max: Quantity? = nil) {
            self.base = base
            self.add = add
            self.each = each
            self.of = of
            self.after = after
            self.max = max
        }
    }

    /// The fact the rule reads.
    public var fact: String {
        switch self {
        case .percent(let rule): return rule.of
        case .bands(let rule): return rule.by
        case .steps(let rule): return rule.of
        }
    }

    /// The most the rule can come to, when it says so with `max` (percent and steps; bands
    /// have none): what a static rule judges a limit by (docs/language.md).
    public var max: Quantity? {
        switch self {
        case .percent(let rule): return rule.max
        case .steps(let rule): return rule.max
        case .bands: return nil
        }
    }

    /// The rule as written, in short: `10% of order-value`, `by distance in bands`,
    /// `75 GBP + 35 GBP each 12h of outage after 12h`.
    public var description: String {
        switch self {
        case .percent(let rule):
            var text = "\(Money.format(rule.percent))% of \(rule.of)"
            if let min = rule.min { text += ", min \(min)" }
            if let max = rule.max { text += ", max \(max)" }
            return text
        case .bands(let rule):
            let parts = rule.bands.map { band in
                band.upTo.map { "≤ \($0): \(band.amount)" } ?? "otherwise \(band.amount)"
            }
            return "by \(rule.by): " + parts.joined(separator: "; ")
        case .steps(let rule):
            var text = "\(rule.base) + \(rule.add) each \(rule.each) of \(rule.of)"
            if FactValue.compare(rule.after, rule.each.zeroOfKind) != 0 { text += " after \(rule.after)" }
            if let max = rule.max { text += ", max \(max)" }
            return text
        }
    }

    /// The rule's value for a case that gives `value` for the rule's fact (nil: missing),
    /// exactly (the reference the compiled evaluator agrees with). Nil: unknown — the fact
    /// is missing, or no band matches.
    public func value(given value: FactValue?) -> Quantity? {
        guard let value else { return nil }
        switch self {
        case .percent(let rule):
            guard let number = value.decimalValue else { return nil }
            var product = rule.percent * number / 100
            var rounded = Decimal()
            let scale: Int
            switch value {
            case .money(let money): scale = Money.minorDigits(money.currency)
            default: scale = 0
            }
            NSDecimalRound(&rounded, &product, scale, .down)
            var result = Quantity(rounded, like: value)
            if let min = rule.min, let order = result?.compare(min), order == .orderedAscending { result = min }
            if let max = rule.max, let order = result?.compare(max), order == .orderedDescending { result = max }
            return result
        case .bands(let rule):
            for band in rule.bands {
                guard let upTo = band.upTo else { return band.amount }
                if let order = FactValue.compare(value, upTo), order <= 0 { return band.amount }
            }
            return nil
        case .steps(let rule):
            guard let fact = value.decimalValue, let after = rule.after.decimalValue, let each = rule.each.decimalValue, each > 0 else { return nil }
            var result = rule.base
            if fact > after {
                var quotient = (fact - after) / each
                var whole = Decimal()
                NSDecimalRound(&whole, &quotient, 0, .down)
                guard let added = rule.add.times(whole), let sum = result.plus(added) else { return nil }
                result = sum
            }
            if let max = rule.max, let order = result.compare(max), order == .orderedDescending { result = max }
            return result
        }
    }
}

/// A limit or an amount as written: a value, or an amount rule.
public enum Amount: Sendable, Equatable, CustomStringConvertible {
    case value(Quantity)
    case rule(AmountRule)

    public var fixed: Quantity? {
        if case .value(let quantity) = self { return quantity }
        return nil
    }

    public var rule: AmountRule? {
        if case .rule(let rule) = self { return rule }
        return nil
    }

    public var description: String {
        switch self {
        case .value(let quantity): return quantity.description
        case .rule(let rule): return rule.description
        }
    }
}

extension FactValue {
    /// An ordered value as a decimal number (money's amount, seconds, a count).
    public var decimalValue: Decimal? {
        switch self {
        case .money(let money): return money.amount
        case .duration(let duration): return Decimal(duration.seconds)
        case .count(let count): return Decimal(count)
        case .enumeration, .bool, .set: return nil
        }
    }

    /// Zero of the same kind (for `after`'s default).
    public var zeroOfKind: FactValue {
        switch self {
        case .money(let money): return .money(Money(0, money.currency))
        case .duration: return .duration(.zero)
        case .count: return .count(0)
        default: return self
        }
    }
}

extension Quantity {
    /// A quantity of the same kind as a fact value, from an exact number (seconds for
    /// durations); nil when it does not fit.
    init?(_ number: Decimal, like value: FactValue) {
        switch value {
        case .money(let money):
            self = .money(Money(number, money.currency))
        case .duration:
            guard let seconds = Quantity.wholeNumber(number) else { return nil }
            self = .duration(Duration(seconds: seconds))
        case .count:
            guard let count = Quantity.wholeNumber(number) else { return nil }
            self = .count(count)
        default:
            return nil
        }
    }

    /// A decimal as an `Int64` when it is a whole number in range (exactly: no Double).
    static func wholeNumber(_ number: Decimal) -> Int64? {
        guard number >= Decimal(Int64.min), number <= Decimal(Int64.max) else { return nil }
        let value = NSDecimalNumber(decimal: number).int64Value
        return Decimal(value) == number ? value : nil
    }

    /// The quantity as an exact number (money's amount, seconds, a count).
    public var decimalValue: Decimal {
        switch self {
        case .money(let money): return money.amount
        case .duration(let duration): return Decimal(duration.seconds)
        case .count(let count): return Decimal(count)
        }
    }

    /// `self × n` for a whole `n`; nil when it does not fit.
    func times(_ n: Decimal) -> Quantity? {
        switch self {
        case .money(let money): return .money(Money(money.amount * n, money.currency))
        case .duration(let duration):
            let product = Decimal(duration.seconds) * n
            guard product <= Decimal(Int64.max) else { return nil }
            return .duration(Duration(seconds: NSDecimalNumber(decimal: product).int64Value))
        case .count(let count):
            let product = Decimal(count) * n
            guard product <= Decimal(Int64.max) else { return nil }
            return .count(NSDecimalNumber(decimal: product).int64Value)
        }
    }

    /// The sum of two quantities of one kind; nil otherwise or when it does not fit.
    public func plus(_ other: Quantity) -> Quantity? {
        switch (self, other) {
        case let (.money(a), .money(b)) where a.currency == b.currency: return .money(Money(a.amount + b.amount, a.currency))
        case let (.duration(a), .duration(b)):
            let (sum, overflow) = a.seconds.addingReportingOverflow(b.seconds)
            return overflow ? nil : .duration(Duration(seconds: sum))
        case let (.count(a), .count(b)):
            let (sum, overflow) = a.addingReportingOverflow(b)
            return overflow ? nil : .count(sum)
        default: return nil
        }
    }
}
