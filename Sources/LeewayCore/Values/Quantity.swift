import Foundation

/// What an action's amount measures.
public enum Measure: String, CaseIterable, Sendable {
    case money, duration, count, none
}

/// An amount of an action, in the action's measure: money, time, or a count.
public enum Quantity: Hashable, Sendable, CustomStringConvertible {
    case money(Money)
    case duration(Duration)
    case count(Int64)

    public var measure: Measure {
        switch self {
        case .money: return .money
        case .duration: return .duration
        case .count: return .count
        }
    }

    /// As written in YAML: `40 USD`, `4h30m`, `3`.
    public var description: String {
        switch self {
        case .money(let money): return money.description
        case .duration(let duration): return duration.description
        case .count(let count): return String(count)
        }
    }

    /// Compares two quantities of the same measure (and currency); nil otherwise.
    public func compare(_ other: Quantity) -> ComparisonResult? {
        switch (self, other) {
        case let (.money(a), .money(b)):
            guard a.currency == b.currency else { return nil }
            return a.amount == b.amount ? .orderedSame : (a.amount < b.amount ? .orderedAscending : .orderedDescending)
        case let (.duration(a), .duration(b)):
            return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
        case let (.count(a), .count(b)):
            return a == b ? .orderedSame : (a < b ? .orderedAscending : .orderedDescending)
        default:
            return nil
        }
    }
}
