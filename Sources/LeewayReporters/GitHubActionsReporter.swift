import LeewayCore
import LeewayRules

/// `--format github`: GitHub Actions workflow commands, one per finding, which the
/// runner turns into annotations on the pull request's files:
///
///     ::error file=policies/acme.yaml,line=40,col=30,endLine=40,endColumn=32,title=slow-approval::message
///
/// Errors are `error`, warnings `warning`, notes `notice`. Values are escaped as the
/// runner requires: in the message `%`, `\r`, `\n`; in properties also `:` and `,`.
public struct GitHubActionsReporter: Sendable {
    public var options: ReportOptions
    public var context: ReportContext

    public init(options: ReportOptions = ReportOptions(), context: ReportContext) {
        self.options = options
        self.context = context
    }

    public func report(_ result: CheckResult) -> String {
        report(findings: result.findings)
    }

    public func report(findings: [Finding]) -> String {
        findings.sortedByLocation().map { command($0) }.map { $0 + "\n" }.joined()
    }

    /// Each catalogued rule's annotation title (`Title [id]`), made once for a streamed report.
    func titles() -> [String: String] {
        var titles: [String: String] = [:]
        for rule in RuleCatalogue.all(options) { titles[rule.id] = "\(rule.title) [\(rule.id)]" }
        return titles
    }

    /// The file as the runner names it (relative to the repository root), or nil when the
    /// runner cannot place it (standard input, a file outside the repository).
    func runnerFile(_ file: String) -> String? {
        context.paths.isInsideRoot(file) ? context.paths.repositoryRelative(file) : nil
    }

    /// `file`, when given, is `runnerFile` of the finding's file, worked out once per file.
    func command(_ finding: Finding, titles: [String: String] = [:], file: String?? = nil) -> String {
        var out: [UInt8] = []
        command(finding, titles: titles, file: file, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `command(_:titles:file:)` appended to `out` as UTF-8, property by property (a check
    /// of 10,000 files writes 200,000 of these).
    func command(_ finding: Finding, titles: [String: String] = [:], file: String?? = nil, into out: inout [UInt8]) {
        out += "::".utf8
        out += GitHubActionsReporter.command(finding.severity).utf8
        out.append(0x20)
        var first = true
        func property(_ name: String, _ value: String) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out += name.utf8
            out.append(UInt8(ascii: "="))
            GitHubActionsReporter.appendEscaped(value, property: true, to: &out)
        }
        // A position means nothing to the runner without a file (standard input).
        let relative = file ?? runnerFile(finding.location.file)
        let hasFile = relative != nil
        if let relative {
            property("file", relative)
        }
        if hasFile, let position = finding.location.position {
            property("line", String(position.line))
            property("col", String(position.column))
            if let end = finding.end, end > position {
                property("endLine", String(end.line))
                if end.line == position.line { property("endColumn", String(end.column)) }
            }
        }
        if let title = titles[finding.rule] {
            property("title", title)
        } else {
            let rule = RuleCatalogue.info(for: finding.rule, options)
            property("title", "\(rule.title) [\(finding.rule)]")
        }
        out += "::".utf8
        var message: [UInt8] = []
        FindingText.messageAndHelp(finding, options: options, into: &message)
        GitHubActionsReporter.appendEscaped(message, property: false, to: &out)
    }

    public static func command(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "notice"
        }
    }

    /// The message part: `%` → `%25`, `\r` → `%0D`, `\n` → `%0A` (`%` first).
    public static func escapeData(_ text: String) -> String {
        escape(text, property: false)
    }

    /// A property value: as data, plus `:` → `%3A` and `,` → `%2C`.
    public static func escapeProperty(_ text: String) -> String {
        escape(text, property: true)
    }

    /// `escape(_:property:)` appended to `out`.
    static func appendEscaped(_ text: String, property: Bool, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendEscaped($0, property: property, to: &out) }
    }

    static func appendEscaped(_ bytes: [UInt8], property: Bool, to out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { appendEscaped($0, property: property, to: &out) }
    }

    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, property: Bool, to out: inout [UInt8]) {
        var run = 0
        for (index, byte) in bytes.enumerated() {
            let code: (UInt8, UInt8)
            switch byte {
            case UInt8(ascii: "%"): code = (UInt8(ascii: "2"), UInt8(ascii: "5"))
            case 0x0D: code = (UInt8(ascii: "0"), UInt8(ascii: "D"))
            case 0x0A: code = (UInt8(ascii: "0"), UInt8(ascii: "A"))
            case UInt8(ascii: ":") where property: code = (UInt8(ascii: "3"), UInt8(ascii: "A"))
            case UInt8(ascii: ",") where property: code = (UInt8(ascii: "2"), UInt8(ascii: "C"))
            default: continue
            }
            if run < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index])) }
            out.append(UInt8(ascii: "%"))
            out.append(code.0)
            out.append(code.1)
            run = index + 1
        }
        if run < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...])) }
    }

    /// Byte by byte: the escaped characters are ASCII, which never occurs inside a
    /// multi-byte UTF-8 sequence, so other text is copied as it is.
    static func escape(_ text: String, property: Bool) -> String {
        func escaped(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "%") || byte == 0x0D || byte == 0x0A
                || (property && (byte == UInt8(ascii: ":") || byte == UInt8(ascii: ",")))
        }
        // Most texts have nothing to escape: they are the text itself.
        var text = text
        guard text.withUTF8({ $0.contains(where: escaped) }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            guard escaped(byte) else {
                out.append(byte)
                continue
            }
            let code: (UInt8, UInt8)
            switch byte {
            case UInt8(ascii: "%"): code = (UInt8(ascii: "2"), UInt8(ascii: "5"))
            case 0x0D: code = (UInt8(ascii: "0"), UInt8(ascii: "D"))
            case 0x0A: code = (UInt8(ascii: "0"), UInt8(ascii: "A"))
            case UInt8(ascii: ":"): code = (UInt8(ascii: "3"), UInt8(ascii: "A"))
            default: code = (UInt8(ascii: "2"), UInt8(ascii: "C"))
            }
            out.append(UInt8(ascii: "%"))
            out.append(code.0)
            out.append(code.1)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
