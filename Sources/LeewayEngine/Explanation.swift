import Foundation
import LeewayCore

/// Turns trace steps into located sentences in the user's language: what each grant,
/// budget and path offered, and why it did or did not apply.
public struct Explanation: Sendable {
    public let policy: CompiledPolicy
    public let language: Language

    public init(policy: CompiledPolicy, language: Language) {
        self.policy = policy
        self.language = language
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

    /// `up to 25 USD`, `at least 4h`, `4h to 8h`, `any amount`.
    public func limit(_ grant: Grant) -> String {
        switch (grant.atLeast?.value, grant.upTo?.value) {
        case let (min?, max?): return text("engine.limit.range", ["min": min.description, "max": max.description])
        case let (nil, max?): return text("engine.limit.up-to", ["value": max.description])
        case let (min?, nil): return text("engine.limit.at-least", ["value": min.description])
        case (nil, nil): return text("engine.limit.any")
        }
    }

    /// Where a step is written, given its want's action.
    public func location(_ step: TraceStep, action: Int32) -> SourceLocation? {
        let model = policy.policy.actions[Int(action)]
        switch step.kind {
        case .grant: return policy.sourceGrant(Int(step.grant)).location
        case .never: return model.never?.location ?? model.location
        case .aboveLimit: return model.aboveLimit?.approval?.location ?? model.aboveLimit?.location
        case .discretion:
            let role = roleName(step.by)
            return policy.policy.discretion.first { $0.role.value == role }?.location
        case .noPath: return model.location
        }
    }

    /// One step as a sentence.
    public func sentence(_ step: TraceStep, input: CaseInput) -> String {
        let want = input.wants[Int(step.want)]
        let action = policy.actions[Int(want.action)]
        let amount = self.amount(want)
        switch step.kind {
        case .never:
            if let reason = policy.policy.actions[Int(want.action)].reason(in: language) {
                return text("engine.step.never-reason", ["action": action.name, "reason": reason])
            }
            return text("engine.step.never", ["action": action.name])
        case .grant:
            let grant = policy.sourceGrant(Int(step.grant))
            let role = grant.role.value
            let limit = self.limit(grant)
            if !step.conditionHeld {
                return text("engine.step.grant-condition", ["role": role, "detail": conditionDetail(grant.when, input: input)])
            }
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
        case .discretion:
            let role = roleName(input.role)
            if step.poolBefore < 0 {
                return text("engine.step.discretion-none", ["role": role])
            }
            let left = money(step.poolBefore, action: action)
            return text(step.covers ? "engine.step.discretion-covers" : "engine.step.discretion-short",
                        ["role": role, "left": left, "amount": amount])
        case .aboveLimit:
            let approver = roleName(step.by)
            if step.covers {
                return text("engine.step.above-limit", ["approver": approver, "amount": amount, "time": time(step.time)])
            }
            return text("engine.step.above-limit-unused", ["approver": approver, "amount": amount])
        case .noPath:
            return want.hasAmount ? text("engine.step.no-path", ["amount": amount]) : text("engine.step.no-path-plain")
        }
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
        guard input.present[slot] else { return nil }
        let fact = policy.facts[slot]
        let value = input.values[slot]
        switch fact.kind {
        case .enumeration: return value >= 0 && Int(value) < fact.values.count ? .enumeration(fact.values[Int(value)]) : nil
        case .money:
            let amount = input.decimalMode ? input.moneyDecimals[slot] : FixedPoint.decimal(value)
            return .money(Money(amount, policy.currency ?? ""))
        case .duration: return .duration(Duration(seconds: value))
        case .count: return .count(value)
        case .bool: return .bool(value != 0)
        }
    }

    /// The reasons to show next to a decision at a glance: why the handling role could
    /// not do it alone (its own grants and budget), then the path taken.
    public func why(_ decision: Decision, trace: [TraceStep], input: CaseInput) -> [String] {
        var reasons: [String] = []
        let steps = trace.enumerated().filter { $0.element.want == decision.want }
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
