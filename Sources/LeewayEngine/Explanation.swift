import Foundation
import LeewayCore

/// Turns trace steps into located sentences in the user's language: what each grant,
/// budget and path offered, and why it did or did not apply.
public struct Explanation: Sendable {
    public let policy: CompiledPolicy
    public let language: Language
    /// Sentences of grants whose condition failed, by grant and the values of the facts
    /// the condition reads: most steps of most traces, and the same for every case with
    /// the same values (a replay of 100,000 cases says a few hundred of them).
    /// Sentences that say a step's amount, rendered once per step shape (grant, outcome,
    /// approver, time) around the amount (`AmountTemplate`): the amount is the one part
    /// that differs from case to case; and `up to 25 USD` per grant without an amount rule.
    /// Nil for an explanation made to read one case's values (nothing is kept).
    private let cache: ExplanationCache?

    public init(policy: CompiledPolicy, language: Language) {
        self.init(policy: policy, language: language, keeping: true)
    }

    /// `keeping: false`: an explanation that keeps no sentences, cheap to make for reading
    /// one case's facts and amounts (the customer message, the override planner).
    public init(policy: CompiledPolicy, language: Language, keeping: Bool) {
        self.policy = policy
        self.language = language
        cache = keeping ? ExplanationCache() : nil
    }

    /// `engine.step.grant-condition` for a grant, rendered once per grant and values.
    private func conditionSentence(grant index: Int32, input: CaseInput) -> String {
        // The grant is read only to render (most steps find their sentence kept).
        let render = {
            let grant = policy.sourceGrant(Int(index))
            return text("engine.step.grant-condition", ["role": grant.role.value, "detail": conditionDetail(grant.when, input: input)])
        }
        // Exact money is compared as decimals: not keyed.
        guard !input.decimalMode, let conditionSentences = cache?.conditionSentences else { return render() }
        let slots = conditionSentences.slots(of: Int(index)) {
            (policy.sourceGrant(Int(index)).when?.factMatches ?? []).compactMap { policy.fact(named: $0.fact) }
        }
        var key: [Int64] = [Int64(index)]
        key.reserveCapacity(slots.count + 1)
        for slot in slots { key.append(input.present[slot] ? input.values[slot] : Int64.min) }
        return conditionSentences.sentence(for: key, render)
    }

    func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        Catalog.render(Message(key, arguments), in: language)
    }

    public func roleName(_ index: Int32) -> String { index >= 0 ? policy.roles[Int(index)].name : "?" }

    /// `within 15m`, or `time unknown`.
    public func time(_ seconds: Int64) -> String {
        seconds < 0 ? text("engine.time.unknown") : text("engine.time.within", ["time": Duration(seconds: seconds).description])
    }

    public func amount(_ want: WantInput) -> String {
        policy.amountText(want) ?? text("engine.amount.none")
    }

    /// The amount a step decided: the want's, or the remainder past what is owed.
    public func amount(_ step: TraceStep, _ want: WantInput) -> String {
        guard step.amount >= 0, want.hasAmount, step.amount != want.amount else { return amount(want) }
        var part = want
        part.amount = step.amount
        part.decimal = FixedPoint.decimal(step.amount)
        return amount(part)
    }

    /// `up to 25 USD`, `at least 4h`, `4h to 8h`, `any amount`; an amount rule shows with
    /// its value for the case (`up to 10% of order-value = 24.99 USD`).
    public func limit(_ grant: Grant, input: CaseInput? = nil) -> String {
        let max = grant.upTo.map { $0.value.description } ?? grant.upToRule.map { ruleText($0.value, input: input) }
        let min = grant.atLeast.map { $0.value.description } ?? grant.atLeastRule.map { ruleText($0.value, input: input) }
        switch (min, max) {
        case let (min?, max?): return text("engine.limit.range", ["min": min, "max": max])
        case let (nil, max?): return text("engine.limit.up-to", ["value": max])
        case let (min?, nil): return text("engine.limit.at-least", ["value": min])
        case (nil, nil): return text("engine.limit.any")
        }
    }

    /// An amount rule and its value for the case: `10% of order-value = 24.99 USD`, or
    /// `10% of order-value (unknown: no `order-value`)`.
    public func ruleText(_ rule: AmountRule, input: CaseInput?) -> String {
        guard let input else { return rule.description }
        guard let slot = policy.fact(named: rule.fact) else { return rule.description }
        let given = factValue(slot, input: input)
        if let value = rule.value(given: given) {
            return text("engine.rule.value", ["rule": rule.description, "value": value.description])
        }
        if given == nil {
            return text("engine.rule.missing", ["rule": rule.description, "fact": rule.fact])
        }
        return text("engine.rule.no-band", ["rule": rule.description])
    }

    /// An owed remedy's amount as written for reports (`40 GBP`), or nil when unknown or none.
    public func owedAmount(_ entry: OwedRemedy) -> String? {
        guard entry.known, entry.hasAmount else { return nil }
        return amount(WantInput(action: entry.action, hasAmount: true, amount: entry.amount, decimal: entry.amountDecimal))
    }

    /// The model of an owed remedy.
    public func remedy(_ entry: OwedRemedy) -> Remedy { policy.policy.remedies[Int(entry.remedy)] }

    /// `owed without asking: pay-compensation 40 GBP within 10 working days — missed-appointment`.
    public func owedLine(_ entry: OwedRemedy) -> String {
        let model = remedy(entry)
        let action = policy.policy.actions[Int(entry.action)]
        var parts = [Prose.inSentence(title: action.title(in: language), name: action.name)]
        if let amount = owedAmount(entry) {
            parts.append(amount)
        } else if entry.hasAmount && !entry.known {
            parts.append(text("engine.owed.amount-unknown"))
        }
        if let within = model.within?.value { parts.append(text("engine.owed.within", ["time": Explanation.spoken(within, language)])) }
        if let by = model.by?.value { parts.append(text("engine.owed.by", ["role": by])) }
        let key = model.isAutomatic ? "engine.owed.line" : "engine.owed.line-on-claim"
        return text(key, ["what": parts.joined(separator: " "), "remedy": model.name])
    }

    /// A duration as people say it in reports: `10 working days`, or as written (`4h`).
    public static func spoken(_ duration: Duration, _ language: Language) -> String {
        if let days = duration.workingDays {
            return Catalog.render(Message("engine.working-days", ["count": String(days)]), in: language)
        }
        return duration.description
    }

    /// A note's message (`remedy-on-claim`, `amount-unknown`).
    public func noteMessage(_ note: CaseNote) -> String {
        switch note.kind {
        case .remedyOnClaim:
            return text("engine.note.remedy-on-claim", ["remedy": policy.policy.remedies[Int(note.subject)].name])
        case .closedChannel:
            let values = policy.facts[policy.channelSlot ?? 0].values
            let channel = Int(note.subject) < values.count ? values[Int(note.subject)] : "?"
            return text("engine.note.closed-channel", ["channel": channel])
        case .spentUnknown:
            return text("engine.note.spent-unknown", ["period": BudgetPeriod.allCases[Int(note.subject)].rawValue])
        case .amountUnknown:
            return text("engine.note.amount-unknown", ["fact": policy.facts[Int(note.subject)].name])
        }
    }

    /// The remedies owed through an action, in file order (`remedies: [ID…]`).
    public func remedies(of action: Int32, owed: [OwedRemedy]) -> [String] {
        owed.filter { $0.action == action }.map { policy.policy.remedies[Int($0.remedy)].name }
    }

    /// Where a step is written, given its want's action.
    public func location(_ step: TraceStep, action: Int32) -> SourceLocation? {
        let model = policy.policy.actions[Int(action)]
        switch step.kind {
        case .grant: return policy.sourceGrantLocation(Int(step.grant))
        case .never: return model.never?.location ?? model.location
        case .aboveLimit: return model.aboveLimit?.approval?.location ?? model.aboveLimit?.location
        case .discretion:
            let role = roleName(step.by)
            return policy.policy.discretion.first { $0.role.value == role }?.location
        case .noPath: return model.location
        case .remedy:
            return policy.policy.remedies.first { $0.action.value == model.name }?.location ?? model.location
        }
    }

    /// One step as a sentence.
    public func sentence(_ step: TraceStep, input: CaseInput) -> String {
        let want = input.wants[Int(step.want)]
        let action = policy.actions[Int(want.action)]
        // Formatted only by the steps that say it (a grant whose condition fails does not).
        var amount: String { self.amount(step, want) }
        switch step.kind {
        case .remedy:
            var part = want
            part.amount = step.amount
            part.decimal = FixedPoint.decimal(step.amount)
            let owedText = want.hasAmount && step.amount >= 0 ? self.amount(part) : text("engine.amount.none")
            if step.outcome == .escalate {
                return text("engine.step.remedy-by", ["amount": owedText, "role": roleName(step.by), "time": time(step.time)])
            }
            return text(step.covers ? "engine.step.remedy" : "engine.step.remedy-part", ["amount": owedText])
        case .never:
            if let reason = policy.policy.actions[Int(want.action)].reason(in: language) {
                return text("engine.step.never-reason", ["action": action.name, "reason": reason])
            }
            return text("engine.step.never", ["action": action.name])
        case .grant:
            if !step.conditionHeld {
                return conditionSentence(grant: step.grant, input: input)
            }
            let grant = policy.sourceGrant(Int(step.grant))
            // The same grant, outcome, approver and time say the same words around the
            // amount; a limit that is an amount rule shows the case's value, so it is not kept.
            let shape: [Int64]? = grant.upToRule == nil && grant.atLeastRule == nil
                ? [1, Int64(step.grant), step.covers ? 1 : 0, Int64(step.outcome.map { Outcome.allCases.firstIndex(of: $0)! } ?? -1),
                   Int64(step.by), step.time]
                : nil
            return withAmount(amount, shape: shape) { amount in grantSentence(step, grant, amount: amount, input: input) }
        case .discretion:
            let role = roleName(input.role)
            if step.poolBefore < 0 {
                return text("engine.step.discretion-none", ["role": role])
            }
            let left = money(step.poolBefore, action: action)
            if step.period >= 0 {
                // Budgets counted over several periods: name the one that limits.
                let period = BudgetPeriod.allCases[Int(step.period)].rawValue
                return text(step.covers ? "engine.step.discretion-covers-period" : "engine.step.discretion-short-period",
                            ["role": role, "left": left, "amount": amount, "period": period])
            }
            return text(step.covers ? "engine.step.discretion-covers" : "engine.step.discretion-short",
                        ["role": role, "left": left, "amount": amount])
        case .aboveLimit:
            let approver = roleName(step.by)
            if step.covers {
                return withAmount(amount, shape: [3, Int64(step.by), step.time]) {
                    text("engine.step.above-limit", ["approver": approver, "amount": $0, "time": time(step.time)])
                }
            }
            if !step.conditionHeld {
                let detail = conditionDetail(policy.policy.actions[Int(want.action)].aboveLimit?.when, input: input)
                return text("engine.step.above-limit-condition", ["approver": approver, "detail": detail])
            }
            return text("engine.step.above-limit-unused", ["approver": approver, "amount": amount])
        case .noPath:
            guard want.hasAmount else { return text("engine.step.no-path-plain") }
            return withAmount(amount, shape: [2]) { text("engine.step.no-path", ["amount": $0]) }
        }
    }

    /// A grant step whose condition holds, with the amount as given.
    private func grantSentence(_ step: TraceStep, _ grant: Grant, amount: String, input: CaseInput) -> String {
        let role = grant.role.value
        var limit: String { grantLimit(step.grant, grant, input: input) }
        if !step.covers {
            return text("engine.step.grant-limit", ["role": role, "limit": limit, "amount": amount])
        }
        switch step.outcome {
        case .allowed?:
            return text("engine.step.grant-alone", ["role": role, "limit": limit, "amount": amount])
        case .needsApproval?:
            return text("engine.step.grant-approval", ["role": role, "limit": limit, "amount": amount,
                                                        "approver": roleName(step.by), "time": time(step.time)])
        default:
            if let approval = grant.approval {
                return text("engine.step.grant-other-approval", ["role": role, "limit": limit, "amount": amount,
                                                                  "approver": approval.by.value, "time": time(step.time)])
            }
            return text("engine.step.grant-other", ["role": role, "limit": limit, "amount": amount, "time": time(step.time)])
        }
    }

    /// A grant's limit in words, worked out once per grant when it has no amount rule.
    private func grantLimit(_ index: Int32, _ grant: Grant, input: CaseInput) -> String {
        guard grant.upToRule == nil && grant.atLeastRule == nil, let limits = cache?.limits else { return limit(grant, input: input) }
        return limits.value(for: Int(index)) { limit(grant) }
    }

    /// `render(amount)`, from the words kept for the step's shape when it has one.
    private func withAmount(_ amount: String, shape: [Int64]?, _ render: (String) -> String) -> String {
        guard let shape, let amountSentences = cache?.amountSentences else { return render(amount) }
        guard let template = amountSentences.value(for: shape, { AmountTemplate(render) }) else { return render(amount) }
        return template.prefix + amount + template.suffix
    }

    func money(_ fixed: Int64, action: CompiledAction) -> String {
        var bytes: [UInt8] = []
        FixedPoint.append(fixed, to: &bytes, minimumDecimals: action.currency.map(Money.minorUnit) ?? 0)
        if let currency = action.currency { return String(decoding: bytes, as: UTF8.self) + " " + currency }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Why a condition does not hold: the first fact that is missing or does not match.
    func conditionDetail(_ condition: Condition?, input: CaseInput) -> String {
        guard let condition else { return "" }
        return failing(condition, input: input) ?? text("engine.detail.any")
    }

    private func failing(_ condition: Condition, input: CaseInput) -> String? {
        switch condition {
        case .all(let parts, _):
            for part in parts {
                if let reason = failing(part, input: input) { return reason }
            }
            return nil
        case .any(let parts, _):
            let reasons = parts.map { failing($0, input: input) }
            if reasons.contains(where: { $0 == nil }) { return nil }
            return text("engine.detail.any")
        case .fact(let match):
            guard let slot = policy.fact(named: match.fact) else { return nil }
            let value = factValue(slot, input: input)
            if match.matcher.holds(for: value) { return nil }
            guard let value else {
                return text("engine.detail.missing", ["fact": match.fact])
            }
            return text("engine.detail.mismatch", ["fact": match.fact, "value": value.description, "matcher": match.matcher.description])
        }
    }

    /// A case's fact back as a model value (for explanations and reports).
    public func factValue(_ slot: Int, input: CaseInput) -> FactValue? {
        policy.modelValue(slot: slot, present: input.present[slot], value: input.values[slot], decimal: input.moneyDecimals[slot],
                          decimalMode: input.decimalMode)
    }

    /// The reasons to show next to a decision at a glance: why the handling role could
    /// not do it alone (its own grants and budget), then the path taken.
    public func why(_ decision: Decision, trace: [TraceStep], input: CaseInput) -> [String] {
        var reasons: [String] = []
        let steps = trace.enumerated().filter { $0.element.want == decision.want }
        // What is owed covered part of the want: say so first, then why the rest goes as it does.
        if let owedStep = steps.first(where: { $0.element.kind == .remedy }), owedStep.offset != Int(decision.step) {
            reasons.append(sentence(owedStep.element, input: input))
        }
        if decision.outcome != .allowed {
            var shown = 0
            for (_, step) in steps where step.kind == .grant && shown < 2 {
                let grant = policy.grants[Int(step.grant)]
                guard Int(grant.role) == Int(input.role), grant.approver < 0 else { continue }
                reasons.append(sentence(step, input: input))
                shown += 1
            }
            if let budget = steps.first(where: { $0.element.kind == .discretion }), budget.element.poolBefore >= 0 {
                reasons.append(sentence(budget.element, input: input))
            }
        }
        if decision.step >= 0 {
            reasons.append(sentence(trace[Int(decision.step)], input: input))
        }
        return reasons
    }
}

/// What an explanation keeps for the cases it explains (shared by the threads that use it).
final class ExplanationCache: Sendable {
    let conditionSentences = SentenceCache()
    let amountSentences = Memo<[Int64], AmountTemplate?>(limit: 65_536)
    let limits = Memo<Int, String>(limit: 65_536)
}

/// Rendered sentences shared by the threads that explain cases (bounded: past 65,536
/// a sentence is rendered every time), and the fact slots each grant's condition reads.
final class SentenceCache: Sendable {
    private let sentences = Memo<[Int64], String>(limit: 65_536)
    private let slotsByGrant = Memo<Int, [Int]>()

    func slots(of grant: Int, _ make: () -> [Int]) -> [Int] { slotsByGrant.value(for: grant, make) }

    func sentence(for key: [Int64], _ render: () -> String) -> String { sentences.value(for: key, render) }
}

/// A sentence cut around the one place its amount goes: rendered with two different
/// stand-ins for the amount, it is kept only when both cut into the same two parts (the
/// amount appears exactly once and nothing else in the sentence depends on it).
struct AmountTemplate: Sendable {
    let prefix: String
    let suffix: String

    init?(_ render: (String) -> String) {
        let first = render(AmountTemplate.standIn1).components(separatedBy: AmountTemplate.standIn1)
        let second = render(AmountTemplate.standIn2).components(separatedBy: AmountTemplate.standIn2)
        guard first.count == 2, first == second else { return nil }
        prefix = first[0]
        suffix = first[1]
    }

    /// Private-use characters no policy or catalogue text writes.
    static let standIn1 = "\u{F8F0}\u{F8F1}"
    static let standIn2 = "\u{F8F2}\u{F8F3}"
}
