import Foundation
import LeewayCore
import LeewayEngine
import LeewayReview

/// `leeway diff --format markdown`: a pull-request comment or a job summary. The verdict
/// and the totals first, then the cases that change, the money newly allowed at the
/// frontline, and the findings (removed and unchanged folded away). Every policy value is
/// escaped (`MarkdownText`), so a case title cannot add a link, HTML or a column.
public struct DiffMarkdownReporter: Sendable {
    public var options: ReportOptions

    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    public func report(_ diff: PolicyDiff) -> String {
        let words = DiffWords(options.language)
        func heading(_ key: String) -> String { DiffWords.capitalized(words.text(key)) }
        var out = "## " + heading("diff.title") + ": " + MarkdownText.inline(words.text("diff.comparing", [
            "old": diff.old.source.description, "new": diff.new.source.description,
        ])) + "\n\n"
        out += "**" + heading("diff.verdict") + ":** " + MarkdownText.inline(words.verdict(diff)) + "\n\n"

        // Totals.
        out += "### " + heading("diff.totals") + "\n\n"
        out += "| | " + words.text("diff.before") + " | " + words.text("diff.after") + " |\n|---|---:|---:|\n"
        for row in words.totalsRows(diff) {
            let after = row.before == row.after ? MarkdownText.cell(row.after) : "**" + MarkdownText.cell(row.after) + "**"
            out += "| " + MarkdownText.cell(row.label) + " | " + MarkdownText.cell(row.before) + " | " + after + " |\n"
        }
        out += "\n_" + MarkdownText.inline(words.text("diff.totals.note")) + "_\n\n"

        // Cases.
        var summary = words.text("diff.cases.summary", ["evaluated": String(diff.evaluated), "changed": String(diff.changed.count)])
        if diff.skippedOtherPolicy > 0 { summary += "; " + words.counted("diff.cases.skipped", diff.skippedOtherPolicy) }
        if !diff.invalid.isEmpty { summary += "; " + words.counted("diff.cases.invalid", diff.invalid.count) }
        if !diff.rejected.isEmpty { summary += "; " + words.counted("diff.cases.rejected", diff.rejected.count) }
        out += "### " + heading("diff.changed-cases") + "\n\n" + MarkdownText.inline(summary) + "\n\n"
        if !diff.changed.isEmpty {
            out += "| " + [words.text("diff.column.case"), words.text("diff.column.want"), words.text("diff.before"), words.text("diff.after"),
                           words.text("diff.column.change"), words.text("diff.column.why")].joined(separator: " | ") + " |\n"
            out += "|---|---|---|---|---|---|\n"
            for comparison in diff.changed {
                let source = comparison.source
                var caseCell = "**" + MarkdownText.cell(source.id.value) + "**"
                if let title = source.title { caseCell += " " + MarkdownText.cell(title) }
                let changed = comparison.wants.filter(\.isChanged)
                let resolution = words.resolutionChange(comparison)
                for (index, want) in changed.enumerated() {
                    var wantCell = MarkdownText.code(want.action)
                    if let amount = want.amount { wantCell += " " + MarkdownText.cell(amount) }
                    var why = ""
                    if let reason = words.reason(comparison.new, want: want.index) {
                        why = MarkdownText.cell(reason.text)
                        if let location = reason.location { why += " (" + MarkdownText.code(location.description) + ")" }
                    }
                    out += "| " + (index == 0 ? caseCell : "") + " | " + wantCell + " | "
                        + MarkdownText.cell(words.decision(want.old, comparison.old.policy)) + " | "
                        + MarkdownText.cell(words.decision(want.new, comparison.new.policy)) + " | "
                        + MarkdownText.cell(words.text("diff.change.\(want.change.rawValue)")) + " | " + why + " |\n"
                }
                if let (before, after) = resolution {
                    out += "| " + (changed.isEmpty ? caseCell : "") + " | _" + MarkdownText.cell(words.text("diff.resolution")) + "_ | "
                        + MarkdownText.cell(before) + " | " + MarkdownText.cell(after) + " | "
                        + MarkdownText.cell(words.text("diff.change.\(comparison.change.rawValue)")) + " | |\n"
                }
            }
            out += "\n"
        }
        for item in diff.invalid {
            if let problems = item.old {
                out += "- " + MarkdownText.inline(words.text("diff.case.invalid-old", ["case": item.source.id.value, "reason": words.problems(problems)])) + "\n"
            }
            if let problems = item.new {
                out += "- " + MarkdownText.code(words.problemLocation(item).description) + ": " + MarkdownText.inline(words.text("diff.case.invalid-new", ["case": item.source.id.value, "reason": words.problems(problems)])) + "\n"
            }
        }
        if !diff.invalid.isEmpty { out += "\n" }

        // Money.
        out += "### " + heading("diff.money") + "\n\n"
        if diff.money.isEmpty {
            out += MarkdownText.inline(words.text("diff.money.none")) + "\n\n"
        } else {
            out += "| " + words.text("diff.column.action") + " | " + words.text("diff.before") + " | " + words.text("diff.after") + " | "
                + words.text("diff.money.newly") + " |\n|---|---:|---:|---:|\n"
            for row in diff.money {
                out += "| " + MarkdownText.code(row.action) + " | " + MarkdownText.cell(words.money(row.before, row.currency)) + " | "
                    + MarkdownText.cell(words.money(row.after, row.currency)) + " | "
                    + MarkdownText.cell(words.money(row.newlyAllowed, row.currency)) + " |\n"
            }
            out += "\n"
        }

        // Findings.
        let findings = diff.findings
        out += "### " + heading("diff.findings") + "\n\n"
        if findings.added.isEmpty && findings.removed.isEmpty && findings.unchanged.isEmpty && findings.changed.isEmpty {
            out += MarkdownText.inline(words.text("diff.findings.none")) + "\n"
            return out
        }
        out += MarkdownText.inline(words.text("diff.findings.summary", [
            "added": String(findings.added.count), "removed": String(findings.removed.count), "unchanged": String(findings.unchanged.count),
            "changed": String(findings.changed.count),
        ])) + "\n"
        if !findings.added.isEmpty {
            out += "\n**" + DiffWords.capitalized(words.text("diff.added")) + "**\n\n" + list(findings.added)
        }
        if !findings.changed.isEmpty {
            out += "\n**" + DiffWords.capitalized(words.text("diff.changed")) + "**\n\n"
            for change in findings.changed {
                let was = Catalog.text("severity.\(change.old.severity.rawValue)", in: options.language)
                out += list([change.new]).dropLast() + " (" + MarkdownText.inline(words.text("diff.was")) + " **" + was + "** "
                    + MarkdownText.inline(change.old.message.render(options.language)) + ")\n"
            }
        }
        for (key, items) in [("diff.removed", findings.removed), ("diff.unchanged", findings.unchanged)] where !items.isEmpty {
            out += "\n<details><summary>" + DiffWords.capitalized(words.text(key)) + " (" + String(items.count) + ")</summary>\n\n"
                + list(items) + "\n</details>\n"
        }
        return out
    }

    func list(_ findings: [Finding]) -> String {
        findings.map { finding in
            let severity = Catalog.text("severity.\(finding.severity.rawValue)", in: options.language)
            return "- **" + severity + "** " + MarkdownText.inline(finding.message.render(options.language)) + " "
                + MarkdownText.code(finding.rule) + " — " + MarkdownText.code(finding.location.description) + "\n"
        }.joined()
    }
}
