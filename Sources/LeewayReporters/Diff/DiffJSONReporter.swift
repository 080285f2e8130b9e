import Foundation
import LeewayCore
import LeewayEngine
import LeewayReview

/// `leeway diff --format json`: a stable interface (fields are only ever added),
/// documented in docs/diff.md. Durations and money as YAML writes them (`15m`,
/// `40 USD`), locations as `file`, `line`, `column`; keys sorted.
public struct DiffJSONReporter: Sendable {
    public var options: ReportOptions

    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    public func report(_ diff: PolicyDiff) -> String {
        let words = DiffWords(options.language)
        let verdict = diff.verdict
        let object: [String: Any] = [
            "old": side(diff.old),
            "new": side(diff.new),
            "verdict": [
                "text": words.verdict(diff),
                "firstContactGained": verdict.firstContactGained, "faster": verdict.faster, "better": verdict.better,
                "firstContactLost": verdict.firstContactLost, "slower": verdict.slower, "worse": verdict.worse,
                "broken": verdict.broken, "different": verdict.different, "errorsAdded": verdict.errorsAdded,
            ] as [String: Any],
            "regression": diff.isRegression,
            "findings": [
                "added": diff.findings.added.map(finding),
                "removed": diff.findings.removed.map(finding),
                "changed": diff.findings.changed.map { ["old": finding($0.old), "new": finding($0.new)] },
                "unchanged": diff.findings.unchanged.map(finding),
            ],
            "cases": [
                "evaluated": diff.evaluated,
                "changed": diff.changed.count,
                "skipped": diff.skippedOtherPolicy,
                "invalid": diff.invalid.map(invalid),
                "rejected": diff.rejected.count,
            ] as [String: Any],
            "changes": diff.changed.map { change($0, words: words) },
            "totals": ["old": totals(diff.totals.old), "new": totals(diff.totals.new)],
            "money": diff.money.map { row -> [String: Any] in
                [
                    "action": row.action, "currency": row.currency,
                    "before": words.money(row.before, row.currency), "after": words.money(row.after, row.currency),
                    "newlyAllowed": words.money(row.newlyAllowed, row.currency),
                    "noLongerAllowed": words.money(row.noLongerAllowed, row.currency),
                    "newlyAllowedWants": row.newlyAllowedWants,
                ]
            },
        ]
        return JSONOutput.string(object)
    }

    func side(_ side: PolicyDiff.Side) -> [String: Any] {
        var object: [String: Any] = ["source": side.source.description, "policy": side.policy.id, "file": side.source.path]
        if case .git(let revision, _) = side.source { object["revision"] = revision }
        return object
    }

    func finding(_ finding: Finding) -> [String: Any] {
        var object = FindingJSON.object(finding, options: options)
        object["fingerprint"] = finding.reviewFingerprint
        return object
    }

    func location(_ location: SourceLocation, into object: inout [String: Any]) {
        object["file"] = location.file
        if let position = location.position {
            object["line"] = position.line
            object["column"] = position.column
        }
    }

    func invalid(_ item: InvalidCase) -> [String: Any] {
        var object: [String: Any] = ["case": item.source.id.value]
        location(item.source.location, into: &object)
        if let problems = item.old { object["old"] = problems.map { options.render($0.message) } }
        if let problems = item.new { object["new"] = problems.map { options.render($0.message) } }
        // Each problem with its location, as `leeway check --format json` writes findings.
        object["problems"] = (item.new ?? item.old ?? []).map(finding)
        return object
    }

    func change(_ comparison: CaseComparison, words: DiffWords) -> [String: Any] {
        let source = comparison.source
        var object: [String: Any] = [
            "case": source.id.value,
            "handledBy": source.handledBy.value,
            "change": comparison.change.rawValue,
            "regression": comparison.isRegression,
            "verdict": [comparison.gain, comparison.loss].compactMap { $0?.rawValue }
                + (comparison.change == .different ? ["different"] : []),
            "old": resolution(comparison.old.resolution),
            "new": resolution(comparison.new.resolution),
        ]
        if let title = source.title { object["title"] = title }
        if !comparison.owedBefore.isEmpty || !comparison.owedAfter.isEmpty {
            object["owed"] = ["old": comparison.owedBefore, "new": comparison.owedAfter,
                              "gained": comparison.owedGained, "lost": comparison.owedLost]
        }
        location(source.location, into: &object)
        object["wants"] = comparison.wants.filter(\.isChanged).map { want -> [String: Any] in
            var item: [String: Any] = [
                "action": want.action,
                "change": want.change.rawValue,
                "old": decision(want.old, comparison.old.policy),
                "new": decision(want.new, comparison.new.policy),
            ]
            if let amount = want.amount { item["amount"] = amount }
            var reasons: [String: Any] = [:]
            for (key, side) in [("old", comparison.old), ("new", comparison.new)] {
                guard let reason = words.reason(side, want: want.index) else { continue }
                var entry: [String: Any] = ["text": reason.text]
                if let at = reason.location { location(at, into: &entry) }
                reasons[key] = entry
            }
            item["reason"] = reasons
            return item
        }
        return object
    }

    /// As `leeway eval --format json` writes a decision (SPEC §7).
    func decision(_ decision: Decision, _ policy: CompiledPolicy) -> [String: Any] {
        var object: [String: Any] = ["outcome": decision.outcome.rawValue]
        if decision.by >= 0, decision.outcome == .needsApproval || decision.outcome == .escalate {
            object["by"] = policy.roles[Int(decision.by)].name
            if decision.within >= 0 { object["within"] = Duration(seconds: decision.within).description }
        }
        if decision.viaDiscretion { object["via"] = "discretion" } else if decision.viaRemedy { object["via"] = "remedy" }
        return object
    }

    func resolution(_ resolution: Resolution) -> [String: Any] {
        [
            "firstContact": resolution.firstContact, "blocked": resolution.blocked, "handoffs": resolution.handoffs,
            "approvals": resolution.approvals, "asks": resolution.asks,
            "time": Duration(seconds: resolution.time).description, "timeKnown": resolution.timeKnown,
        ]
    }

    func totals(_ totals: Totals) -> [String: Any] {
        var outcomes: [String: Any] = [:]
        for kind in Outcome.allCases { outcomes[kind.rawValue] = totals.outcomes[kind] ?? 0 }
        var buckets: [String: Any] = [:]
        for bucket in TimeBucket.allCases { buckets[bucket.rawValue] = totals.buckets[bucket] ?? 0 }
        var object: [String: Any] = [
            "cases": totals.cases, "wants": totals.wants, "outcomes": outcomes, "viaDiscretion": totals.viaDiscretion,
            "firstContact": totals.firstContact, "handoffs": totals.handoffs, "approvals": totals.approvals,
            "unknownTime": totals.unknownTime, "blockedCases": totals.blockedCases, "timeToResolution": buckets,
        ]
        if let rate = totals.firstContactRate { object["firstContactRate"] = (rate * 10000).rounded() / 10000 }
        if totals.owed > 0 {
            object["owed"] = totals.owed
            object["owedMoney"] = totals.owedMoney.keys.sorted().map { Money(totals.owedMoney[$0]!, $0).description }
        }
        if let median = totals.medianTime { object["medianTime"] = Duration(seconds: median).description }
        if let p90 = totals.p90Time { object["p90Time"] = Duration(seconds: p90).description }
        return object
    }
}
