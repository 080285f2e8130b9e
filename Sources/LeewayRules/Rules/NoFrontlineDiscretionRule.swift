import LeewayCore

/// A customer-facing role that can spend nothing on a customer's problem without asking.
public struct NoFrontlineDiscretionRule: Rule {
    public static let id = "no-frontline-discretion"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        thresholds: [Threshold("budget", rule: id, default: "50", kind: .amount)],
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              ↓technician: { customer-facing: true }
              supervisor: { reachable-within: 15m }
            actions:
              issue-credit:
                measure: money
                grants:
                  - { role: agent, up-to: 25 USD }
                  - { role: technician, up-to: 50 USD, approval: { by: supervisor, within: 15m } }
            """),
            RuleExample("""
            roles:
              ↓agent: { customer-facing: true }
              supervisor: { reachable-within: 15m }
            facts:
              issue: { type: enum, values: [missed-appointment] }
            actions:
              pay-compensation:
                measure: money
                grants:
                  - { role: supervisor, up-to: 100 USD }
            remedies:
              missed-appointment:
                when: { issue: missed-appointment }
                action: pay-compensation
                amount: 40 USD
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              technician: { customer-facing: true }
            actions:
              issue-credit:
                measure: money
                grants:
                  - { role: agent, up-to: 25 USD }
            discretion:
              - { role: technician, up-to: 50 USD, per: case, review: after-the-fact }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            actions:
              book-visit:
                measure: duration
                grants:
                  - { role: agent, at-least: 1h }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        let moneyActions = policy.actions.filter { $0.measure == .money && !$0.isNever }
        // A policy with no money actions is not about spending: nothing to judge.
        guard !moneyActions.isEmpty else { return [] }
        var findings: [Finding] = []
        for role in policy.customerFacingRoles {
            let alone = moneyActions.contains { action in
                action.grants.contains { $0.role.value == role.name && $0.approval == nil }
            }
            let budget = policy.discretion.contains { $0.role.value == role.name }
            guard !alone, !budget else { continue }
            let args = ["role": role.name]
            findings.append(context.finding(at: role.location, path: role.path, args,
                                            helpArguments: ["role": role.name, "budget": policy.moneyText(context.amount("budget"))]))
        }
        return findings
    }
}
