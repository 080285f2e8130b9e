import LeewayCore

/// A channel shut, or answered slower than customers expect on it.
public struct ChannelAbandonmentRule: Rule {
    public static let id = "channel-abandonment"
    public static let channels = ["phone", "chat", "email", "social"]
    public static let description = RuleDescription(
        id: id, severity: .warning,
        thresholds: [
            Threshold("phone", rule: id, default: "3m", kind: .duration),
            Threshold("chat", rule: id, default: "2m", kind: .duration),
            Threshold("email", rule: id, default: "24h", kind: .duration),
            Threshold("social", rule: id, default: "1h", kind: .duration),
        ],
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            channels: { phone: open, chat: open, social: ↓closed }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            commitments:
              first-response: { phone: ↓5m, chat: 1m, email: ↓72h }
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            channels: { phone: open, chat: open, email: open, social: open }
            commitments:
              first-response: { phone: 2m, chat: 1m, email: 1h, social: 30m }
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for channel in policy.channels where channel.state.value == .closed {
            var args = ["channel": channel.name]
            if ChannelAbandonmentRule.channels.contains(channel.name) {
                args["norm"] = context.text(channel.name)
            } else {
                args["norm"] = context.text("email")
            }
            findings.append(context.finding(at: channel.state, path: KeyPath(["channels", channel.name]), message: "message.closed", args,
                                            help: "help.closed"))
        }
        for response in policy.commitments.firstResponse where ChannelAbandonmentRule.channels.contains(response.channel) {
            let norm = context.duration(response.channel)
            guard response.within.value > norm else { continue }
            if policy.channel(response.channel)?.state.value == .closed { continue }
            let args = ["channel": response.channel, "within": policy.written(response.within, response.within.value.description),
                        "norm": context.text(response.channel)]
            findings.append(context.finding(at: response.within, path: KeyPath(["commitments", "first-response", response.channel]),
                                            message: "message.slow", args, help: "help.slow"))
        }
        return findings
    }
}
