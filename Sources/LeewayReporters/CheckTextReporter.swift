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
        var out: [UInt8] = []
        for finding in result.findings where listsInputErrors || !finding.isInputError {
            FindingText.render(finding, source: result.sources[finding.location.file], options: options, style: style, into: &out)
        }
        out += (summary(result, style: style) + "\n").utf8
        return String(decoding: out, as: UTF8.self)
    }

    func summary(_ result: CheckResult, style: Style) -> String {
        summary(files: result.fileCount, errors: result.count(.error), warnings: result.count(.warning), notes: result.count(.note),
                style: style)
    }

    /// One file's findings as the report shows them (a streamed check writes these file by file).
    public func findings(_ findings: [Finding], source: SourceFile?) -> String {
        String(decoding: findingBytes(findings, source: source), as: UTF8.self)
    }

    /// `findings(_:source:)` as UTF-8, written straight into one buffer.
    public func findingBytes(_ findings: [Finding], source: SourceFile?) -> [UInt8] {
        let style = Style(enabled: options.color)
        var out: [UInt8] = []
        out.reserveCapacity(findings.count * 600)
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
        // What the line holds, in one pass over its bytes.
        func classify(_ bytes: some Sequence<UInt8>) -> (control: Bool, high: Bool) {
            var control = false
            var high = false
            for byte in bytes {
                if byte < 0x20 && byte != 0x09 || byte == 0x7F { control = true } else if byte >= 0x80 { high = true }
            }
            return (control, high)
        }
        let (control, high) = line.utf8.withContiguousStorageIfAvailable { classify($0) } ?? classify(line.utf8)
        // The common line: short, and nothing to make visible. Taken as it is.
        if line.utf8.count <= maxWidth, !control {
            return (String(line), column)
        }
        // A long line of printable ASCII: scalars are bytes, so the window is cut from them.
        if !control, !high {
            // Copied in one go (an element-by-element copy of the view cost more than the rest).
            let bytes = line.utf8.withContiguousStorageIfAvailable { Array($0) } ?? Array(line.utf8)
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
        var out: [UInt8] = []
        render(finding, source: source, options: options, style: style ?? Style(enabled: options.color), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the finding's text to `out` as UTF-8: one buffer grown in place, not a new
    /// string per piece (a check's report is mostly these, 200,000 of them for 10,000 files;
    /// appending bytes is a copy, appending to a `String` was most of the report's time).
    static func render(_ finding: Finding, source: SourceFile?, options: ReportOptions, style: Style, into out: inout [UInt8]) {
        if style.enabled {
            let severity = options.severityText(finding.severity)
            out += style.bold(finding.location.description).utf8
            out += ": ".utf8
            out += style.severity(finding.severity, severity).utf8
            out += ": ".utf8
            options.render(finding.message, into: &out)
            out += " ".utf8
            out += style.dim("[\(finding.rule)]").utf8
            out.append(0x0A)
        } else {
            headline(finding, file: finding.location.file, options: options, into: &out)
            out += " [".utf8
            out += finding.rule.utf8
            out += "]\n".utf8
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
            if style.enabled {
                let caretPad = String(decoding: pad, as: UTF8.self)
                let gutter = String(repeating: " ", count: number.count)
                out += " \(style.dim(number + " |")) \(shown)\n".utf8
                out += " \(style.dim(gutter + " |")) \(caretPad)\(style.severity(finding.severity, "^"))\n".utf8
            } else {
                out.append(0x20)
                out += number.utf8
                out += " | ".utf8
                out += shown.utf8
                out += "\n ".utf8
                out.append(contentsOf: repeatElement(0x20, count: number.utf8.count))
                out += " | ".utf8
                out += pad
                out += "^\n".utf8
            }
        }
        if let rationale = finding.rationale {
            out += "  ".utf8
            out += style.bold(options.label("label.why")).utf8
            out += ": ".utf8
            options.render(rationale, into: &out)
            out.append(0x0A)
        }
        if let help = finding.help {
            let label = finding.isInputError ? "label.help" : "label.override"
            out += "  ".utf8
            out += style.bold(options.label(label)).utf8
            out += ": ".utf8
            options.render(help, into: &out)
            out.append(0x0A)
        }
    }

    /// `file:line:column: severity: message`, the start of a finding's line in the text
    /// report and a JUnit case's details.
    static func headline(_ finding: Finding, file: String, options: ReportOptions, into out: inout [UInt8]) {
        out += file.utf8
        if let position = finding.location.position {
            out.append(UInt8(ascii: ":"))
            out += String(position.line).utf8
            out.append(UInt8(ascii: ":"))
            out += String(position.column).utf8
        }
        out += ": ".utf8
        out += options.severityText(finding.severity).utf8
        out += ": ".utf8
        options.render(finding.message, into: &out)
    }

    /// The finding's message, then its override (or, for an input problem, its help) on
    /// the next line: what SARIF and GitHub show as a finding's text.
    static func messageAndHelp(_ finding: Finding, options: ReportOptions, into out: inout [UInt8]) {
        options.render(finding.message, into: &out)
        help(finding, options: options, indent: "", into: &out)
    }

    /// The finding's override (or, for an input problem, its help), if it has one, on a
    /// line of its own after `indent`: `override: …`.
    static func help(_ finding: Finding, options: ReportOptions, indent: String, into out: inout [UInt8]) {
        guard let help = finding.help else { return }
        out.append(0x0A)
        out += indent.utf8
        out += options.label(finding.isInputError ? "label.help" : "label.override").utf8
        out += ": ".utf8
        options.render(help, into: &out)
    }
}
