import Foundation
import LeewayCore
import LeewayEngine
import LeewayReview

/// `leeway diff` on a terminal: the verdict first, then findings added and removed, every
/// case that changes (per want: before → after, and the trace line that made the
/// difference), the totals before and after, and the money newly allowed at the frontline.
public struct DiffTextReporter: Sendable {
    public var options: ReportOptions

    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    public func report(_ diff: PolicyDiff) -> String {
        let words = DiffWords(options.language)
        let style = Style(enabled: options.color)
        var out = ""

        out += style.bold(words.text("diff.title")) + ": " + words.text("diff.comparing", ["old": diff.old.source.description, "new": diff.new.source.description])
        out += " · " + words.text("diff.policy", ["policy": diff.new.policy.id]) + "\n\n"
        let verdict = words.verdict(diff)
        let painted = diff.isRegression ? style.yellow(verdict) : style.green(verdict)
        out += style.bold(words.text("diff.verdict")) + ": " + painted + "\n\n"

        // Findings.
        let findings = diff.findings
        out += style.bold(words.text("diff.findings")) + ": "
        if findings.added.isEmpty && findings.removed.isEmpty && findings.unchanged.isEmpty && findings.changed.isEmpty {
            out += words.text("diff.findings.none") + "\n"
        } else {
            out += words.text("diff.findings.summary", ["added": String(findings.added.count), "removed": String(findings.removed.count),
                                                        "unchanged": String(findings.unchanged.count),
                                                        "changed": String(findings.changed.count)]) + "\n"
        }
        for finding in findings.added {
            out += "  " + style.red("+") + " " + line(finding, style: style) + "\n"
        }
        for change in findings.changed {
            out += "  " + style.yellow("~") + " " + line(change.new, style: style) + "\n"
            out += "      " + style.dim(words.text("diff.was") + ": " + line(change.old, style: style)) + "\n"
        }
        for finding in findings.removed {
            out += "  " + style.green("-") + " " + line(finding, style: style) + "\n"
        }
        out += "\n"

        // Cases.
        var summary = words.text("diff.cases.summary", ["evaluated": String(diff.evaluated), "changed": String(diff.changed.count)])
        if diff.skippedOtherPolicy > 0 { summary += " · " + words.counted("diff.cases.skipped", diff.skippedOtherPolicy) }
        if !diff.invalid.isEmpty { summary += " · " + words.counted("diff.cases.invalid", diff.invalid.count) }
        if !diff.rejected.isEmpty { summary += " · " + words.counted("diff.cases.rejected", diff.rejected.count) }
        out += style.bold(words.text("diff.cases")) + ": " + summary + "\n"
        for comparison in diff.changed {
            out += "\n" + render(comparison, words: words, style: style)
        }
        for item in diff.invalid {
            if let problems = item.old {
                out += "  " + style.yellow("!") + " " + words.text("diff.case.invalid-old", ["case": item.source.id.value, "reason": words.problems(problems)]) + "\n"
            }
            if let problems = item.new {
                out += "  " + style.red("!") + " " + style.dim(words.problemLocation(item).description) + ": " + words.text("diff.case.invalid-new", ["case": item.source.id.value, "reason": words.problems(problems)]) + "\n"
            }
        }
        out += "\n"

        // Totals.
        let rows = words.totalsRows(diff)
        let labelWidth = rows.map { $0.label.count }.max() ?? 0
        let column = max(rows.map { $0.before.count }.max() ?? 0, words.text("diff.before").count) + 3
        out += pad(style.bold(words.text("diff.totals")), labelWidth + 5, visible: words.text("diff.totals").count)
            + pad(words.text("diff.before"), column) + words.text("diff.after") + "\n"
        for row in rows {
            let after = row.before == row.after ? row.after : style.bold(row.after)
            out += "  " + pad(row.label, labelWidth + 3) + pad(row.before, column) + after + "\n"
        }
        out += "  " + style.dim(words.text("diff.totals.note")) + "\n\n"

        // Money.
        out += style.bold(words.text("diff.money")) + "\n"
        if diff.money.isEmpty { out += "  " + words.text("diff.money.none") + "\n" }
        for row in diff.money {
            out += "  " + words.text("diff.money.row", [
                "action": row.action, "newly": words.money(row.newlyAllowed, row.currency), "wants": String(row.newlyAllowedWants),
                "before": words.money(row.before, row.currency), "after": words.money(row.after, row.currency),
            ]) + "\n"
        }
        return out
    }

    func line(_ finding: Finding, style: Style) -> String {
        let severity = style.severity(finding.severity, Catalog.text("severity.\(finding.severity.rawValue)", in: options.language))
        return "\(finding.location.description): \(severity): \(finding.message.render(options.language)) [\(finding.rule)]"
    }

    func render(_ comparison: CaseComparison, words: DiffWords, style: Style) -> String {
        let source = comparison.source
        var header = "  " + style.bold(source.id.value)
        if let title = source.title { header += " — " + title }
        header += "  " + changeLabel(comparison.change, words: words, style: style)
        var out = header + "\n"
        out += "    " + style.dim(source.location.description) + " · " + Catalog.render(Message("engine.text.handled-by", ["role": source.handledBy.value]), in: options.language) + "\n"
        for want in comparison.wants where want.isChanged {
            var name = want.action
            if let amount = want.amount { name += " " + amount }
            out += "    " + style.bold(name) + ": " + words.decision(want.old, comparison.old.policy) + " → "
                + words.decision(want.new, comparison.new.policy) + "  " + changeLabel(want.change, words: words, style: style) + "\n"
            if let now = words.reason(comparison.new, want: want.index) {
                out += "        " + words.text("diff.now") + ": " + (now.location.map { style.dim($0.description) + ": " } ?? "") + now.text + "\n"
            }
            if let was = words.reason(comparison.old, want: want.index) {
                out += "        " + words.text("diff.was") + ": " + (was.location.map { style.dim($0.description) + ": " } ?? "") + was.text + "\n"
            }
        }
        if let (before, after) = words.resolutionChange(comparison) {
            out += "    " + words.text("diff.resolution") + ": " + before + " → " + after + "\n"
        }
        if let owed = words.owedChange(comparison) {
            out += "    " + owed + "\n"
        }
        return out
    }

    func changeLabel(_ change: Change, words: DiffWords, style: Style) -> String {
        let label = "(" + words.text("diff.change.\(change.rawValue)") + ")"
        switch change {
        case .better: return style.green(label)
        case .worse: return style.red(label)
        case .mixed: return style.yellow(label)
        case .different, .same: return style.dim(label)
        }
    }

    /// Pads to a width in characters (`visible`: the text's length without colour codes).
    func pad(_ text: String, _ width: Int, visible: Int? = nil) -> String {
        let length = visible ?? text.count
        return text + String(repeating: " ", count: max(1, width - length))
    }
}
