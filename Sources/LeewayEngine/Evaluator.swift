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
    /// Allowed from what is owed (language 1.1: `via: "remedy"`).
    public var viaRemedy = false
    /// What is owed through this action and used by this want (fixed point for money,
    /// seconds, counts; 0 for `measure: none`), or -1 when nothing owed was used.
    public var owed: Int64 = -1
    /// Exact form of `owed` for money (decimal mode only).
    public var owedDecimal = Decimal()
    /// The action is owed, but the owed amount is unknown (a fact is missing).
    public var owedUnknown = false
    /// The escalation is the remedy's own `by` (its hand-off counts once, with the remedy).
    public var remedyEscalation = false
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
    /// How many remedies are owed (language 1.1).
    public var owed = 0

    public init() {}
}

/// A remedy the company owes on this case (language 1.1), in file order.
public struct OwedRemedy: Sendable, Equatable {
    /// The remedy's index in the policy's `remedies`.
    public var remedy: Int32
    public var action: Int32
    /// The amount (fixed point for money, seconds, counts), when known and the action has a measure.
    public var amount: Int64
    public var amountDecimal: Decimal
    public var known: Bool
    public var hasAmount: Bool
}

/// A note on a case result (language 1.1): `remedy-on-claim`, `amount-unknown`.
public struct CaseNote: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case remedyOnClaim = "remedy-on-claim", amountUnknown = "amount-unknown", closedChannel = "closed-channel"
        case spentUnknown = "spent-unknown"
    }
    public var kind: Kind
    /// The remedy (remedy-on-claim) or the missing fact's slot (amount-unknown).
    public var subject: Int32
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
        /// What is owed through the action covered (part of) the want (language 1.1).
        case remedy
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
    /// The amount this step decided: the want's, or the remainder past what is owed.
    public var amount: Int64 = -1
    /// Discretion: the budget period that limited `poolBefore` when the role's budgets are
    /// counted over several periods (`BudgetPeriod.allCases` index), else -1.
    public var period: Int8 = -1
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
    /// Remedies owed on the case, in file order, and the notes on it (language 1.1).
    public private(set) var owed: [OwedRemedy] = []
    public private(set) var notes: [CaseNote] = []
    /// Record a trace (for `--explain` and JSON); off on the fast path.
    public var tracing: Bool

    /// Per-case memo of condition roots (generation-stamped, so nothing is cleared).
    private let memo: ConditionMemo
    /// Per-case scratch for amount rules and what is owed per action (generation-stamped).
    private let scratch: CaseScratch
    /// The handling role's discretion pool left in this case (fixed point; -1 none), exactly in decimal mode.
    private var pool: Int64 = -1
    private var poolDecimal: Decimal = 0
    private var poolReady = false
    /// The period that limits `pool` when the role has budgets of several periods, else -1.
    private var poolPeriod: Int8 = -1
    /// What the role's budgets gave in this case (what a `per: customer` ledger records).
    public private(set) var discretionSpent: Int64 = 0
    public private(set) var discretionSpentDecimal: Decimal = 0
    /// A run's record of what each customer was given from `per: customer` budgets (language
    /// 1.1): read for this case and added to when the case spends from them.
    public var ledger: CustomerLedger?
    /// Whether this case read a `per: customer` budget with its customer's id: its result
    /// depends on the cases before it (the batch path evaluates such cases in input order).
    public private(set) var readLedger = false

    public init(policy: CompiledPolicy, tracing: Bool = false) {
        self.policy = policy
        memo = ConditionMemo(count: policy.rootCount)
        scratch = CaseScratch(amounts: policy.amounts.count, actions: policy.actions.count)
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
        // Emptied only when not empty: each call costs more than the check.
        if !decisions.isEmpty { decisions.removeAll(keepingCapacity: true) }
        if !trace.isEmpty { trace.removeAll(keepingCapacity: true) }
        if !triggered.isEmpty { triggered.removeAll(keepingCapacity: true) }
        if !owed.isEmpty { owed.removeAll(keepingCapacity: true) }
        if !notes.isEmpty { notes.removeAll(keepingCapacity: true) }
        let policy = self.policy
        let hot = policy.hot
        let role = Int(input.role)
        discretionSpent = 0
        discretionSpentDecimal = Decimal()
        readLedger = false
        poolPeriod = -1
        if role >= 0 && !policy.hasPeriodBudget[role] && policy.poolRuleRanges[role].isEmpty {
            // Budgets per case only (every 1.0 policy): one pool, ready now.
            pool = hot.pools[role * CompiledPolicy.periods]
            poolDecimal = pool >= 0 ? policy.poolDecimals[role * CompiledPolicy.periods] : Decimal()
            poolReady = true
        } else {
            pool = -1
            poolDecimal = 0
            poolReady = role < 0
            if !poolReady {
                for p in 0..<CompiledPolicy.periods {
                    scratch.spent[p] = input.spent[p]
                    scratch.spentDecimal[p] = input.spentDecimal[p]
                }
                // The customer's id is read here, once: what this run already gave them.
                scratch.hasCustomerID = !input.customerID.isEmpty
                scratch.customerGiven = nil
                if scratch.hasCustomerID, let ledger, policy.hasCustomerBudget[role] {
                    scratch.customerGiven = input.customerID.withUnsafeBufferPointer { ledger.given($0, role: role) }
                }
            }
        }
        let decimalMode = input.decimalMode
        if hot.remedyCount > 0 || !policy.amounts.isEmpty { scratch.next() }

        // What is owed without asking (language 1.1), before the wants.
        if hot.remedyCount > 0 { owe(input, facts: facts, decimalMode: decimalMode) }
        // A case on a channel the policy says is closed (decisions are unchanged).
        if let slot = policy.closedChannelSlot, facts.present[slot] {
            let value = Int(facts.values[slot])
            if value >= 0, value < policy.closedChannels.count, policy.closedChannels[value] {
                notes.append(CaseNote(kind: .closedChannel, subject: Int32(value)))
            }
        }

        for wantIndex in input.wants.indices {
            let want = input.wants[wantIndex]
            let action = hot.actions[Int(want.action)]
            if action.remedies && !action.never && scratch.owedStamp[Int(want.action)] == scratch.generation {
                decisions.append(decideOwed(wantIndex, want, action: action, facts: facts, role: role, decimalMode: decimalMode))
            } else {
                decisions.append(decide(wantIndex, want, action: action, facts: facts, role: role, decimalMode: decimalMode))
            }
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
            resolution.time = Evaluator.sum(resolution.time, process.time)
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
                if decision.remedyEscalation { continue }
                resolution.handoffs += Int(decision.handoffs)
                if decision.approval { resolution.approvals += 1 }
                if decision.within < 0 {
                    resolution.timeKnown = false
                } else if decision.within > slowest {
                    slowest = decision.within
                }
            }
        }
        resolution.time = Evaluator.sum(resolution.time, slowest)
        // An owed remedy given by another role: one hand-off and that role's reach each.
        resolution.owed = owed.count
        for entry in owed {
            let by = hot.remedies[Int(entry.remedy)].by
            guard by >= 0, Int(by) != role else { continue }
            resolution.handoffs += 1
            allAllowed = false
            let reach = hot.reachable[Int(by)]
            if reach < 0 { resolution.timeKnown = false } else { resolution.time = Evaluator.sum(resolution.time, reach) }
        }
        resolution.firstContact = allAllowed && !processHandoff
        self.resolution = resolution
        // What the role's `per: customer` budgets gave this customer counts for their next case.
        if discretionSpent > 0 || discretionSpentDecimal > 0, role >= 0, policy.hasCustomerBudget[role], let ledger,
           !input.customerID.isEmpty {
            input.customerID.withUnsafeBufferPointer { ledger.add($0, role: role, discretionSpent, discretionSpentDecimal) }
        }
        return resolution
    }

    /// A sum of two times that saturates instead of overflowing.
    @inline(__always)
    static func sum(_ a: Int64, _ b: Int64) -> Int64 {
        let (total, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : total
    }

    /// Lists the remedies whose `when` holds and adds up what is owed per action.
    private mutating func owe(_ input: CaseInput, facts: FactView, decimalMode: Bool) {
        let policy = self.policy
        let hot = policy.hot
        for index in 0..<hot.remedyCount {
            let remedy = hot.remedies[index]
            guard remedy.condition < 0 || memo.holds(remedy.condition, facts, policy) else { continue }
            var entry = OwedRemedy(remedy: Int32(index), action: remedy.action, amount: 0, amountDecimal: 0, known: true, hasAmount: remedy.hasAmount)
            if remedy.amount >= 0 {
                if let (value, exact) = amountValue(remedy.amount, facts: facts, decimalMode: decimalMode) {
                    entry.amount = value
                    entry.amountDecimal = exact
                } else {
                    entry.known = false
                }
            } else if remedy.hasAmount {
                entry.amount = remedy.fixed
                entry.amountDecimal = remedy.fixedDecimal
            }
            owed.append(entry)
            if !remedy.automatic { notes.append(CaseNote(kind: .remedyOnClaim, subject: Int32(index))) }
            let action = Int(remedy.action)
            if scratch.owedStamp[action] != scratch.generation {
                scratch.owedStamp[action] = scratch.generation
                scratch.owedKnown[action] = false
                scratch.owedLeft[action] = 0
                scratch.owedLeftDecimal[action] = 0
            }
            if entry.known {
                scratch.owedKnown[action] = true
                scratch.owedLeft[action] = Evaluator.sum(scratch.owedLeft[action], entry.amount)
                if decimalMode { scratch.owedLeftDecimal[action] += entry.amountDecimal }
            }
        }
    }

    /// An amount rule's value for this case (integer form, and exactly in decimal mode);
    /// nil when unknown, with the note `amount-unknown` naming the missing fact.
    private mutating func amountValue(_ index: Int32, facts: FactView, decimalMode: Bool) -> (Int64, Decimal)? {
        let i = Int(index)
        if scratch.amountStamp[i] != scratch.generation {
            scratch.amountStamp[i] = scratch.generation
            let hot = policy.hot
            let compiled = hot.amounts[i]
            if decimalMode || !compiled.exact {
                let rule = policy.amountRules[Int(compiled.rule)]
                if let quantity = rule.value(given: factValue(Int(compiled.slot), facts: facts)) {
                    let exact = quantity.decimalValue
                    let fixed: Int64
                    switch quantity {
                    case .money(let money): fixed = FixedPoint.fixed(money.amount) ?? FixedPoint.limit
                    case .duration(let duration): fixed = duration.seconds
                    case .count(let count): fixed = count
                    }
                    scratch.amountValue[i] = fixed
                    scratch.amountDecimal[i] = exact
                    scratch.amountKnown[i] = true
                } else {
                    scratch.amountKnown[i] = false
                }
            } else if let value = compiled.value(facts, limits: hot.bandLimits, amounts: hot.bandAmounts) {
                scratch.amountValue[i] = value
                scratch.amountKnown[i] = true
            } else {
                scratch.amountKnown[i] = false
            }
            if !scratch.amountKnown[i] {
                let slot = hot.amounts[i].slot
                if !notes.contains(CaseNote(kind: .amountUnknown, subject: slot)) {
                    notes.append(CaseNote(kind: .amountUnknown, subject: slot))
                }
            }
        }
        guard scratch.amountKnown[i] else { return nil }
        return (scratch.amountValue[i], scratch.amountDecimal[i])
    }

    /// A fact slot's value as the policy model types it (decimal mode and exact rules only).
    private func factValue(_ slot: Int, facts: FactView) -> FactValue? {
        policy.modelValue(slot: slot, present: facts.present[slot], value: facts.values[slot], decimal: facts.decimals[slot],
                          decimalMode: facts.decimalMode)
    }

    /// Whether a grant's limits cover an amount, evaluating amount rules for the case.
    @inline(__always)
    private mutating func covers(_ grant: CompiledGrant, _ want: WantInput, facts: FactView, decimalMode: Bool) -> Bool {
        if grant.upToAmount < 0 && grant.atLeastAmount < 0 {
            return policy.covers(grant, want, decimalMode: decimalMode)
        }
        guard want.hasAmount else { return true }
        var dynamic = grant
        if grant.upToAmount >= 0 {
            guard let (value, exact) = amountValue(grant.upToAmount, facts: facts, decimalMode: decimalMode) else { return false }
            dynamic.upTo = value
            dynamic.upToDecimal = decimalMode ? exact : nil
        }
        if grant.atLeastAmount >= 0 {
            guard let (value, exact) = amountValue(grant.atLeastAmount, facts: facts, decimalMode: decimalMode) else { return false }
            dynamic.atLeast = value
            dynamic.atLeastDecimal = decimalMode ? exact : nil
        }
        return policy.covers(dynamic, want, decimalMode: decimalMode)
    }

    /// The handling role's pool on first use: each period's budgets (amount rules evaluated
    /// for the case) less what the case says was already spent in that period (and, for
    /// `per: customer`, what this run already gave the customer); the role may spend the
    /// smallest of them (language 1.1).
    private mutating func readyPool(role: Int, facts: FactView, decimalMode: Bool) {
        guard !poolReady else { return }
        poolReady = true
        let periods = CompiledPolicy.periods
        var present = 0
        for p in 0..<periods {
            var total = policy.pools[role * periods + p]
            var totalDecimal = total >= 0 ? policy.poolDecimals[role * periods + p] : 0
            for position in policy.poolRuleRanges[role] where policy.poolRulePeriods[position] == p {
                if total < 0 { total = 0 }
                guard let (value, exact) = amountValue(policy.poolRules[position], facts: facts, decimalMode: decimalMode) else { continue }
                total = Evaluator.sum(total, value)
                totalDecimal += exact
            }
            scratch.left[p] = -1
            guard total >= 0 else { continue }
            present += 1
            var spent: Int64 = 0
            var spentDecimal: Decimal = 0
            if p != 0 {
                let customer = p == 1
                let id = customer && scratch.hasCustomerID
                if scratch.spent[p] >= 0 {
                    spent = scratch.spent[p]
                    spentDecimal = scratch.spentDecimal[p]
                } else if !id {
                    notes.append(CaseNote(kind: .spentUnknown, subject: Int32(p)))
                }
                if id {
                    readLedger = true
                    if let (given, givenDecimal) = scratch.customerGiven {
                        spent = Evaluator.sum(spent, given)
                        spentDecimal += givenDecimal
                    }
                }
            }
            scratch.left[p] = max(0, total - spent)
            scratch.leftDecimal[p] = max(0, totalDecimal - spentDecimal)
            if pool < 0 || scratch.left[p] < pool {
                pool = scratch.left[p]
                poolDecimal = scratch.leftDecimal[p]
                poolPeriod = Int8(p)
            }
        }
        if present < 2 && !policy.hasPeriodBudget[role] { poolPeriod = -1 }
    }

    /// Takes `amount` from every period's budget; the pool is what the tightest leaves.
    private mutating func spend(_ amount: Int64, _ exact: Decimal, role: Int) {
        discretionSpent = Evaluator.sum(discretionSpent, amount)
        discretionSpentDecimal += exact
        guard policy.hasPeriodBudget[role] || !policy.poolRuleRanges[role].isEmpty else { return }
        pool = -1
        for p in 0..<CompiledPolicy.periods where scratch.left[p] >= 0 {
            scratch.left[p] = max(0, scratch.left[p] - amount)
            scratch.leftDecimal[p] = max(0, scratch.leftDecimal[p] - exact)
            if pool < 0 || scratch.left[p] < pool {
                pool = scratch.left[p]
                poolDecimal = scratch.leftDecimal[p]
                if poolPeriod >= 0 { poolPeriod = Int8(p) }
            }
        }
    }

    /// A want for an action that something owed is given through (language 1.1): the owed
    /// part first, in want order like a budget; the remainder by the ordinary paths.
    private mutating func decideOwed(_ wantIndex: Int, _ want: WantInput, action: ActionCore, facts: FactView, role: Int,
                                     decimalMode: Bool) -> Decision {
        let a = Int(want.action)
        guard scratch.owedKnown[a] else {
            var decision = decide(wantIndex, want, action: action, facts: facts, role: role, decimalMode: decimalMode)
            decision.owedUnknown = true
            return decision
        }
        let measured = policy.actions[a].measure != .none
        var used: Int64 = 0
        var usedDecimal: Decimal = 0
        var remainder: WantInput?
        if measured {
            let left = scratch.owedLeft[a]
            let leftDecimal = scratch.owedLeftDecimal[a]
            let exhausted = decimalMode ? leftDecimal <= 0 : left <= 0
            if exhausted { return decide(wantIndex, want, action: action, facts: facts, role: role, decimalMode: decimalMode) }
            let fits = !want.hasAmount || (decimalMode ? want.decimal <= leftDecimal : want.amount <= left)
            if fits {
                used = want.hasAmount ? want.amount : left
                usedDecimal = want.hasAmount ? want.decimal : leftDecimal
            } else {
                used = left
                usedDecimal = leftDecimal
                var rest = want
                rest.amount = want.amount - left
                rest.decimal = want.decimal - leftDecimal
                if decimalMode { rest.amount = FixedPoint.fixed(rest.decimal) ?? rest.amount }
                remainder = rest
            }
            scratch.owedLeft[a] = left - used
            scratch.owedLeftDecimal[a] = leftDecimal - usedDecimal
        }
        let by = action.remedyBy
        let owedOutcome: Outcome = by < 0 || Int(by) == role ? .allowed : .escalate
        var owedPart = Decision(want: Int32(wantIndex), action: want.action, outcome: owedOutcome)
        if owedOutcome == .escalate {
            owedPart.by = by
            owedPart.within = policy.hot.reachable[Int(by)]
            owedPart.remedyEscalation = true
        }
        if tracing {
            owedPart.step = Int32(trace.count)
            trace.append(TraceStep(kind: .remedy, want: Int32(wantIndex), covers: remainder == nil, outcome: owedOutcome,
                                   by: owedPart.by, time: owedPart.within, chosen: true, amount: used))
        }
        var decision = owedPart
        if let remainder {
            let rest = decide(wantIndex, remainder, action: action, facts: facts, role: role, decimalMode: decimalMode)
            if rest.outcome >= owedOutcome {
                decision = rest
            }
            if decision.outcome == .allowed {
                decision.viaDiscretion = rest.viaDiscretion
                decision.viaRemedy = !rest.viaDiscretion
            }
        } else if owedOutcome == .allowed {
            decision.viaRemedy = true
        }
        decision.owed = used
        decision.owedDecimal = usedDecimal
        return decision
    }

    /// SPEC §4 for one want (or the remainder of one past what is owed).
    private mutating func decide(_ wantIndex: Int, _ want: WantInput, action: ActionCore, facts: FactView, role: Int,
                                 decimalMode: Bool) -> Decision {
        let policy = self.policy
        let hot = policy.hot
        let memo = self.memo
        var decision = Decision(want: Int32(wantIndex), action: want.action, outcome: .blocked)
        let amount = want.hasAmount ? want.amount : -1

        if action.never {
            if tracing {
                decision.step = Int32(trace.count)
                trace.append(TraceStep(kind: .never, want: Int32(wantIndex), outcome: .blocked, chosen: true, amount: amount))
            }
            return decision
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
            let covers = held && covers(grant, want, facts: facts, decimalMode: decimalMode)
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
                        time = reach < 0 || grant.approvalWithin < 0 ? -1 : Evaluator.sum(reach, grant.approvalWithin)
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
                                       outcome: offers, by: by, time: time, handoffs: handoffs, amount: amount))
            }
        }

        if allowedGrant >= 0 {
            decision.outcome = .allowed
            decision.path = allowedGrant
            decision.step = allowedStep
            if tracing { trace[Int(allowedStep)].chosen = true }
            return decision
        }

        // Discretion: money actions only, from the handling role's pool for this case.
        if action.money && want.hasAmount {
            if !poolReady { readyPool(role: role, facts: facts, decimalMode: decimalMode) }
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
                                       outcome: fits ? .allowed : nil, by: Int32(role), poolBefore: pool, chosen: fits, amount: amount,
                                       period: poolPeriod))
            }
            if fits {
                if decimalMode {
                    poolDecimal -= want.decimal
                    pool = FixedPoint.fixed(poolDecimal) ?? pool
                } else {
                    pool -= want.amount
                    poolDecimal = 0
                }
                spend(want.amount, want.decimal, role: role)
                decision.outcome = .allowed
                decision.viaDiscretion = true
                if tracing { decision.step = Int32(trace.count - 1) }
                return decision
            }
        }

        if action.aboveApprover >= 0 {
            let exempt = action.aboveCondition >= 0 && !memo.holds(action.aboveCondition, facts, policy)
            let available = !anyCovers && !exempt
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
                trace.append(TraceStep(kind: .aboveLimit, want: Int32(wantIndex), conditionHeld: !exempt, covers: available,
                                       outcome: available ? .needsApproval : nil, by: action.aboveApprover, time: time, amount: amount))
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
            trace.append(TraceStep(kind: .noPath, want: Int32(wantIndex), covers: false, outcome: .blocked, chosen: true, amount: amount))
        }
        return decision
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

/// What a run over several cases gave each customer from `per: customer` budgets, per
/// role (language 1.1), in input order. Memory grows with the distinct customers only.
public final class CustomerLedger: @unchecked Sendable {
    /// An open-addressing table (a power of two, at most half full) of entry numbers + 1
    /// (0: empty). Entries are columns, and the ids' bytes are copied into one arena, so a
    /// lookup hashes the id's bytes once and compares them only on a hash match, and the
    /// ledger never holds on to a caller's buffer (which the batch path reuses).
    private var slots = [Int32](repeating: 0, count: 64)
    private var hashes: [UInt64] = []
    private var roles: [Int32] = []
    private var starts: [Int] = []
    private var lengths: [Int32] = []
    private var amounts: [Int64] = []
    private var exact: [Decimal] = []
    private var arena: [UInt8] = []

    public init() {}

    /// The distinct customer–role pairs given something so far.
    public var customers: Int { hashes.count }

    /// What the run gave the customer from the role's `per: customer` budgets (fixed
    /// point and exact), or nil when nothing yet.
    public func given(_ id: [UInt8], role: Int) -> (Int64, Decimal)? {
        id.withUnsafeBufferPointer { given($0, role: role) }
    }

    public func given(_ id: UnsafeBufferPointer<UInt8>, role: Int) -> (Int64, Decimal)? {
        let hash = CustomerLedger.hash(id, role: role)
        guard let entry = find(id, role: Int32(role), hash: hash).entry else { return nil }
        return (amounts[entry], exact[entry])
    }

    /// Whether the customer was given anything from the role's `per: customer` budgets.
    public func contains(_ id: UnsafeBufferPointer<UInt8>, role: Int) -> Bool { given(id, role: role) != nil }

    /// Adds what the role's budgets gave the customer in one case.
    public func add(_ id: UnsafeBufferPointer<UInt8>, role: Int, _ amount: Int64, _ decimal: Decimal) {
        let hash = CustomerLedger.hash(id, role: role)
        let (entry, slot) = find(id, role: Int32(role), hash: hash)
        if let entry {
            amounts[entry] = Evaluator.sum(amounts[entry], amount)
            exact[entry] += decimal
            return
        }
        slots[slot] = Int32(hashes.count + 1)
        hashes.append(hash)
        roles.append(Int32(role))
        starts.append(arena.count)
        lengths.append(Int32(id.count))
        arena.append(contentsOf: id)
        amounts.append(amount)
        exact.append(decimal)
        if hashes.count * 2 > slots.count { grow() }
    }

    /// The entry of the pair, or the empty slot where it would go.
    private func find(_ id: UnsafeBufferPointer<UInt8>, role: Int32, hash: UInt64) -> (entry: Int?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let value = Int(slots[slot])
            if value == 0 { return (nil, slot) }
            let entry = value - 1
            if hashes[entry] == hash && roles[entry] == role && Int(lengths[entry]) == id.count {
                let start = starts[entry]
                let same = arena.withUnsafeBufferPointer { bytes in
                    id.isEmpty || memcmp(bytes.baseAddress! + start, id.baseAddress!, id.count) == 0
                }
                if same { return (entry, slot) }
            }
            slot = (slot + 1) & mask
        }
    }

    private func grow() {
        var table = [Int32](repeating: 0, count: slots.count * 2)
        let mask = table.count - 1
        for (entry, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while table[slot] != 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(entry + 1)
        }
        slots = table
    }

    /// FNV-1a over the id's bytes and the role, finished with a multiply–xorshift so the
    /// low bits (the table index) depend on every byte.
    @inline(__always)
    static func hash(_ id: UnsafeBufferPointer<UInt8>, role: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        h = (h ^ UInt64(UInt32(truncatingIfNeeded: role))) &* 0x0000_0100_0000_01b3
        h ^= h >> 32
        h &*= 0xd6e8_feb8_6659_fd93
        h ^= h >> 32
        return h
    }
}

/// Per-case values of amount rules and what is owed per action, stamped with the case's
/// generation so nothing is cleared between cases.
final class CaseScratch: @unchecked Sendable {
    var generation: UInt32 = 0
    var amountStamp: [UInt32]
    var amountValue: [Int64]
    var amountDecimal: [Decimal]
    var amountKnown: [Bool]
    var owedStamp: [UInt32]
    var owedKnown: [Bool]
    var owedLeft: [Int64]
    var owedLeftDecimal: [Decimal]
    /// Per budget period: what the case says was spent, and what is left in this case.
    var spent = [Int64](repeating: -1, count: CompiledPolicy.periods)
    var spentDecimal = [Decimal](repeating: 0, count: CompiledPolicy.periods)
    var left = [Int64](repeating: -1, count: CompiledPolicy.periods)
    var leftDecimal = [Decimal](repeating: 0, count: CompiledPolicy.periods)
    /// Whether the case names its customer, and what the run's ledger says they were given.
    var hasCustomerID = false
    var customerGiven: (Int64, Decimal)?

    init(amounts: Int, actions: Int) {
        amountStamp = Array(repeating: 0, count: amounts)
        amountValue = Array(repeating: 0, count: amounts)
        amountDecimal = Array(repeating: 0, count: amounts)
        amountKnown = Array(repeating: false, count: amounts)
        owedStamp = Array(repeating: 0, count: actions)
        owedKnown = Array(repeating: false, count: actions)
        owedLeft = Array(repeating: 0, count: actions)
        owedLeftDecimal = Array(repeating: 0, count: actions)
    }

    func next() {
        generation &+= 1
        if generation == 0 {
            for i in amountStamp.indices { amountStamp[i] = 0 }
            for i in owedStamp.indices { owedStamp[i] = 0 }
            generation = 1
        }
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
            if node.many {
                let bits = UInt64(bitPattern: value)
                switch node.op {
                case .equals: result = node.a >= 0 && node.a < 64 && bits & (1 << UInt64(node.a)) != 0
                case .inMask: result = bits & hot.masks[Int(node.first)] != 0
                default: result = false
                }
            } else if node.money && facts.decimalMode {
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
            if node.decimalA >= 0 {
                let bound = decimals[Int(node.decimalA)]
                if value < bound || (node.strictA && value == bound) { return false }
            }
            if node.decimalB >= 0 {
                let bound = decimals[Int(node.decimalB)]
                if value > bound || (node.strictB && value == bound) { return false }
            }
            return true
        case .inMask:
            return false
        }
    }
}
