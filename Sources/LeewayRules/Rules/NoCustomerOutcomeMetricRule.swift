import LeewayCore

/// No metric says whether customers got what they needed.
public struct NoCustomerOutcomeMetricRule: Rule {
    public static let id = "no-customer-outcome-metric"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        thresholds: [Threshold("metrics", rule: id, default: "[churn, lifetime-value, referrals, first-contact-resolution, customer-effort]", kind: .list)],
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            ↓metrics:
              - { name: average-handle-time }
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            metrics:
              - { name: churn, target: 1.2% }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        let wanted = context.list("metrics")
        guard !policy.metrics.contains(where: { wanted.contains($0.name.value) }) else { return [] }
        let location = policy.metricsLocation ?? policy.location
        return [context.finding(at: location, path: KeyPath(["metrics"]), ["metrics": codeList(wanted)])]
    }
}
