import Foundation
import LeewayCore
import LeewayEngine

/// The totals of one version over the cases both versions evaluated.
public struct Totals: Sendable, Equatable {
    /// Wants by outcome.
    public var outcomes: [Outcome: Int] = [:]
    /// Wants allowed from a discretion budget (counted in `allowed` too).
    public var viaDiscretion = 0
    public var cases = 0
    public var wants = 0
    public var firstContact = 0
    public var handoffs = 0
    public var approvals = 0
    /// Median and 90th percentile of the time to resolution, over the cases that get
    /// resolved (no blocked want, known time); nil when there are none.
    public var medianTime: Int64?
    public var p90Time: Int64?
    /// Cases whose time is unknown (a role without `reachable-within` on the path).
    public var unknownTime = 0
    /// Cases with at least one want no path gets done.
    public var blockedCases = 0
    /// Cases per time bucket (`TimeBucket.allCases` order).
    public var buckets: [TimeBucket: Int] = [:]
    /// Remedies owed without asking (language 1.1), and the money they come to per
    /// currency (owed amounts that are known).
    public var owed = 0
    public var owedMoney: [String: Decimal] = [:]

    public init() {}

    /// The share of cases resolved at first contact (0…1); nil without cases.
    public var firstContactRate: Double? { cases == 0 ? nil : Double(firstContact) / Double(cases) }

    public init(_ evaluated: [EvaluatedCase]) {
        var builder = Builder()
        for item in evaluated { builder.add(item) }
        self = builder.finish()
    }

    /// Totals case by case: the counts as they come, and each resolved case's time (for
    /// the percentiles).
    public struct Builder: Sendable {
        var totals = Totals()
        var times: [Int64] = []

        public init() {}

        public mutating func add(_ item: EvaluatedCase) {
            totals.add(item, times: &times)
        }

        public func finish() -> Totals {
            var result = totals
            let sorted = times.sorted()
            result.medianTime = Totals.percentile(sorted, 50)
            result.p90Time = Totals.percentile(sorted, 90)
            return result
        }
    }

    mutating func add(_ item: EvaluatedCase, times: inout [Int64]) {
        cases += 1
        for decision in item.decisions {
            wants += 1
            outcomes[decision.outcome, default: 0] += 1
            if decision.viaDiscretion { viaDiscretion += 1 }
        }
        owed += item.owed.count
        for entry in item.owed where entry.known && entry.hasAmount {
            let action = item.policy.actions[Int(entry.action)]
            guard action.measure == .money else { continue }
            let amount = item.input.decimalMode ? entry.amountDecimal : FixedPoint.decimal(entry.amount)
            owedMoney[action.currency ?? item.policy.currency ?? "", default: 0] += amount
        }
        let resolution = item.resolution
        if resolution.firstContact { firstContact += 1 }
        handoffs += resolution.handoffs
        approvals += resolution.approvals
        let bucket = TimeBucket(resolution)
        buckets[bucket, default: 0] += 1
        if resolution.blocked > 0 {
            blockedCases += 1
        } else if !resolution.timeKnown {
            unknownTime += 1
        } else {
            times.append(resolution.time)
        }
    }

    /// The nearest-rank percentile: the smallest value with at least `p`% of the values
    /// at or below it.
    public static func percentile(_ sorted: [Int64], _ p: Int) -> Int64? {
        guard !sorted.isEmpty else { return nil }
        let rank = max(1, Int((Double(p) / 100 * Double(sorted.count)).rounded(.up)))
        return sorted[min(rank, sorted.count) - 1]
    }
}

/// The buckets of the time-to-resolution distribution (the HTML report's chart).
public enum TimeBucket: String, Sendable, CaseIterable {
    /// Every want allowed, no process hand-off.
    case firstContact = "first-contact"
    case upTo1h = "up-to-1h"
    case upTo4h = "up-to-4h"
    case upTo1d = "up-to-1d"
    case upTo3d = "up-to-3d"
    case over3d = "over-3d"
    /// A role without `reachable-within` on the path.
    case unknown
    /// Some want no path gets done.
    case blocked

    public init(_ resolution: Resolution) {
        if resolution.blocked > 0 {
            self = .blocked
        } else if resolution.firstContact {
            self = .firstContact
        } else if !resolution.timeKnown {
            self = .unknown
        } else {
            switch resolution.time {
            case ...3600: self = .upTo1h
            case ...(4 * 3600): self = .upTo4h
            case ...(86400): self = .upTo1d
            case ...(3 * 86400): self = .upTo3d
            default: self = .over3d
            }
        }
    }
}

/// The review in one line: how many cases resolve at first contact that did not, get
/// faster, get slower… Reporters render it (`diff.verdict.*` messages).
public struct Verdict: Sendable, Equatable {
    public var firstContactGained = 0
    public var faster = 0
    public var better = 0
    public var firstContactLost = 0
    public var slower = 0
    public var worse = 0
    /// Cases the new version can no longer evaluate.
    public var broken = 0
    /// Cases that changed without getting better or worse (another approver, same time).
    public var different = 0
    /// Error-level findings the change adds (the verdict names them first).
    public var errorsAdded = 0

    /// One part of the verdict: how a case got better or worse.
    public enum Kind: String, Sendable {
        case firstContactGained, faster, better, firstContactLost, slower, worse
    }

    public init(_ diff: PolicyDiff) {
        for item in diff.changed {
            if item.change == .different { different += 1 }
            if let gain = item.gain { count(gain) }
            if let loss = item.loss { count(loss) }
        }
        broken = diff.invalid.filter { $0.new != nil && $0.old == nil }.count
        errorsAdded = diff.addedErrors.count
    }

    mutating func count(_ kind: Kind) {
        switch kind {
        case .firstContactGained: firstContactGained += 1
        case .faster: faster += 1
        case .better: better += 1
        case .firstContactLost: firstContactLost += 1
        case .slower: slower += 1
        case .worse: worse += 1
        }
    }

    /// The parts of the verdict about cases, each a message key and a count, good news
    /// first; empty when no case changes. (Added errors come before them: `errorsAdded`.)
    public var parts: [(key: String, count: Int)] {
        [("diff.verdict.first-contact-gained", firstContactGained), ("diff.verdict.faster", faster),
         ("diff.verdict.better", better), ("diff.verdict.first-contact-lost", firstContactLost),
         ("diff.verdict.slower", slower), ("diff.verdict.worse", worse), ("diff.verdict.broken", broken),
         ("diff.verdict.different", different)].filter { $0.1 > 0 }
    }
}
