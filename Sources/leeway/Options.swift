import ArgumentParser
import Foundation
import LeewayCore
import LeewayReporters

/// Report formats. Not every command writes every format; each says which it takes.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, jsonl, sarif, junit, github, markdown, html

    /// What `--help` and argument errors list: the formats of the command being run.
    static var allValueStrings: [String] { HelpText.formats.map(\.rawValue) }
}

/// The exit-code threshold.
enum FailOn: String, CaseIterable, ExpressibleByArgument {
    case error, warning, note, never

    /// The lowest severity that fails the run, or nil for `never`.
    var threshold: Severity? {
        switch self {
        case .error: return .error
        case .warning: return .warning
        case .note: return .note
        case .never: return nil
        }
    }
}

extension Language: ExpressibleByArgument {}

/// `--report FORMAT:FILE`: an extra report written to a file by the same run.
struct ReportTarget: ExpressibleByArgument {
    var format: ReportFormat
    var path: String

    init?(argument: String) {
        guard let colon = argument.firstIndex(of: ":"),
              let format = ReportFormat(rawValue: String(argument[..<colon])) else { return nil }
        let path = String(argument[argument.index(after: colon)...])
        guard !path.isEmpty else { return nil }
        self.format = format
        self.path = path
    }
}

/// The report formats one command writes, and the `--report` example its help shows.
protocol CommandFormats {
    static var formats: [ReportFormat] { get }
    static var reportExample: String { get }
}

enum CheckFormats: CommandFormats {
    static var formats: [ReportFormat] { [.text, .json, .sarif, .junit, .github, .markdown] }
    static var reportExample: String { "sarif:leeway.sarif" }
}

enum EvalFormats: CommandFormats {
    static var formats: [ReportFormat] { [.text, .json, .jsonl] }
    static var reportExample: String { "json:decisions.json" }
}

enum TestFormats: CommandFormats {
    static var formats: [ReportFormat] { [.text, .junit] }
    static var reportExample: String { "junit:cases.xml" }
}

enum DiffFormats: CommandFormats {
    static var formats: [ReportFormat] { [.text, .json, .markdown, .html] }
    static var reportExample: String { "html:review.html" }
}

/// `--format` of one command: any format parses (so that a wrong one gets Leeway's own
/// message naming the command's formats), and help, the man page and shell completion
/// list the command's own.
struct FormatChoice<Formats: CommandFormats>: ExpressibleByArgument {
    var value: ReportFormat

    init(_ value: ReportFormat) { self.value = value }

    init?(argument: String) {
        guard let value = ReportFormat(rawValue: argument) else { return nil }
        self.value = value
    }

    static var allValueStrings: [String] { Formats.formats.map(\.rawValue) }
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
    var defaultValueDescription: String { value.rawValue }
}

/// Options every reporting command shares; `Formats` says which formats the command
/// writes, for its help, man page and completions.
struct OutputOptions<Formats: CommandFormats>: ParsableArguments {
    @Option(name: .customLong("format"), help: HelpText.argument("help.output.format"))
    var formatChoice = FormatChoice<Formats>(.text)

    /// The main report's format.
    var format: ReportFormat { formatChoice.value }

    @Option(name: .long, help: HelpText.argument("help.output.output"))
    var output: String?

    @Option(name: .long, help: HelpText.reportHelp(example: Formats.reportExample),
            completion: .list(Formats.formats.filter { $0 != .text }.map { $0.rawValue + ":" }))
    var report: [ReportTarget] = []

    @Option(name: .long, help: HelpText.argument("help.output.config"))
    var config: String?

    @Option(name: .long, help: HelpText.argument("help.output.fail-on"))
    var failOn: FailOn?

    @Option(name: .long, help: HelpText.argument("help.output.lang"))
    var lang: Language?

    @Option(name: .long, help: HelpText.argument("help.output.color"))
    var color: ColorChoice?

    /// `--lang` > `LEEWAY_LANG` > `lang:` in the configuration > the locale > English.
    var language: Language { RunLanguage.resolve(flag: lang, config: config) }

    /// Writes the main report (to `--output` or standard output) and every `--report`.
    /// `render` is asked for each format; colour only for text on a terminal.
    func emit(_ render: (ReportFormat, ReportOptions) throws -> String) throws {
        let colorOnStdout = output == nil && format == .text && Terminal.stdoutTakesColor
        let main = try render(format, ReportOptions(language: language, color: colorOnStdout))
        if let output {
            try ReportFile.write(main, to: output)
        } else {
            Terminal.write(main)
        }
        for target in report {
            let text = try render(target.format, ReportOptions(language: language, color: false))
            try ReportFile.write(text, to: target.path)
        }
    }
}

/// An error that means the invocation cannot run: message on standard error, exit 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Reports written to a file (`--output`, `--report`, `--patch --output`): atomically,
/// through the shared writer (`LeewayCore.AtomicFile`); a failure is exit 2 naming the file.
enum ReportFile {
    static func write(_ text: String, to path: String) throws {
        // Standard output named as a file: written as the report to standard output is.
        if Streams.isStandardOutput(path) {
            Streams.stdout(Array(text.utf8))
            return
        }
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            throw UsageError(Catalog.render(Message("cli.cannot-write", ["path": path, "reason": error.reason]), in: RunLanguage.current))
        }
    }
}

extension OutputOptions {
    /// Refuses what a run must not do: a format the command does not write, a report
    /// that would overwrite one of the inputs (`--output policy.yaml policy.yaml`), and two
    /// reports to one file.
    /// `files` are other files the run writes (`--write-baseline`), checked the same way;
    /// `readOnly` are inputs only the reports must spare (a baseline rewritten in place).
    func validate(command: String, formats: [ReportFormat], inputs: [String], files: [String] = [], readOnly: [String] = []) throws {
        for format in [format] + report.map(\.format) where !formats.contains(format) {
            throw ValidationError(Catalog.render(Message("cli.unsupported-format", [
                "command": command, "format": format.rawValue,
                "formats": formats.map { "`\($0.rawValue)`" }.joined(separator: ", "),
            ]), in: language))
        }
        func resolved(_ path: String) -> String {
            URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        }
        let reportTargets = (output.map { [$0] } ?? []) + report.map(\.path)
        var seen = Set<String>()
        for target in reportTargets + files {
            let path = resolved(target)
            let guarded = inputs + (config.map { [$0] } ?? []) + (reportTargets.contains(target) ? readOnly : [])
            let inputPaths = guarded.filter { $0 != "-" }.map(resolved)
            let overwritesInput = inputPaths.contains { input in
                if input == path { return true }
                // A policy or case file inside an input folder.
                let isYAML = path.hasSuffix(".yaml") || path.hasSuffix(".yml") || path.hasSuffix(".jsonl")
                return isYAML && path.hasPrefix(input.hasSuffix("/") ? input : input + "/") && FileManager.default.fileExists(atPath: path)
            }
            if overwritesInput {
                throw ValidationError(Catalog.render(Message("cli.output-is-input", ["path": target]), in: language))
            }
            if !seen.insert(path).inserted {
                throw ValidationError(Catalog.render(Message("cli.output-twice", ["path": target]), in: language))
            }
        }
    }
}
