import LeewayCore

/// An accepted finding that is no longer there. The linter implements it (see
/// `ExceptionFilter`).
public struct UnusedExceptionRule: Rule {
    public static let id = "unused-exception"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            commitments:
              appointment-window: { window: 1h, remedy: 20 USD }
              delay-notice: { lead: 30m }
            exceptions:
              - { rule: ↓wide-appointment-window, reason: "Regulator requires 4h windows" }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            actions:
              waive-late-fee: { measure: none, never: true }
              close-account: { measure: none, never: true }
            exceptions:
              - { rule: ↓absolute-prohibition, at: actions.waive-fee, reason: "Tariff-regulated fee" }
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            actions:
              waive-late-fee: { measure: none, never: true }
            exceptions:
              - { rule: absolute-prohibition, at: actions.waive-late-fee, reason: "Tariff-regulated fee" }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] { [] }
}
