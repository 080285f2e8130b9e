import Foundation
import LeewayCore

/// A policy set compiled for evaluation: roles, facts, enum values and actions become
/// integer indexes, money becomes fixed-point `Int64` (`FixedPoint`), and every `when:`
/// becomes a flat array of condition nodes over fact slots. Built once per policy; the
/// evaluator then compares integers only and allocates nothing per decision.
public final class CompiledPolicy: @unchecked Sendable {
    public let policy: PolicySet
    public let roles: [CompiledRole]
    public let facts: [CompiledFact]
    public let actions: [CompiledAction]
    let grants: [CompiledGrant]
    /// The fields the evaluator reads per decision, as plain values (no references to
    /// retain): per action, and each role's `reachable-within`.
    let actionCores: [ActionCore]
    let reachable: [Int64]
    /// The same tables as raw storage owned by this object (immutable after init, freed
    /// in deinit): the evaluator reads them without bounds checks or reference counting.
    let hot: HotTables
    /// The names the JSON Lines record writes, as raw bytes (`NameTable`).
    let names: NameTable
    let nodes: [ConditionNode]
    /// Child node indexes of `all`/`any` nodes, and enum value sets as bit masks.
    let children: [Int32]
    let masks: [UInt64]
    /// Value lists of `[a, b]` matchers on ordered facts, and their exact `Decimal` forms.
    let lists: [Int64]
    let listDecimals: [Decimal]
    let decimals: [Decimal]
    /// Per role: its discretion pool in fixed point (-1: none) and exactly.
    /// Per role and budget period (`role * BudgetPeriod.count + period`): the budgets of
    /// that period added up, in fixed point (-1: none) and exactly (language 1.1: periods
    /// intersect, the same period adds up).
    let pools: [Int64]
    let poolDecimals: [Decimal]
    /// Per role: whether it has a budget of some period other than `case`, and one `per: customer`.
    let hasPeriodBudget: [Bool]
    public let hasCustomerBudget: [Bool]
    /// Whether the policy writes some time of a path or a process in working days
    /// (`PolicySet.countsWorkingDays`): then customer messages say times in working days.
    public let countsWorkingDays: Bool
    /// Per budget period, whether some budget of the policy is counted over it.
    let usesPeriod: [Bool]
    static let periods = BudgetPeriod.allCases.count
    public let processes: [CompiledProcess]
    /// Amount rules (language 1.1) and the band tables they read.
    let amounts: [CompiledAmount]
    public let amountRules: [AmountRule]
    let bandLimits: [Int64]
    let bandAmounts: [Int64]
    /// Per role: the amount rules among its discretion budgets (`poolRules[poolRuleRanges[role]]`),
    /// with each one's period.
    let poolRules: [Int32]
    let poolRulePeriods: [Int]
    let poolRuleRanges: [Range<Int>]
    /// Remedies in file order, and per action whether any remedy gives it.
    let remedies: [CompiledRemedy]
    public var remedyCount: Int { remedies.count }
    /// Per remedy, what the JSON writers copy: its id, `within` as written and `by` (empty: none).
    let remedyText: [(name: [UInt8], within: [UInt8], by: [UInt8], automatic: Bool)]
    /// True when some money in the policy has no fixed-point form: every case is then
    /// evaluated with exact decimals. some money in the policy has no fixed-point form: every case is then
    /// evaluated with exact decimals.
    public let needsDecimal: Bool
    public let currency: String?
    /// Node indexes below this may be condition roots (the evaluator's memo size).
    let rootCount: Int

    let roleIndex: [String: Int]
    let factIndex: [String: Int]
    let actionIndex: [String: Int]
    /// The slots of the built-in facts given by dedicated case fields.
    public let channelSlot: Int?
    public let moodSlot: Int?
    /// Per value of `channel`, whether the policy says it is closed; the slot when any is.
    let closedChannels: [Bool]
    let closedChannelSlot: Int?

    public var id: String { policy.id.value }
    public let policyIDUTF8: [UInt8]

    public func role(named name: String) -> Int? { roleIndex[name] }
    public func fact(named name: String) -> Int? { factIndex[name] }
    public func action(named name: String) -> Int? { actionIndex[name] }

    /// The grant of the policy model behind a compiled grant index.
    public func sourceGrant(_ index: Int) -> Grant {
        let grant = grants[index]
        return policy.actions[Int(grant.action)].grants[Int(grant.indexInAction)]
    }

    /// Where a grant is written (read in place, without copying the grant).
    public func sourceGrantLocation(_ index: Int) -> SourceLocation {
        let grant = grants[index]
        return policy.actions[Int(grant.action)].grants[Int(grant.indexInAction)].location
    }

    public func grantRole(_ index: Int) -> Int { Int(grants[index].role) }
    public func grantRange(ofAction action: Int) -> Range<Int> { actions[action].grants }

    public init(_ policy: PolicySet) {
        var builder = Builder(policy: policy)
        builder.build()
        self.policy = policy
        roles = builder.roles
        facts = builder.facts
        actions = builder.actions
        grants = builder.grants
        actionCores = builder.actions.map {
            ActionCore(never: $0.never, money: $0.measure == .money, grantStart: Int32($0.grants.lowerBound), grantEnd: Int32($0.grants.upperBound),
                       aboveApprover: $0.aboveApprover, aboveWithin: $0.aboveWithin, remedies: $0.remedies, remedyBy: $0.remedyBy,
                       aboveCondition: $0.aboveCondition)
        }
        reachable = builder.roles.map(\.reachable)
        nodes = builder.nodes
        children = builder.children
        masks = builder.masks
        lists = builder.lists
        listDecimals = builder.listDecimals
        decimals = builder.decimals
        pools = builder.pools
        poolDecimals = builder.poolDecimals
        processes = builder.processes
        amounts = builder.amounts
        amountRules = builder.amountRules
        bandLimits = builder.bandLimits
        bandAmounts = builder.bandAmounts
        poolRules = builder.poolRules
        poolRulePeriods = builder.poolRulePeriods
        poolRuleRanges = builder.poolRuleRanges
        hasPeriodBudget = builder.hasPeriodBudget
        hasCustomerBudget = builder.hasCustomerBudget
        countsWorkingDays = policy.countsWorkingDays
        usesPeriod = BudgetPeriod.allCases.map { period in policy.discretion.contains { $0.per.value == period } }
        remedies = builder.remedies
        remedyText = policy.remedies.map { remedy in
            (Array(remedy.name.utf8), Array((remedy.within?.value.description ?? "").utf8), Array((remedy.by?.value ?? "").utf8), remedy.isAutomatic)
        }
        needsDecimal = builder.needsDecimal
        rootCount = builder.rootCount
        currency = policy.currency?.value
        policyIDUTF8 = Array(policy.id.value.utf8)
        roleIndex = Dictionary(uniqueKeysWithValues: builder.roles.enumerated().map { ($1.name, $0) })
        factIndex = Dictionary(uniqueKeysWithValues: builder.facts.enumerated().map { ($1.name, $0) })
        actionIndex = Dictionary(uniqueKeysWithValues: builder.actions.enumerated().map { ($1.name, $0) })
        channelSlot = factIndex["channel"]
        moodSlot = factIndex["mood"]
        let channelValues = channelSlot.map { builder.facts[$0].values } ?? []
        closedChannels = channelValues.map { value in policy.channel(value)?.state.value == .closed }
        closedChannelSlot = closedChannels.contains(true) ? channelSlot : nil
        hot = HotTables(grants: grants, actions: actionCores, reachable: reachable, nodes: nodes, children: children, masks: masks,
                        lists: lists, pools: pools, processes: processes, amounts: builder.amounts, bandLimits: builder.bandLimits,
                        bandAmounts: builder.bandAmounts, remedies: builder.remedies)
        names = NameTable(policyID: policyIDUTF8, roles: roles.map(\.utf8), actions: actions.map(\.utf8),
                          currencies: actions.map(\.currencyUTF8), measures: actions.map(\.measure))
    }

    deinit {
        hot.deallocate()
        names.deallocate()
    }

    /// A fact slot's integer form back as the policy model types it: the one reading shared
    /// by explanations and the evaluator's exact amount rules.
    func modelValue(slot: Int, present: Bool, value: Int64, decimal: Decimal, decimalMode: Bool) -> FactValue? {
        guard present else { return nil }
        let fact = facts[slot]
        switch fact.kind {
        case .enumeration:
            if fact.many {
                let bits = UInt64(bitPattern: value)
                return .set(fact.values.enumerated().filter { $0.offset < 64 && bits & (1 << UInt64($0.offset)) != 0 }.map(\.element))
            }
            return value >= 0 && Int(value) < fact.values.count ? .enumeration(fact.values[Int(value)]) : nil
        case .money: return .money(Money(decimalMode ? decimal : FixedPoint.decimal(value), currency ?? ""))
        case .duration: return .duration(Duration(seconds: value))
        case .count: return .count(value)
        case .bool: return .bool(value != 0)
        }
    }

    /// A note's message in a language, rendered once and kept: the batch path writes the
    /// same few notes on many cases.
    func noteText(_ note: CaseNote, _ language: Language) -> [UInt8] {
        let key = NoteKey(kind: note.kind, subject: note.subject, language: language)
        noteLock.lock()
        defer { noteLock.unlock() }
        if let text = noteCache[key] { return text }
        let text = Array(Explanation(policy: self, language: language, keeping: false).noteMessage(note).utf8)
        noteCache[key] = text
        return text
    }

    private struct NoteKey: Hashable {
        var kind: CaseNote.Kind
        var subject: Int32
        var language: Language
    }
    private let noteLock = NSLock()
    private var noteCache: [NoteKey: [UInt8]] = [:]
}

public struct CompiledRole: Sendable {
    public var name: String
    /// `reachable-within` in seconds, or -1 when unknown.
    public var reachable: Int64
    public var utf8: [UInt8]
}

public enum FactKind: UInt8, Sendable {
    case enumeration, money, duration, count, bool
}

public struct CompiledFact: Sendable {
    /// An enum fact a case may give several values of: its slot holds a bit mask of them.
    public var many = false
    public var name: String
    public var nameUTF8: [UInt8]
    public var kind: FactKind
    public var values: [String]
    public var valueIndex: [String: Int]
    public var valueUTF8: [[UInt8]]

    /// The bit mask of a `many` fact's values (at most 64 values, checked on loading).
    static func mask(_ values: [String], _ fact: CompiledFact) -> UInt64 {
        var bits: UInt64 = 0
        for value in values { if let index = fact.valueIndex[value], index < 64 { bits |= 1 << UInt64(index) } }
        return bits
    }
}

public struct CompiledAction: Sendable {
    public var name: String
    public var utf8: [UInt8]
    public var measure: Measure
    public var never: Bool
    public var grants: Range<Int>
    /// `above-limit.approval`: the approver (-1: none) and its `within` (-1: unknown).
    public var aboveApprover: Int32
    public var aboveWithin: Int64
    /// The currency the action's limits are written in (money actions), if any.
    public var currency: String?
    public var currencyUTF8: [UInt8]
    /// Whether some remedy is given through this action, and the role that gives them (-1: the handler).
    public var remedies = false
    public var remedyBy: Int32 = -1
    /// `above-limit.when`'s root condition, or -1 (language 1.1).
    public var aboveCondition: Int32 = -1
}

/// Raw copies of the tables the evaluator reads per decision.
struct HotTables {
    let grants: UnsafeMutablePointer<CompiledGrant>
    let actions: UnsafeMutablePointer<ActionCore>
    let reachable: UnsafeMutablePointer<Int64>
    let nodes: UnsafeMutablePointer<ConditionNode>
    let children: UnsafeMutablePointer<Int32>
    let masks: UnsafeMutablePointer<UInt64>
    let lists: UnsafeMutablePointer<Int64>
    let pools: UnsafeMutablePointer<Int64>
    let processes: UnsafeMutablePointer<CompiledProcess>
    let processCount: Int
    let amounts: UnsafeMutablePointer<CompiledAmount>
    let bandLimits: UnsafeMutablePointer<Int64>
    let bandAmounts: UnsafeMutablePointer<Int64>
    let remedies: UnsafeMutablePointer<CompiledRemedy>
    let remedyCount: Int

    init(grants: [CompiledGrant], actions: [ActionCore], reachable: [Int64], nodes: [ConditionNode], children: [Int32],
         masks: [UInt64], lists: [Int64], pools: [Int64], processes: [CompiledProcess], amounts: [CompiledAmount],
         bandLimits: [Int64], bandAmounts: [Int64], remedies: [CompiledRemedy]) {
        func copy<T>(_ array: [T]) -> UnsafeMutablePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(1, array.count))
            pointer.initialize(from: array, count: array.count)
            return pointer
        }
        self.grants = copy(grants)
        self.actions = copy(actions)
        self.reachable = copy(reachable)
        self.nodes = copy(nodes)
        self.children = copy(children)
        self.masks = copy(masks)
        self.lists = copy(lists)
        self.pools = copy(pools)
        self.processes = copy(processes)
        processCount = processes.count
        self.amounts = copy(amounts)
        self.bandLimits = copy(bandLimits)
        self.bandAmounts = copy(bandAmounts)
        self.remedies = copy(remedies)
        remedyCount = remedies.count
    }

    func deallocate() {
        grants.deallocate()
        actions.deallocate()
        reachable.deallocate()
        nodes.deallocate()
        children.deallocate()
        masks.deallocate()
        lists.deallocate()
        pools.deallocate()
        processes.deallocate()
        amounts.deallocate()
        bandLimits.deallocate()
        bandAmounts.deallocate()
        remedies.deallocate()
    }
}

/// A case's fact slots as raw pointers, valid during one evaluation.
struct FactView {
    let values: UnsafePointer<Int64>
    let present: UnsafePointer<Bool>
    let decimals: UnsafePointer<Decimal>
    let decimalMode: Bool
}

struct ActionCore: Sendable {
    var never: Bool
    var money: Bool
    var grantStart: Int32
    var grantEnd: Int32
    var aboveApprover: Int32
    var aboveWithin: Int64
    var remedies: Bool
    var remedyBy: Int32
    var aboveCondition: Int32
}

struct CompiledGrant: Sendable {
    var action: Int32
    var indexInAction: Int32
    var role: Int32
    /// Root condition node, or -1 for a grant without `when`.
    var condition: Int32
    /// Limits in the action's measure; absent limits are Int64.max / Int64.min.
    var upTo: Int64
    var atLeast: Int64
    var upToDecimal: Decimal?
    var atLeastDecimal: Decimal?
    /// The approver (-1: no approval) and the approval's `within` (-1: unknown).
    var approver: Int32
    var approvalWithin: Int64
    /// Limits written as amount rules: indexes into `amounts`, or -1.
    var upToAmount: Int32 = -1
    var atLeastAmount: Int32 = -1
}

struct ConditionNode: Sendable {
    enum Kind: UInt8, Sendable { case all, any, leaf }
    enum Op: UInt8, Sendable { case equals, inMask, inList, range }
    var kind: Kind
    var op: Op = .equals
    var negate = false
    var money = false
    /// A `many` fact: the slot is a bit mask; equals tests a bit, a list shares a bit.
    var many = false
    var slot: Int32 = 0
    /// all/any: children[first..<first+count]; inMask: masks[first..<first+count];
    /// inList: lists/listDecimals[first..<first+count].
    var first: Int32 = 0
    var count: Int32 = 0
    /// equals: the value; range: min and max (Int64.min / Int64.max when absent).
    var a: Int64 = 0
    var b: Int64 = 0
    /// Exact forms for money (indexes into `decimals`, -1 when absent).
    var decimalA: Int32 = -1
    var decimalB: Int32 = -1
    /// range: the bounds are strict (`above`/`below`, language 1.1); the integer bounds
    /// `a`/`b` already exclude them, the exact ones need the flag.
    var strictA = false
    var strictB = false
}

public struct CompiledProcess: Sendable {
    public var index: Int
    public var condition: Int32
    public var handoffs: Int
    public var approvals: Int
    public var asks: Int
    /// Hand-off waits, wait steps and approval `within`s; unknown ones count 0.
    public var time: Int64
    public var timeKnown: Bool
}

private struct Builder {
    let policy: PolicySet
    var roles: [CompiledRole] = []
    var facts: [CompiledFact] = []
    var actions: [CompiledAction] = []
    var grants: [CompiledGrant] = []
    var nodes: [ConditionNode] = []
    var children: [Int32] = []
    var masks: [UInt64] = []
    var lists: [Int64] = []
    var listDecimals: [Decimal] = []
    var decimals: [Decimal] = []
    var pools: [Int64] = []
    var poolDecimals: [Decimal] = []
    var processes: [CompiledProcess] = []
    var amounts: [CompiledAmount] = []
    var amountRules: [AmountRule] = []
    var bandLimits: [Int64] = []
    var bandAmounts: [Int64] = []
    var poolRules: [Int32] = []
    var poolRulePeriods: [Int] = []
    var poolRuleRanges: [Range<Int>] = []
    var hasPeriodBudget: [Bool] = []
    var hasCustomerBudget: [Bool] = []
    var remedies: [CompiledRemedy] = []
    var needsDecimal = false
    var roots: [String: Int32] = [:]
    var rootCount = 0
    var roleIndex: [String: Int] = [:]
    var factIndex: [String: Int] = [:]

    init(policy: PolicySet) {
        self.policy = policy
    }

    mutating func build() {
        for role in policy.roles {
            roleIndex[role.name] = roles.count
            roles.append(CompiledRole(name: role.name, reachable: role.reachableWithin?.value.seconds ?? -1, utf8: Array(role.name.utf8)))
        }
        for fact in policy.facts {
            factIndex[fact.name] = facts.count
            let kind: FactKind
            var values: [String] = []
            switch fact.type {
            case .enumeration(let list): kind = .enumeration; values = list
            case .money: kind = .money
            case .duration: kind = .duration
            case .count: kind = .count
            case .bool: kind = .bool
            }
            var index: [String: Int] = [:]
            for (i, value) in values.enumerated() where index[value] == nil { index[value] = i }
            facts.append(CompiledFact(many: fact.many, name: fact.name, nameUTF8: Array(fact.name.utf8), kind: kind, values: values,
                                      valueIndex: index, valueUTF8: values.map { Array($0.utf8) }))
        }
        for (actionIndex, action) in policy.actions.enumerated() {
            let start = grants.count
            var currency: String?
            for (grantIndex, grant) in action.grants.enumerated() {
                let condition = grant.when.map { compileRoot($0) } ?? -1
                var compiled = CompiledGrant(action: Int32(actionIndex), indexInAction: Int32(grantIndex),
                                             role: Int32(roleIndex[grant.role.value] ?? -1), condition: condition,
                                             upTo: .max, atLeast: .min, upToDecimal: nil, atLeastDecimal: nil,
                                             approver: -1, approvalWithin: -1)
                if let upTo = grant.upTo?.value {
                    (compiled.upTo, compiled.upToDecimal) = limit(upTo)
                    if case .money(let money) = upTo { currency = currency ?? money.currency }
                }
                if let atLeast = grant.atLeast?.value {
                    (compiled.atLeast, compiled.atLeastDecimal) = limit(atLeast)
                    if case .money(let money) = atLeast { currency = currency ?? money.currency }
                }
                if let rule = grant.upToRule?.value { compiled.upToAmount = compileAmount(rule, measure: action.measure) }
                if let rule = grant.atLeastRule?.value { compiled.atLeastAmount = compileAmount(rule, measure: action.measure) }
                if let approval = grant.approval {
                    compiled.approver = Int32(roleIndex[approval.by.value] ?? -1)
                    compiled.approvalWithin = approval.within?.value.seconds ?? -1
                }
                grants.append(compiled)
            }
            var aboveApprover: Int32 = -1
            var aboveWithin: Int64 = -1
            if let approval = action.aboveLimit?.approval {
                aboveApprover = Int32(roleIndex[approval.by.value] ?? -1)
                aboveWithin = approval.within?.value.seconds ?? -1
            }
            let actionCurrency = action.measure == .money ? (currency ?? policy.currency?.value) : nil
            actions.append(CompiledAction(name: action.name, utf8: Array(action.name.utf8), measure: action.measure, never: action.isNever,
                                          grants: start..<grants.count, aboveApprover: aboveApprover, aboveWithin: aboveWithin,
                                          currency: actionCurrency, currencyUTF8: Array((actionCurrency ?? "").utf8)))
            if let when = action.aboveLimit?.when { actions[actions.count - 1].aboveCondition = compileRoot(when) }
        }
        // Discretion: a role's budgets of one period add up into one pool for that period,
        // in the policy's currency (the first budget's when the policy declares none);
        // pools of different periods all limit the role (language 1.1).
        let periods = CompiledPolicy.periods
        pools = Array(repeating: -1, count: roles.count * periods)
        poolDecimals = Array(repeating: 0, count: roles.count * periods)
        hasPeriodBudget = Array(repeating: false, count: roles.count)
        hasCustomerBudget = Array(repeating: false, count: roles.count)
        let poolCurrency = policy.currency?.value ?? policy.discretion.first?.upTo.value.currency
        var rulesOfRole = Array(repeating: [(Int32, Int)](), count: roles.count)
        for budget in policy.discretion {
            guard let role = roleIndex[budget.role.value] else { continue }
            let period = BudgetPeriod.allCases.firstIndex(of: budget.per.value) ?? 0
            let slot = role * periods + period
            if budget.per.value != .case { hasPeriodBudget[role] = true }
            if budget.per.value == .customer { hasCustomerBudget[role] = true }
            if let rule = budget.upToRule?.value {
                rulesOfRole[role].append((compileAmount(rule, measure: .money), period))
                if pools[slot] < 0 { pools[slot] = 0 }
                continue
            }
            guard budget.upTo.value.currency == poolCurrency else { continue }
            poolDecimals[slot] += budget.upTo.value.amount
            if let fixed = FixedPoint.fixed(poolDecimals[slot]) {
                pools[slot] = fixed
            } else {
                pools[slot] = FixedPoint.limit
                needsDecimal = true
            }
        }
        for rules in rulesOfRole {
            poolRuleRanges.append(poolRules.count..<(poolRules.count + rules.count))
            poolRules += rules.map(\.0)
            poolRulePeriods += rules.map(\.1)
        }
        for remedy in policy.remedies {
            guard let action = policy.actions.firstIndex(where: { $0.name == remedy.action.value }) else { continue }
            var compiled = CompiledRemedy(condition: remedy.when.map { compileRoot($0) } ?? -1, action: Int32(action))
            compiled.automatic = remedy.isAutomatic
            compiled.by = remedy.by.flatMap { roleIndex[$0.value] }.map(Int32.init) ?? -1
            switch remedy.amount?.value {
            case .value(let quantity)?:
                compiled.hasAmount = true
                (compiled.fixed, _) = limit(quantity)
                if case .money(let money) = quantity { compiled.fixedDecimal = money.amount }
            case .rule(let rule)?:
                compiled.hasAmount = true
                compiled.amount = compileAmount(rule, measure: policy.actions[action].measure)
            case nil:
                break
            }
            actions[action].remedies = true
            actions[action].remedyBy = compiled.by
            remedies.append(compiled)
        }
        for (index, process) in policy.processes.enumerated() {
            var compiled = CompiledProcess(index: index, condition: process.when.map { compileRoot($0) } ?? -1,
                                           handoffs: 0, approvals: 0, asks: 0, time: 0, timeKnown: true)
            for step in process.steps {
                switch step.kind {
                case .ask(let items):
                    compiled.asks += items.count
                case .handoff(_, let wait, _):
                    compiled.handoffs += 1
                    if let wait { compiled.time = Duration.saturating(compiled.time, plus: wait.value.seconds) } else { compiled.timeKnown = false }
                case .approval(let approval):
                    compiled.approvals += 1
                    if let within = approval.within { compiled.time = Duration.saturating(compiled.time, plus: within.value.seconds) } else { compiled.timeKnown = false }
                case .wait(let wait):
                    compiled.time = Duration.saturating(compiled.time, plus: wait.value.seconds)
                case .redirect, .script:
                    break
                }
            }
            processes.append(compiled)
        }
    }

    /// Compiles an amount rule over its fact's slot; returns its index in `amounts`.
    mutating func compileAmount(_ rule: AmountRule, measure: Measure) -> Int32 {
        var compiled = CompiledAmount(kind: .percent, slot: Int32(factIndex[rule.fact] ?? 0))
        compiled.rule = Int32(amountRules.count)
        amountRules.append(rule)
        func fixed(_ quantity: Quantity) -> Int64 {
            let (value, decimal) = limit(quantity)
            if decimal != nil, FixedPoint.fixed(decimal!) == nil { compiled.exact = false }
            return value
        }
        func fixed(_ value: FactValue) -> Int64 {
            let (number, decimal) = scalar(value, slot: Int(compiled.slot))
            if decimal >= 0, FixedPoint.fixed(decimals[Int(decimal)]) == nil { compiled.exact = false }
            return number
        }
        switch rule {
        case .percent(let percent):
            compiled.kind = .percent
            if let scaled = FixedPoint.fixed(percent.percent) { compiled.a = scaled } else { compiled.exact = false }
            if let min = percent.min { compiled.b = fixed(min) }
            if let max = percent.max { compiled.c = fixed(max) }
            if measure == .money {
                let minor = Money.minorDigits(policy.currency?.value ?? "")
                compiled.d = minor >= FixedPoint.decimals ? 1 : Int64(pow(10, Double(FixedPoint.decimals - minor)))
            }
        case .bands(let bands):
            compiled.kind = .bands
            compiled.first = Int32(bandLimits.count)
            compiled.count = Int32(bands.bands.count)
            for band in bands.bands {
                bandLimits.append(band.upTo.map { fixed($0) } ?? .max)
                bandAmounts.append(fixed(band.amount))
            }
        case .steps(let steps):
            compiled.kind = .steps
            compiled.a = fixed(steps.base)
            compiled.b = fixed(steps.add)
            compiled.d = max(1, fixed(steps.each))
            compiled.e = fixed(steps.after)
            if let max = steps.max { compiled.c = fixed(max) }
        }
        if !compiled.exact { needsDecimal = true }
        amounts.append(compiled)
        return Int32(amounts.count - 1)
    }

    mutating func limit(_ quantity: Quantity) -> (Int64, Decimal?) {
        switch quantity {
        case .money(let money):
            if let fixed = FixedPoint.fixed(money.amount) { return (fixed, money.amount) }
            needsDecimal = true
            return (money.amount < 0 ? -FixedPoint.limit : FixedPoint.limit, money.amount)
        case .duration(let duration):
            return (duration.seconds, nil)
        case .count(let count):
            return (count, nil)
        }
    }

    /// Compiles a `when:`; conditions written the same way (a grant and its approval
    /// sibling, say) share one root, so the evaluator decides each once per case.
    mutating func compileRoot(_ condition: Condition) -> Int32 {
        let key = Builder.key(condition)
        if let root = roots[key] { return root }
        let root = compile(condition)
        roots[key] = root
        rootCount = max(rootCount, Int(root) + 1)
        return root
    }

    static func key(_ condition: Condition) -> String {
        switch condition {
        case .all(let parts, _): return "all(" + parts.map(key).joined(separator: ",") + ")"
        case .any(let parts, _): return "any(" + parts.map(key).joined(separator: ",") + ")"
        case .fact(let match): return match.fact + "=" + match.matcher.description
        }
    }

    /// Compiles a condition into nodes; returns its root index.
    mutating func compile(_ condition: Condition) -> Int32 {
        switch condition {
        case .all(let parts, _), .any(let parts, _):
            let isAll: Bool
            if case .all = condition { isAll = true } else { isAll = false }
            let compiledParts = parts.map { compile($0) }
            let index = Int32(nodes.count)
            nodes.append(ConditionNode(kind: isAll ? .all : .any, first: Int32(children.count), count: Int32(compiledParts.count)))
            children.append(contentsOf: compiledParts)
            return index
        case .fact(let match):
            var node = ConditionNode(kind: .leaf)
            node.slot = Int32(factIndex[match.fact] ?? 0)
            let kind = facts[Int(node.slot)].kind
            node.money = kind == .money
            node.many = facts[Int(node.slot)].many
            var matcher = match.matcher
            while case .not(let inner) = matcher {
                node.negate.toggle()
                matcher = inner
            }
            switch matcher {
            case .equals(let value):
                node.op = .equals
                (node.a, node.decimalA) = scalar(value, slot: Int(node.slot))
            case .anyOf(let values):
                if kind == .enumeration {
                    node.op = .inMask
                    let words = max(1, (facts[Int(node.slot)].values.count + 63) / 64)
                    node.first = Int32(masks.count)
                    node.count = Int32(words)
                    var bits = [UInt64](repeating: 0, count: words)
                    for value in values {
                        let (index, _) = scalar(value, slot: Int(node.slot))
                        if index >= 0 { bits[Int(index) / 64] |= 1 << UInt64(index % 64) }
                    }
                    masks.append(contentsOf: bits)
                } else {
                    node.op = .inList
                    node.first = Int32(lists.count)
                    node.count = Int32(values.count)
                    for value in values {
                        let (fixed, decimalIndex) = scalar(value, slot: Int(node.slot))
                        lists.append(fixed)
                        listDecimals.append(decimalIndex >= 0 ? decimals[Int(decimalIndex)] : 0)
                    }
                }
            case .bounds(let bounds):
                node.op = .range
                node.a = .min
                node.b = .max
                // The tighter of each pair: a strict bound excludes its value (one unit above
                // or below in the slot's integer form: a second, a count, 0.0001 of money).
                func tighter(_ strict: FactValue?, _ inclusive: FactValue?, lower: Bool) -> (FactValue, Bool)? {
                    switch (strict, inclusive) {
                    case let (s?, i?):
                        guard let order = FactValue.compare(s, i) else { return (s, true) }
                        return lower ? (order >= 0 ? (s, true) : (i, false)) : (order <= 0 ? (s, true) : (i, false))
                    case let (s?, nil): return (s, true)
                    case let (nil, i?): return (i, false)
                    default: return nil
                    }
                }
                if let (value, strict) = tighter(bounds.above, bounds.min, lower: true) {
                    (node.a, node.decimalA) = scalar(value, slot: Int(node.slot))
                    if strict { node.a = node.a == .max ? .max : node.a + 1; node.strictA = true }
                }
                if let (value, strict) = tighter(bounds.below, bounds.max, lower: false) {
                    (node.b, node.decimalB) = scalar(value, slot: Int(node.slot))
                    if strict { node.b = node.b == .min ? .min : node.b - 1; node.strictB = true }
                }
            case .range(let min, let max):
                node.op = .range
                node.a = .min
                node.b = .max
                if let min { (node.a, node.decimalA) = scalar(min, slot: Int(node.slot)) }
                if let max { (node.b, node.decimalB) = scalar(max, slot: Int(node.slot)) }
            case .not:
                break
            }
            let index = Int32(nodes.count)
            nodes.append(node)
            return index
        }
    }

    /// A fact value as an integer in its slot's representation, and for money the index
    /// of its exact form in `decimals`.
    mutating func scalar(_ value: FactValue, slot: Int) -> (Int64, Int32) {
        switch value {
        case .enumeration(let text): return (Int64(facts[slot].valueIndex[text] ?? -1), -1)
        case .duration(let duration): return (duration.seconds, -1)
        case .count(let count): return (count, -1)
        case .bool(let flag): return (flag ? 1 : 0, -1)
        case .set(let values): return (Int64(bitPattern: CompiledFact.mask(values, facts[slot])), -1)
        case .money(let money):
            let index = Int32(decimals.count)
            decimals.append(money.amount)
            if let fixed = FixedPoint.fixed(money.amount) { return (fixed, index) }
            needsDecimal = true
            return (money.amount < 0 ? -FixedPoint.limit : FixedPoint.limit, index)
        }
    }
}
