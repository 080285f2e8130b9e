import LeewayCore

/// Applies a policy's `exceptions:` (SPEC §2) to its rule findings: an active
/// exception silences its rule's findings (at or under `at:` when given) until its
/// `until` day, inclusive. Expired exceptions silence nothing and fire
/// `expired-exception`; active ones that silence nothing fire `unused-exception`;
/// an exception naming an unknown rule is an `invalid-policy` error.
public struct ExceptionFilter: Sendable {
    public var today: CalendarDate
    public var configuration: Configuration

    public init(today: CalendarDate, configuration: Configuration = .standard) {
        self.today = today
        self.configuration = configuration
    }

    public struct Outcome: Sendable {
        /// The findings that remain, plus the findings about the exceptions themselves.
        public var findings: [Finding]
        /// How many findings the exceptions silenced.
        public var silenced: Int
    }

    public func apply(_ policy: PolicySet, to findings: [Finding]) -> Outcome {
        guard !policy.exceptions.isEmpty else { return Outcome(findings: findings, silenced: 0) }
        var out: [Finding] = []
        var problems: [Finding] = []
        // Which exceptions take part: valid rule ids, not expired.
        var active: [Int] = []
        var expired: [Int] = []
        for (index, exception) in policy.exceptions.enumerated() {
            let id = exception.rule.value
            if RuleRegistry.description(for: id) == nil {
                let help = RuleRegistry.suggestion(for: id).map { Message("load.did-you-mean", ["suggestion": $0]) }
                    ?? Message("exception.unknown-rule.help")
                problems.append(Finding(rule: Finding.invalidPolicy, severity: .error, location: exception.rule.location,
                                        end: exception.rule.end, message: Message("exception.unknown-rule", ["rule": id]),
                                        help: help, path: exception.path.appending("rule")))
                continue
            }
            if RuleRegistry.exceptionRuleIds.contains(id) {
                problems.append(Finding(rule: Finding.invalidPolicy, severity: .error, location: exception.rule.location,
                                        end: exception.rule.end, message: Message("exception.meta-rule", ["rule": id]),
                                        help: Message("exception.meta-rule.help"), path: exception.path.appending("rule")))
                continue
            }
            if let until = exception.until, until.value < today {
                expired.append(index)
            } else {
                active.append(index)
            }
        }
        var used = [Bool](repeating: false, count: policy.exceptions.count)
        var silenced = 0
        for finding in findings {
            var silencedHere = false
            for index in active {
                let exception = policy.exceptions[index]
                guard exception.rule.value == finding.rule else { continue }
                if let at = exception.at?.value {
                    guard let path = finding.path, path.hasPrefix(at) else { continue }
                }
                used[index] = true
                silencedHere = true
            }
            if silencedHere {
                silenced += 1
            } else {
                out.append(finding)
            }
        }
        if configuration.isEnabled(ExpiredExceptionRule.id) {
            let context = configuration.context(for: ExpiredExceptionRule.description)
            for index in expired {
                let exception = policy.exceptions[index]
                guard let until = exception.until else { continue }
                out.append(context.finding(at: until, path: exception.path.appending("until"),
                                           ["rule": exception.rule.value, "until": until.value.description]))
            }
        }
        if configuration.isEnabled(UnusedExceptionRule.id) {
            let context = configuration.context(for: UnusedExceptionRule.description)
            for index in active where !used[index] && configuration.isEnabled(policy.exceptions[index].rule.value) {
                let exception = policy.exceptions[index]
                if let at = exception.at {
                    out.append(context.finding(at: exception.rule, path: exception.path, message: "message.at",
                                               ["rule": exception.rule.value, "at": at.value.description]))
                } else {
                    out.append(context.finding(at: exception.rule, path: exception.path, ["rule": exception.rule.value]))
                }
            }
        }
        return Outcome(findings: problems + out, silenced: silenced)
    }
}
