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
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            facts:
              order-value: { type: money }
            discretion:
              - role: agent
                up-to: { percent: 10, of: order-value }
                per: case
                review: ↓none
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            discretion:
              - { role: agent, up-to: 75 USD, per: case, review: after-the-fact }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            facts:
              order-value: { type: money }
            discretion:
              - { role: agent, up-to: 10% of order-value, per: case, review: after-the-fact }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        policy.discretion.compactMap { budget in
            // An amount rule is shown as the rule (`10% of order-value, max 50 USD`), not as
            // the value the loader keeps for it.
            let amount = budget.upToRule.map(\.value.description) ?? policy.written(budget.upTo, budget.upTo.value.description)
            let args = ["role": budget.role.value, "amount": amount, "per": budget.per.value.rawValue]
            if let review = budget.review {
                guard review.value == .none else { return nil }
                return context.finding(at: review, path: budget.path.appending("review"), args)
            }
            return context.finding(at: budget.location, path: budget.path, args)
        }
    }
}
