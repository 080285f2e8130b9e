import LeewayCore
import LeewayRules

/// `path:line:column: severity: message [rule-id]`, the source line with a caret under
/// the column, then why it matters and what to do; a summary line at the end.
public struct CheckTextReporter: Sendable {
    public var options: ReportOptions

    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    public func report(_ result: CheckResult) -> String {
        let style = Style(enabled: options.color)
        var out = ""
        for finding in result.findings {
            out += FindingText.render(finding, source: result.sources[finding.location.file], options: options, style: style)
        }
        out += summary(result, style: style) + "\n"
        return out
    }

    func summary(_ result: CheckResult, style: Style) -> String {
        let errors = result.count(.error), warnings = result.count(.warning), notes = result.count(.note)
        let line = Catalog.render(Message("report.check-summary", [
            "files": String(result.fileCount),
            "errors": String(errors), "warnings": String(warnings), "notes": String(notes),
        ]), in: options.language)
        if errors > 0 { return style.red(line) }
        if warnings > 0 { return style.yellow(line) }
        return style.green(line)
    }
}

/// One finding as text, shared by every text report (check, test, diff).
public enum FindingText {
    public static func render(_ finding: Finding, source: SourceFile?, options: ReportOptions, style: Style? = nil) -> String {
        let style = style ?? Style(enabled: options.color)
        let severity = options.text("severity.\(finding.severity.rawValue)")
        var out = style.bold(finding.location.description) + ": " + style.severity(finding.severity, severity) + ": "
            + options.render(finding.message) + " " + style.dim("[\(finding.rule)]") + "\n"
        if let position = finding.location.position, let source, let line = source.line(position.line) {
            let number = String(position.line)
            let gutter = String(repeating: " ", count: number.count)
            var caretPad = ""
            for (index, char) in line.unicodeScalars.enumerated() where index < position.column - 1 {
                caretPad.append(char == "\t" ? "\t" : " ")
            }
            out += " \(style.dim(number + " |")) \(line)\n"
            out += " \(style.dim(gutter + " |")) \(caretPad)\(style.severity(finding.severity, "^"))\n"
        }
        if let rationale = finding.rationale {
            out += "  " + style.bold(options.text("label.why")) + ": " + options.render(rationale) + "\n"
        }
        if let help = finding.help {
            let label = finding.isInputError ? "label.help" : "label.override"
            out += "  " + style.bold(options.text(label)) + ": " + options.render(help) + "\n"
        }
        return out
    }
}
