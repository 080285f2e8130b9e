import LeewayCore

/// A remedy the company knows it owes but gives only when the customer claims it.
public struct RemedyOnClaimRule: Rule {
    public static let id = "remedy-on-claim"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            facts:
              delay: { type: duration }
            actions:
              pay-compensation:
                measure: money
                grants:
                  - { role: agent, up-to: 600 USD }
            remedies:
              delay-compensation:
                when: { delay: { min: 3h } }
                action: pay-compensation
                amount: 250 USD
                automatic: ↓false
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            facts:
              issue: { type: enum, values: [missed-appointment, outage] }
            actions:
              pay-compensation:
                measure: money
                grants:
                  - { role: agent, up-to: 100 USD }
            remedies:
              missed-appointment:
                when: { issue: missed-appointment }
                action: pay-compensation
                amount: 40 USD
                within: 5bd
              long-outage:
                when: { issue: outage }
                action: pay-compensation
                amount: 75 USD
                automatic: true
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        policy.remedies.compactMap { remedy in
            guard let automatic = remedy.automatic, !automatic.value else { return nil }
            return context.finding(at: automatic, path: remedy.path.appending("automatic"),
                                   ["remedy": remedy.name, "action": remedy.action.value])
        }
    }
}
