import LeewayCore

/// No promise to tell the customer about a delay before they notice it.
public struct NoDelayNoticeRule: Rule {
    public static let id = "no-delay-notice"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        thresholds: [Threshold("lead", rule: id, default: "30m", kind: .duration)],
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            ↓commitments:
              appointment-window: { window: 2h, remedy: 20 USD }
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            commitments:
              delay-notice: { lead: 30m }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        guard policy.commitments.delayNotice == nil else { return [] }
        // A missing key points at its nearest parent: `commitments:`, else the document.
        let location = policy.commitmentsLocation ?? policy.location
        return [context.finding(at: location, path: KeyPath(["commitments"]), [:],
                                helpArguments: ["lead": context.text("lead")])]
    }
}
