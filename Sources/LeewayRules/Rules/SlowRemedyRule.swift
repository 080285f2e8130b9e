import LeewayCore

/// A remedy the customer waits weeks for.
public struct SlowRemedyRule: Rule {
    public static let id = "slow-remedy"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        thresholds: [Threshold("max-within", rule: id, default: "7d", kind: .duration)],
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            facts:
              issue: { type: enum, values: [missed-appointment] }
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
                within: ↓10bd
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            facts:
              cancelled: { type: bool }
            actions:
              refund:
                measure: money
                grants:
                  - { role: agent, up-to: 500 USD }
            remedies:
              cancelled-flight: { when: { cancelled: true }, action: refund, amount: 300 USD, within: ↓20d }
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            facts:
              issue: { type: enum, values: [missed-appointment, outage, late-arrival] }
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
                within: 7d
              late-arrival:
                when: { issue: late-arrival }
                action: pay-compensation
                amount: 10 USD
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        // Working days compare as calendar time (5bd = 1w): `Duration` stores seconds.
        let maximum = context.duration("max-within")
        return policy.remedies.compactMap { remedy in
            guard let within = remedy.within, within.value > maximum else { return nil }
            let args = ["remedy": remedy.name, "within": policy.written(within, within.value.description), "max": context.text("max-within")]
            return context.finding(at: within, path: remedy.path.appending("within"), args)
        }
    }
}
