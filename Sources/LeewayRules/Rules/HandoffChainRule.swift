import LeewayCore

/// A process that passes the customer from hand to hand.
public struct HandoffChainRule: Rule {
    public static let id = "handoff-chain"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        thresholds: [Threshold("max-handoffs", rule: id, default: "2", kind: .count)],
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              finance: { reachable-within: 2d }
              supervisor: { reachable-within: 15m }
            processes:
              billing-dispute:
                steps:
                  - handoff: { to: finance, wait: 2d }
                  - handoff: { to: supervisor }
                  - ↓handoff: { to: agent }
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              technician: { customer-facing: true, reachable-within: 30m }
            processes:
              outage-callback:
                steps:
                  - ask: [postcode]
                  - handoff: { to: technician, wait: 30m, notes: true }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        let maximum = context.count("max-handoffs")
        var findings: [Finding] = []
        for process in policy.processes {
            var targets: [String] = []
            var first: Step?
            for step in process.steps {
                guard case .handoff(let to, _, _) = step.kind else { continue }
                targets.append(to.value)
                if targets.count == maximum + 1 { first = step }
            }
            guard let step = first else { continue }
            let args = ["process": process.name, "count": String(targets.count), "roles": codeList(targets), "max": String(maximum)]
            findings.append(context.finding(at: step.location, path: step.path, args))
        }
        return findings
    }
}
