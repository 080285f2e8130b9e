import LeewayCore

/// A hand-off that leaves the case notes behind: the customer tells it all again.
public struct HandoffWithoutNotesRule: Rule {
    public static let id = "handoff-without-notes"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              finance: { reachable-within: 1d }
            processes:
              billing-dispute:
                steps:
                  - handoff: { to: finance, notes: ↓false }
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              finance: { reachable-within: 1d }
            processes:
              billing-dispute:
                steps:
                  - handoff: { to: finance, notes: true }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for process in policy.processes {
            for step in process.steps {
                guard case .handoff(let to, _, let notes) = step.kind, let notes, !notes.value else { continue }
                findings.append(context.finding(at: notes, path: step.path.appending("handoff").appending("notes"),
                                                ["process": process.name, "role": to.value]))
            }
        }
        return findings
    }
}
