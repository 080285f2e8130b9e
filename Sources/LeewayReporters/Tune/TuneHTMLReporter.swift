import Foundation
import LeewayCore
import LeewayEngine
import LeewayOverrides

/// `leeway tune --format html`: one self-contained page (no scripts, fonts or network):
/// the recommendation with why, its change and replayed figures, a step chart of the
/// frontier (first-contact resolution against spend, inline SVG, the recommended point
/// marked), the frontier's table and the levers. Built with `HTML`, which escapes every
/// text and attribute.
public struct TuneHTMLReporter: Sendable {
    public var options: ReportOptions
    public var toolVersion: String

    public init(options: ReportOptions = ReportOptions(), toolVersion: String) {
        self.options = options
        self.toolVersion = toolVersion
    }

    func cap(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    public func report(_ result: Tune.Result) -> String {
        let words = TuneWords(options.language)
        let title = words.text("tune.html.title", ["id": result.policyID])
        let head = h("head", [:],
                     h("meta", ["charset": "utf-8"]),
                     h("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"]),
                     h("title", [:], t(title)),
                     HTML.style(TuneHTMLReporter.css))
        var main: [HTML] = []
        main.append(h("header", [:], h("h1", [:], t(title)),
                      h("p", ["class": "comparing"], children: inline(words.text("tune.header", [
                          "policy": result.policyPath, "id": result.policyID, "cases": String(result.baseline.cases),
                          "wants": String(result.baseline.wants)])))))
        main.append(h("section", ["class": result.unreachable ? "verdict regression" : "verdict"],
                      h("h2", [:], t(cap(words.text("tune.recommended")) + " (" + words.goal(result) + ")")),
                      h("p", [:], children: inline(result.reason.render(options.language)))))

        var changes: [HTML] = []
        for change in result.changes {
            let lever = result.levers[change.lever]
            var item = inline(words.setting(lever, result.point.settings[change.lever], result))
            if let from = change.from { item += [t(" ("), h("code", [:], t(from)), t(" → "), h("code", [:], t(change.to)), t(")")] }
            item.append(h("span", ["class": "where"], t(lever.location.description)))
            changes.append(h("li", [:], children: item))
        }
        if changes.isEmpty { changes.append(h("li", [:], children: inline(words.text("tune.no-change")))) }
        var rows: [HTML] = []
        for (label, before, after) in words.measureRows(result) {
            rows.append(h("tr", [:], h("th", ["scope": "row"], t(label)), h("td", [:], t(before)), h("td", [:], t(after))))
        }
        let measures = h("table", ["class": "totals"],
                         h("thead", [:], h("tr", [:], h("th", [:], t(words.text("tune.replay"))), h("th", ["scope": "col"], t(words.text("tune.as-it-is"))),
                                           h("th", ["scope": "col"], t(words.text("tune.recommended"))))),
                         h("tbody", [:], children: rows))
        main.append(h("section", [:],
                      h("h2", [:], t(cap(words.text("tune.change")))), h("ul", ["class": "changes"], children: changes),
                      h("div", ["class": "grid"],
                        h("div", [:], measures,
                          h("p", ["class": result.verified ? "note ok" : "note warn"],
                            t(words.text(result.verified ? "tune.verified" : "tune.replay-differs")))),
                        chart(result, words: words))))
        main.append(frontier(result, words: words))
        var levers: [HTML] = []
        for lever in result.levers {
            levers.append(h("li", [:], children: inline(words.lever(lever, result) + " — " + words.asked(lever, result))
                            + [h("span", ["class": "where"], t(lever.location.description))]))
        }
        main.append(h("section", [:], h("h2", [:], t(cap(words.text("tune.levers")))), h("ol", [:], children: levers)))
        main.append(h("footer", [:], t("Leeway " + toolVersion)))
        let page = h("html", ["lang": options.language.rawValue], head, h("body", [:], h("main", [:], children: main)))
        return "<!DOCTYPE html>\n" + page.render() + "\n"
    }

    func inline(_ text: String) -> [HTML] {
        let pieces = text.split(separator: "`", omittingEmptySubsequences: false)
        guard pieces.count % 2 == 1 else { return [t(text)] }
        return pieces.enumerated().compactMap { index, piece in
            if index % 2 == 1 { return h("code", [:], t(String(piece))) }
            return piece.isEmpty ? nil : t(String(piece))
        }
    }

    func frontier(_ result: Tune.Result, words: TuneWords) -> HTML {
        var rows: [HTML] = []
        for index in TuneWords.shown(result, limit: 24) {
            let point = result.frontier[index]
            var settings = index == 0 ? words.text("tune.as-it-is") : words.settings(point, result).joined(separator: "; ")
            if point.ceiling { settings = words.text("tune.ceiling") }
            var cells: [HTML] = [h("td", ["class": "num"], t(words.money(point.measures.cost, result))),
                                 h("td", ["class": "num"], t(words.firstContact(point.measures))),
                                 h("td", ["class": "num"], t(String(point.measures.wantsAllowed)))]
            var last = inline(settings)
            if index == result.recommended { last += [t(" "), h("strong", [:], t("← " + words.text("tune.recommended")))] }
            cells.append(h("td", [:], children: last))
            rows.append(h("tr", index == result.recommended ? ["class": "recommended"] : [:], children: cells))
        }
        let headers = ["tune.column.spend", "tune.column.first-contact", "tune.column.wants", "tune.column.settings"]
            .map { h("th", ["scope": "col"], t(words.text($0))) }
        return h("section", [:], h("h2", [:], t(cap(words.text("tune.frontier")))),
                 h("table", ["class": "frontier"], h("thead", [:], h("tr", [:], children: headers)), h("tbody", [:], children: rows)))
    }

    /// First-contact resolution (y, percent) against spend (x): a step line through the
    /// frontier's points, the recommended one marked and labelled.
    func chart(_ result: Tune.Result, words: TuneWords) -> HTML {
        let width = 520.0, height = 320.0, left = 56.0, right = 20.0, top = 20.0, bottom = 52.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let points = result.frontier
        let maxCost = max(1, points.map(\.measures.cost).max() ?? 1)
        let rates = points.map { $0.measures.rate * 100 }
        let low = max(0, ((rates.min() ?? 0) / 10).rounded(.down) * 10)
        let high = min(100, max(low + 10, ((rates.max() ?? 100) / 10).rounded(.up) * 10))
        func x(_ cost: Int64) -> Double { left + plotWidth * Double(cost) / Double(maxCost) }
        func y(_ rate: Double) -> Double { top + plotHeight * (1 - (rate - low) / (high - low)) }
        func n(_ value: Double) -> String { String(format: "%.1f", value) }
        var parts: [HTML] = [h("title", [:], t(words.text("tune.chart.title"))),
                             h("desc", [:], t(words.text("tune.chart.description", [
                                 "count": String(points.count), "from": words.rate(result.baseline),
                                 "to": words.rate(points.last!.measures), "cost": words.money(points.last!.measures.cost, result)])))]
        for step in 0...5 {
            let rate = low + (high - low) * Double(step) / 5
            parts.append(h("line", ["x1": n(left), "x2": n(width - right), "y1": n(y(rate)), "y2": n(y(rate)), "class": "grid"]))
            parts.append(h("text", ["x": n(left - 6), "y": n(y(rate) + 4), "text-anchor": "end", "class": "tick"], t(TuneFormat.percent(rate / 100))))
        }
        for step in 0...4 {
            let cost = Int64(Double(maxCost) * Double(step) / 4)
            parts.append(h("text", ["x": n(x(cost)), "y": n(height - bottom + 16), "text-anchor": "middle", "class": "tick"],
                           t(Money.format(FixedPoint.decimalValue(cost).rounded0))))
        }
        parts.append(h("line", ["x1": n(left), "x2": n(width - right), "y1": n(height - bottom), "y2": n(height - bottom), "class": "axis"]))
        parts.append(h("line", ["x1": n(left), "x2": n(left), "y1": n(top), "y2": n(height - bottom), "class": "axis"]))
        var path = "M\(n(x(points[0].measures.cost))),\(n(y(rates[0])))"
        for (index, point) in points.enumerated().dropFirst() {
            path += " H\(n(x(point.measures.cost))) V\(n(y(rates[index])))"
        }
        parts.append(h("path", ["d": path, "class": "frontier"]))
        for (index, point) in points.enumerated() {
            let recommended = index == result.recommended
            parts.append(h("circle", ["cx": n(x(point.measures.cost)), "cy": n(y(rates[index])), "r": recommended ? "6" : "3",
                                      "class": recommended ? "recommended" : "point"]))
        }
        let chosen = points[result.recommended]
        let labelX = x(chosen.measures.cost), anchor = labelX > width * 0.6 ? "end" : "start"
        parts.append(h("text", ["x": n(labelX + (anchor == "start" ? 9 : -9)), "y": n(y(rates[result.recommended]) + 16), "text-anchor": anchor,
                                "class": "mark"], t(words.text("tune.recommended") + ": " + words.rate(chosen.measures) + ", " + words.money(chosen.measures.cost, result))))
        parts.append(h("text", ["x": n(left + plotWidth / 2), "y": n(height - 10), "text-anchor": "middle", "class": "axis-label"],
                       t(words.text("tune.chart.x", ["currency": result.currency]))))
        parts.append(h("text", ["x": "14", "y": n(top + plotHeight / 2), "text-anchor": "middle", "class": "axis-label",
                                "transform": "rotate(-90 14 \(n(top + plotHeight / 2)))"], t(words.text("tune.chart.y"))))
        let svg = HTML.element("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(Int(width)) \(Int(height))"),
                                       ("width", String(Int(width))), ("height", String(Int(height))), ("role", "img"),
                                       ("aria-labelledby", "chart-frontier")], parts)
        return h("figure", ["class": "chart"], h("figcaption", ["id": "chart-frontier"], t(cap(words.text("tune.chart.title")))), svg)
    }

    static let css: StaticString = """
    :root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --after: #2f6fde; --better: #1f7a4d; --mixed: #a15c07; --tint: #f5f7fa; }
    * { box-sizing: border-box; }
    html { background: #ffffff; color: var(--ink); }
    body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    main { max-width: 1140px; margin: 0 auto; padding: 28px 32px 40px; }
    h1 { font-size: 26px; margin: 0 0 4px; }
    h2 { font-size: 19px; margin: 28px 0 10px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
    code { font: 13px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: var(--tint); padding: 1px 4px; border-radius: 3px; }
    .comparing { color: var(--muted); margin: 0; }
    .verdict { background: #e8f5ee; border-left: 6px solid var(--better); padding: 4px 18px 10px; margin-top: 20px; border-radius: 4px; }
    .verdict.regression { background: #fdf0e6; border-left-color: var(--mixed); }
    .verdict h2 { border: 0; margin: 8px 0 2px; font-size: 14px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
    .verdict p { font-size: 17px; font-weight: 600; margin: 0; }
    .grid { display: grid; grid-template-columns: minmax(300px, 1fr) auto; gap: 8px 28px; align-items: start; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
    thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); border-bottom: 2px solid var(--line); }
    table.totals td, td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    tr.recommended td { background: #eaf1fd; font-weight: 600; }
    .note { color: var(--muted); font-size: 12px; }
    .note.ok { color: var(--better); }
    .note.warn { color: var(--mixed); }
    .where { display: block; color: var(--muted); font-size: 12px; font-family: ui-monospace, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
    ul.changes li { margin: 4px 0; }
    figure.chart { margin: 0; }
    figcaption { font-size: 13px; font-weight: 600; color: var(--muted); margin: 0 0 2px; }
    svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
    svg text.tick { fill: var(--muted); font-size: 11px; }
    svg text.mark { font-weight: 700; fill: var(--after); }
    svg line.grid { stroke: var(--line); stroke-width: 1; }
    svg line.axis { stroke: var(--muted); stroke-width: 1; }
    svg path.frontier { fill: none; stroke: var(--after); stroke-width: 2.5; }
    svg circle.point { fill: var(--after); }
    svg circle.recommended { fill: #ffffff; stroke: var(--after); stroke-width: 3; }
    footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
    @media print { @page { size: A4; margin: 14mm; } main { padding: 0; } tr { break-inside: avoid; } thead { display: table-header-group; } }
    """
}

extension FixedPoint {
    /// A fixed-point amount as a decimal, for chart ticks.
    static func decimalValue(_ fixed: Int64) -> Decimal { decimal(fixed) }
}

extension Decimal {
    /// Rounded to a whole number (chart ticks).
    var rounded0: Decimal {
        var value = self
        var out = Decimal()
        NSDecimalRound(&out, &value, 0, .plain)
        return out
    }
}
