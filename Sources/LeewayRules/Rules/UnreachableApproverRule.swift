import LeewayCore

/// An approver nobody can say how fast to reach.
public struct UnreachableApproverRule: Rule {
    public static let id = "unreachable-approver"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        triggering: [
            RuleExample("""
            roles:
              technician: { customer-facing: true }
              ↓dispatcher: { title: Dispatch desk }
            actions:
              replace-equipment:
                measure: count
                grants:
                  - { role: technician, up-to: 1, approval: { by: dispatcher, within: 1h } }
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              technician: { customer-facing: true }
              dispatcher: { title: Dispatch desk, reachable-within: 10m }
            actions:
              replace-equipment:
                measure: count
                grants:
                  - { role: technician, up-to: 1, approval: { by: dispatcher, within: 1h } }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        var places: [String: [String]] = [:]
        for (approval, place) in policy.allApprovals {
            let owner = place.owner
            if places[approval.by.value]?.contains(owner) != true {
                places[approval.by.value, default: []].append(owner)
            }
        }
        return policy.roles.compactMap { role in
            guard role.reachableWithin == nil, let owners = places[role.name] else { return nil }
            return context.finding(at: role.location, path: role.path, ["role": role.name, "places": codeList(owners)])
        }
    }
}
