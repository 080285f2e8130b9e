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
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            commitments:
              appointment-window: { window: 1h, remedy: 30 USD }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        guard let window = policy.commitments.appointmentWindow, policy.commitments.missedWindowRemedy == nil else { return [] }
        let args = ["window": policy.written(window, window.value.description), "remedy": policy.moneyText(context.amount("remedy"))]
        return [context.finding(at: window, path: KeyPath(["commitments", "appointment-window"]), args)]
    }
}
