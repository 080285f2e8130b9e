import LeewayCore

/// A process that asks the customer for the same thing twice.
public struct RepeatedAskRule: Rule {
    public static let id = "repeated-ask"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              finance: { reachable-within: 2d }
            processes:
              billing-dispute:
                steps:
                  - ask: [account-number, invoice-id]
                  - handoff: { to: finance, wait: 2d }
                  - ask: [↓account-number]
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              finance: { reachable-within: 2d }
            processes:
              billing-dispute:
                steps:
                  - ask: [account-number, invoice-id]
                  - handoff: { to: finance, wait: 2d, notes: true }
                  - ask: [bank-reference]
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for process in policy.processes {
            var firstAsked: [String: Int] = [:]
            for step in process.steps {
                guard case .ask(let items) = step.kind else { continue }
                for item in items {
                    if let first = firstAsked[item.value] {
                        let args = ["process": process.name, "item": item.value, "step": String(first + 1)]
                        findings.append(context.finding(at: item, path: step.path, args))
                    } else {
                        firstAsked[item.value] = step.index
                    }
                }
            }
        }
        return findings
    }
}
