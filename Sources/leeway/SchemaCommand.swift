import ArgumentParser
import Foundation
import LeewayCore

extension LeewaySchema.Kind: ExpressibleByArgument {}

/// `leeway schema policy|case`: prints the JSON Schema (draft 2020-12) of policy or case
/// files, for editors (the YAML language server) and other validators.
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: HelpText.text("help.schema.abstract"),
        discussion: HelpText.text("help.schema.discussion")
    )

    @Argument(help: HelpText.argument("help.schema.kind"))
    var kind: LeewaySchema.Kind

    @Option(name: .long, help: HelpText.argument("help.schema.output"))
    var output: String?

    @Option(name: .long, help: HelpText.argument("help.schema.lang"))
    var lang: Language?

    @Option(name: .long, help: HelpText.argument("help.config-lang"))
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
