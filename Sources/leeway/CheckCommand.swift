import ArgumentParser
import Foundation
import LeewayCore
import LeewayReporters
import LeewayRules

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: HelpText.text("help.check.abstract"),
        discussion: HelpText.text("help.check.discussion")
    )

    @Argument(help: HelpText.argument("help.check.paths"))
    var paths: [String] = []

    @OptionGroup var output: OutputOptions<CheckFormats>

    @Option(name: .long, help: HelpText.argument("help.check.baseline", valueName: "file"))
    var baseline: String?

    @Option(name: .long, help: HelpText.argument("help.check.write-baseline", valueName: "file"))
    var writeBaseline: String?

    @Flag(name: .long, help: HelpText.argument("help.check.pass-over-non-policies"))
    var passOverNonPolicies = false

    @Flag(name: .long, help: HelpText.argument("help.check.quiet"))
    var quiet = false

    @Option(name: .long, help: HelpText.argument("help.check.max-warnings", valueName: "count"))
    var maxWarnings: Int?

    @Option(name: .long, help: HelpText.argument("help.check.sarif-category", valueName: "category"))
    var sarifCategory: String?

    @OptionGroup var patchOptions: PatchOptions

    func validate() throws {
        try output.validate(command: "check", formats: Check.formats, inputs: paths.isEmpty ? ["policies/"] : paths)
    }

    static var formats: [ReportFormat] { CheckFormats.formats }

    func run() throws {
        var output = self.output
        var result = try CheckSetup.lint(paths: paths.isEmpty ? ["policies/"] : paths, output: &output,
                                         baseline: baseline, writeBaseline: writeBaseline,
                                         passOverNamedFiles: passOverNonPolicies)
        if result.passedOver > 0 && !quiet {
            Terminal.note(Message("input.not-policies", ["count": String(result.passedOver)]), in: output.language)
        }
        // `--quiet`, as ESLint's: errors only, in every report and in the exit code.
        if quiet { result.findings = result.findings.filter { $0.severity == .error } }
        // Input errors go to standard error, as in every command; the text report leaves
        // them out (its summary counts them), the machine-readable reports carry them too.
        let errorOptions = ReportOptions(language: output.language, color: Terminal.stderrTakesColor)
        for finding in result.findings where finding.isInputError {
            Terminal.error(Terminal.diagnostic(finding, source: result.sources[finding.location.file], options: errorOptions, command: "check"))
        }
        if patchOptions.isOn {
            // The report is the diff of the mechanical fixes; the exit code judges what is left.
            var left = result
            left.findings = try PatchSupport.fixFindings(result, config: output.config, options: patchOptions, output: output)
            throw ExitCode(Check.exitCode(left, failOn: output.failOn ?? .error))
        }
        try output.emit { format, options in
            switch format {
            case .json: return CheckJSONReporter(options: options).report(result)
            case .sarif, .junit, .github, .markdown:
                let context = ReportContext.current(toolVersion: Leeway.version, command: "check", inputs: paths,
                                                    failOn: (output.failOn ?? .error).threshold, category: sarifCategory)
                switch format {
                case .sarif: return SARIFReporter(options: options, context: context).report(result)
                case .junit: return CheckJUnitReporter(options: options, context: context).report(result)
                case .github: return GitHubActionsReporter(options: options, context: context).report(result)
                default: return MarkdownReporter(options: options, context: context).report(result)
                }
            default: return CheckTextReporter(options: options, listsInputErrors: false).report(result)
            }
        }
        var code = Check.exitCode(result, failOn: output.failOn ?? .error)
        // `--max-warnings N`: more than N warnings fail the run (as ESLint's).
        if code == 0, let maxWarnings, maxWarnings >= 0 {
            let warnings = result.count(.warning)
            if warnings > maxWarnings {
                Terminal.error(Catalog.render(Message("cli.too-many-warnings", ["count": String(warnings), "max": String(maxWarnings)]),
                                              in: output.language))
                code = 1
            }
        }
        throw ExitCode(code)
    }

    /// 2 when some input could not be used, 1 when a finding reaches the threshold, else 0.
    static func exitCode(_ result: CheckResult, failOn: FailOn) -> Int32 {
        if result.hasInputErrors { return 2 }
        guard let threshold = failOn.threshold else { return 0 }
        return result.findings.contains { $0.severity >= threshold } ? 1 : 0
    }
}
