import LeewayCore

/// An appointment window that keeps the customer at home for hours.
public struct WideAppointmentWindowRule: Rule {
    public static let id = "wide-appointment-window"
    public static let description = RuleDescription(
        id: id, severity: .warning,
        thresholds: [
            Threshold("warn-above", rule: id, default: "2h", kind: .duration),
            Threshold("error-above", rule: id, default: "4h", kind: .duration),
        ],
        triggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            commitments:
              appointment-window: ↓4h
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            commitments:
              appointment-window: { window: ↓8h, remedy: 20 USD }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            actions:
              reschedule-visit:
                measure: duration
                grants:
                  - { role: agent, at-least: ↓4h }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            facts:
              distance: { type: count }
            actions:
              book-visit:
                measure: duration
                grants:
                  - role: agent
                    at-least: { base: 1h, add: 30m, each: 10, of: distance, max: ↓3h }
            """),
        ],
        nonTriggering: [
            RuleExample("""
            roles:
              agent: { customer-facing: true }
              dispatcher: { title: Dispatch desk }
            commitments:
              appointment-window: { window: 2h, remedy: 20 USD }
            actions:
              book-visit:
                measure: duration
                grants:
                  - { role: agent, at-least: 1h }
                  - { role: dispatcher, at-least: 4h }
            """),
            RuleExample("""
            roles:
              agent: { customer-facing: true }
            facts:
              distance: { type: count }
              travel: { type: duration }
            actions:
              book-visit:
                measure: duration
                grants:
                  - { role: agent, at-least: { base: 30m, add: 30m, each: 10, of: distance, max: 2h } }
                  - { role: agent, at-least: { percent: 50, of: travel } }
                  - role: agent
                    at-least:
                      by: distance
                      bands: [ { up-to: 10, amount: 1h }, { amount: 6h } ]
            """),
        ])

    public init() {}

    public func check(_ policy: PolicySet, _ context: RuleContext) -> [Finding] {
        let warnAbove = context.duration("warn-above")
        let errorAbove = context.duration("error-above")
        func grade(_ value: Duration) -> (Severity, Duration)? {
            if value > errorAbove { return (.error, errorAbove) }
            if value > warnAbove { return (.warning, warnAbove) }
            return nil
        }
        var findings: [Finding] = []
        if let window = policy.commitments.appointmentWindow, let (severity, crossed) = grade(window.value) {
            let args = ["window": policy.written(window, window.value.description), "max": crossed == errorAbove ? context.text("error-above") : context.text("warn-above"),
                        "target": context.text("warn-above")]
            findings.append(context.finding(at: window, path: KeyPath(["commitments", "appointment-window"]), args, severity: severity))
        }
        let facing = Set(policy.customerFacingRoles.map(\.name))
        for action in policy.actions where action.measure == .duration {
            for grant in action.grants where facing.contains(grant.role.value) {
                // An amount rule is judged by its `max` (the widest window it can demand),
                // and the finding lands on that `max`; a rule without one is not judged
                // (SPEC §9.10.6).
                guard case .duration(let value)? = grant.staticAtLeast, let (severity, crossed) = grade(value) else { continue }
                let max = crossed == errorAbove ? context.text("error-above") : context.text("warn-above")
                if let rule = grant.atLeastRule {
                    let path = grant.path.appending("at-least").appending("max")
                    guard let written = policy.located(at: path, like: rule.location) else { continue }
                    let args = ["role": grant.role.value, "action": action.name, "window": policy.written(written, value.description),
                                "rule": rule.value.description, "max": max, "target": context.text("warn-above")]
                    findings.append(context.finding(at: written, path: path, message: "message.grant-rule", args,
                                                    help: "help.grant-rule", severity: severity))
                    continue
                }
                guard let atLeast = grant.atLeast else { continue }
                let args = ["role": grant.role.value, "action": action.name, "window": policy.written(atLeast, value.description),
                            "max": max, "target": context.text("warn-above")]
                findings.append(context.finding(at: atLeast, path: grant.path.appending("at-least"), message: "message.grant", args,
                                                help: "help.grant", severity: severity))
            }
        }
        return findings
    }
}
