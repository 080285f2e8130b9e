import ArgumentParser
import Foundation
import LeewayCore
import LeewayEngine
import LeewayReporters
import LeewayReview
import LeewayRules

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: HelpText.text("help.diff.abstract"),
        discussion: HelpText.text("help.diff.discussion")
    )

    @Argument(help: HelpText.argument("help.diff.old", valueName: "old"))
    var old: String

    @Argument(help: HelpText.argument("help.diff.new", valueName: "new"))
    var new: String

    @Option(name: .long, parsing: .upToNextOption, help: HelpText.argument("help.diff.cases", valueName: "path"))
    var cases: [String] = []

    @Flag(name: .long, help: HelpText.argument("help.diff.fail-on-regression"))
    var failOnRegression = false

    @Flag(name: .long, help: HelpText.argument("help.diff.allow-rename"))
    var allowRename = false

    @OptionGroup var output: OutputOptions<DiffFormats>

    static var formats: [ReportFormat] { DiffFormats.formats }

    func validate() throws {
        try output.validate(command: "diff", formats: Diff.formats, inputs: [old, new] + cases)
        if ([old, new] + cases).filter({ $0 == "-" }).count > 1 {
            throw ValidationError(Catalog.render(Message("diff.stdin-twice"), in: output.language))
        }
    }

    func run() throws {
        let output = self.output
        let explicitFailOn = output.failOn
        let (configuration, configProblems) = CheckSetup.loadConfiguration(output.config)
        let language = output.language
        let errorOptions = ReportOptions(language: language, color: Terminal.stderrTakesColor)
        if let configProblems {
            for finding in configProblems.findings {
                Terminal.error(Terminal.diagnostic(finding, source: configProblems.sources[finding.location.file], options: errorOptions, command: "diff"))
            }
            throw ExitCode(2)
        }

        // The cases are read one at a time into the review, which keeps only those that change.
        let linter = Linter(configuration: configuration ?? .standard)
        let corpus: CaseCorpus
        let diff: PolicyDiff
        switch Review.load(old: PolicySource(argument: old), new: PolicySource(argument: new), linter: linter) {
        case .failure(let failure):
            // The case files' own problems are worth knowing too.
            let unused = CaseCorpus.read(cases, each: { _ in })
            for finding in unused.errors {
                Terminal.error(Terminal.diagnostic(finding, source: unused.sources[finding.location.file], options: errorOptions, command: "diff"))
            }
            for finding in failure.findings {
                Terminal.error(Terminal.diagnostic(finding, source: failure.sources[finding.location.file], options: errorOptions, command: "diff"))
            }
            // `--format json` still writes a document: no review, and the errors (docs/ci.md).
            // (`--report` files are not written: there is no review to report.)
            if output.format == .json {
                let text: String = {
                    var writer = JSONWriter(pretty: true, capacity: 1024)
                    writer.beginObject()
                    writer.key(ascii: "errors")
                    writer.beginArray()
                    for finding in (unused.errors + failure.findings).sortedByLocation() {
                        EvalJSON.writeFinding(finding, language: language, into: &writer)
                    }
                    writer.endArray()
                    writer.endObject()
                    writer.newline()
                    return writer.string
                }()
                if let path = output.output { try ReportFile.write(text, to: path) } else { Terminal.write(text) }
            }
            throw ExitCode(2)
        case .success(let sides):
            // Two unrelated policy sets would only say that no case can be evaluated any
            // more: say that the ids differ, unless the change is a rename.
            if sides.old.policy.id != sides.new.policy.id && !allowRename {
                let newID = sides.new.policy.policy.id
                let finding = Finding(rule: Finding.invalidPolicy, severity: .error, location: newID.location,
                                      message: Message("diff.different-ids", ["old": old, "new": new, "oldID": sides.old.policy.id, "newID": newID.value]),
                                      help: Message("diff.different-ids.help", ["oldID": sides.old.policy.id, "newID": newID.value]))
                Terminal.error(FindingText.render(finding, source: sides.new.policy.policy.file, options: errorOptions))
                throw ExitCode(2)
            }
            var comparer = Review.Comparer(old: sides.old, new: sides.new)
            corpus = CaseCorpus.read(cases) { comparer.add($0) }
            diff = comparer.finish()
        }
        for special in corpus.specialFiles {
            Terminal.note(Message("input.special-file", ["path": special]), in: language)
        }
        for finding in corpus.errors {
            Terminal.error(Terminal.diagnostic(finding, source: corpus.sources[finding.location.file], options: errorOptions, command: "diff"))
        }
        // A case the old version cannot evaluate is not a valid case: bad input, reported
        // where it is wrong and left out (one the new version cannot evaluate is a result).
        for item in diff.rejected {
            for finding in item.old ?? [] {
                Terminal.error(Terminal.diagnostic(finding, source: corpus.sources[finding.location.file], options: errorOptions, command: "diff"))
            }
        }

        try output.emit { format, options in
            switch format {
            case .json: return DiffJSONReporter(options: options).report(diff)
            case .markdown: return DiffMarkdownReporter(options: options).report(diff)
            case .html: return DiffHTMLReporter(options: options, toolVersion: Leeway.version).report(diff)
            default: return DiffTextReporter(options: options).report(diff)
            }
        }

        if !corpus.errors.isEmpty {
            Terminal.error(Catalog.render(Message("diff.cases-unreadable"), in: language))
            throw ExitCode(2)
        }
        if !diff.rejected.isEmpty {
            Terminal.error(Catalog.render(Message("diff.cases-invalid"), in: language))
            throw ExitCode(2)
        }
        if failOnRegression && diff.isRegression {
            Terminal.error(Catalog.render(Message("diff.regression"), in: language))
            throw ExitCode(1)
        }
        if let threshold = explicitFailOn?.threshold, (diff.findings.added + diff.findings.changed.filter { $0.new.severity > $0.old.severity }.map(\.new))
            .contains(where: { $0.severity >= threshold }) {
            throw ExitCode(1)
        }
    }
}
