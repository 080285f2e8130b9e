import Foundation
import Testing

/// Every command takes its language the same way: `--lang` > `LEEWAY_LANG` > `lang:` in
/// `.leeway.yml` > `LC_ALL`/`LC_MESSAGES`/`LANG` > English.
@Suite struct LanguageCommandTests {
    struct Command: Sendable, CustomStringConvertible {
        var arguments: [String]
        var spanish: String
        var english: String
        var description: String { arguments.first ?? "" }
    }

    static func path(_ relative: String) -> String { CLI.root.appendingPathComponent(relative).path }

    static let commands: [Command] = [
        Command(arguments: ["check", path("policies/northwind-returns.yaml")],
                spanish: "aviso: el rol de cara al cliente `store-lead`", english: "warning: customer-facing role `store-lead`"),
        Command(arguments: ["eval", path("policies/acme-field-service.yaml"), path("examples/cases/acme-late-technician.yaml")],
                spanish: "veredicto:", english: "verdict:"),
        Command(arguments: ["test", path("policies"), path("examples")],
                spanish: "casos correctos", english: "cases passed"),
        Command(arguments: ["diff", path("policies/acme-field-service.yaml"), path("examples/diff/acme-field-service-improved.yaml"),
                            "--cases", path("examples/cases/")],
                spanish: "veredicto: 8 casos", english: "verdict: 8 cases"),
        Command(arguments: ["rules", "slow-approval"], spanish: "Aprobación lenta", english: "Slow approval"),
        Command(arguments: ["schema", "policy"], spanish: "una política de Leeway", english: "a Leeway policy set"),
    ]

    /// A folder whose `.leeway.yml` says `lang: es`.
    func spanishWorkspace() throws -> URL {
        let folder = try CLI.temporaryDirectory()
        try Data("lang: es\n".utf8).write(to: folder.appendingPathComponent(".leeway.yml"))
        return folder
    }

    @Test(arguments: commands)
    func precedence(_ command: Command) throws {
        let folder = try spanishWorkspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        func output(_ arguments: [String], _ environment: [String: String] = [:]) throws -> String {
            let run = try CLI.run(arguments, directory: folder, environment: environment)
            return run.stdout
        }
        // `.leeway.yml` beats the locale…
        #expect(try output(command.arguments).contains(command.spanish))
        #expect(try output(command.arguments, ["LANG": "en_US.UTF-8"]).contains(command.spanish))
        // …LEEWAY_LANG beats `.leeway.yml`…
        #expect(try output(command.arguments, ["LEEWAY_LANG": "en"]).contains(command.english))
        // …and `--lang` beats everything.
        #expect(try output(command.arguments + ["--lang", "en"], ["LEEWAY_LANG": "es"]).contains(command.english))
        #expect(try output(command.arguments + ["--lang", "es"], ["LEEWAY_LANG": "en"]).contains(command.spanish))
        // Without a configuration, the locale decides.
        let bare = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: bare) }
        #expect(try CLI.run(command.arguments, directory: bare, environment: ["LANG": "es_MX.UTF-8"]).stdout.contains(command.spanish))
        #expect(try CLI.run(command.arguments, directory: bare).stdout.contains(command.english))
    }

    @Test func rulesAndSchemaTakeAConfigFile() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("ci"), withIntermediateDirectories: true)
        try Data("lang: es\n".utf8).write(to: folder.appendingPathComponent("ci/leeway.yml"))
        let rules = try CLI.run(["rules", "--config", "ci/leeway.yml", "slow-approval"], directory: folder)
        #expect(rules.status == 0)
        #expect(rules.stdout.contains("Aprobación lenta"))
        let schema = try CLI.run(["schema", "policy", "--config", "ci/leeway.yml"], directory: folder)
        #expect(schema.stdout.contains("una política de Leeway"))
    }

    @Test func anInvalidConfigurationStillSpeaksItsLanguage() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("lang: es\nrules:\n  slow-aproval: off\n".utf8).write(to: folder.appendingPathComponent(".leeway.yml"))
        let run = try CLI.run(["check", Self.path("policies/northwind-returns.yaml")], directory: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("`slow-aproval`"))
        #expect(!run.stdout.contains("unknown rule"), "\(run.stdout)")
    }

    @Test func rulesExplainsEverythingInSpanish() throws {
        let run = try CLI.run(["rules", "--lang", "es", "window-without-remedy"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("fuente: la bonificación de 20 dólares de Comcast"))
        #expect(run.stdout.contains("# o bien off para desactivarla"))
        #expect(!run.stdout.contains("# or off"))
        #expect(!run.stdout.contains("Comcast's $20 credit"))
    }
}
