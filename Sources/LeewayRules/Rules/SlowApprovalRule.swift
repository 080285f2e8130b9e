import LeewayCore

/// An approval that takes longer than the customer's contact.
public struct SlowApprovalRule: Rule {
    public static let id = "slow-approval"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        thresholds: [Threshold("max-within", rule: id, default: "4h", kind: .duration)],
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              finance: { reachable-within: 2d }
            actions:
              issue-credit:
                measure: money
                grants:
                  - { role: agent, up-to: 25 USD }
                above-limit:
                  approval: { by: finance, within: ↓3d }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              supervisor: { reachable-within: 15m }
            processes:
              billing-dispute:
                steps:
                  - approval: { by: supervisor, within: ↓1d }
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              team-lead: { reachable-within: 10m }
            actions:
              issue-credit:
                measure: money
                grants:
                  - { role: agent, up-to: 150 USD, approval: { by: team-lead, within: 4h } }
                above-limit:
                  approval: { by: team-lead, within: 1h }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        let maximum = context.duration("max-within")
        var findings: [Finding] = []
        for (approval, place) in policy.allApprovals {
            guard let within = approval.within, within.value > maximum else { continue }
            var args = ["approver": approval.by.value, "within": policy.written(within, within.value.description), "max": context.text("max-within")]
            let message: String
            switch place {
            case .grant(let action, let role):
                args["role"] = role
                args["action"] = action
                message = "message.grant"
            case .aboveLimit(let action, let highest):
                args["action"] = action
                if let highest {
                    args["limit"] = highest.description
                    message = "message.above-limit"
                } else {
                    message = "message.above-limit-any"
                }
            case .step(let process):
                args["process"] = process
                message = "message.step"
            }
            findings.append(context.finding(at: within, path: approval.path.appending("within"), message: message, args,
                                            helpArguments: args))
        }
        return findings
    }
}
