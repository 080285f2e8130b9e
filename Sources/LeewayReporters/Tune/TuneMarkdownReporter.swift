import Foundation
import LeewayCore
import LeewayOverrides

/// `leeway tune --format markdown`: for a pull-request comment or a job summary — the
/// recommendation with why, its change and replayed figures, then the frontier as a table.
/// Every policy value is escaped (`MarkdownText`).
public struct TuneMarkdownReporter: Sendable {
    public var options: ReportOptions

    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    public func report(_ result: Tune.Result) -> String {
        let words = TuneWords(options.language)
        func cap(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
        var out = "## " + MarkdownText.inline(cap(words.text("tune.title")) + ": `" + result.policyID + "`") + "\n\n"
        out += MarkdownText.inline(words.text("tune.header", ["policy": result.policyPath, "id": result.policyID,
                                                              "cases": String(result.baseline.cases), "wants": String(result.baseline.wants)])) + "\n\n"
        out += "**" + MarkdownText.escape(cap(words.text("tune.recommended")) + " (" + words.goal(result) + ")") + "**: "
        out += MarkdownText.inline(result.reason.render(options.language)) + "\n\n"
        out += "| " + MarkdownText.escape(cap(words.text("tune.replay"))) + " | " + MarkdownText.escape(words.text("tune.as-it-is"))
        out += " | " + MarkdownText.escape(words.text("tune.recommended")) + " |\n|---|---:|---:|\n"
        for (label, before, after) in words.measureRows(result) {
            out += "| " + MarkdownText.cell(label) + " | " + MarkdownText.cell(before) + " | " + MarkdownText.cell(after) + " |\n"
        }
        out += "\n" + MarkdownText.escape(cap(words.text("tune.change"))) + ":\n"
        if result.changes.isEmpty {
            out += "- " + MarkdownText.inline(words.text("tune.no-change")) + "\n"
        }
        for change in result.changes {
            let lever = result.levers[change.lever]
            out += "- " + MarkdownText.inline(words.setting(lever, result.point.settings[change.lever], result))
            if let from = change.from { out += " (" + MarkdownText.code(from) + " → " + MarkdownText.code(change.to) + ")" }
            out += " — " + MarkdownText.code(lever.location.description) + "\n"
        }
        out += "\n" + (result.verified ? "✓ " : "⚠ ") + MarkdownText.escape(words.text(result.verified ? "tune.verified" : "tune.replay-differs")) + "\n\n"

        out += "### " + MarkdownText.escape(cap(words.text("tune.frontier"))) + "\n\n"
        out += "| " + [words.text("tune.column.spend"), words.text("tune.column.first-contact"), words.text("tune.column.wants"),
                      words.text("tune.column.settings")].map { MarkdownText.escape(cap($0)) }.joined(separator: " | ") + " |\n"
        out += "|---:|---:|---:|---|\n"
        let shown = TuneWords.shown(result, limit: 20)
        for index in shown {
            let point = result.frontier[index]
            var settings = index == 0 ? words.text("tune.as-it-is") : words.settings(point, result).joined(separator: "; ")
            if point.ceiling { settings = words.text("tune.ceiling") }
            var cells = [words.money(point.measures.cost, result), words.firstContact(point.measures), String(point.measures.wantsAllowed)]
                .map(MarkdownText.cell)
            var last = MarkdownText.cell(settings)
            if index == result.recommended {
                cells = cells.map { "**" + $0 + "**" }
                last += " ← **" + MarkdownText.escape(words.text("tune.recommended")) + "**"
            }
            out += "| " + (cells + [last]).joined(separator: " | ") + " |\n"
        }
        if shown.count < result.frontier.count {
            out += "\n" + MarkdownText.inline(words.text("tune.frontier.more", ["count": String(result.frontier.count - shown.count)])) + "\n"
        }
        out += "\n<details><summary>" + MarkdownText.escape(cap(words.text("tune.levers"))) + "</summary>\n\n"
        for (index, lever) in result.levers.enumerated() {
            out += "\(index + 1). " + MarkdownText.inline(words.lever(lever, result) + " — " + words.asked(lever, result)) + " "
            out += MarkdownText.code(lever.location.description) + "\n"
        }
        out += "\n</details>\n"
        return out
    }
}
