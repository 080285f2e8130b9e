import LeewayCore

/// Leaving that the first contact cannot grant: the customer who wants to cancel is
/// handed to a retention desk or waits for an approval.
public struct RetentionGateRule: Rule {
    public static let id = "retention-gate"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        thresholds: [Threshold("actions", rule: id, default: "[cancel-*, close-account, end-contract]", kind: .list)],
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              retention: { reachable-within: 1d }
            actions:
              cancel-subscription:
                measure: none
                grants:
                  - { role: agent, approval: ↓{ by: retention, within: 1d } }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              technician: { customer-facing: true, reachable-within: 2h }
              retention: { reachable-within: 1h }
            actions:
              ↓close-account:
                measure: none
                grants:
                  - { role: retention }
                  - { role: technician }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            facts:
              tier: { type: enum, values: [standard, business] }
            actions:
              end-contract:
                measure: none
                grants:
                  - role: agent
                    when: ↓{ tier: business }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            actions:
              cancel-order:
                measure: none
                never: ↓true
                reason: Orders cannot be cancelled once placed
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              retention: { reachable-within: 1h }
            actions:
              cancel-subscription:
                measure: none
                grants:
                  - { role: agent }
              offer-discount:
                measure: money
                grants:
                  - { role: agent, up-to: 20 USD }
                  - { role: retention, up-to: 100 USD }
              downgrade-plan:
                measure: none
                grants:
                  - { role: agent, approval: { by: retention, within: 1h } }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true, reachable-within: 2m }
            actions:
              close-account:
                measure: none
                grants:
                  - { role: agent }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        let patterns = context.list("actions")
        let first = policy.firstContactRoles
        guard let frontline = first.first else { return [] }
        let names = Set(first.map(\.name))
        var findings: [Finding] = []
        for action in policy.actions where patterns.contains(where: { globMatches($0, action.name) }) {
            let own = action.grants.filter { names.contains($0.role.value) }
            // A first-contact role that may take it with no approval and no condition.
            if !action.isNever, own.contains(where: { $0.approval == nil && $0.when == nil }) { continue }
            var args = ["action": action.name, "role": frontline.name, "roles": codeList(first.map(\.name))]
            let help = ["action": action.name, "role": frontline.name]
            if let never = action.never, never.value {
                findings.append(context.finding(at: never, path: action.path.appending("never"), message: "message.never", args,
                                                helpArguments: help))
            } else if let gated = own.first(where: { $0.approval != nil }), let approval = gated.approval {
                args["role"] = gated.role.value
                args["approver"] = approval.by.value
                findings.append(context.finding(at: approval.location, path: approval.path, message: "message.approval", args,
                                                helpArguments: ["action": action.name, "role": gated.role.value]))
            } else if let conditional = own.first(where: { $0.when != nil }), let when = conditional.when {
                args["role"] = conditional.role.value
                let path = conditional.path.appending("when")
                let node = policy.located(at: path, like: when.location) ?? Located("", at: when.location)
                findings.append(context.finding(at: node, path: path, message: "message.when", args,
                                                helpArguments: ["action": action.name, "role": conditional.role.value]))
            } else if let approval = action.aboveLimit?.approval {
                args["approver"] = approval.by.value
                findings.append(context.finding(at: approval.location, path: approval.path, message: "message.above-limit", args,
                                                helpArguments: help))
            } else {
                var others: [String] = []
                for grant in action.grants where !others.contains(grant.role.value) { others.append(grant.role.value) }
                args["others"] = codeList(others)
                findings.append(context.finding(at: action.location, path: action.path,
                                                message: others.isEmpty ? "message.nobody" : "message", args, helpArguments: help))
            }
        }
        return findings
    }
}
