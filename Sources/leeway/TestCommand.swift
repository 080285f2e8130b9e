import ArgumentParser
import Foundation
import LeewayCore
import LeewayEngine
import LeewayReporters

struct PolicyTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: HelpText.text("help.test.abstract"),
        discussion: HelpText.text("help.test.discussion")
    )

    @Argument(help: HelpText.argument("help.test.paths"))
    var paths: [String] = []

    @Option(name: .long, help: HelpText.argument("help.test.policy", valueName: "file"))
    var policy: [String] = []

    @OptionGroup var output: OutputOptions<TestFormats>

    static var formats: [ReportFormat] { TestFormats.formats }

    func validate() throws {
        try output.validate(command: "test", formats: PolicyTest.formats, inputs: (paths.isEmpty ? PolicyTestRunner.defaultPaths : paths) + policy)
    }

    func run() throws {
        let run = PolicyTestRunner.run(paths: paths.isEmpty ? PolicyTestRunner.defaultPaths : paths, policyFiles: policy)
        let errorOptions = ReportOptions(language: output.language, color: Terminal.stderrTakesColor)
        for finding in run.skipped {
            Terminal.note(finding.message, in: output.language)
        }
        for finding in run.errors {
            Terminal.error(Terminal.diagnostic(finding, source: run.sources[finding.location.file], options: errorOptions, command: "test"))
        }
        try output.emit { format, options in
            switch format {
            case .junit: return PolicyTest.junit(run, language: options.language)
            default: return PolicyTestText(language: options.language, color: options.color).report(run)
            }
        }
        if !run.errors.isEmpty { throw ExitCode(2) }
        if run.failed > 0 { throw ExitCode(1) }
    }

    /// One suite per case file, one test case per case, named by the case id and classed
    /// by the file as `check` classes its cases (`examples.cases.acme-more`). A case's
    /// failed expectations are one `<failure>` (the first, and how many more; the text
    /// lists each with why); an input that cannot be used is an `<error>` in the test
    /// case of the case it lies in, or named `invalid-case` when it lies in none.
    static func junit(_ run: PolicyTestRun, language: Language) -> String {
        let paths = ArtifactPaths.current()
        var suites: [String: JUnitSuite] = [:]
        var order: [String] = []
        func suite(_ file: String) -> JUnitSuite {
            if suites[file] == nil {
                let path = paths.repositoryRelative(file)
                suites[file] = JUnitSuite(name: path, file: path)
                order.append(file)
            }
            return suites[file]!
        }
        func classname(_ file: String) -> String { CheckJUnitReporter.classname(paths.repositoryRelative(file)) }
        func more(_ count: Int) -> String { Catalog.render(Message("format.junit.and-more", ["count": String(count)]), in: language) }
        for result in run.results {
            let file = result.source.location.file
            var current = suite(file)
            let failures = result.mismatches.map { mismatch in
                let message = Catalog.render(Message("test.mismatch", [
                    "location": mismatch.expectation.outcome.location.description, "action": mismatch.expectation.action.value,
                    "expected": mismatch.expectation.outcome.value.rawValue, "actual": mismatch.actual.rawValue,
                ]), in: language)
                let why = Explanation(policy: result.evaluated.policy, language: language, keeping: false)
                    .why(mismatch.decision, trace: result.evaluated.trace, input: result.evaluated.input).joined(separator: "\n")
                return JUnitProblem(message: message, type: "expectation", text: why)
            }
                + (result.owedMismatch.map { [JUnitProblem(message: $0.message(language), type: "expectation", text: "")] } ?? [])
            var failure = JUnitProblem.merged(failures, more: more)
            if !result.policyFile.isEmpty {
                failure?.text += "\n" + Catalog.render(Message("test.ran-against", ["file": result.policyFile, "policy": result.evaluated.policy.id]), in: language)
            }
            current.cases.append(JUnitCase(name: result.source.id.value, classname: classname(file), time: result.seconds, failure: failure))
            suites[file] = current
        }
        var errorCases: [String: Int] = [:]
        for finding in run.errors {
            let file = finding.location.file
            var current = suite(file)
            let name = run.caseID(file: file, line: finding.location.line) ?? finding.rule
            let problem = JUnitProblem(message: finding.location.description + ": " + finding.message.render(language), type: finding.rule,
                                       text: finding.help?.render(language) ?? "")
            if let index = errorCases[file + "\u{0}" + name] {
                // One `<error>` per test case: a case's further errors join the first.
                let previous = current.cases[index].error!
                current.cases[index].error = JUnitProblem(message: previous.message, type: previous.type,
                                                          text: [previous.text, problem.message, problem.text].filter { !$0.isEmpty }.joined(separator: "\n"))
            } else {
                errorCases[file + "\u{0}" + name] = current.cases.count
                current.cases.append(JUnitCase(name: name, classname: classname(file), error: problem))
            }
            suites[file] = current
        }
        return JUnitReport(name: "leeway test", suites: order.compactMap { suites[$0] }, time: ProcessClock.elapsed).xml()
    }
}
