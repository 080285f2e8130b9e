import LeewayCore

/// A maximum call length: the customer's problem gets cut short.
public struct CallLengthCapRule: Rule {
    public static let id = "call-length-cap"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        thresholds: [Threshold("metrics", rule: id, default: "[average-handle-time, handle-time, aht, call-length, call-duration, talk-time]", kind: .list)],
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            metrics:
              - { name: call-length, max: ↓10m }
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            metrics:
              - { name: call-length }
              - { name: first-contact-resolution, target: 80% }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        let names = Set(context.list("metrics"))
        return policy.metrics.compactMap { metric in
            guard names.contains(metric.name.value), let max = metric.max else { return nil }
            return context.finding(at: max, path: metric.path.appending("max"), ["metric": metric.name.value, "max": max.value])
        }
    }
}
