import ArgumentParser
import Foundation
import LeewayCore

/// The texts swift-argument-parser shows (`--help`, usage lines, argument errors), in the
/// language worked out from the command line and the environment before parsing
/// (`Language.forArguments`; `.leeway.yml` is not read for them).
///
/// argument-parser reads `static let configuration` lazily and each `help:` when it
/// creates a command, so `Leeway.main()` sets `language` before parsing starts.
enum HelpText {
    private static let state = LockedState(Language.en)

    static var language: Language {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }

    private static let offeredFormats = LockedState(ReportFormat.allCases)

    /// The report formats the command being run writes: `--help` lists these, and an
    /// unknown `--format` value is told these, rather than every format of every command.
    static var formats: [ReportFormat] {
        get { offeredFormats.withLock { $0 } }
        set { offeredFormats.withLock { $0 = newValue } }
    }

    /// The formats of the subcommand named in `arguments` (`leeway eval …`, `leeway help
    /// eval`), or every format when none is named.
    static func formats(forArguments arguments: [String]) -> [ReportFormat] {
        // `help eval`, and shell completion's `---completion eval -- --format …`.
        let words = arguments.first == "help" || arguments.first == "---completion" ? Array(arguments.dropFirst()) : arguments
        switch words.first {
        case "check": return Check.formats
        case "eval": return Eval.formats
        case "test": return PolicyTest.formats
        case "diff": return Diff.formats
        default: return ReportFormat.allCases
        }
    }

    /// `--report`'s help, with an example the command accepts (`sarif:leeway.sarif` for
    /// `check`, `json:decisions.json` for `eval`…).
    static func reportHelp(example: String) -> ArgumentHelp {
        ArgumentHelp(Catalog.render(Message("help.output.report", ["example": example]), in: language), valueName: "format:file")
    }

    /// A catalogue text (`help.*`) in the help language.
    static func text(_ key: String) -> String {
        Catalog.text(key, in: language)
    }

    /// An argument's help from the catalogue, with the name its value goes by.
    static func argument(_ key: String, valueName: String? = nil) -> ArgumentHelp {
        ArgumentHelp(text(key), valueName: valueName)
    }

    /// What argument-parser says for `error` (a help screen, or an argument error with
    /// its usage), in `language`.
    static func message(for error: Error, in language: Language) -> String {
        guard language != .en else { return Leeway.fullMessage(for: error) }
        // Spanish words are longer than the English ones put in after wrapping
        // ("por defecto:" for "default:"): wrap a little narrower.
        let columns = max(40, terminalWidth - 4)
        return ArgumentParserText.translate(Leeway.fullMessage(for: error, columns: columns), to: language)
    }

    /// The width argument-parser wraps help to: `COLUMNS`, else the terminal's, else 80.
    static var terminalWidth: Int {
        if let value = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(value), columns > 0 {
            return columns
        }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return 80
    }
}
