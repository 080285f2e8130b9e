import Foundation
import LeewayCore

/// The end-of-batch summary: decisions by outcome, first-contact rate, and the median
/// and 90th percentile of the time to resolution. Times are kept as a histogram
/// (distinct durations are few), so memory stays flat however many cases stream by.
public struct BatchSummary: Sendable {
    public var cases = 0
    public var firstContact = 0
    public var outcomes = [Int](repeating: 0, count: 4)
    public var invalid = 0
    /// Cases passed over because they name another policy set (cases found in folders).
    public var otherPolicy = 0
    public var times: [Int64: Int] = [:]

    public init() {}

    public mutating func add(decisions: [Decision], resolution: Resolution) {
        cases += 1
        if resolution.firstContact { firstContact += 1 }
        for decision in decisions {
            outcomes[BatchSummary.slot(decision.outcome)] += 1
        }
        times[resolution.time, default: 0] += 1
    }

    /// One case's share of a summary, kept to take it back out (a case evaluated ahead of
    /// its turn whose result the cases before it changed).
    struct Tally {
        var firstContact: Bool
        var time: Int64
        var outcomes: SIMD4<Int32> = .zero

        init(decisions: [Decision], resolution: Resolution) {
            firstContact = resolution.firstContact
            time = resolution.time
            for decision in decisions { outcomes[BatchSummary.slot(decision.outcome)] += 1 }
        }
    }

    mutating func remove(_ tally: Tally) {
        cases -= 1
        if tally.firstContact { firstContact -= 1 }
        for index in outcomes.indices { outcomes[index] -= Int(tally.outcomes[index]) }
        times[tally.time, default: 0] -= 1
        if times[tally.time] == 0 { times[tally.time] = nil }
    }

    public mutating func merge(_ other: BatchSummary) {
        cases += other.cases
        firstContact += other.firstContact
        invalid += other.invalid
        otherPolicy += other.otherPolicy
        for index in outcomes.indices { outcomes[index] += other.outcomes[index] }
        for (time, count) in other.times {
            times[time, default: 0] += count
            if times[time] == 0 { times[time] = nil }
        }
    }

    static func slot(_ outcome: Outcome) -> Int {
        switch outcome {
        case .allowed: return 0
        case .needsApproval: return 1
        case .escalate: return 2
        case .blocked: return 3
        }
    }

    public func count(_ outcome: Outcome) -> Int { outcomes[BatchSummary.slot(outcome)] }

    /// The time below which `fraction` of the cases resolve (nearest rank).
    public func percentile(_ fraction: Double) -> Int64 {
        guard cases > 0 else { return 0 }
        let rank = max(1, Int((Double(cases) * fraction).rounded(.up)))
        var seen = 0
        for time in times.keys.sorted() {
            seen += times[time] ?? 0
            if seen >= rank { return time }
        }
        return times.keys.max() ?? 0
    }

    public var firstContactRate: Double { cases == 0 ? 0 : Double(firstContact) / Double(cases) }
}
