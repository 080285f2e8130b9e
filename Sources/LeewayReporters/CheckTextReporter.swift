import LeewayCore
import LeewayRules

/// `path:line:column: severity: message [rule-id]`, the source line with a caret under
/// the column, then why it matters and what to do; a summary line at the end.
public struct CheckTextReporter: Sendable {
    public var options: ReportOptions
    /// Whether input errors (`invalid-policy`, `invalid-config`) are listed in the report.
    /// `leeway check` writes them to standard error, as every command does, and leaves
    /// them out here; the summary still counts them.
    public var listsInputErrors: Bool

    public init(options: ReportOptions = ReportOptions(), listsInputErrors: Bool = true) {
        self.options = options
        self.listsInputErrors = listsInputErrors
    }

    public func report(_ result: CheckResult) -> String {
        let style = Style(enabled: options.color)
        var out = ""
        for finding in result.findings where listsInputErrors || !finding.isInputError {
            FindingText.render(finding, source: result.sources[finding.location.file], options: options, style: style, into: &out)
        }
        out += summary(result, style: style) + "\n"
        return out
    }

    func summary(_ result: CheckResult, style: Style) -> String {
        summary(files: result.fileCount, errors: result.count(.error), warnings: result.count(.warning), notes: result.count(.note),
                style: style)
    }

    /// One file's findings as the report shows them (a streamed check writes these file by file).
    public func findings(_ findings: [Finding], source: SourceFile?) -> String {
        let style = Style(enabled: options.color)
        var out = ""
        for finding in findings { FindingText.render(finding, source: source, options: options, style: style, into: &out) }
        return out
    }

    /// The last line of the report, with its newline.
    public func summary(files: Int, errors: Int, warnings: Int, notes: Int) -> String {
        summary(files: files, errors: errors, warnings: warnings, notes: notes, style: Style(enabled: options.color)) + "\n"
    }

    func summary(files: Int, errors: Int, warnings: Int, notes: Int, style: Style) -> String {
        let fileCount = files
        let line = Catalog.render(Message("report.check-summary", [
            "files": String(fileCount),
            "errors": String(errors), "warnings": String(warnings), "notes": String(notes),
        ]), in: options.language)
        if errors > 0 { return style.red(line) }
        if warnings > 0 { return style.yellow(line) }
        return style.green(line)
    }
}

/// One finding as text, shared by every text report (check, test, diff).
public enum FindingText {
    /// The widest source excerpt shown; longer lines are cut around the column.
    static let maxWidth = 120

    /// The line as shown under a diagnostic: control characters made visible, and a long
    /// line cut to a window around the column. Returns the text and the caret's column in it.
    static func snippet(_ line: Substring, column: Int) -> (String, Int) {
        // The common line: short, and nothing to make visible. Taken as it is.
        if line.utf8.count <= maxWidth, !line.utf8.contains(where: { $0 < 0x20 && $0 != 0x09 || $0 == 0x7F }) {
            return (String(line), column)
        }
        // A long line of printable ASCII: scalars are bytes, so the window is cut from them.
        if !line.utf8.contains(where: { $0 < 0x20 && $0 != 0x09 || $0 >= 0x7F }) {
            let bytes = Array(line.utf8)
            let start = max(0, min(column - 1 - maxWidth / 2, bytes.count - maxWidth))
            let end = min(bytes.count, start + maxWidth)
            var text = start > 0 ? "…" : ""
            text += String(decoding: bytes[start..<end], as: UTF8.self)
            if end < bytes.count { text += "…" }
            return (text, start > 0 ? column - start + 1 : column)
        }
        var scalars = line.unicodeScalars.map { scalar -> Unicode.Scalar in
            scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F ? "\u{FFFD}" : scalar
        }
        var caret = column
        if scalars.count > maxWidth {
            let start = max(0, min(column - 1 - maxWidth / 2, scalars.count - maxWidth))
            let end = min(scalars.count, start + maxWidth)
            var window = Array(scalars[start..<end])
            if start > 0 { window.insert("…", at: 0); caret = column - start + 1 } else { caret = column }
            if end < scalars.count { window.append("…") }
            scalars = window
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return (text, caret)
    }

    public static func render(_ finding: Finding, source: SourceFile?, options: ReportOptions, style: Style? = nil) -> String {
        var out = ""
        render(finding, source: source, options: options, style: style ?? Style(enabled: options.color), into: &out)
        return out
    }

    /// Appends the finding's text to `out`: one string grown in place, not a new string
    /// per piece (a check's report is mostly these, 200,000 of them for 10,000 files).
    static func render(_ finding: Finding, source: SourceFile?, options: ReportOptions, style: Style, into out: inout String) {
        let severity = options.text("severity.\(finding.severity.rawValue)")
        if style.enabled {
            out += style.bold(finding.location.description) + ": " + style.severity(finding.severity, severity) + ": "
                + options.render(finding.message) + " " + style.dim("[\(finding.rule)]") + "\n"
        } else {
            out += finding.location.file
            if let position = finding.location.position {
                out += ":"
                out += String(position.line)
                out += ":"
                out += String(position.column)
            }
            out += ": "
            out += severity
            out += ": "
            out += options.render(finding.message)
            out += " ["
            out += finding.rule
            out += "]\n"
        }
        if let position = finding.location.position, let source, let line = source.line(position.line) {
            let (shown, caretColumn) = snippet(line, column: position.column)
            let number = String(position.line)
            // Spaces (tabs kept) under the line up to the caret's column.
            var pad: [UInt8] = []
            pad.reserveCapacity(max(0, caretColumn - 1))
            for char in shown.unicodeScalars {
                if pad.count >= caretColumn - 1 { break }
                pad.append(char == "\t" ? 0x09 : 0x20)
            }
            let caretPad = String(decoding: pad, as: UTF8.self)
            if style.enabled {
                let gutter = String(repeating: " ", count: number.count)
                out += " \(style.dim(number + " |")) \(shown)\n"
                out += " \(style.dim(gutter + " |")) \(caretPad)\(style.severity(finding.severity, "^"))\n"
            } else {
                out += " "
                out += number
                out += " | "
                out += shown
                out += "\n "
                for _ in 0..<number.utf8.count { out += " " }
                out += " | "
                out += caretPad
                out += "^\n"
            }
        }
        if let rationale = finding.rationale {
            out += "  "
            out += style.bold(options.text("label.why"))
            out += ": "
            out += options.render(rationale)
            out += "\n"
        }
        if let help = finding.help {
            let label = finding.isInputError ? "label.help" : "label.override"
            out += "  "
            out += style.bold(options.text(label))
            out += ": "
            out += options.render(help)
            out += "\n"
        }
    }
}
