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
        abstract: "Check what frontline customer-service staff are allowed to do for customers.",
        discussion: """
        Exit codes: 0 nothing at or above the fail threshold; 1 findings at or above it, or a \
        failing test; 2 the input could not be used (unreadable file, invalid YAML, invalid \
        policy or case, bad arguments).
        """,
        version: version,
        subcommands: [Check.self, Eval.self, PolicyTest.self, Diff.self, Rules.self, Schema.self]
    )

    /// Runs the command, mapping argument errors to exit code 2 (never the parser's 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if let exit = error as? ExitCode {
                Foundation.exit(exit.rawValue)
            }
            if !message.isEmpty {
                Terminal.error(message)
            }
            // Usage and validation errors are "could not run": 2.
            Foundation.exit(2)
        }
    }
}

/// Where the executable writes: standard output carries only the report; everything
/// else goes to standard error.
enum Terminal {
    static func error(_ text: String) {
        var line = text
        if !line.hasSuffix("\n") { line += "\n" }
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Colour on a terminal only, never with `NO_COLOR` or `TERM=dumb`.
    static var stdoutTakesColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        if environment["NO_COLOR"] != nil { return false }
        if environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }
}
