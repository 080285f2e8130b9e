import LeewayCore

/// A hand-off in a process that leaves the customer waiting for days.
public struct SlowHandoffRule: Rule {
    public static let id = "slow-handoff"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        thresholds: [Threshold("max-wait", rule: id, default: "1d", kind: .duration)],
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              finance: { reachable-within: 2d }
            processes:
              billing-dispute:
                steps:
                  - ask: [invoice-id]
                  - handoff: { to: finance, wait: ↓2d }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              claims: { reachable-within: 1bd }
            processes:
              damage-claim:
                steps:
                  - handoff:
                      to: claims
                      wait: ↓3bd
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              technician: { customer-facing: true, reachable-within: 30m }
              finance: { reachable-within: 2d }
            processes:
              outage-callback:
                steps:
                  - handoff: { to: technician, wait: 30m, notes: true }
                  - handoff: { to: finance, wait: 1d }
                  - handoff: { to: finance }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        let maximum = context.duration("max-wait")
        var findings: [Finding] = []
        for process in policy.processes {
            for step in process.steps {
                guard case .handoff(let to, let wait?, _) = step.kind, wait.value > maximum else { continue }
                let args = ["process": process.name, "role": to.value, "wait": policy.written(wait, wait.value.description),
                            "max": context.text("max-wait")]
                findings.append(context.finding(at: wait, path: step.path.appending("handoff").appending("wait"), args))
            }
        }
        return findings
    }
}
