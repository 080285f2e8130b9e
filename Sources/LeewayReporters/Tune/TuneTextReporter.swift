import Foundation
import LeewayCore
import LeewayOverrides

/// `leeway tune` on a terminal: the levers, the frontier as a table, the recommendation
/// with why, its change, and its figures from the replay under the patched policy.
public struct TuneTextReporter: Sendable {
    public var options: ReportOptions

    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    public func report(_ result: Tune.Result) -> String {
        let words = TuneWords(options.language)
        let style = Style(enabled: options.color)
        var out = style.bold(words.text("tune.title")) + ": "
        out += words.text("tune.header", ["policy": result.policyPath, "id": result.policyID, "cases": String(result.baseline.cases),
                                          "wants": String(result.baseline.wants)]) + "\n"
        if result.otherPolicy > 0 { out += words.text("tune.skipped", ["count": String(result.otherPolicy)]) + "\n" }
        out += "\n" + style.bold(words.text("tune.levers")) + "\n"
        for (index, lever) in result.levers.enumerated() {
            out += "  \(index + 1). " + words.lever(lever, result) + " — " + words.asked(lever, result)
            out += "  " + style.dim(lever.location.description) + "\n"
        }

        out += "\n" + style.bold(words.text("tune.frontier")) + "\n"
        let headers = [words.text("tune.column.spend"), words.text("tune.column.first-contact"), words.text("tune.column.wants"),
                       words.text("tune.column.settings")]
        var rows: [[String]] = []
        let shown = TuneWords.shown(result)
        for index in shown {
            let point = result.frontier[index]
            var settings = index == 0 ? words.text("tune.as-it-is") : words.settings(point, result).joined(separator: "; ")
            if point.ceiling { settings = words.text("tune.ceiling") }
            if index == result.recommended { settings += "  ← " + words.text("tune.recommended") }
            rows.append([words.money(point.measures.cost, result), words.firstContact(point.measures), String(point.measures.wantsAllowed), settings])
        }
        out += table(headers, rows, marked: shown.firstIndex(of: result.recommended).map { $0 + 1 }, style: style)
        if shown.count < result.frontier.count {
            out += "  " + words.text("tune.frontier.more", ["count": String(result.frontier.count - shown.count)]) + "\n"
        }

        out += "\n" + style.bold(words.text("tune.recommended")) + " (" + words.goal(result) + "): " + result.reason.render(options.language) + "\n"
        out += "  " + words.text("tune.change") + ":"
        if result.changes.isEmpty {
            out += " " + words.text("tune.no-change") + "\n"
        } else {
            out += "\n"
            for change in result.changes {
                let lever = result.levers[change.lever]
                out += "    " + words.setting(lever, result.point.settings[change.lever], result)
                out += (change.from.map { "  (" + $0 + " → " + change.to + ")" } ?? "") + "  " + style.dim(lever.location.description) + "\n"
            }
        }
        out += "\n" + style.bold(words.text("tune.replay")) + "\n"
        let measureRows = words.measureRows(result)
        let width = measureRows.map { $0.0.count }.max() ?? 0
        for (label, before, after) in measureRows {
            let pad = String(repeating: " ", count: max(0, width - label.count))
            out += "  " + label + pad + "  " + (before.isEmpty ? after : before + " → " + after) + "\n"
        }
        out += "  " + (result.verified ? style.green(words.text("tune.verified")) : style.yellow(words.text("tune.replay-differs"))) + "\n"
        if !result.changes.isEmpty { out += "  " + words.text("tune.apply") + "\n" }
        return out
    }

    func table(_ headers: [String], _ rows: [[String]], marked: Int?, style: Style) -> String {
        let all = [headers] + rows
        var widths = Array(repeating: 0, count: headers.count)
        for row in all { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for (r, row) in all.enumerated() {
            var line = "  "
            for (i, cell) in row.enumerated() {
                let last = i == row.count - 1
                line += last ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 3)
            }
            out += (r == 0 ? style.dim(line) : (r == marked ? style.bold(line) : line)) + "\n"
        }
        return out
    }
}
