import ArgumentParser
import Foundation
import LeewayCore

extension LeewaySchema.Kind: ExpressibleByArgument {}

/// `leeway schema policy|case`: prints the JSON Schema (draft 2020-12) of policy or case
/// files, for editors (the YAML language server) and other validators.
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the JSON Schema of policy or case files, for editors and validators.",
        discussion: """
        The schemas are also committed under schema/. Point the YAML language server at one \
        with a first line such as `# yaml-language-server: $schema=../schema/policy.schema.json`.
        """
    )

    @Argument(help: "Which schema: policy or case.")
    var kind: LeewaySchema.Kind

    @Option(name: .long, help: "Write the schema to FILE (atomically) instead of standard output.")
    var output: String?

    @Option(name: .long, help: "Language of the key descriptions (default: LEEWAY_LANG, then `lang:` in .leeway.yml, then LC_ALL/LC_MESSAGES/LANG; English otherwise).")
    var lang: Language?

    @Option(name: .long, help: "The configuration file whose `lang:` to use (default: .leeway.yml found upward from the working directory).")
    var config: String?

    func run() throws {
        let text = LeewaySchema.json(kind, language: RunLanguage.resolve(flag: lang, config: config))
        if let output {
            try AtomicFile.write(text, to: output)
        } else {
            Terminal.write(text)
        }
    }
}
