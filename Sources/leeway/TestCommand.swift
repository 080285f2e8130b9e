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

    @OptionGroup var output: OutputOptions

    static let formats: [ReportFormat] = [.text, .junit]

    func validate() throws {
        try output.validate(command: "test", formats: PolicyTest.formats, inputs: paths.isEmpty ? PolicyTestRunner.defaultPaths : paths)
    }

    func run() throws {
        let run = PolicyTestRunner.run(paths: paths.isEmpty ? PolicyTestRunner.defaultPaths : paths)
        let errorOptions = ReportOptions(language: output.language, color: Terminal.stderrTakesColor)
        for finding in run.skipped {
            Terminal.note(finding.message, in: output.language)
        }
        for finding in run.errors {
            Terminal.error(FindingText.render(finding.advised(for: "test"), source: run.sources[finding.location.file], options: errorOptions))
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

    /// One suite per case file, one test case per case; a failed expectation is a
    /// `<failure>`, an unusable input an `<error>`.
    static func junit(_ run: PolicyTestRun, language: Language) -> String {
        var suites: [String: JUnitSuite] = [:]
        var order: [String] = []
        func suite(_ file: String) -> JUnitSuite {
            if suites[file] == nil {
                suites[file] = JUnitSuite(name: file, file: file)
                order.append(file)
            }
            return suites[file]!
        }
        for result in run.results {
            let file = result.source.location.file
            var current = suite(file)
            let failures = result.mismatches.map { mismatch in
                let message = Catalog.render(Message("test.mismatch", [
                    "location": mismatch.expectation.outcome.location.description, "action": mismatch.expectation.action.value,
                    "expected": mismatch.expectation.outcome.value.rawValue, "actual": mismatch.actual.rawValue,
                ]), in: language)
                let why = Explanation(policy: result.evaluated.policy, language: language)
                    .why(mismatch.decision, trace: result.evaluated.trace, input: result.evaluated.input).joined(separator: "\n")
                return JUnitProblem(message: message, type: "expectation", text: why)
            }
            current.cases.append(JUnitCase(name: result.source.id.value, classname: result.source.policy?.value ?? file, file: file,
                                           line: result.source.location.line, failures: failures))
            suites[file] = current
        }
        for finding in run.errors {
            let file = finding.location.file
            var current = suite(file)
            current.cases.append(JUnitCase(name: finding.location.description, classname: file, file: file, line: finding.location.line,
                                           errors: [JUnitProblem(message: finding.message.render(language), type: finding.rule,
                                                                 text: finding.help?.render(language) ?? "")]))
            suites[file] = current
        }
        return JUnitReport(name: "leeway test", suites: order.compactMap { suites[$0] }).xml()
    }
}
