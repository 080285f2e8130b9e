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

    public func report(_ result: CheckResult) -> String {
        let errors = result.count(.error), warnings = result.count(.warning), notes = result.count(.note)
        var out = "## " + MarkdownText.inline(options.text("format.markdown.check-title")) + "\n\n"
        out += "| " + [options.text("format.markdown.files"), options.text("format.markdown.errors"),
                      options.text("format.markdown.warnings"), options.text("format.markdown.notes")]
            .map(MarkdownText.cell).joined(separator: " | ") + " |\n"
        out += "|---:|---:|---:|---:|\n"
        out += "| \(result.fileCount) | \(errors) | \(warnings) | \(notes) |\n\n"

        let findings = result.findings.sortedByLocation()
        guard !findings.isEmpty else {
            out += MarkdownText.inline(options.text("format.markdown.no-findings")) + "\n\n" + silenced(result)
            while out.hasSuffix("\n\n") { out.removeLast() }
            return out
        }
        var files: [String] = []
        var byFile: [String: [Finding]] = [:]
        for finding in findings {
            let path = context.paths.repositoryRelative(finding.location.file)
            if byFile[path] == nil { files.append(path) }
            byFile[path, default: []].append(finding)
        }
        let header = ["format.column.severity", "format.column.rule", "format.column.location",
                      "format.column.message", "format.column.override"].map { MarkdownText.cell(options.text($0)) }
        for file in files.sorted() {
            let fileFindings = byFile[file] ?? []
            out += "### " + MarkdownText.code(file) + "\n\n"
            out += "| " + header.joined(separator: " | ") + " |\n"
            out += "|---|---|---|---|---|\n"
            for finding in fileFindings {
                let severity = MarkdownReporter.icon(finding.severity) + " " + options.text("severity.\(finding.severity.rawValue)")
                let location = finding.location.position.map { "\($0.line):\($0.column)" } ?? "—"
                let cells = [
                    MarkdownText.cell(severity),
                    MarkdownText.code(finding.rule),
                    location,
                    MarkdownText.cell(options.render(finding.message)),
                    finding.help.map { MarkdownText.cell(options.render($0)) } ?? "",
                ]
                out += "| " + cells.joined(separator: " | ") + " |\n"
            }
            out += "\n"
        }
        let clean = result.fileCount - Set(findings.map(\.location.file)).count
        if clean > 0 {
            out += MarkdownText.inline(options.render(Message("format.markdown.clean-files", ["count": String(clean)]))) + "\n\n"
        }
        out += silenced(result)
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    /// How many findings the policies' exceptions and the baseline left out, if any.
    func silenced(_ result: CheckResult) -> String {
        guard result.silencedByExceptions > 0 || result.silencedByBaseline > 0 else { return "" }
        return MarkdownText.inline(options.render(Message("format.markdown.silenced", [
            "exceptions": String(result.silencedByExceptions), "baseline": String(result.silencedByBaseline),
        ]))) + "\n\n"
    }

    static func icon(_ severity: Severity) -> String {
        switch severity {
        case .error: return "🔴"
        case .warning: return "🟡"
        case .note: return "🔵"
        }
    }
}
