import LeewayCore

/// An action nobody may take, whatever the case.
public struct AbsoluteProhibitionRule: Rule {
    public static let id = "absolute-prohibition"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            actions:
              waive-late-fee:
                measure: none
                never: ↓true
                reason: Fees are non-negotiable
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            actions:
              waive-late-fee:
                measure: money
                grants:
                  - { role: agent, up-to: 15 USD, when: { tier: [plus, business] } }
            facts:
              tier: { type: enum, values: [standard, plus, business] }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            actions:
              waive-late-fee:
                measure: none
                never: true
                reason: Tariff-regulated fee
            exceptions:
              - { rule: absolute-prohibition, at: actions.waive-late-fee, reason: "Tariff-regulated: the regulator sets it" }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        policy.actions.compactMap { action in
            guard let never = action.never, never.value else { return nil }
            return context.finding(at: never, path: action.path.appending("never"), ["action": action.name])
        }
    }
}
