import LeewayCore

/// A window promise that costs the company nothing when it is broken.
public struct WindowWithoutRemedyRule: Rule {
    public static let id = "window-without-remedy"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        thresholds: [Threshold("remedy", rule: id, default: "20", kind: .amount)],
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            commitments:
              appointment-window: ↓2h
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            commitments:
              appointment-window: { window: ↓2h }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            facts:
              issue: { type: enum, values: [late-arrival] }
            actions:
              issue-credit:
                measure: money
                grants:
                  - { role: agent, up-to: 50 USD }
            remedies:
              late-credit:
                when: { issue: late-arrival }
                action: issue-credit
                amount: 20 USD
                backs: delay-notice
            commitments:
              appointment-window: ↓2h
              delay-notice: { lead: 30m }
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            commitments:
              appointment-window: { window: 1h, remedy: 30 USD }
            """),
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
                within: 5bd
                backs: appointment-window
            commitments:
              appointment-window: 2h
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        guard let window = policy.commitments.appointmentWindow, policy.commitments.missedWindowRemedy == nil else { return [] }
        // A remedy that backs the window makes it good too (SPEC §9.9); whether it is
        // given without a claim is `remedy-on-claim`'s business.
        guard !policy.remedies.contains(where: { $0.backs?.value == .appointmentWindow }) else { return [] }
        let args = ["window": policy.written(window, window.value.description), "remedy": policy.moneyText(context.amount("remedy"))]
        return [context.finding(at: window, path: KeyPath(["commitments", "appointment-window"]), args)]
    }
}
