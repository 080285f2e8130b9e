import LeewayCore

/// An accepted finding whose acceptance has run out. The linter implements it: it
/// judges the policy's `exceptions:` (see `ExceptionFilter`).
public struct ExpiredExceptionRule: Rule {
    public static let id = "expired-exception"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            commitments:
              appointment-window: { window: 4h, remedy: 20 USD }
              delay-notice: { lead: 30m }
            exceptions:
              - { rule: wide-appointment-window, reason: "Regulator requires 4h windows", until: ↓2026-06-30 }
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            commitments:
              appointment-window: { window: 4h, remedy: 20 USD }
              delay-notice: { lead: 30m }
            exceptions:
              - { rule: wide-appointment-window, reason: "Regulator requires 4h windows", until: 2027-06-30 }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] { [] }
}
