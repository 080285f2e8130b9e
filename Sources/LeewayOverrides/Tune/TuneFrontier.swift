import Foundation
import LeewayCore
import LeewayEngine

/// What a setting of the levers does to the history (docs/tune.md#measures). Money in
/// fixed point, times in seconds. "Avoided" and "saved" count the baseline paths of the
/// wants the setting newly allows: their approvals, hand-offs and times (SPEC §4), summed.
public struct TuneMeasures: Sendable, Equatable {
    public var cases = 0
    public var wants = 0
    public var firstContact = 0
    public var wantsAllowed = 0
    /// Money newly given at the frontline without approval (the wants newly allowed).
    public var cost: Int64 = 0
    public var approvalsAvoided = 0
    public var handoffsAvoided = 0
    public var waitingSaved: Int64 = 0
    /// Newly allowed wants whose baseline path had no known time (not in `waitingSaved`).
    public var waitingUnknown = 0

    public init() {}

    /// First-contact resolution rate, 0–1.
    public var rate: Double { cases == 0 ? 0 : Double(firstContact) / Double(cases) }
}

/// One point of the frontier: a setting of every lever (fixed point; -1: none) and its measures.
public struct TunePoint: Sendable, Equatable {
    public var settings: [Int64]
    public var measures: TuneMeasures
    /// Every lever at the largest amount the history asks of it.
    public var ceiling = false
}

/// The frontier (docs/tune.md#the-frontier): from the tally alone, for increasing spend,
/// the best first-contact rate found. Greedy over lever steps: each step moves one lever
/// to the amount (one the history asks) with the most first-contact resolutions gained
/// per unit of money, until no step gains any; the last point puts every lever at the
/// largest amount asked. Each point's measures are recomputed case by case, exactly.
struct TuneSimulator {
    let tally: TuneTally
    let levers: [TuneLever]
    var values: [Int64]
    /// Per case: its contribution under `values`.
    var contribution: [Contribution]
    var totals: TuneMeasures
    /// Scratch for scans: per case, a generation stamp and a tentative contribution.
    var stamp: [UInt32]
    var tentative: [Contribution]
    var generation: UInt32 = 0

    struct Contribution: Equatable {
        var firstContact = false
        var allowed: Int32 = 0
        var cost: Int64 = 0
        var approvals: Int32 = 0
        var handoffs: Int32 = 0
        var waiting: Int64 = 0
        var unknown: Int32 = 0
    }

    init(tally: TuneTally, levers: [TuneLever]) {
        self.tally = tally
        self.levers = levers
        values = levers.map(\.current)
        contribution = Array(repeating: Contribution(), count: tally.cases)
        stamp = Array(repeating: 0, count: tally.cases)
        tentative = Array(repeating: Contribution(), count: tally.cases)
        totals = TuneMeasures()
        totals.cases = tally.cases
        totals.wants = tally.wants
        for c in 0..<tally.cases {
            let value = simulate(c, lever: -1, value: 0)
            contribution[c] = value
            add(value, sign: 1)
        }
    }

    mutating func add(_ c: Contribution, sign: Int) {
        totals.firstContact += c.firstContact ? sign : 0
        totals.wantsAllowed += Int(c.allowed) * sign
        totals.cost += c.cost * Int64(sign)
        totals.approvalsAvoided += Int(c.approvals) * sign
        totals.handoffsAvoided += Int(c.handoffs) * sign
        totals.waitingSaved += c.waiting * Int64(sign)
        totals.waitingUnknown += Int(c.unknown) * sign
    }

    /// A case under `values`, with `lever` set to `value` instead (lever -1: none).
    func simulate(_ c: Int, lever: Int, value: Int64) -> Contribution {
        var out = Contribution()
        let start = Int(tally.caseWantStart[c]), end = Int(tally.caseWantStart[c + 1])
        if !tally.caseModeled[c] {
            out.firstContact = tally.caseBaseFirstContact[c]
            for w in start..<end where tally.wantBaseAllowed[w] { out.allowed += 1 }
            return out
        }
        let role = Int(tally.caseRole[c])
        let budgetLever = Int(tally.roleBudgetLever[role])
        var pool = budgetLever >= 0 ? (budgetLever == lever ? value : values[budgetLever]) : tally.roleBasePool[role]
        var all = true
        for w in start..<end {
            var allowed: Bool
            switch tally.wantState[w] {
            case .always: allowed = true
            case .never: allowed = false
            case .open:
                allowed = false
                let threshold = max(0, tally.wantAmount[w])
                for position in Int(tally.wantLeverStart[w])..<Int(tally.wantLeverStart[w + 1]) {
                    let l = Int(tally.wantLevers[position])
                    let setting = l == lever ? value : values[l]
                    if setting >= 0 && setting >= threshold {
                        allowed = true
                        break
                    }
                }
                if !allowed && tally.wantBudget[w] && pool >= 0 && tally.wantAmount[w] <= pool {
                    allowed = true
                    pool -= tally.wantAmount[w]
                }
            }
            if allowed {
                out.allowed += 1
                if !tally.wantBaseAllowed[w] {
                    out.cost += tally.wantMoney[w]
                    if tally.wantBaseApproval[w] { out.approvals += 1 }
                    out.handoffs += tally.wantBaseHandoffs[w]
                    if !tally.wantBaseBlocked[w] {
                        if tally.wantBaseWithin[w] < 0 { out.unknown += 1 } else { out.waiting += tally.wantBaseWithin[w] }
                    }
                }
            } else {
                all = false
            }
        }
        out.firstContact = all && tally.caseCanResolve[c]
        return out
    }

    /// Moves a lever and updates the cases it can change.
    mutating func set(_ lever: Int, to value: Int64) {
        let old = values[lever]
        guard value > old else { return }
        values[lever] = value
        var cases: [Int32] = []
        if levers[lever].kind == .discretion {
            guard let role = tally.roleCases.indices.first(where: { tally.roleBudgetLever[$0] == Int32(lever) }) else { return }
            cases = tally.roleCases[role]
        } else {
            generation &+= 1
            for (threshold, want) in tally.leverWants[lever] where threshold > old || old < 0 {
                if threshold > value { break }
                let c = caseOf(Int(want))
                if stamp[c] != generation {
                    stamp[c] = generation
                    cases.append(Int32(c))
                }
            }
        }
        for c32 in cases {
            let c = Int(c32)
            let value = simulate(c, lever: -1, value: 0)
            add(contribution[c], sign: -1)
            contribution[c] = value
            add(value, sign: 1)
        }
    }

    /// The case a want belongs to (binary search over `caseWantStart`).
    func caseOf(_ want: Int) -> Int {
        var low = 0, high = tally.cases - 1
        let starts = tally.caseWantStart
        while low < high {
            let mid = (low + high + 1) / 2
            if Int(starts[mid]) <= want { low = mid } else { high = mid - 1 }
        }
        return low
    }

    struct Step {
        var lever: Int
        var value: Int64
        var gain: Int
        var cost: Int64
        var ratio: Double
    }

    /// The best step of one lever from where it is: the amount with the most first-contact
    /// resolutions per unit of money, among those gaining at least `minimumGain`.
    mutating func bestStep(_ lever: Int, minimumGain: Int) -> Step? {
        let current = values[lever]
        var candidates: [(Int64, Int32)] = []
        if levers[lever].kind == .discretion {
            candidates = budgetCandidates(lever)
        } else {
            let list = tally.leverWants[lever]
            var low = 0, high = list.count
            while low < high {
                let mid = (low + high) / 2
                if current >= 0 && list[mid].0 <= current { low = mid + 1 } else { high = mid }
            }
            candidates = Array(list[low...])
        }
        guard !candidates.isEmpty else { return nil }
        generation &+= 1
        var gain = 0
        var cost: Int64 = 0
        var best: Step?
        var index = 0
        while index < candidates.count {
            let threshold = candidates[index].0
            while index < candidates.count, candidates[index].0 == threshold {
                let c = levers[lever].kind == .discretion ? Int(candidates[index].1) : caseOf(Int(candidates[index].1))
                let before = stamp[c] == generation ? tentative[c] : contribution[c]
                let after = simulate(c, lever: lever, value: max(threshold, 0))
                stamp[c] = generation
                tentative[c] = after
                gain += (after.firstContact ? 1 : 0) - (before.firstContact ? 1 : 0)
                cost += after.cost - before.cost
                index += 1
            }
            let last = index == candidates.count
            guard gain > 0, gain >= minimumGain || last, threshold > 0 || last else { continue }
            let ratio = cost <= 0 ? Double.infinity : Double(gain) / Double(cost)
            if best == nil || ratio > best!.ratio || (ratio == best!.ratio && gain > best!.gain) {
                best = Step(lever: lever, value: max(threshold, 0), gain: gain, cost: cost, ratio: ratio)
            }
        }
        return best
    }

    /// A budget's candidates: per case of its role that only the budget keeps from first
    /// contact, what the case asks of it (the sum of its wants no grant allows).
    func budgetCandidates(_ lever: Int) -> [(Int64, Int32)] {
        guard let role = tally.roleCases.indices.first(where: { tally.roleBudgetLever[$0] == Int32(lever) }) else { return [] }
        let current = values[lever]
        var out: [(Int64, Int32)] = []
        for c32 in tally.roleCases[role] {
            let c = Int(c32)
            guard tally.caseCanResolve[c], !contribution[c].firstContact, let need = budgetNeed(c), need > current else { continue }
            out.append((need, c32))
        }
        out.sort { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
        return out
    }

    /// What a case would need from its role's budget to have every want allowed, with the
    /// other levers where they are (nil: a want the budget cannot allow).
    func budgetNeed(_ c: Int) -> Int64? {
        var need: Int64 = 0
        for w in Int(tally.caseWantStart[c])..<Int(tally.caseWantStart[c + 1]) {
            switch tally.wantState[w] {
            case .always: continue
            case .never: return nil
            case .open:
                let threshold = max(0, tally.wantAmount[w])
                var covered = false
                for position in Int(tally.wantLeverStart[w])..<Int(tally.wantLeverStart[w + 1]) {
                    let l = Int(tally.wantLevers[position])
                    if levers[l].kind != .discretion, values[l] >= 0, values[l] >= threshold { covered = true; break }
                }
                if covered { continue }
                guard tally.wantBudget[w] else { return nil }
                need += tally.wantAmount[w]
            }
        }
        return need
    }

    /// What the history asks of each lever above where it is: its distinct amounts (for a
    /// budget, the distinct totals cases ask of it).
    func asked() -> [Set<Int64>] {
        var out = Array(repeating: Set<Int64>(), count: levers.count)
        for (index, lever) in levers.enumerated() {
            if lever.kind == .discretion {
                guard let role = tally.roleCases.indices.first(where: { tally.roleBudgetLever[$0] == Int32(index) }) else { continue }
                for c32 in tally.roleCases[role] {
                    let c = Int(c32)
                    var asked: Int64 = 0
                    for w in Int(tally.caseWantStart[c])..<Int(tally.caseWantStart[c + 1])
                    where tally.wantState[w] == .open && tally.wantBudget[w] {
                        asked += tally.wantAmount[w]
                    }
                    if asked > lever.current { out[index].insert(asked) }
                }
            } else {
                for (threshold, _) in tally.leverWants[index] where threshold > lever.current { out[index].insert(threshold) }
            }
        }
        return out
    }

    /// The largest amount the history asks of each lever.
    func largest() -> [Int64] {
        var out = levers.map(\.current)
        for (index, lever) in levers.enumerated() {
            if lever.kind == .discretion {
                guard let role = tally.roleCases.indices.first(where: { tally.roleBudgetLever[$0] == Int32(index) }) else { continue }
                for c32 in tally.roleCases[role] {
                    let c = Int(c32)
                    var asked: Int64 = 0
                    for w in Int(tally.caseWantStart[c])..<Int(tally.caseWantStart[c + 1])
                    where tally.wantState[w] == .open && tally.wantBudget[w] {
                        asked += tally.wantAmount[w]
                    }
                    out[index] = max(out[index], asked)
                }
            } else if let last = tally.leverWants[index].last {
                out[index] = max(out[index], last.0)
            }
        }
        return out
    }
}

public enum TuneFrontier {
    /// The frontier from the baseline to every lever at the largest amount asked, at most
    /// about 400 points (a step gains at least 1/400 of the cases).
    static func compute(tally: TuneTally, levers: [TuneLever]) -> [TunePoint] {
        var simulator = TuneSimulator(tally: tally, levers: levers)
        var points = [TunePoint(settings: simulator.values, measures: simulator.totals)]
        let minimumGain = max(1, tally.cases / 400)
        var cached: [TuneSimulator.Step?] = Array(repeating: nil, count: levers.count)
        var dirty = Array(repeating: true, count: levers.count)
        let roleOf: [Int] = levers.indices.map { l in tally.roleLevers.firstIndex { $0.contains(Int32(l)) } ?? -1 }
        // Lazy greedy: a lever's best step is rescanned only when it would be chosen and the
        // cases it can change moved since its last scan (the levers of the same role).
        while true {
            var chosen: Int?
            for (l, step) in cached.enumerated() {
                guard let step else { continue }
                if chosen == nil || step.ratio > cached[chosen!]!.ratio || (step.ratio == cached[chosen!]!.ratio && step.gain > cached[chosen!]!.gain) {
                    chosen = l
                }
            }
            guard let l = chosen else {
                // Nothing left in the cache: a last look at levers not scanned since their role moved.
                let stale = levers.indices.filter { dirty[$0] }
                if stale.isEmpty { break }
                for l in stale {
                    cached[l] = simulator.bestStep(l, minimumGain: minimumGain)
                    dirty[l] = false
                }
                continue
            }
            if dirty[l] {
                cached[l] = simulator.bestStep(l, minimumGain: minimumGain)
                dirty[l] = false
                continue
            }
            let step = cached[l]!
            let before = simulator.totals.firstContact
            simulator.set(step.lever, to: step.value)
            for other in levers.indices where roleOf[other] == roleOf[step.lever] { dirty[other] = true }
            cached[l] = nil
            if simulator.totals.firstContact > before {
                points.append(TunePoint(settings: simulator.values, measures: simulator.totals))
            }
        }
        let largest = simulator.largest()
        for (l, value) in largest.enumerated() { simulator.set(l, to: value) }
        var ceiling = TunePoint(settings: simulator.values, measures: simulator.totals, ceiling: true)
        if let last = points.last, last.settings == ceiling.settings {
            points.removeLast()
            ceiling.measures = last.measures
        }
        points.append(ceiling)
        // More spend never lowers the best rate: keep the staircase of points no cheaper point matches.
        let baseline = points[0]
        let sorted = points.dropFirst().dropLast().sorted {
            $0.measures.cost == $1.measures.cost ? $0.measures.firstContact > $1.measures.firstContact : $0.measures.cost < $1.measures.cost
        }
        var kept: [TunePoint] = [baseline]
        for point in sorted where kept.isEmpty || point.measures.firstContact > kept.last!.measures.firstContact {
            kept.append(point)
        }
        if kept.count > 1, kept.last!.measures == ceiling.measures { kept.removeLast() }
        kept.append(ceiling)
        return kept
    }

    /// The measures of one setting, from the tally.
    static func measures(tally: TuneTally, levers: [TuneLever], settings: [Int64]) -> TuneMeasures {
        var simulator = TuneSimulator(tally: tally, levers: levers)
        for (l, value) in settings.enumerated() { simulator.set(l, to: value) }
        return simulator.totals
    }
}
