import LeewayCore

/// A script agents must read word for word.
public struct VerbatimScriptRule: Rule {
    public static let id = "verbatim-script"
    public static let description = RuleDescription(
        id: id, severity: .note,
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            processes:
              cancellation:
                steps:
                  - script: { verbatim: ↓true }
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            processes:
              cancellation:
                steps:
                  - script: { verbatim: false }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for process in policy.processes {
            for step in process.steps {
                guard case .script(let verbatim) = step.kind, verbatim.value else { continue }
                findings.append(context.finding(at: verbatim, path: step.path.appending("script").appending("verbatim"),
                                                ["process": process.name]))
            }
        }
        return findings
    }
}
