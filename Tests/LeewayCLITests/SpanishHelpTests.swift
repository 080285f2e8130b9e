import Foundation
import Testing

/// `--help`, usage lines and argument errors follow `--lang`, `LEEWAY_LANG` and the
/// locale like everything else Leeway prints (not `lang:` in `.leeway.yml`: they are
/// decided before the arguments are read).
@Suite struct SpanishHelpTests {
    /// A way of asking for Spanish, added to a command line.
    struct Asking: Sendable, CustomStringConvertible {
        var arguments: [String]
        var environment: [String: String]
        var description: String { arguments.isEmpty ? environment.map { "\($0)=\($1)" }.joined() : arguments.joined(separator: " ") }
    }

    static let spanish: [Asking] = [
        Asking(arguments: ["--lang", "es"], environment: [:]),
        Asking(arguments: ["--lang=es"], environment: [:]),
        Asking(arguments: [], environment: ["LEEWAY_LANG": "es"]),
        Asking(arguments: [], environment: ["LANG": "es_MX.UTF-8"]),
    ]

    /// Each help screen and the options it must still name.
    static let screens: [(command: [String], options: [String])] = [
        ([], ["--version", "--help", "check", "eval", "test", "diff", "rules", "schema"]),
        (["check"], ["--format", "--output", "--report", "--config", "--fail-on", "--lang", "--baseline", "--write-baseline", "--patch", "--fix", "<paths>"]),
        (["eval"], ["--as", "--want", "--fact", "--channel", "--mood", "--explain", "--cases", "--format", "<policy>", "<cases>"]),
        (["test"], ["--format", "--output", "--lang", "<paths>"]),
        (["diff"], ["--cases", "--fail-on-regression", "--format", "<old>", "<new>"]),
        (["rules"], ["--markdown", "--lang", "--config", "<id>"]),
        (["schema"], ["--output", "--lang", "--config", "<kind>"]),
    ]

    /// argument-parser's English words that must not be left in Spanish output.
    static let englishWords = ["OVERVIEW", "USAGE", "OPTIONS", "ARGUMENTS", "SUBCOMMANDS", "Show help information",
                               "Show the version", "default:", "values:", "See '", "Error:", "Usage:", "Help:"]

    static func englishLeft(in text: String) -> [String] {
        englishWords.filter { text.contains($0) }
    }

    @Test(arguments: spanish)
    func helpIsSpanish(_ asking: Asking) throws {
        for screen in Self.screens {
            let run = try CLI.run(screen.command + ["--help"] + asking.arguments, environment: asking.environment)
            #expect(run.status == 0)
            #expect(Self.englishLeft(in: run.stdout) == [], "\(screen.command): \(run.stdout)")
            #expect(run.stdout.contains("RESUMEN:") && run.stdout.contains("USO:") && run.stdout.contains("OPCIONES:"))
            #expect(run.stdout.contains("Muestra esta ayuda."))
            for option in screen.options {
                #expect(run.stdout.contains(option), "\(screen.command) lost \(option)")
            }
        }
    }

    /// `leeway help` takes no options (argument-parser's own command), so no `--lang`.
    @Test func helpSubcommandIsSpanishToo() throws {
        let run = try CLI.run(["help", "check"], environment: ["LEEWAY_LANG": "es"])
        #expect(run.status == 0)
        #expect(Self.englishLeft(in: run.stdout) == [], "\(run.stdout)")
        #expect(run.stdout.contains("Revisa las políticas"))
        let root = try CLI.run(["help"], environment: ["LEEWAY_LANG": "es"])
        #expect(root.stdout.contains("COMANDOS:"))
        #expect(root.stdout.contains("`leeway help <comando>`"))
        // `--lang` after `help` chooses the language too (argument-parser's own `help`
        // command takes no options; Leeway reads it before).
        let flag = try CLI.run(["help", "check", "--lang", "es"])
        #expect(flag.status == 0, "\(flag.stderr)")
        #expect(flag.stdout.contains("Revisa las políticas"))
        let equals = try CLI.run(["help", "eval", "--lang=en"], environment: ["LEEWAY_LANG": "es"])
        #expect(equals.status == 0 && equals.stdout.contains("OVERVIEW: Evaluate customer cases"))
    }

    @Test func annotationsAreTranslatedAndAlignmentKept() throws {
        let run = try CLI.run(["check", "--help", "--lang", "es"], environment: ["COLUMNS": "80"])
        #expect(run.stdout.contains("(valores: text, json"))
        #expect(run.stdout.contains("por defecto:"))
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 || $0.hasPrefix("USO: ") }, "\(run.stdout)")
        // Option help still starts in one column.
        let format = try #require(lines.first { $0.hasPrefix("  --format <format>") })
        let fix = try #require(lines.first { $0.hasPrefix("  --fix") })
        #expect(format.firstRange(of: "Formato")?.lowerBound.utf16Offset(in: format) ==
                fix.firstRange(of: "Aplica")?.lowerBound.utf16Offset(in: fix))
    }

    /// An argument error under Spanish, and the words it must say.
    struct Mistake: Sendable, CustomStringConvertible {
        var arguments: [String]
        var spanish: [String]
        var english: [String]
        var description: String { arguments.joined(separator: " ") }
    }

    static let mistakes: [Mistake] = [
        Mistake(arguments: ["check", "--formt", "json"],
                spanish: ["error: no existe la opción `--formt`; ¿querías decir `--format`?", "Uso: leeway check", "Más información: `leeway check --help`"],
                english: ["Error: Unknown option '--formt'. Did you mean '--format'?", "Usage: leeway check", "See 'leeway check --help' for more information."]),
        Mistake(arguments: ["check", "-x"], spanish: ["error: no existe la opción `-x`"], english: ["Error: Unknown option '-x'"]),
        Mistake(arguments: ["eval"],
                spanish: ["error: falta el argumento `<policy>`", "Ayuda:  <policy>  El archivo de la política.", "Uso: leeway eval [<opciones>] <policy>"],
                english: ["Error: Missing expected argument '<policy>'", "Help:  <policy>  The policy set file.", "Usage: leeway eval [<options>] <policy>"]),
        Mistake(arguments: ["check", "--format", "xml"],
                spanish: ["error: `xml` no es un valor válido para `--format <format>`; usa uno de estos:", "  - sarif"],
                english: ["Error: The value 'xml' is invalid for '--format <format>'. Please provide one of the following:", "  - sarif"]),
        Mistake(arguments: ["check", "--fail-on", "bad"],
                spanish: ["error: `bad` no es un valor válido para `--fail-on <fail-on>`; usa `error`, `warning`, `note` o `never`"],
                english: ["Error: The value 'bad' is invalid for '--fail-on <fail-on>'. Please provide one of 'error', 'warning', 'note' or 'never'."]),
        Mistake(arguments: ["schema", "nope"],
                spanish: ["error: `nope` no es un valor válido para `<kind>`; usa `policy` o `case`"],
                english: ["Error: The value 'nope' is invalid for '<kind>'. Please provide one of 'policy' and 'case'."]),
        Mistake(arguments: ["check", "--format"],
                spanish: ["error: falta el valor de `--format <format>`", "Ayuda:  --format <format>  Formato del informe."],
                english: ["Error: Missing value for '--format <format>'", "Help:  --format <format>  Report format."]),
        Mistake(arguments: ["rules", "a", "b"], spanish: ["error: sobra el argumento `b`"], english: ["Error: Unexpected argument 'b'"]),
        Mistake(arguments: ["rules", "a", "b", "c"], spanish: ["error: sobran 2 argumentos: `b`, `c`"], english: ["Error: 2 unexpected arguments: 'b', 'c'"]),
        Mistake(arguments: ["eval", "--explain=yes", "p"], spanish: ["error: la opción `--explain` no lleva valor, pero se le dio `yes`"],
                english: ["Error: The option '--explain' does not take any value, but 'yes' was specified."]),
        // A validation error (thrown by the command) keeps its own catalogued text.
        Mistake(arguments: ["check", "--format", "html"],
                spanish: ["error: `leeway check` escribe `text`", "Uso: leeway check"],
                english: ["Error: `leeway check` writes `text`", "Usage: leeway check"]),
    ]

    @Test(arguments: mistakes)
    func argumentErrorsAreSpanish(_ mistake: Mistake) throws {
        for run in [try CLI.run(mistake.arguments + ["--lang", "es"]),
                    try CLI.run(mistake.arguments, environment: ["LEEWAY_LANG": "es"])] {
            #expect(run.status == 2)
            #expect(run.stdout == "")
            #expect(Self.englishLeft(in: run.stderr) == [], "\(run.stderr)")
            for text in mistake.spanish {
                #expect(run.stderr.contains(text), "\(run.stderr)")
            }
        }
    }

    @Test(arguments: mistakes)
    func argumentErrorsStayEnglish(_ mistake: Mistake) throws {
        let run = try CLI.run(mistake.arguments)
        #expect(run.status == 2)
        for text in mistake.english {
            #expect(run.stderr.contains(text), "\(run.stderr)")
        }
    }

    @Test func englishHelpIsUnchanged() throws {
        let run = try CLI.run(["check", "--help"], environment: ["COLUMNS": "80"])
        #expect(run.stdout.hasPrefix("OVERVIEW: Lint policy files for rigid processes and mistakes.\n"))
        #expect(run.stdout.contains("\nUSAGE: leeway check [<options>] [<paths> ...]"))
        #expect(run.stdout.contains("\nOPTIONS:\n  --format <format>       Report format. (values: text, json, sarif, junit,\n"))
        #expect(run.stdout.contains("  -h, --help              Show help information.\n"))
        // English by choice beats a Spanish environment.
        let chosen = try CLI.run(["--help", "--lang", "en"], environment: ["LEEWAY_LANG": "es"])
        #expect(chosen.stdout.contains("SUBCOMMANDS:"))
        #expect(chosen.stdout.contains("See 'leeway help <subcommand>' for detailed help."))
    }

    /// `lang: es` in `.leeway.yml` does not change help (it may be the file that is wrong),
    /// but an error found once the options are read speaks the run's language throughout.
    @Test func configurationLanguageIsNotReadForHelp() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("lang: es\n".utf8).write(to: folder.appendingPathComponent(".leeway.yml"))
        let help = try CLI.run(["check", "--help"], directory: folder)
        #expect(help.stdout.contains("USAGE:"))
        let parse = try CLI.run(["check", "--formt", "json"], directory: folder)
        #expect(parse.stderr.contains("Error: Unknown option '--formt'"))
        let validation = try CLI.run(["check", "--format", "html"], directory: folder)
        #expect(validation.status == 2)
        #expect(validation.stderr.hasPrefix("error: `leeway check` escribe"), "\(validation.stderr)")
        #expect(validation.stderr.contains("Uso: leeway check"))
    }
}
