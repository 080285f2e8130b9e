import Foundation
import LeewayCore
import LeewayEngine

/// What one pass over the history records (docs/tune.md): for every case and want,
/// enough to know, for every lever setting, whether the want is allowed at first contact —
/// the amount asked, which levers would cover it, whether the role's budget could, and
/// what the baseline path costs the customer. The frontier is computed from this alone.
public final class TuneTally: @unchecked Sendable {
    /// Per want: how levers can change it.
    enum State: UInt8 { case always, never, open }

    public internal(set) var cases = 0
    public internal(set) var wants = 0
    /// Cases resolved at first contact and wants allowed under the policy as it is.
    public internal(set) var baseFirstContact = 0
    public internal(set) var baseAllowed = 0

    // Per case.
    var caseRole: [Int32] = []
    /// Whether the case is the levers' to change (handled by a tuned role).
    var caseModeled: [Bool] = []
    /// No process hand-off and no remedy given by another role: first contact is possible.
    var caseCanResolve: [Bool] = []
    var caseBaseFirstContact: [Bool] = []
    var caseWantStart: [Int32] = [0]

    // Per want.
    var wantState: [State] = []
    /// The amount §4 decides (the remainder past what is owed), fixed point; -1 none.
    var wantAmount: [Int64] = []
    /// Money given when the want is allowed (the whole want), fixed point; 0 for other measures.
    var wantMoney: [Int64] = []
    /// Whether the role's discretion budget can allow it (a money want with an amount).
    var wantBudget: [Bool] = []
    var wantBaseAllowed: [Bool] = []
    var wantBaseApproval: [Bool] = []
    var wantBaseHandoffs: [Int32] = []
    /// The baseline path's time in seconds (-1 unknown, 0 for allowed and blocked).
    var wantBaseWithin: [Int64] = []
    var wantBaseBlocked: [Bool] = []
    var wantLeverStart: [Int32] = [0]
    var wantLevers: [Int32] = []

    /// Per lever: (threshold, want) pairs, sorted by threshold once the pass is done.
    var leverWants: [[(Int64, Int32)]] = []
    /// Per role index: its discretion lever, or -1; and the baseline budget per case.
    var roleBudgetLever: [Int32] = []
    var roleBasePool: [Int64] = []
    /// Per role index: the levers of that role and the cases it handles (modeled only).
    var roleLevers: [[Int32]] = []
    var roleCases: [[Int32]] = []

    init(levers: [TuneLever], compiled: CompiledPolicy) {
        let roles = compiled.roles.count
        leverWants = Array(repeating: [], count: levers.count)
        roleBudgetLever = Array(repeating: -1, count: roles)
        roleBasePool = Array(repeating: -1, count: roles)
        roleLevers = Array(repeating: [], count: roles)
        roleCases = Array(repeating: [], count: roles)
        for (index, lever) in levers.enumerated() {
            guard let role = compiled.role(named: lever.role) else { continue }
            roleLevers[role].append(Int32(index))
            if lever.kind == .discretion { roleBudgetLever[role] = Int32(index) }
        }
        let tunable = Set(TuneLevers.tunableRoles(compiled))
        for (index, role) in compiled.roles.enumerated() where tunable.contains(role.name) {
            var total: Decimal = 0
            var any = false
            for entry in compiled.policy.discretion where entry.role.value == role.name && entry.per.value == .case {
                total += entry.upTo.value.amount
                any = true
            }
            if any { roleBasePool[index] = FixedPoint.fixed(total) ?? -1 }
        }
    }
}

/// Builds the tally case by case, with the real evaluator (trace on) under the policy as it is.
struct TuneRecorder {
    let compiled: CompiledPolicy
    let levers: [TuneLever]
    var tally: TuneTally
    var evaluator: Evaluator
    let ledger = CustomerLedger()
    /// Per compiled grant: the `limit` lever raising it, the `ownLimit` lever going before
    /// it (both -1 when none), and its fixed `at-least` (0 when none).
    let grantLimitLever: [Int32]
    let grantOwnLever: [Int32]
    let grantAtLeast: [Int64]
    /// Per process: whether it hands the customer off. Per remedy: its `by` role index.
    let processHandoff: [Bool]
    let remedyBy: [Int]
    let actionMoney: [Bool]
    let actionMeasured: [Bool]

    init(compiled: CompiledPolicy, levers: [TuneLever]) {
        self.compiled = compiled
        self.levers = levers
        tally = TuneTally(levers: levers, compiled: compiled)
        var evaluator = Evaluator(policy: compiled, tracing: true)
        evaluator.ledger = ledger
        self.evaluator = evaluator
        let grantCount = compiled.actions.last?.grants.upperBound ?? 0
        var limit = [Int32](repeating: -1, count: grantCount)
        var own = [Int32](repeating: -1, count: grantCount)
        var atLeast = [Int64](repeating: 0, count: grantCount)
        for g in 0..<grantCount {
            if let value = compiled.sourceGrant(g).atLeast?.value { atLeast[g] = TuneLevers.fixed(value, currency: compiled.currency) ?? 0 }
        }
        for (index, lever) in levers.enumerated() where lever.grant >= 0 {
            if lever.kind == .limit { limit[lever.grant] = Int32(index) } else { own[lever.grant] = Int32(index) }
        }
        grantLimitLever = limit
        grantOwnLever = own
        grantAtLeast = atLeast
        var handoff = [Bool](repeating: false, count: compiled.policy.processes.count)
        for process in compiled.processes where process.index >= 0 && process.index < handoff.count {
            handoff[process.index] = process.handoffs > 0
        }
        processHandoff = handoff
        remedyBy = compiled.policy.remedies.map { remedy in remedy.by.flatMap { compiled.role(named: $0.value) } ?? -1 }
        actionMoney = compiled.actions.map { $0.measure == .money }
        actionMeasured = compiled.actions.map { $0.measure != .none }
    }

    mutating func add(_ input: CaseInput) {
        let resolution = evaluator.evaluate(input)
        let role = Int(input.role)
        let caseIndex = Int32(tally.cases)
        tally.cases += 1
        let modeled = role >= 0 && !tally.roleLevers[role].isEmpty
        var canResolve = true
        for process in evaluator.triggered where processHandoff[Int(process)] { canResolve = false }
        for entry in evaluator.owed {
            let by = remedyBy[Int(entry.remedy)]
            if by >= 0 && by != role { canResolve = false }
        }
        tally.caseRole.append(Int32(role))
        tally.caseModeled.append(modeled)
        tally.caseCanResolve.append(canResolve)
        tally.caseBaseFirstContact.append(resolution.firstContact)
        if resolution.firstContact { tally.baseFirstContact += 1 }
        if modeled { tally.roleCases[role].append(caseIndex) }

        let trace = evaluator.trace
        var step = 0
        for decision in evaluator.decisions {
            let wantIndex = Int32(tally.wants)
            tally.wants += 1
            let want = input.wants[Int(decision.want)]
            let money = actionMoney[Int(want.action)]
            let allowed = decision.outcome == .allowed
            if allowed { tally.baseAllowed += 1 }
            tally.wantBaseAllowed.append(allowed)
            tally.wantBaseApproval.append(decision.approval)
            tally.wantBaseHandoffs.append(decision.handoffs)
            tally.wantBaseWithin.append(decision.outcome == .allowed || decision.outcome == .blocked ? 0 : decision.within)
            tally.wantBaseBlocked.append(decision.outcome == .blocked)
            tally.wantMoney.append(money && want.hasAmount ? want.amount : 0)

            // This want's trace steps (the trace lists wants in order).
            var amount: Int64 = want.hasAmount ? want.amount : -1
            var never = false
            var held: [Int32] = []
            while step < trace.count, trace[step].want == decision.want {
                let entry = trace[step]
                switch entry.kind {
                case .never: never = true
                case .remedy: if entry.outcome == .escalate { never = true }
                case .grant:
                    amount = entry.amount
                    if entry.conditionHeld { held.append(entry.grant) }
                default: amount = entry.amount
                }
                step += 1
            }
            var state: TuneTally.State
            if allowed && !decision.viaDiscretion {
                state = .always
            } else if never || !modeled || !actionMeasured[Int(want.action)] {
                state = allowed ? .always : .never
            } else {
                state = .open
            }
            var budget = false
            if state == .open {
                for g in held {
                    let grant = Int(g)
                    guard compiled.grantRole(grant) == role else { continue }
                    let lever = grantLimitLever[grant] >= 0 ? grantLimitLever[grant] : grantOwnLever[grant]
                    guard lever >= 0 else { continue }
                    if amount >= 0 && amount < grantAtLeast[grant] { continue }
                    let threshold = max(0, amount)
                    tally.wantLevers.append(lever)
                    tally.leverWants[Int(lever)].append((threshold, wantIndex))
                }
                budget = amount >= 0 && money
                if !budget && tally.wantLevers.count == Int(tally.wantLeverStart.last!) { state = .never }
            }
            if state == .never && allowed { state = .always }
            tally.wantState.append(state)
            tally.wantAmount.append(amount)
            tally.wantBudget.append(budget)
            tally.wantLeverStart.append(Int32(tally.wantLevers.count))
        }
        tally.caseWantStart.append(Int32(tally.wants))
    }

    mutating func finish() -> TuneTally {
        for index in tally.leverWants.indices {
            tally.leverWants[index].sort { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
        }
        return tally
    }
}
