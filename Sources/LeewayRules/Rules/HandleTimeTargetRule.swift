import LeewayCore

/// Agents steered by how short their calls are.
public struct HandleTimeTargetRule: Rule {
    public static let id = "handle-time-target"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        thresholds: [Threshold("metrics", rule: id, default: "[average-handle-time, handle-time, aht]", kind: .list)],
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            metrics:
              - { name: average-handle-time, target: ↓6m, affects: [agent-bonus] }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            metrics:
              - { name: aht, affects: [↓agent-bonus] }
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            metrics:
              - { name: average-handle-time }
              - { name: first-contact-resolution, target: 80% }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        let names = Set(context.list("metrics"))
        var findings: [Finding] = []
        for metric in policy.metrics where names.contains(metric.name.value) {
            let affects = plainList(metric.affects.map(\.value))
            var args = ["metric": metric.name.value]
            if let target = metric.target {
                args["target"] = target.value
                let message = metric.affects.isEmpty ? "message.target" : "message.both"
                if !affects.isEmpty { args["affects"] = affects }
                findings.append(context.finding(at: target, path: metric.path.appending("target"), message: message, args,
                                                helpArguments: ["metric": metric.name.value]))
            } else if let first = metric.affects.first {
                args["affects"] = affects
                findings.append(context.finding(at: first, path: metric.path.appending("affects"), message: "message.affects", args,
                                                helpArguments: ["metric": metric.name.value]))
            }
        }
        return findings
    }
}
