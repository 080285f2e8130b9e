import Foundation
import LeewayCore
import LeewayEngine
import LeewayReview

/// The words every `leeway diff` report shares, in the user's language: the verdict,
/// decisions, resolutions, times, rates and the trace line that made the difference.
/// Reporters add only their own markup.
struct DiffWords: Sendable {
    let language: Language

    init(_ language: Language) { self.language = language }

    func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        Catalog.render(Message(key, arguments), in: language)
    }

    /// `{count} case …` / `{count} cases …`.
    func counted(_ key: String, _ count: Int) -> String {
        text(key + (count == 1 ? ".one" : ".other"), ["count": String(count)])
    }

    /// The verdict in one line: error-level findings the change adds, then what happens
    /// to the cases (or that there are none to compare).
    func verdict(_ diff: PolicyDiff) -> String {
        let verdict = diff.verdict
        var parts: [String] = []
        if verdict.errorsAdded > 0 { parts.append(counted("diff.verdict.errors-added", verdict.errorsAdded)) }
        if diff.evaluated == 0 && diff.invalid.isEmpty {
            parts.append(text(diff.rejected.isEmpty ? "diff.verdict.no-cases" : "diff.verdict.no-valid-cases"))
        } else if verdict.parts.isEmpty {
            parts.append(text("diff.verdict.none"))
        } else {
            parts += verdict.parts.map { counted($0.key, $0.count) }
        }
        return parts.joined(separator: "; ")
    }

    func outcome(_ outcome: Outcome, discretion: Bool = false) -> String {
        if outcome == .allowed && discretion { return text("diff.outcome.allowed-discretion") }
        return text("diff.outcome.\(outcome.rawValue)")
    }

    /// `allowed`, `escalate: `supervisor`, within 15m`, `blocked`.
    func decision(_ decision: Decision, _ policy: CompiledPolicy) -> String {
        let label = outcome(decision.outcome, discretion: decision.viaDiscretion)
        guard decision.by >= 0, decision.outcome == .needsApproval || decision.outcome == .escalate else { return label }
        let explanation = Explanation(policy: policy, language: language)
        return text("diff.decision.with-role", ["outcome": label, "role": explanation.roleName(decision.by),
                                                "time": explanation.time(decision.within)])
    }

    /// `at first contact`, `in 15m`, `not resolved (1 blocked)`, `time unknown`.
    func resolution(_ resolution: Resolution) -> String {
        if resolution.blocked > 0 { return counted("diff.resolution.blocked", resolution.blocked) }
        if resolution.firstContact { return text("diff.resolution.first-contact") }
        if !resolution.timeKnown { return text("diff.resolution.unknown") }
        return text("diff.resolution.time", ["time": Duration(seconds: resolution.time).description])
    }

    /// A case's resolution before and after; nil when they read the same. When the short
    /// forms are equal (the same time, another number of questions), both get details.
    func resolutionChange(_ comparison: CaseComparison) -> (before: String, after: String)? {
        let old = comparison.old.resolution, new = comparison.new.resolution
        guard old != new else { return nil }
        let before = resolution(old), after = resolution(new)
        if before != after { return (before, after) }
        func detail(_ resolution: Resolution, _ short: String) -> String {
            text("diff.resolution.detail", ["resolution": short, "handoffs": String(resolution.handoffs),
                                            "approvals": String(resolution.approvals), "asks": String(resolution.asks)])
        }
        return (detail(old, before), detail(new, after))
    }

    /// The deciding step of a want under one version: its sentence and where it is written.
    func reason(_ evaluated: EvaluatedCase, want index: Int) -> (text: String, location: SourceLocation?)? {
        // "No path" says little: the handling role's own grant that fell short says why.
        guard let step = evaluated.decidingStep(want: index) else { return nil }
        let decision = evaluated.decisions[index]
        let explanation = Explanation(policy: evaluated.policy, language: language, keeping: false)
        return (explanation.sentence(step, input: evaluated.input), explanation.location(step, action: decision.action))
    }

    /// `2 of 7 (29%)`, or a dash without cases.
    func rate(_ totals: Totals) -> String {
        guard totals.cases > 0 else { return text("diff.totals.none") }
        let percent = Int((Double(totals.firstContact) * 100 / Double(totals.cases)).rounded())
        return text("diff.totals.rate", ["count": String(totals.firstContact), "total": String(totals.cases), "percent": String(percent)])
    }

    func time(_ seconds: Int64?) -> String {
        seconds.map { Duration(seconds: $0).description } ?? text("diff.totals.none")
    }

    func money(_ amount: Decimal, _ currency: String) -> String {
        currency.isEmpty ? Money.format(amount) : Money(amount, currency).description
    }

    func bucket(_ bucket: TimeBucket) -> String { text("diff.bucket.\(bucket.rawValue)") }

    /// The rows of the totals table: a label, then the value before and after.
    func totalsRows(_ diff: PolicyDiff) -> [(label: String, before: String, after: String)] {
        let (old, new) = diff.totals
        var rows: [(String, String, String)] = []
        for kind in Outcome.allCases {
            rows.append((text("diff.totals.outcome", ["outcome": outcome(kind)]),
                         String(old.outcomes[kind] ?? 0), String(new.outcomes[kind] ?? 0)))
        }
        rows.append((text("diff.totals.first-contact"), rate(old), rate(new)))
        rows.append((text("diff.totals.median"), time(old.medianTime), time(new.medianTime)))
        rows.append((text("diff.totals.p90"), time(old.p90Time), time(new.p90Time)))
        rows.append((text("diff.totals.handoffs"), String(old.handoffs), String(new.handoffs)))
        rows.append((text("diff.totals.approvals"), String(old.approvals), String(new.approvals)))
        // What is owed without asking (language 1.1), shown when either version owes anything.
        if old.owed > 0 || new.owed > 0 {
            rows.append((text("diff.totals.owed"), String(old.owed), String(new.owed)))
            for currency in Set(old.owedMoney.keys).union(new.owedMoney.keys).sorted() {
                rows.append((text("diff.totals.owed-money"), money(old.owedMoney[currency] ?? 0, currency),
                             money(new.owedMoney[currency] ?? 0, currency)))
            }
        }
        return rows
    }

    /// `owed without asking: now power-cut; no longer missed-appointment`, or nil when the
    /// remedies owed did not change.
    func owedChange(_ comparison: CaseComparison) -> String? {
        let gained = comparison.owedGained, lost = comparison.owedLost
        guard !gained.isEmpty || !lost.isEmpty else { return nil }
        var parts: [String] = []
        if !gained.isEmpty { parts.append(text("diff.owed.gained", ["remedies": gained.map { "`\($0)`" }.joined(separator: ", ")])) }
        if !lost.isEmpty { parts.append(text("diff.owed.lost", ["remedies": lost.map { "`\($0)`" }.joined(separator: ", ")])) }
        return text("diff.owed", ["changes": parts.joined(separator: "; ")])
    }

    /// The reasons one case cannot be evaluated under one version, in one line.
    func problems(_ findings: [Finding]) -> String {
        findings.map { $0.message.render(language) }.joined(separator: "; ")
    }

    /// Where the first problem is (the case's own location when the problem has none).
    func problemLocation(_ item: InvalidCase) -> SourceLocation {
        let problems = item.new ?? item.old ?? []
        return problems.first { $0.location.position != nil }?.location ?? item.source.location
    }
}

extension DiffWords {
    /// A message with its first letter in capitals, for headings.
    static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
