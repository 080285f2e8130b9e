import ArgumentParser
import Foundation
import LeewayCore
import LeewayReporters

/// `leeway`: the command-line front end. It parses arguments, calls the library, prints
/// reports and sets the exit code; everything else lives in the library targets.
@main
struct Leeway: ParsableCommand {
    static let version = "0.2.0"

    static let configuration = CommandConfiguration(
        commandName: "leeway",
        abstract: HelpText.text("help.leeway.abstract"),
        discussion: HelpText.text("help.leeway.discussion"),
        version: version,
        subcommands: [Init.self, Check.self, Eval.self, PolicyTest.self, Diff.self, TuneCommand.self, Rules.self, Schema.self]
    )

    /// Runs the command, mapping argument errors to exit code 2 (never the parser's 64).
    /// Help and argument errors speak `--lang`, `LEEWAY_LANG` or the locale.
    static func main() {
        Streams.prepare()
        ProcessClock.begin()
        var arguments = Array(CommandLine.arguments.dropFirst())
        HelpText.language = Language.forArguments(arguments)
        HelpText.formats = HelpText.formats(forArguments: arguments)
        Terminal.colorChoice.withLock { $0 = ColorChoice.scan(arguments) }
        // argument-parser's own `help` command takes no options: `leeway help check
        // --lang es` would be an unknown option. Its language is already chosen above.
        if arguments.first == "help" { arguments = Language.languageOption(in: arguments).rest }
        if let word = arguments.first, let message = unknownCommand(word, line: arguments) {
            Terminal.error(message)
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            // An error found once the options are read (`validate()`) is already in the
            // run's language, which may come from `.leeway.yml`: its labels follow it.
            let message = HelpText.message(for: error, in: RunLanguage.settled ?? HelpText.language)
            if code == .success {
                if !message.isEmpty { Terminal.write(message + "\n") }
                Streams.exit(0)
            }
            if let exit = error as? ExitCode {
                Streams.exit(exit.rawValue)
            }
            if !message.isEmpty {
                Terminal.error(message)
            }
            // Usage and validation errors are "could not run": 2.
            Streams.exit(2)
        }
        Streams.exit(0)
    }
}

extension Leeway {
    /// The names `leeway WORD` takes: the subcommands and argument-parser's `help`.
    static var commandNames: [String] {
        configuration.subcommands.map { $0._commandName } + ["help"]
    }

    /// `leeway chek`: an unknown command, located on the command line, with a "did you
    /// mean" when a command is close; nil when `word` is a command or an option.
    static func unknownCommand(_ word: String, line arguments: [String]) -> String? {
        guard !word.hasPrefix("-"), !commandNames.contains(word) else { return nil }
        let language = HelpText.language
        let commands = configuration.subcommands.map { "`\($0._commandName)`" }.joined(separator: ", ")
        let help = Suggest.closest(to: word, in: commandNames.filter { $0 != "help" })
            .map { Message("load.did-you-mean", ["suggestion": $0]) }
            ?? Message("cli.unknown-command.help", ["commands": commands])
        let path = Catalog.text("engine.shell-path", in: language)
        let file = SourceFile(path: path, text: arguments.joined(separator: " "))
        let finding = Finding(rule: Finding.invalidArguments, severity: .error, location: SourceLocation(file: path, line: 1, column: 1),
                              message: Message("cli.unknown-command", ["command": word]), help: help)
        return FindingText.render(finding, source: file, options: ReportOptions(language: language, color: Terminal.stderrTakesColor))
    }
}

/// Where the executable writes: standard output carries only the report; everything
/// else goes to standard error.
enum Terminal {
    static func error(_ text: String) {
        var line = text
        if !line.hasSuffix("\n") { line += "\n" }
        Streams.stderr(Array(line.utf8))
    }

    /// `note: …` on standard error, in the run's language (passed-over files, skipped cases).
    static func note(_ message: Message, in language: Language) {
        error(Catalog.text("severity.note", in: language) + ": " + message.render(language))
    }

    static func write(_ text: String) {
        Streams.stdout(Array(text.utf8))
    }

    /// `--color`, read before parsing like `--lang` so that every message (argument
    /// errors included) follows it; nil leaves it to the environment.
    static let colorChoice = LockedState<ColorChoice?>(nil)

    /// Colour on standard output (text reports, `rules`).
    static var stdoutTakesColor: Bool { takesColor(STDOUT_FILENO) }

    /// Colour on standard error (diagnostics of `eval`, `test`, `diff`).
    static var stderrTakesColor: Bool { takesColor(STDERR_FILENO) }

    /// `--color always|never` decides; with `auto` (the default) `FORCE_COLOR` or
    /// `CLICOLOR_FORCE` set to anything but empty or `0` turns colour on, a non-empty
    /// `NO_COLOR` (no-color.org) or `TERM=dumb` turns it off, and otherwise only a
    /// terminal gets colour.
    static func takesColor(_ descriptor: Int32, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        switch colorChoice.withLock({ $0 }) ?? .auto {
        case .always: return true
        case .never: return false
        case .auto: break
        }
        func isSet(_ name: String) -> Bool {
            guard let value = environment[name] else { return false }
            return !value.isEmpty && value != "0"
        }
        if isSet("FORCE_COLOR") || isSet("CLICOLOR_FORCE") { return true }
        if let value = environment["NO_COLOR"], !value.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(descriptor) == 1
    }
}

/// `--color auto|always|never`.
enum ColorChoice: String, CaseIterable, ExpressibleByArgument {
    case auto, always, never

    /// The last `--color VALUE` or `--color=VALUE` before `--`, if any.
    static func scan(_ arguments: [String]) -> ColorChoice? {
        var found: ColorChoice?
        var index = 0
        while index < arguments.count, arguments[index] != "--" {
            let argument = arguments[index]
            if argument == "--color", index + 1 < arguments.count {
                found = ColorChoice(rawValue: arguments[index + 1]) ?? found
                index += 1
            } else if argument.hasPrefix("--color=") {
                found = ColorChoice(rawValue: String(argument.dropFirst("--color=".count))) ?? found
            }
            index += 1
        }
        return found
    }
}

extension Finding {
    /// The finding with the advice of the command that met it: a missing path's help
    /// names what `eval`, `test` or `diff` take, not what `check` reads.
    func advised(for command: String) -> Finding {
        guard let help, help.key == "input.missing.help", command != "check" else { return self }
        var finding = self
        finding.help = Message("input.missing.help.\(command)", help.arguments)
        return finding
    }
}

extension Terminal {
    /// A diagnostic for standard error: the finding with its command's advice, and a path
    /// named on the command line that does not exist located there (`<command line>:1:12`,
    /// with a caret under the argument), since the file has no line to point at.
    static func diagnostic(_ finding: Finding, source: SourceFile?, options: ReportOptions, command: String,
                           arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> String {
        var finding = finding.advised(for: command)
        var source = source
        if finding.location.position == nil, finding.message.key == "input.missing",
           let index = arguments.firstIndex(of: finding.location.file) {
            let column = arguments[..<index].reduce(1) { $0 + $1.unicodeScalars.count + 1 }
            let path = Catalog.text("engine.shell-path", in: options.language)
            source = SourceFile(path: path, text: arguments.joined(separator: " "))
            finding.location = SourceLocation(file: path, line: 1, column: column)
        }
        return FindingText.render(finding, source: source, options: options)
    }
}
