import ArgumentParser
import Foundation
import LeewayCore

/// `leeway`: the command-line front end. It parses arguments, calls the library, prints
/// reports and sets the exit code; everything else lives in the library targets.
@main
struct Leeway: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "leeway",
        abstract: HelpText.text("help.leeway.abstract"),
        discussion: HelpText.text("help.leeway.discussion"),
        version: version,
        subcommands: [Check.self, Eval.self, PolicyTest.self, Diff.self, Rules.self, Schema.self]
    )

    /// Runs the command, mapping argument errors to exit code 2 (never the parser's 64).
    /// Help and argument errors speak `--lang`, `LEEWAY_LANG` or the locale.
    static func main() {
        Streams.prepare()
        var arguments = Array(CommandLine.arguments.dropFirst())
        HelpText.language = Language.forArguments(arguments)
        HelpText.formats = HelpText.formats(forArguments: arguments)
        // argument-parser's own `help` command takes no options: `leeway help check
        // --lang es` would be an unknown option. Its language is already chosen above.
        if arguments.first == "help" { arguments = Language.languageOption(in: arguments).rest }
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

    /// Colour on a terminal only, never with `NO_COLOR` or `TERM=dumb`.
    static var stdoutTakesColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        if environment["NO_COLOR"] != nil { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }
}
