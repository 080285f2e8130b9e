import ArgumentParser
import Foundation
import LeewayCore
import LeewayReporters
import LeewayRules

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
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
        try output.validate(command: "check", formats: Check.formats, inputs: paths.isEmpty ? ["policies/"] : paths,
                            files: writeBaseline.map { [$0] } ?? [], readOnly: baseline.map { [$0] } ?? [])
    }

    static var formats: [ReportFormat] { CheckFormats.formats }

    func run() throws {
        if output.format == .text && output.report.isEmpty && !patchOptions.isOn && writeBaseline == nil,
           let code = try streamText() {
            throw ExitCode(code)
        }
        var output = self.output
        var result = try CheckSetup.lint(paths: paths.isEmpty ? ["policies/"] : paths, output: &output,
                                         baseline: baseline, writeBaseline: writeBaseline,
                                         passOverNamedFiles: passOverNonPolicies,
                                         keepsSources: patchOptions.isOn || output.format == .text || !output.report.isEmpty)
        for special in result.specialFiles where !quiet {
            Terminal.note(Message("input.special-file", ["path": special]), in: output.language)
        }
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

    /// The text report written file by file as the linter finishes each (`Linter.check(paths:each:)`):
    /// ten thousand files take the memory of a few. Nil when the configuration or the baseline
    /// cannot be used (the whole-result path reports those).
    func streamText() throws -> Int32? {
        var output = self.output
        let (configuration, configProblems) = CheckSetup.loadConfiguration(output.config)
        if output.failOn == nil, let text = configuration?.failOn { output.failOn = FailOn(rawValue: text) }
        guard configProblems == nil else { return nil }
        var baseline: Baseline?
        if let baselinePath {
            guard case .success(let value) = Baseline.load(path: baselinePath) else { return nil }
            baseline = value
        }
        let color = output.output == nil && Terminal.stdoutTakesColor
        let reporter = CheckTextReporter(options: ReportOptions(language: output.language, color: color))
        let errorOptions = ReportOptions(language: output.language, color: Terminal.stderrTakesColor)
        let sink = try OutputSink(path: output.output)
        var counts: [Severity: Int] = [:]
        var inputErrors = false
        var linter = Linter(configuration: configuration ?? .standard, baseline: baseline)
        linter.passesOverNamedFiles = passOverNonPolicies
        let quiet = quiet
        // `--quiet`, as ESLint's: errors only, in the report and in the exit code.
        @Sendable func shown(_ file: Linter.FileCheck) -> [Finding] {
            quiet ? file.findings.filter { $0.severity == .error } : file.findings
        }
        // Each file's part of the report is rendered on the core that checked it.
        let result = linter.check(paths: paths.isEmpty ? ["policies/"] : paths, prepare: { file in
            let report = shown(file).filter { !$0.isInputError }
            return report.isEmpty ? [] : Array(reporter.findings(report, source: file.source).utf8)
        }) { file in
            for finding in shown(file) {
                counts[finding.severity, default: 0] += 1
                if finding.isInputError {
                    // Input errors go to standard error, as in every command; the summary counts them.
                    inputErrors = true
                    Terminal.error(Terminal.diagnostic(finding, source: file.source, options: errorOptions, command: "check"))
                }
            }
            if !file.prepared.isEmpty { sink.write(file.prepared) }
        }
        sink.write(Array(reporter.summary(files: result.fileCount, errors: counts[.error] ?? 0, warnings: counts[.warning] ?? 0,
                                          notes: counts[.note] ?? 0).utf8))
        try sink.finish()
        if !quiet {
            for special in result.specialFiles {
                Terminal.note(Message("input.special-file", ["path": special]), in: output.language)
            }
            if result.passedOver > 0 {
                Terminal.note(Message("input.not-policies", ["count": String(result.passedOver)]), in: output.language)
            }
        }
        if inputErrors { return 2 }
        guard let threshold = (output.failOn ?? .error).threshold else { return 0 }
        var code: Int32 = counts.contains { $0.key >= threshold && $0.value > 0 } ? 1 : 0
        // `--max-warnings N`: more than N warnings fail the run (as ESLint's).
        if code == 0, let maxWarnings, maxWarnings >= 0, let warnings = counts[.warning], warnings > maxWarnings {
            Terminal.error(Catalog.render(Message("cli.too-many-warnings", ["count": String(warnings), "max": String(maxWarnings)]),
                                          in: output.language))
            code = 1
        }
        return code
    }

    var baselinePath: String? { baseline }

    /// 2 when some input could not be used, 1 when a finding reaches the threshold, else 0.
    static func exitCode(_ result: CheckResult, failOn: FailOn) -> Int32 {
        if result.hasInputErrors { return 2 }
        guard let threshold = failOn.threshold else { return 0 }
        return result.findings.contains { $0.severity >= threshold } ? 1 : 0
    }
}
