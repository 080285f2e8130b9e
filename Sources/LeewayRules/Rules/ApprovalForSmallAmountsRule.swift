import Foundation
import LeewayCore

/// A customer-facing role that needs an approval for amounts below a small limit.
public struct ApprovalForSmallAmountsRule: Rule {
    public static let id = "approval-for-small-amounts"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        thresholds: [Threshold("min-own-limit", rule: id, default: "100", kind: .amount)],
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              supervisor: { reachable-within: 15m }
            actions:
              issue-credit:
                measure: money
                grants:
                  - { role: agent, up-to: 25 USD }
                  - role: agent
                    up-to: 100 USD
                    approval: ↓{ by: supervisor, within: 4h }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              supervisor: { reachable-within: 15m }
            actions:
              refund:
                measure: money
                grants:
                  - { role: agent, up-to: 60 USD, approval: ↓{ by: supervisor, within: 30m } }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              supervisor: { reachable-within: 15m }
            facts:
              order-value: { type: money }
            actions:
              goodwill:
                measure: money
                grants:
                  - { role: agent, up-to: { percent: 10, of: order-value, max: 50 USD } }
                  - { role: agent, up-to: 200 USD, approval: ↓{ by: supervisor, within: 15m } }
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              supervisor: { reachable-within: 15m }
            actions:
              issue-credit:
                measure: money
                grants:
                  - { role: agent, up-to: 150 USD }
                  - { role: agent, up-to: 400 USD, approval: { by: supervisor, within: 15m } }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              back-office: { reachable-within: 1h }
            actions:
              issue-credit:
                measure: money
                grants:
                  - { role: back-office, up-to: 50 USD, approval: { by: back-office, within: 1h } }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              supervisor: { reachable-within: 15m }
            facts:
              order-value: { type: money }
            actions:
              goodwill:
                measure: money
                grants:
                  - { role: agent, up-to: { percent: 10, of: order-value, min: 5 USD, max: 150 USD } }
                  - { role: agent, up-to: 400 USD, approval: { by: supervisor, within: 15m } }
              refund:
                measure: money
                grants:
                  - { role: agent, up-to: 10% of order-value }
                  - { role: agent, up-to: 400 USD, approval: { by: supervisor, within: 15m } }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        let minimum = context.amount("min-own-limit")
        var findings: [Finding] = []
        let facing = Set(policy.customerFacingRoles.map(\.name))
        for action in policy.actions where action.measure == .money && !action.isNever {
            for grant in action.grants {
                guard let approval = grant.approval, facing.contains(grant.role.value) else { continue }
                // The role's own limit: its largest `up-to` without approval. An amount rule
                // counts by its `max`; one without `max` has no static limit, so the role's own
                // limit is unknown and the approval is not judged (SPEC §9.10.6). Read in
                // place: an action has a handful of grants.
                var largest: Decimal?
                var unknown = false
                for own in action.grants where own.approval == nil && own.role.value == grant.role.value {
                    if own.upToRule != nil && own.staticUpTo == nil { unknown = true }
                    if case .money(let money)? = own.staticUpTo, largest.map({ money.amount > $0 }) ?? true { largest = money.amount }
                }
                let limit = largest ?? 0
                guard !unknown, limit < minimum else { continue }
                let args = ["role": grant.role.value, "approver": approval.by.value, "action": action.name,
                            "limit": policy.moneyText(limit), "minimum": policy.moneyText(minimum)]
                findings.append(context.finding(at: approval.location, path: approval.path, args))
            }
        }
        return findings
    }
}
