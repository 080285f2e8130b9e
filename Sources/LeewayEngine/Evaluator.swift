import Foundation
import LeewayCore

/// What one wanted action comes to (SPEC §4), in the compiled policy's indexes.
public struct Decision: Sendable, Equatable {
    /// The want's position in the case.
    public var want: Int32
    public var action: Int32
    public var outcome: Outcome
    /// The approver (needs-approval) or the role that acts (escalate); -1 otherwise.
    public var by: Int32 = -1
    /// The path's time in seconds; -1 when unknown (a role without `reachable-within`,
    /// an approval without `within`). Zero for allowed and blocked.
    public var within: Int64 = 0
    public var viaDiscretion = false
    /// 1 for an escalation, 0 otherwise.
    public var handoffs: Int32 = 0
    /// Whether the path includes an approval.
    public var approval = false
    /// The grant (a global index) that decides, `Decision.aboveLimit`, or -1.
    public var path: Int32 = -1
    /// The index in the trace of the step that decided (when tracing), or -1.
    public var step: Int32 = -1

    public static let aboveLimit: Int32 = -2

    public init(want: Int32, action: Int32, outcome: Outcome) {
        self.want = want
        self.action = action
        self.outcome = outcome
    }

    public var timeKnown: Bool { within >= 0 }
}

/// A case's resolution (SPEC §4 and docs/evaluation.md).
public struct Resolution: Sendable, Equatable {
    public var firstContact = true
    public var blocked = 0
    public var handoffs = 0
    public var approvals = 0
    public var asks = 0
    /// Seconds: triggered processes' waits and approvals plus the slowest path that gets
    /// done. Unknown parts count 0 and make `timeKnown` false.
    public var time: Int64 = 0
    public var timeKnown = true

    public init() {}
}

/// One step of a decision's reasoning, with what it found. Steps refer to the compiled
/// policy by index; `Explanation` turns them into located messages.
public struct TraceStep: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        /// The action has `never: true`.
        case never
        /// A grant was considered.
        case grant
        /// The handling role's discretion pool was considered (money actions).
        case discretion
        /// `above-limit.approval` was considered.
        case aboveLimit
        /// Nothing gets it done.
        case noPath
    }

    public var kind: Kind
    public var want: Int32
    /// The grant's global index (grant steps), else -1.
    public var grant: Int32 = -1
    /// Whether the grant's `when` holds (true without `when`).
    public var conditionHeld = true
    /// Whether the limits cover the amount (grants), the pool covers it (discretion),
    /// or the above-limit path is available (no grant whose `when` holds covers it).
    public var covers = true
    /// The path this step offers: its outcome (nil: no path), role, time and hand-offs.
    public var outcome: Outcome?
    public var by: Int32 = -1
    public var time: Int64 = 0
    public var handoffs: Int32 = 0
    /// Discretion: the pool left before this want (fixed point; -1 no pool).
    public var poolBefore: Int64 = -1
    public var chosen = false
}

/// Evaluates cases against a compiled policy. Holds reusable buffers: create one per
/// thread and call `evaluate` for each case; results stay valid until the next call.
public struct Evaluator: Sendable {
    public let policy: CompiledPolicy
    public private(set) var decisions: [Decision] = []
    public private(set) var trace: [TraceStep] = []
    /// Indexes of the processes whose `when` holds.
    public private(set) var triggered: [Int32] = []
    public private(set) var resolution = Resolution()
    /// Record a trace (for `--explain` and JSON); off on the fast path.
    public var tracing: Bool

    /// Per-case memo of condition roots (generation-stamped, so nothing is cleared).
    private let memo: ConditionMemo

    public init(policy: CompiledPolicy, tracing: Bool = false) {
        self.policy = policy
        memo = ConditionMemo(count: policy.rootCount)
        self.tracing = tracing
        decisions.reserveCapacity(8)
        triggered.reserveCapacity(max(1, policy.processes.count))
        if tracing { trace.reserveCapacity(32) }
    }

    /// Decides every want of the case, then its resolution.
    @discardableResult
    public mutating func evaluate(_ input: CaseInput) -> Resolution {
        input.values.withUnsafeBufferPointer { values in
            input.present.withUnsafeBufferPointer { present in
                input.moneyDecimals.withUnsafeBufferPointer { decimals in
                    let facts = FactView(values: values.baseAddress!, present: present.baseAddress!, decimals: decimals.baseAddress!,
                                         decimalMode: input.decimalMode)
                    return run(input, facts: facts)
                }
            }
        }
    }

    private mutating func run(_ input: CaseInput, facts: FactView) -> Resolution {
        let memo = self.memo
        memo.generation &+= 1
        if memo.generation == 0 {
            memo.stamps.update(repeating: 0, count: memo.count)
            memo.generation = 1
        }
        decisions.removeAll(keepingCapacity: true)
        trace.removeAll(keepingCapacity: true)
        triggered.removeAll(keepingCapacity: true)
        let policy = self.policy
        let hot = policy.hot
        let role = Int(input.role)
        var pool: Int64 = role >= 0 ? hot.pools[role] : -1
        var poolDecimal: Decimal = role >= 0 && pool >= 0 ? policy.poolDecimals[role] : 0
        let decimalMode = input.decimalMode

        for wantIndex in input.wants.indices {
            let want = input.wants[wantIndex]
            let action = hot.actions[Int(want.action)]
            var decision = Decision(want: Int32(wantIndex), action: want.action, outcome: .blocked)

            if action.never {
                if tracing {
                    decision.step = Int32(trace.count)
                    trace.append(TraceStep(kind: .never, want: Int32(wantIndex), outcome: .blocked, chosen: true))
                }
                decisions.append(decision)
                continue
            }

            var allowedGrant: Int32 = -1
            var allowedStep: Int32 = -1
            var best: Int32 = -1
            var bestStep: Int32 = -1
            var bestTime: Int64 = -1
            var bestHandoffs: Int32 = 0
            var bestBy: Int32 = -1
            var bestApproval = false
            var bestOutcome = Outcome.blocked
            var anyCovers = false

            for g in Int(action.grantStart)..<Int(action.grantEnd) {
                let grant = hot.grants[g]
                let held = grant.condition < 0 || memo.holds(grant.condition, facts, policy)
                let covers = policy.covers(grant, want, decimalMode: decimalMode)
                var offers: Outcome?
                var time: Int64 = 0
                var handoffs: Int32 = 0
                var by: Int32 = -1
                if held && covers {
                    anyCovers = true
                    if Int(grant.role) == role {
                        if grant.approver < 0 {
                            offers = .allowed
                            if allowedGrant < 0 {
                                allowedGrant = Int32(g)
                                allowedStep = Int32(trace.count)
                            }
                        } else {
                            offers = .needsApproval
                            time = grant.approvalWithin
                            by = grant.approver
                        }
                    } else {
                        offers = .escalate
                        handoffs = 1
                        by = grant.role
                        let reach = grant.role >= 0 ? hot.reachable[Int(grant.role)] : -1
                        if grant.approver >= 0 {
                            time = reach < 0 || grant.approvalWithin < 0 ? -1 : Duration.saturating(reach, plus: grant.approvalWithin)
                        } else {
                            time = reach
                        }
                    }
                    if let offered = offers, offered != .allowed,
                       best < 0 || Evaluator.faster(time, handoffs, than: bestTime, bestHandoffs) {
                        best = Int32(g)
                        bestStep = Int32(trace.count)
                        bestTime = time
                        bestHandoffs = handoffs
                        bestBy = by
                        bestApproval = grant.approver >= 0
                        bestOutcome = offered
                    }
                }
                if tracing {
                    trace.append(TraceStep(kind: .grant, want: Int32(wantIndex), grant: Int32(g), conditionHeld: held, covers: covers,
                                           outcome: offers, by: by, time: time, handoffs: handoffs))
                }
            }

            if allowedGrant >= 0 {
                decision.outcome = .allowed
                decision.path = allowedGrant
                decision.step = allowedStep
                decisions.append(decision)
                if tracing { trace[Int(allowedStep)].chosen = true }
                continue
            }

            // Discretion: money actions only, from the handling role's pool for this case.
            if action.money && want.hasAmount {
                let fits: Bool
                if pool < 0 {
                    fits = false
                } else if decimalMode {
                    fits = want.decimal <= poolDecimal
                } else {
                    fits = want.amount <= pool
                }
                if tracing {
                    trace.append(TraceStep(kind: .discretion, want: Int32(wantIndex), covers: fits,
                                           outcome: fits ? .allowed : nil, by: Int32(role), poolBefore: pool, chosen: fits))
                }
                if fits {
                    if decimalMode {
                        poolDecimal -= want.decimal
                        pool = FixedPoint.fixed(poolDecimal) ?? pool
                    } else {
                        pool -= want.amount
                        poolDecimal = 0
                    }
                    decision.outcome = .allowed
                    decision.viaDiscretion = true
                    if tracing { decision.step = Int32(trace.count - 1) }
                    decisions.append(decision)
                    continue
                }
            }

            if action.aboveApprover >= 0 {
                let available = !anyCovers
                let time = action.aboveWithin
                if available && (best < 0 || Evaluator.faster(time, 0, than: bestTime, bestHandoffs)) {
                    best = Decision.aboveLimit
                    bestStep = Int32(trace.count)
                    bestTime = time
                    bestHandoffs = 0
                    bestBy = action.aboveApprover
                    bestApproval = true
                    bestOutcome = .needsApproval
                }
                if tracing {
                    trace.append(TraceStep(kind: .aboveLimit, want: Int32(wantIndex), covers: available,
                                           outcome: available ? .needsApproval : nil, by: action.aboveApprover, time: time))
                }
            }

            if best != -1 {
                decision.outcome = bestOutcome
                decision.by = bestBy
                decision.within = bestTime
                decision.handoffs = bestHandoffs
                decision.approval = bestApproval
                decision.path = best
                if tracing {
                    decision.step = bestStep
                    trace[Int(bestStep)].chosen = true
                }
            } else if tracing {
                decision.step = Int32(trace.count)
                trace.append(TraceStep(kind: .noPath, want: Int32(wantIndex), covers: false, outcome: .blocked, chosen: true))
            }
            decisions.append(decision)
        }

        // Resolution.
        var resolution = Resolution()
        var processHandoff = false
        for index in 0..<hot.processCount {
            let process = hot.processes[index]
            guard process.condition < 0 || memo.holds(process.condition, facts, policy) else { continue }
            triggered.append(Int32(process.index))
            resolution.handoffs += process.handoffs
            resolution.approvals += process.approvals
            resolution.asks += process.asks
            resolution.time = Duration.saturating(resolution.time, plus: process.time)
            if !process.timeKnown { resolution.timeKnown = false }
            if process.handoffs > 0 { processHandoff = true }
        }
        var slowest: Int64 = 0
        var allAllowed = true
        for decision in decisions {
            switch decision.outcome {
            case .allowed:
                continue
            case .blocked:
                resolution.blocked += 1
                allAllowed = false
                continue
            case .needsApproval, .escalate:
                allAllowed = false
                resolution.handoffs += Int(decision.handoffs)
                if decision.approval { resolution.approvals += 1 }
                if decision.within < 0 {
                    resolution.timeKnown = false
                } else if decision.within > slowest {
                    slowest = decision.within
                }
            }
        }
        resolution.time = Duration.saturating(resolution.time, plus: slowest)
        resolution.firstContact = allAllowed && !processHandoff
        self.resolution = resolution
        return resolution
    }

    /// Whether a path of `time` (-1 unknown) and `handoffs` beats the best so far: known
    /// beats unknown, then faster, then fewer hand-offs. Equal paths keep the earlier one.
    @inline(__always)
    static func faster(_ time: Int64, _ handoffs: Int32, than bestTime: Int64, _ bestHandoffs: Int32) -> Bool {
        if time >= 0 && bestTime < 0 { return true }
        if time < 0 && bestTime >= 0 { return false }
        if time != bestTime { return time < bestTime }
        return handoffs < bestHandoffs
    }
}

/// Remembers, for the case being evaluated, which condition roots held.
final class ConditionMemo: @unchecked Sendable {
    let count: Int
    let stamps: UnsafeMutablePointer<UInt32>
    let values: UnsafeMutablePointer<Bool>
    var generation: UInt32 = 0

    init(count: Int) {
        self.count = max(1, count)
        stamps = .allocate(capacity: self.count)
        stamps.initialize(repeating: 0, count: self.count)
        values = .allocate(capacity: self.count)
        values.initialize(repeating: false, count: self.count)
    }

    deinit {
        stamps.deallocate()
        values.deallocate()
    }

    @inline(__always)
    func holds(_ root: Int32, _ facts: FactView, _ policy: CompiledPolicy) -> Bool {
        let index = Int(root)
        if stamps[index] == generation { return values[index] }
        let result = policy.holds(root, facts)
        stamps[index] = generation
        values[index] = result
        return result
    }
}

extension CompiledPolicy {
    /// Whether a grant's limits cover a want's amount (`up-to` ≥ amount ≥ `at-least`).
    @inline(__always)
    func covers(_ grant: CompiledGrant, _ want: WantInput, decimalMode: Bool) -> Bool {
        guard want.hasAmount else { return true }
        if decimalMode, grant.upToDecimal != nil || grant.atLeastDecimal != nil {
            if let upTo = grant.upToDecimal, want.decimal > upTo { return false }
            if let atLeast = grant.atLeastDecimal, want.decimal < atLeast { return false }
            return true
        }
        return want.amount <= grant.upTo && want.amount >= grant.atLeast
    }

    /// Whether a compiled condition holds for the case. A matcher on a missing fact does
    /// not hold; `not` on it does.
    func holds(_ index: Int32, _ facts: FactView) -> Bool {
        let hot = self.hot
        let node = hot.nodes[Int(index)]
        switch node.kind {
        case .all:
            var child = Int(node.first)
            let end = child + Int(node.count)
            while child < end {
                if !holds(hot.children[child], facts) { return false }
                child += 1
            }
            return true
        case .any:
            var child = Int(node.first)
            let end = child + Int(node.count)
            while child < end {
                if holds(hot.children[child], facts) { return true }
                child += 1
            }
            return false
        case .leaf:
            let slot = Int(node.slot)
            guard facts.present[slot] else { return node.negate }
            let value = facts.values[slot]
            var result: Bool
            if node.money && facts.decimalMode {
                result = holdsExactly(node, facts.decimals[slot])
            } else {
                switch node.op {
                case .equals:
                    result = value == node.a
                case .inMask:
                    if value < 0 || Int(value) / 64 >= Int(node.count) {
                        result = false
                    } else {
                        result = hot.masks[Int(node.first) + Int(value) / 64] & (1 << UInt64(value % 64)) != 0
                    }
                case .inList:
                    result = false
                    var item = Int(node.first)
                    let end = item + Int(node.count)
                    while item < end {
                        if hot.lists[item] == value { result = true; break }
                        item += 1
                    }
                case .range:
                    result = value >= node.a && value <= node.b
                }
            }
            return result != node.negate
        }
    }

    private func holdsExactly(_ node: ConditionNode, _ value: Decimal) -> Bool {
        switch node.op {
        case .equals:
            return node.decimalA >= 0 && value == decimals[Int(node.decimalA)]
        case .inList:
            return listDecimals[Int(node.first)..<Int(node.first + node.count)].contains(value)
        case .range:
            if node.decimalA >= 0 && value < decimals[Int(node.decimalA)] { return false }
            if node.decimalB >= 0 && value > decimals[Int(node.decimalB)] { return false }
            return true
        case .inMask:
            return false
        }
    }
}
