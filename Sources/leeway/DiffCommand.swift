import ArgumentParser
import Foundation
import LeewayCore
import LeewayReporters
import LeewayReview
import LeewayRules

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Review a policy change before rollout: findings and case outcomes that differ.",
        discussion: """
        OLD and NEW are policy files, or REV:PATH to read a version from git (`git show REV:PATH` \
        in the working directory's repository; PATH is relative to the repository root, \
        REV:./PATH to the working directory), e.g. `leeway diff origin/main:policies/acme.yaml \
        policies/acme.yaml --cases examples/`.

        --cases takes case files (YAML, JSON Lines) and folders (searched for case files; \
        policy sets and other YAML files in them are passed over). Cases whose `policy:` names \
        another policy set are skipped and counted.

        Exit codes: 0 reviewed; 1 with --fail-on-regression when a case gets a worse outcome \
        or a longer time, or the change adds an error-level finding (or, with --fail-on, adds \
        a finding at or above that severity); 2 the input could not be used.
        """
    )

    @Argument(help: ArgumentHelp("The policy set before the change: a file or REV:PATH.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The policy set after the change: a file or REV:PATH.", valueName: "new"))
    var new: String

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Case files and folders to evaluate under both versions.", valueName: "path"))
    var cases: [String] = []

    @Flag(name: .long, help: "Exit with 1 when a case gets a worse outcome or a longer time, or the change adds an error-level finding.")
    var failOnRegression = false

    @OptionGroup var output: OutputOptions

    static let formats: [ReportFormat] = [.text, .json, .markdown, .html]

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
                Terminal.error(FindingText.render(finding, source: configProblems.sources[finding.location.file], options: errorOptions))
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
                Terminal.error(FindingText.render(finding, source: unused.sources[finding.location.file], options: errorOptions))
            }
            for finding in failure.findings {
                Terminal.error(FindingText.render(finding, source: failure.sources[finding.location.file], options: errorOptions))
            }
            throw ExitCode(2)
        case .success(let sides):
            var comparer = Review.Comparer(old: sides.old, new: sides.new)
            corpus = CaseCorpus.read(cases) { comparer.add($0) }
            diff = comparer.finish()
        }
        for finding in corpus.errors {
            Terminal.error(FindingText.render(finding, source: corpus.sources[finding.location.file], options: errorOptions))
        }
        // A case the old version cannot evaluate is not a valid case: bad input, reported
        // where it is wrong and left out (one the new version cannot evaluate is a result).
        for item in diff.rejected {
            for finding in item.old ?? [] {
                Terminal.error(FindingText.render(finding, source: corpus.sources[finding.location.file], options: errorOptions))
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
        if let threshold = explicitFailOn?.threshold, diff.findings.added.contains(where: { $0.severity >= threshold }) {
            throw ExitCode(1)
        }
    }
}
