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
    /// How many cases resolved in each time.
    public var times: [Int64: Int] {
        get {
            var all = counted
            if recentCount != 0 { all[recentTime, default: 0] += recentCount }
            if all[recentTime] == 0 { all[recentTime] = nil }
            return all
        }
        set {
            counted = newValue
            recentCount = 0
        }
    }
    /// `times`, less the cases of the last time added, counted on their own while the
    /// same time repeats: most cases resolve in the same time as the case before them, and
    /// hashing each case's time cost a case more than writing its record.
    private var counted: [Int64: Int] = [:]
    private var recentTime: Int64 = 0
    private var recentCount = 0

    public init() {}

    @inline(__always)
    private mutating func count(time: Int64, _ change: Int) {
        if time == recentTime {
            recentCount += change
            return
        }
        if recentCount != 0 {
            counted[recentTime, default: 0] += recentCount
            if counted[recentTime] == 0 { counted[recentTime] = nil }
        }
        recentTime = time
        recentCount = change
    }

    public mutating func add(decisions: [Decision], resolution: Resolution) {
        cases += 1
        if resolution.firstContact { firstContact += 1 }
        for decision in decisions {
            outcomes[BatchSummary.slot(decision.outcome)] += 1
        }
        count(time: resolution.time, 1)
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
        count(time: tally.time, -1)
    }

    public mutating func merge(_ other: BatchSummary) {
        cases += other.cases
        firstContact += other.firstContact
        invalid += other.invalid
        otherPolicy += other.otherPolicy
        for index in outcomes.indices { outcomes[index] += other.outcomes[index] }
        for (time, count) in other.times { self.count(time: time, count) }
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
        let times = self.times
        var seen = 0
        for time in times.keys.sorted() {
            seen += times[time] ?? 0
            if seen >= rank { return time }
        }
        return times.keys.max() ?? 0
    }

    public var firstContactRate: Double { cases == 0 ? 0 : Double(firstContact) / Double(cases) }
}
