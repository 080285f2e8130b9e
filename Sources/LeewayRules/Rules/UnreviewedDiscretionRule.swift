import LeewayCore

/// A discretion budget nobody looks at afterwards (the guardrail side of discretion).
public struct UnreviewedDiscretionRule: Rule {
    public static let id = "unreviewed-discretion"
    public static let description = RuleDescription(
        id: id, severity: .note,
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            discretion:
              - { role: agent, up-to: 75 USD, per: case, review: ↓none }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            discretion:
              - ↓{ role: agent, up-to: 75 USD, per: case }
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            discretion:
              - { role: agent, up-to: 75 USD, per: case, review: after-the-fact }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        policy.discretion.compactMap { budget in
            let args = ["role": budget.role.value, "amount": policy.written(budget.upTo, budget.upTo.value.description), "per": budget.per.value.rawValue]
            if let review = budget.review {
                guard review.value == .none else { return nil }
                return context.finding(at: review, path: budget.path.appending("review"), args)
            }
            return context.finding(at: budget.location, path: budget.path, args)
        }
    }
}
