/// A `when:` condition (SPEC §2): facts matched against matchers, combined with
/// `all` (every part holds) and `any` (at least one holds). A map of several facts is
/// an `all`.
public indirect enum Condition: Sendable {
    case all([Condition], location: SourceLocation)
    case any([Condition], location: SourceLocation)
    case fact(FactMatch)

    public var location: SourceLocation {
        switch self {
        case .all(_, let location), .any(_, let location): return location
        case .fact(let match): return match.location
        }
    }

    /// Every fact match in the condition, in source order.
    public var factMatches: [FactMatch] {
        switch self {
        case .all(let parts, _), .any(let parts, _): return parts.flatMap(\.factMatches)
        case .fact(let match): return [match]
        }
    }
}

/// `issue: [late-arrival, missed-appointment]`: one fact and its matcher.
public struct FactMatch: Sendable {
    public var fact: String
    public var matcher: Matcher
    /// The fact's key in the condition.
    public var location: SourceLocation
    /// The matcher's value node.
    public var valueLocation: SourceLocation
    public var valueEnd: SourcePosition?
}

public indirect enum Matcher: Sendable, Equatable {
    case equals(FactValue)
    case anyOf([FactValue])
    case range(min: FactValue?, max: FactValue?)
    /// Strict bounds with optional inclusive ones (language 1.1): `{ above: 3h }`,
    /// `{ below: 10 USD, min: 2 USD }`.
    case bounds(Bounds)
    case not(Matcher)

    public struct Bounds: Sendable, Equatable {
        public var min: FactValue?
        public var max: FactValue?
        public var above: FactValue?
        public var below: FactValue?

        public init(min: FactValue? = nil, max: FactValue? = nil, above: FactValue? = nil, below: FactValue? = nil) {
            self.min = min
            self.max = max
            self.above = above
            self.below = below
        }

        /// Whether no value can satisfy the bounds (`{ above: 5, max: 5 }`).
        public var neverHolds: Bool {
            func order(_ a: FactValue?, _ b: FactValue?) -> Int? {
                guard let a, let b else { return nil }
                return FactValue.compare(a, b)
            }
            if let o = order(above, max), o >= 0 { return true }
            if let o = order(min, below), o >= 0 { return true }
            if let o = order(above, below), o >= 0 { return true }
            if let o = order(min, max), o > 0 { return true }
            return false
        }
    }

    /// Whether the matcher holds for a value (nil: the case does not give the fact).
    /// A matcher on a missing fact does not hold; `not` on it does.
    public func holds(for value: FactValue?) -> Bool {
        // A `many` fact: a value matcher holds when the list contains it, a list matcher
        // when the lists share a value (language 1.1).
        if case .set(let given)? = value {
            switch self {
            case .not(let inner): return !inner.holds(for: value)
            case .equals(.enumeration(let one)): return given.contains(one)
            case .anyOf(let options): return options.contains { if case .enumeration(let one) = $0 { return given.contains(one) } else { return false } }
            default: return false
            }
        }
        switch self {
        case .not(let inner):
            return !inner.holds(for: value)
        case .equals(let expected):
            guard let value else { return false }
            return FactValue.equal(value, expected)
        case .anyOf(let options):
            guard let value else { return false }
            return options.contains { FactValue.equal(value, $0) }
        case .bounds(let bounds):
            guard let value else { return false }
            if let above = bounds.above { guard let order = FactValue.compare(value, above), order > 0 else { return false } }
            if let below = bounds.below { guard let order = FactValue.compare(value, below), order < 0 else { return false } }
            return Matcher.range(min: bounds.min, max: bounds.max).holds(for: value)
        case .range(let min, let max):
            guard let value else { return false }
            if let min, let order = FactValue.compare(value, min), order < 0 { return false }
            if let max, let order = FactValue.compare(value, max), order > 0 { return false }
            if let min, FactValue.compare(value, min) == nil { return false }
            if let max, FactValue.compare(value, max) == nil { return false }
            return true
        }
    }

    /// As written in YAML, for traces and messages.
    public var description: String {
        switch self {
        case .equals(let value): return value.description
        case .anyOf(let values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        case let .range(min, max):
            var parts: [String] = []
            if let min { parts.append("min: \(min)") }
            if let max { parts.append("max: \(max)") }
            return "{ " + parts.joined(separator: ", ") + " }"
        case .bounds(let bounds):
            var parts: [String] = []
            if let above = bounds.above { parts.append("above: \(above)") }
            if let below = bounds.below { parts.append("below: \(below)") }
            if let min = bounds.min { parts.append("min: \(min)") }
            if let max = bounds.max { parts.append("max: \(max)") }
            return "{ " + parts.joined(separator: ", ") + " }"
        case .not(let inner): return "{ not: \(inner.description) }"
        }
    }
}

extension FactValue {
    /// Equality with money compared by amount (25 USD == 25.00 USD).
    static func equal(_ a: FactValue, _ b: FactValue) -> Bool {
        if case let .money(x) = a, case let .money(y) = b {
            return x.currency == y.currency && x.amount == y.amount
        }
        return a == b
    }

    /// -1, 0, 1 for ordered values of one kind (and currency); nil otherwise.
    public static func compare(_ a: FactValue, _ b: FactValue) -> Int? {
        switch (a, b) {
        case let (.money(x), .money(y)):
            guard x.currency == y.currency else { return nil }
            return x.amount == y.amount ? 0 : (x.amount < y.amount ? -1 : 1)
        case let (.duration(x), .duration(y)):
            return x == y ? 0 : (x < y ? -1 : 1)
        case let (.count(x), .count(y)):
            return x == y ? 0 : (x < y ? -1 : 1)
        default:
            return nil
        }
    }
}
