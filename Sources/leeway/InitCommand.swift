import ArgumentParser
import Foundation
import LeewayCore

/// `leeway init [FOLDER]`: writes a commented starter policy set, a case with its
/// expected outcomes, `.leeway.yml` and the JSON Schemas for editors into FOLDER (default:
/// the working directory), in the run's language. An existing file is never overwritten:
/// it is kept, with a note. What was created is the report, on standard output.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: HelpText.text("help.init.abstract"),
        discussion: HelpText.text("help.init.discussion")
    )

    @Argument(help: HelpText.argument("help.init.folder"))
    var folder: String = "."

    @Option(name: .long, help: HelpText.argument("help.output.lang"))
    var lang: Language?

    /// The files `init` writes, relative to the folder, with what each one is.
    static let files: [(path: String, what: String)] = [
        ("policies/my-service.yaml", "init.what.policy"),
        ("examples/cases/first-case.yaml", "init.what.case"),
        (".leeway.yml", "init.what.config"),
        ("schema/policy.schema.json", "init.what.schema"),
        ("schema/case.schema.json", "init.what.schema"),
    ]

    static func contents(_ path: String, language: Language) -> String {
        switch path {
        case "policies/my-service.yaml": return Catalog.text("init.template.policy", in: language) + "\n"
        case "examples/cases/first-case.yaml": return Catalog.text("init.template.case", in: language) + "\n"
        case ".leeway.yml": return Catalog.text("init.template.config", in: language) + "\n"
        case "schema/policy.schema.json": return LeewaySchema.json(.policy, language: language)
        default: return LeewaySchema.json(.case, language: language)
        }
    }

    func run() throws {
        // `.leeway.yml` in the folder is what this command writes; the language comes from
        // `--lang`, `LEEWAY_LANG` or the locale.
        let language = Language.resolve(explicit: lang, configured: nil)
        let manager = FileManager.default
        var out = ""
        var failed = false
        for (path, what) in Init.files {
            let shown = folder == "." ? path : (folder.hasSuffix("/") ? folder + path : folder + "/" + path)
            let url = URL(fileURLWithPath: folder).appendingPathComponent(path)
            if manager.fileExists(atPath: url.path) {
                Terminal.note(Message("init.kept", ["path": shown]), in: language)
                continue
            }
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                // `withoutOverwriting`: a file that appears meanwhile is not replaced either.
                try Data(Init.contents(path, language: language).utf8).write(to: url, options: .withoutOverwriting)
                out += Catalog.render(Message("init.created", ["path": shown, "what": Catalog.text(what, in: language)]), in: language) + "\n"
            } catch {
                Terminal.error(Catalog.text("severity.error", in: language) + ": "
                               + Catalog.render(Message("init.cannot-create", ["path": shown, "reason": error.localizedDescription]), in: language))
                failed = true
            }
        }
        out += Catalog.text("init.next", in: language) + "\n"
        Terminal.write(out)
        if failed { throw ExitCode(2) }
    }
}
