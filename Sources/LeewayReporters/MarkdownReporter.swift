import LeewayCore
import LeewayRules

/// `--format markdown`: a report for a pull-request comment or a GitHub job summary
/// (`>> "$GITHUB_STEP_SUMMARY"`): a title, the totals, then a table of findings for each
/// file with severity, rule, location, message and override. Every cell is escaped
/// (`MarkdownText`), so policy values cannot break the table or add links.
public struct MarkdownReporter: Sendable {
    public var options: ReportOptions
    public var context: ReportContext

    public init(options: ReportOptions = ReportOptions(), context: ReportContext) {
        self.options = options
        self.context = context
    }

    /// The report is blocks (the title, the totals, a section per file, the closing
    /// notes), each ending with a line break and separated by a blank line; a streamed
    /// report (`MarkdownStream`) writes the same blocks as they come.
    public func report(_ result: CheckResult) -> String {
        let errors = result.count(.error), warnings = result.count(.warning), notes = result.count(.note)
        var out = head(files: result.fileCount, errors: errors, warnings: warnings, notes: notes)
        let findings = result.findings.sortedByLocation()
        var blocks: [String] = []
        if findings.isEmpty {
            blocks.append(MarkdownText.inline(options.text("format.markdown.no-findings")) + "\n")
        } else {
            var files: [String] = []
            var byFile: [String: [Finding]] = [:]
            for finding in findings {
                let path = context.paths.repositoryRelative(finding.location.file)
                if byFile[path] == nil { files.append(path) }
                byFile[path, default: []].append(finding)
            }
            for file in files.sorted() { blocks.append(section(file, byFile[file] ?? [])) }
            let clean = result.fileCount - Set(findings.map(\.location.file)).count
            if clean > 0 { blocks.append(cleanFiles(clean)) }
        }
        let silenced = silenced(exceptions: result.silencedByExceptions, baseline: result.silencedByBaseline)
        if !silenced.isEmpty { blocks.append(silenced) }
        for block in blocks { out += "\n" + block }
        return out
    }

    /// The title and the totals table.
    public func head(files: Int, errors: Int, warnings: Int, notes: Int) -> String {
        var out = "## " + MarkdownText.inline(options.text("format.markdown.check-title")) + "\n\n"
        out += "| " + [options.text("format.markdown.files"), options.text("format.markdown.errors"),
                      options.text("format.markdown.warnings"), options.text("format.markdown.notes")]
            .map(MarkdownText.cell).joined(separator: " | ") + " |\n"
        out += "|---:|---:|---:|---:|\n"
        out += "| \(files) | \(errors) | \(warnings) | \(notes) |\n"
        return out
    }

    /// One file's findings: its name as a heading, then a table.
    public func section(_ file: String, _ findings: [Finding]) -> String {
        String(decoding: sectionBytes(file, findings), as: UTF8.self)
    }

    /// `section` as UTF-8, after `prefix`: each row written straight into one buffer
    /// (a streamed check renders one section per file, a row per finding).
    func sectionBytes(_ file: String, _ findings: [Finding], prefix: String = "") -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512 + findings.count * 320)
        out += (prefix + "### " + MarkdownText.code(file) + "\n\n").utf8
        out += ("| " + header.joined(separator: " | ") + " |\n").utf8
        out += "|---|---|---|---|---|\n".utf8
        var severities: [Severity: [UInt8]] = [:]
        for finding in findings {
            out += "| ".utf8
            if let cell = severities[finding.severity] {
                out += cell
            } else {
                var cell: [UInt8] = []
                MarkdownText.appendCell(MarkdownReporter.icon(finding.severity) + " " + options.text("severity.\(finding.severity.rawValue)"), to: &cell)
                severities[finding.severity] = cell
                out += cell
            }
            out += " | ".utf8
            out += MarkdownText.code(finding.rule).utf8
            out += " | ".utf8
            if let position = finding.location.position {
                out += String(position.line).utf8
                out.append(UInt8(ascii: ":"))
                out += String(position.column).utf8
            } else {
                out += "—".utf8
            }
            out += " | ".utf8
            MarkdownText.appendCell(options.render(finding.message), to: &out)
            out += " | ".utf8
            if let help = finding.help { MarkdownText.appendCell(options.render(help), to: &out) }
            out += " |\n".utf8
        }
        return out
    }

    var header: [String] {
        ["format.column.severity", "format.column.rule", "format.column.location",
         "format.column.message", "format.column.override"].map { MarkdownText.cell(options.text($0)) }
    }

    /// How many files had no finding.
    func cleanFiles(_ count: Int) -> String {
        MarkdownText.inline(options.render(Message("format.markdown.clean-files", ["count": String(count)]))) + "\n"
    }

    /// How many findings the policies' exceptions and the baseline left out, if any.
    func silenced(exceptions: Int, baseline: Int) -> String {
        guard exceptions > 0 || baseline > 0 else { return "" }
        return MarkdownText.inline(options.render(Message("format.markdown.silenced", [
            "exceptions": String(exceptions), "baseline": String(baseline),
        ]))) + "\n"
    }

    static func icon(_ severity: Severity) -> String {
        switch severity {
        case .error: return "🔴"
        case .warning: return "🟡"
        case .note: return "🔵"
        }
    }
}
