import LeewayCore

/// A step that sends the customer elsewhere ("call us", "visit a store").
public struct ForcedChannelSwitchRule: Rule {
    public static let id = "forced-channel-switch"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            processes:
              exchange:
                steps:
                  - ask: [order-number]
                  - redirect: ↓store
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            processes:
              exchange:
                steps:
                  - ask: [order-number]
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for process in policy.processes {
            for step in process.steps {
                guard case .redirect(let target) = step.kind else { continue }
                findings.append(context.finding(at: target, path: step.path, ["process": process.name, "target": target.value]))
            }
        }
        return findings
    }
}
