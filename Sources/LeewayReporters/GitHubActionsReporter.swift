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
        var properties: [(String, String)] = []
        // A position means nothing to the runner without a file (standard input).
        let relative = file ?? runnerFile(finding.location.file)
        let hasFile = relative != nil
        if let relative {
            properties.append(("file", relative))
        }
        if hasFile, let position = finding.location.position {
            properties.append(("line", String(position.line)))
            properties.append(("col", String(position.column)))
            if let end = finding.end, end > position {
                properties.append(("endLine", String(end.line)))
                if end.line == position.line { properties.append(("endColumn", String(end.column))) }
            }
        }
        if let title = titles[finding.rule] {
            properties.append(("title", title))
        } else {
            let rule = RuleCatalogue.info(for: finding.rule, options)
            properties.append(("title", "\(rule.title) [\(finding.rule)]"))
        }
        var message = options.render(finding.message)
        if let help = finding.help {
            message += "\n" + options.text(finding.isInputError ? "label.help" : "label.override") + ": " + options.render(help)
        }
        let list = properties.map { "\($0.0)=\(GitHubActionsReporter.escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(GitHubActionsReporter.command(finding.severity)) \(list)::\(GitHubActionsReporter.escapeData(message))"
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

    /// Byte by byte: the escaped characters are ASCII, which never occurs inside a
    /// multi-byte UTF-8 sequence, so other text is copied as it is.
    static func escape(_ text: String, property: Bool) -> String {
        func escaped(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "%") || byte == 0x0D || byte == 0x0A
                || (property && (byte == UInt8(ascii: ":") || byte == UInt8(ascii: ",")))
        }
        // Most texts have nothing to escape: they are the text itself.
        guard text.utf8.contains(where: escaped) else { return text }
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
