import Foundation
import LeewayCore
import LeewayEngine
import LeewayReview

/// `leeway diff --format html`: one self-contained page (no scripts, fonts or network)
/// for a CX operations lead: the verdict, the totals with two inline SVG charts
/// (outcomes and time to resolution, before and after), the cases that change, the
/// money newly allowed at the frontline and the findings. Print CSS keeps it readable on
/// paper. Built with `HTML`, which escapes every text and attribute.
public struct DiffHTMLReporter: Sendable {
    public var options: ReportOptions
    public var toolVersion: String

    public init(options: ReportOptions = ReportOptions(), toolVersion: String) {
        self.options = options
        self.toolVersion = toolVersion
    }

    public func report(_ diff: PolicyDiff) -> String {
        let words = DiffWords(options.language)
        let title = words.text("diff.html.title")
        let head = h("head", [:],
                     h("meta", ["charset": "utf-8"]),
                     h("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"]),
                     h("title", [:], t(title + " — " + diff.new.policy.id)),
                     HTML.style(DiffHTMLReporter.css))
        var main: [HTML] = []
        main.append(h("header", [:],
                      h("h1", [:], t(title)),
                      h("p", ["class": "comparing"], children: inline(words.text("diff.comparing", [
                          "old": diff.old.source.description, "new": diff.new.source.description,
                      ])) + [t(" · ")] + inline(words.text("diff.policy", ["policy": diff.new.policy.id])))))
        let regression = diff.isRegression
        main.append(h("section", ["class": regression ? "verdict regression" : "verdict"],
                      h("h2", [:], t(DiffWords.capitalized(words.text("diff.verdict")))),
                      h("p", [:], children: inline(words.verdict(diff)))))
        main.append(totals(diff, words: words))
        main.append(cases(diff, words: words))
        main.append(money(diff, words: words))
        main.append(findings(diff, words: words))
        main.append(h("footer", [:], t(words.text("diff.html.footer", ["version": toolVersion]))))
        let page = h("html", ["lang": options.language.rawValue], head, h("body", [:], h("main", [:], children: main)))
        return "<!DOCTYPE html>\n" + page.render() + "\n"
    }

    /// Text with backtick spans as `<code>`.
    func inline(_ text: String) -> [HTML] {
        let pieces = text.split(separator: "`", omittingEmptySubsequences: false)
        guard pieces.count % 2 == 1 else { return [t(text)] }
        return pieces.enumerated().compactMap { index, piece in
            if index % 2 == 1 { return h("code", [:], t(String(piece))) }
            return piece.isEmpty ? nil : t(String(piece))
        }
    }

    // MARK: Totals and charts

    func totals(_ diff: PolicyDiff, words: DiffWords) -> HTML {
        var rows: [HTML] = []
        for row in words.totalsRows(diff) {
            rows.append(h("tr", row.before == row.after ? [:] : ["class": "moved"],
                          h("th", ["scope": "row"], t(row.label)), h("td", [:], t(row.before)), h("td", [:], t(row.after))))
        }
        let table = h("table", ["class": "totals"],
                      h("thead", [:], h("tr", [:], h("th", [:]), h("th", ["scope": "col"], t(words.text("diff.before"))),
                                        h("th", ["scope": "col"], t(words.text("diff.after"))))),
                      h("tbody", [:], children: rows))
        let (old, new) = diff.totals
        let outcomes = Outcome.allCases.map { (words.outcome($0), old.outcomes[$0] ?? 0, new.outcomes[$0] ?? 0) }
        // Time buckets no case falls in, before or after, are left out.
        let times = TimeBucket.allCases.map { (words.bucket($0), old.buckets[$0] ?? 0, new.buckets[$0] ?? 0) }
            .filter { $0.1 > 0 || $0.2 > 0 }
        return h("section", ["class": "totals-section"],
                 h("h2", [:], t(DiffWords.capitalized(words.text("diff.totals")))),
                 h("div", ["class": "grid"],
                   h("div", [:], table, h("p", ["class": "note"], t(words.text("diff.totals.note")))),
                   chart(words.text("diff.html.chart-outcomes"), outcomes, words: words, id: "outcomes"),
                   chart(words.text("diff.html.chart-times"), times, words: words, id: "times")))
    }

    /// A grouped bar chart: per category, a bar before (grey) and after (blue), with
    /// the counts written on the bars' ends.
    func chart(_ title: String, _ data: [(label: String, before: Int, after: Int)], words: DiffWords, id: String) -> HTML {
        // Labels are measured at about 7px a character (12px sans-serif), so none is clipped.
        let longest = data.map { $0.label.count }.max() ?? 0
        let labelWidth = max(80, (Double(longest) * 7 + 14).rounded()), barArea = 250.0, rowHeight = 34.0, top = 28.0
        let width = labelWidth + barArea + 40
        let height = top + rowHeight * Double(data.count) + 8
        let maximum = max(1, data.map { max($0.before, $0.after) }.max() ?? 1)
        func number(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
        }
        var parts: [HTML] = [
            h("title", [:], t(title)),
            h("rect", ["x": number(labelWidth), "y": "6", "width": "12", "height": "12", "class": "before"]),
            h("text", ["x": number(labelWidth + 16), "y": "16", "class": "legend"], t(words.text("diff.before"))),
            h("rect", ["x": number(labelWidth + 90), "y": "6", "width": "12", "height": "12", "class": "after"]),
            h("text", ["x": number(labelWidth + 106), "y": "16", "class": "legend"], t(words.text("diff.after"))),
        ]
        for (index, row) in data.enumerated() {
            let y = top + Double(index) * rowHeight
            parts.append(h("text", ["x": number(labelWidth - 8), "y": number(y + 19), "class": "label", "text-anchor": "end"], t(row.label)))
            for (offset, value, kind) in [(0.0, row.before, "before"), (14.0, row.after, "after")] {
                let length = max(value > 0 ? 2 : 0, barArea * Double(value) / Double(maximum))
                parts.append(h("rect", ["x": number(labelWidth), "y": number(y + 3 + offset), "width": number(length), "height": "12",
                                        "rx": "2", "class": kind]))
                parts.append(h("text", ["x": number(labelWidth + length + 4), "y": number(y + 13 + offset), "class": "value"], t(String(value))))
            }
        }
        let svg = HTML.element("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(number(width)) \(number(height))"),
                                       ("width", number(width)), ("height", number(height)), ("role", "img"),
                                       ("aria-labelledby", "chart-\(id)")], parts)
        return h("figure", ["class": "chart"], h("figcaption", ["id": "chart-\(id)"], t(DiffWords.capitalized(title))), svg)
    }

    // MARK: Cases

    func cases(_ diff: PolicyDiff, words: DiffWords) -> HTML {
        var summary = words.text("diff.cases.summary", ["evaluated": String(diff.evaluated), "changed": String(diff.changed.count)])
        if diff.skippedOtherPolicy > 0 { summary += "; " + words.counted("diff.cases.skipped", diff.skippedOtherPolicy) }
        if !diff.invalid.isEmpty { summary += "; " + words.counted("diff.cases.invalid", diff.invalid.count) }
        if !diff.rejected.isEmpty { summary += "; " + words.counted("diff.cases.rejected", diff.rejected.count) }
        var children: [HTML] = [h("h2", [:], t(DiffWords.capitalized(words.text("diff.changed-cases")))), h("p", [:], children: inline(summary))]
        if !diff.changed.isEmpty {
            var rows: [HTML] = []
            for comparison in diff.changed {
                let source = comparison.source
                let changed = comparison.wants.filter(\.isChanged)
                let resolution = words.resolutionChange(comparison)
                let span = changed.count + (resolution != nil ? 1 : 0)
                var caseCell: [HTML] = [h("strong", [:], t(source.id.value))]
                if let title = source.title { caseCell.append(h("span", ["class": "case-title"], t(title))) }
                caseCell.append(h("span", ["class": "where"], t(source.location.description)))
                var first = true
                func leading() -> [HTML] {
                    defer { first = false }
                    return first ? [h("td", ["rowspan": String(max(1, span)), "class": "case"], children: caseCell)] : []
                }
                for want in changed {
                    var wantText = want.action
                    if let amount = want.amount { wantText += " " + amount }
                    var why: [HTML] = []
                    if let reason = words.reason(comparison.new, want: want.index) {
                        why.append(h("span", ["class": "now"], children: inline(reason.text)))
                        if let location = reason.location { why.append(h("span", ["class": "where"], t(location.description))) }
                    }
                    if let reason = words.reason(comparison.old, want: want.index) {
                        why.append(h("span", ["class": "was"], children: [t(words.text("diff.was") + ": ")] + inline(reason.text)))
                    }
                    rows.append(h("tr", ["class": want.change.rawValue], children: leading() + [
                        h("td", ["class": "want"], h("code", [:], t(wantText))),
                        h("td", [:], children: inline(words.decision(want.old, comparison.old.policy))),
                        h("td", [:], children: inline(words.decision(want.new, comparison.new.policy))),
                        h("td", [:], badge(want.change, words: words)),
                        h("td", ["class": "why"], children: why),
                    ]))
                }
                if let (before, after) = resolution {
                    rows.append(h("tr", ["class": "resolution " + comparison.change.rawValue], children: leading() + [
                        h("td", [:], h("em", [:], t(words.text("diff.resolution")))),
                        h("td", [:], t(before)), h("td", [:], t(after)),
                        h("td", [:], badge(comparison.change, words: words)), h("td", [:]),
                    ]))
                }
            }
            let header = h("tr", [:], children: ["diff.column.case", "diff.column.want", "diff.before", "diff.after", "diff.column.change", "diff.column.why"]
                .map { h("th", ["scope": "col"], t(words.text($0))) })
            children.append(h("table", ["class": "cases"], h("thead", [:], header), h("tbody", [:], children: rows)))
        }
        var problems: [HTML] = []
        for item in diff.invalid {
            if let found = item.old {
                problems.append(h("li", [:], children: inline(words.text("diff.case.invalid-old", ["case": item.source.id.value, "reason": words.problems(found)]))))
            }
            if let found = item.new {
                problems.append(h("li", [:], children: [h("code", [:], t(words.problemLocation(item).description)), t(": ")] + inline(words.text("diff.case.invalid-new", ["case": item.source.id.value, "reason": words.problems(found)]))))
            }
        }
        if !problems.isEmpty { children.append(h("ul", ["class": "invalid"], children: problems)) }
        return h("section", [:], children: children)
    }

    func badge(_ change: Change, words: DiffWords) -> HTML {
        h("span", ["class": "badge " + change.rawValue], t(words.text("diff.change.\(change.rawValue)")))
    }

    // MARK: Money and findings

    func money(_ diff: PolicyDiff, words: DiffWords) -> HTML {
        var children: [HTML] = [h("h2", [:], t(DiffWords.capitalized(words.text("diff.money"))))]
        if diff.money.isEmpty {
            children.append(h("p", [:], t(words.text("diff.money.none"))))
        } else {
            let header = h("tr", [:], children: ["diff.column.action", "diff.before", "diff.after", "diff.money.newly"]
                .map { h("th", ["scope": "col"], t(words.text($0))) })
            let rows = diff.money.map { row in
                h("tr", [:], h("td", [:], h("code", [:], t(row.action))), h("td", [:], t(words.money(row.before, row.currency))),
                  h("td", [:], t(words.money(row.after, row.currency))),
                  h("td", [:], h("strong", [:], t(words.money(row.newlyAllowed, row.currency)))))
            }
            children.append(h("table", ["class": "money"], h("thead", [:], header), h("tbody", [:], children: rows)))
        }
        return h("section", [:], children: children)
    }

    func findings(_ diff: PolicyDiff, words: DiffWords) -> HTML {
        let changes = diff.findings
        var children: [HTML] = [h("h2", [:], t(DiffWords.capitalized(words.text("diff.findings"))))]
        if changes.added.isEmpty && changes.removed.isEmpty && changes.unchanged.isEmpty && changes.changed.isEmpty {
            children.append(h("p", [:], t(words.text("diff.findings.none"))))
            return h("section", [:], children: children)
        }
        children.append(h("p", [:], t(words.text("diff.findings.summary", [
            "added": String(changes.added.count), "removed": String(changes.removed.count), "unchanged": String(changes.unchanged.count),
            "changed": String(changes.changed.count),
        ]))))
        if !changes.changed.isEmpty {
            children.append(h("h3", [:], t(DiffWords.capitalized(words.text("diff.changed")) + " (" + String(changes.changed.count) + ")")))
            children.append(h("ul", ["class": "findings changed"], children: changes.changed.map { change in
                h("li", [:], children: [h("span", ["class": "severity " + change.new.severity.rawValue],
                                          t(Catalog.text("severity.\(change.new.severity.rawValue)", in: options.language)))]
                  + inline(change.new.message.render(options.language))
                  + [t(" "), h("code", ["class": "rule"], t(change.new.rule)), h("span", ["class": "where"], t(change.new.location.description)),
                     h("span", ["class": "was"], t(words.text("diff.was") + ": "
                        + Catalog.text("severity.\(change.old.severity.rawValue)", in: options.language) + " · "
                        + change.old.message.render(options.language)))])
            }))
        }
        for (key, items, kind) in [("diff.added", changes.added, "added"), ("diff.removed", changes.removed, "removed"),
                                   ("diff.unchanged", changes.unchanged, "unchanged")] where !items.isEmpty {
            let list = h("ul", ["class": "findings " + kind], children: items.map { finding in
                h("li", [:], children: [h("span", ["class": "severity " + finding.severity.rawValue],
                                          t(Catalog.text("severity.\(finding.severity.rawValue)", in: options.language)))]
                  + inline(finding.message.render(options.language))
                  + [t(" "), h("code", ["class": "rule"], t(finding.rule)), h("span", ["class": "where"], t(finding.location.description))])
            })
            children.append(h("h3", [:], t(DiffWords.capitalized(words.text(key)) + " (" + String(items.count) + ")")))
            children.append(list)
        }
        return h("section", [:], children: children)
    }

    static let css: StaticString = """
    :root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --before: #9aa5b1; --after: #2f6fde; \
    --better: #1f7a4d; --worse: #b42318; --mixed: #a15c07; --paper: #ffffff; --tint: #f5f7fa; }
    * { box-sizing: border-box; }
    html { background: var(--paper); color: var(--ink); }
    body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    main { max-width: 1140px; margin: 0 auto; padding: 28px 32px 40px; }
    h1 { font-size: 26px; margin: 0 0 4px; }
    h2 { font-size: 19px; margin: 28px 0 10px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
    h3 { font-size: 15px; margin: 16px 0 6px; }
    code { font: 13px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: var(--tint); padding: 1px 4px; border-radius: 3px; }
    .comparing { color: var(--muted); margin: 0; }
    .verdict { background: #e8f5ee; border-left: 6px solid var(--better); padding: 4px 18px 10px; margin-top: 20px; border-radius: 4px; }
    .verdict.regression { background: #fdf0e6; border-left-color: var(--mixed); }
    .verdict h2 { border: 0; margin: 8px 0 2px; font-size: 14px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
    .verdict p { font-size: 20px; font-weight: 600; margin: 0; }
    .grid { display: grid; grid-template-columns: minmax(300px, 1fr) auto; gap: 8px 28px; align-items: start; }
    .grid > div { grid-row: span 2; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
    thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); border-bottom: 2px solid var(--line); }
    table.totals td { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.totals tr.moved td:last-child { font-weight: 700; color: var(--after); }
    table.money td { font-variant-numeric: tabular-nums; }
    .note { color: var(--muted); font-size: 12px; }
    figure.chart { margin: 0; }
    figcaption { font-size: 13px; font-weight: 600; color: var(--muted); margin: 0 0 2px; }
    figure.chart + figure.chart { margin-top: 12px; }
    svg rect.before { fill: var(--before); }
    svg rect.after { fill: var(--after); }
    svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
    svg text.value { fill: var(--muted); font-size: 11px; }
    td.case strong { display: block; }
    td.want code { white-space: nowrap; }
    .case-title { display: block; }
    .where { display: block; color: var(--muted); font-size: 12px; font-family: ui-monospace, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
    table.cases { table-layout: fixed; }
    table.cases th:nth-child(1) { width: 17%; }
    table.cases th:nth-child(2) { width: 17%; }
    table.cases th:nth-child(3), table.cases th:nth-child(4) { width: 13.5%; }
    table.cases th:nth-child(5) { width: 9%; }
    table.cases td { overflow-wrap: anywhere; }
    td.why .now { display: block; }
    td.why .was { display: block; color: var(--muted); font-size: 13px; }
    tr.resolution td { background: var(--tint); }
    .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
    .badge.better { color: var(--better); }
    .badge.worse { color: var(--worse); }
    .badge.mixed { color: var(--mixed); }
    .badge.different, .badge.same { color: var(--muted); }
    ul.findings { padding-left: 18px; }
    ul.findings li { margin: 4px 0; }
    ul.findings .rule { margin-right: 6px; }
    .severity { font-weight: 700; margin-right: 6px; text-transform: uppercase; font-size: 11px; }
    .severity.error { color: var(--worse); }
    .severity.warning { color: var(--mixed); }
    .severity.note { color: var(--muted); }
    ul.findings.removed li { color: var(--muted); }
    footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
    @media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
    @page { size: A4; margin: 14mm; }
    @media print {
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      body { font-size: 10.5pt; }
      main { max-width: none; padding: 0; }
      .grid { grid-template-columns: 1fr 1fr; }
      .grid > div { grid-column: 1 / -1; grid-row: auto; }
      section, figure.chart, tr, li { break-inside: avoid; }
      h2 { break-after: avoid; }
      thead { display: table-header-group; }
      svg { max-width: 100%; height: auto; }
      table.cases { font-size: 9pt; }
      td.want code { white-space: normal; }
      .verdict p { font-size: 14pt; }
    }
    """
}
