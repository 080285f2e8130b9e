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
        if !patchOptions.isOn && writeBaseline == nil, let code = try streamReports() {
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

    /// Every report written file by file as the linter finishes each, in the report's
    /// order (`Linter.check(paths:order:prepare:each:)`): each file's part is made on the
    /// core that checked it, and ten thousand files take the memory of a few, in every
    /// format (`CheckReportStream`). Nil when the configuration or the baseline cannot be
    /// used, or when the reports asked for order files differently and the inputs make
    /// the two orders disagree (the whole-result path reports those).
    func streamReports() throws -> Int32? {
        var output = self.output
        let (configuration, configProblems) = CheckSetup.loadConfiguration(output.config)
        if output.failOn == nil, let text = configuration?.failOn { output.failOn = FailOn(rawValue: text) }
        guard configProblems == nil else { return nil }
        var baseline: Baseline?
        if let baselinePath {
            guard case .success(let value) = Baseline.load(path: baselinePath) else { return nil }
            baseline = value
        }
        let inputs = paths.isEmpty ? ["policies/"] : paths
        let language = output.language
        let context = ReportContext.current(toolVersion: Leeway.version, command: "check", inputs: paths,
                                            failOn: (output.failOn ?? .error).threshold, category: sarifCategory)
        let color = output.output == nil && output.format == .text && Terminal.stdoutTakesColor
        var targets: [(format: ReportFormat, path: String?, options: ReportOptions)] = [
            (output.format, output.output, ReportOptions(language: language, color: color)),
        ]
        for target in output.report { targets.append((target.format, target.path, ReportOptions(language: language, color: false))) }
        var streams = targets.map { Check.stream($0.format, options: $0.options, context: context) }
        let byRepositoryPath = streams.contains { $0.ordersByRepositoryPath }
        if byRepositoryPath, streams.contains(where: { !$0.ordersByRepositoryPath }),
           !Check.ordersAgree(inputs, paths: context.paths) {
            return nil
        }
        let sinks = try targets.map { try OutputSink(path: $0.path) }
        let spools = zip(streams, targets).map { stream, target in
            stream.startNeedsTotals ? ReportSpool(besides: target.path) : nil
        }
        for index in streams.indices where spools[index] == nil { sinks[index].write(streams[index].start(CheckTotals())) }
        let errorOptions = ReportOptions(language: language, color: Terminal.stderrTakesColor)
        var totals = Array(repeating: CheckTotals(), count: streams.count)
        var linter = Linter(configuration: configuration ?? .standard, baseline: baseline)
        linter.passesOverNamedFiles = passOverNonPolicies
        let quiet = quiet
        // `--quiet`, as ESLint's: errors only, in every report and in the exit code.
        @Sendable func shown(_ file: Linter.FileCheck) -> Linter.FileCheck {
            guard quiet else { return file }
            var file = file
            file.findings = file.findings.filter { $0.severity == .error }
            return file
        }
        let workerStreams = streams
        let artifactPaths = context.paths
        let repositoryOrder: @Sendable (String) -> String = { artifactPaths.repositoryRelative($0) }
        let order = byRepositoryPath ? repositoryOrder : nil
        let result = linter.check(paths: inputs, order: order, prepare: { file -> [CheckReportPart] in
            let file = shown(file)
            return workerStreams.map { $0.part(file) }
        }) { file, parts in
            let file = shown(file)
            for finding in file.findings where finding.isInputError {
                // Input errors go to standard error, as in every command; the reports count them.
                Terminal.error(Terminal.diagnostic(finding, source: file.source, options: errorOptions, command: "check"))
            }
            for index in streams.indices {
                totals[index].add(file, parts[index])
                let bytes = streams[index].body(file, parts[index])
                if let spool = spools[index] { spool.write(bytes) } else { sinks[index].write(bytes) }
            }
        }
        for index in streams.indices {
            totals[index].files = result.fileCount
            totals[index].silencedByExceptions = result.silencedByExceptions
            totals[index].silencedByBaseline = result.silencedByBaseline
            if let spool = spools[index] {
                sinks[index].write(streams[index].start(totals[index]))
                spool.copy(to: sinks[index])
                if let failure = spool.failure {
                    throw UsageError(Catalog.render(Message("cli.cannot-write", ["path": targets[index].path ?? "-", "reason": failure]),
                                                    in: language))
                }
            }
            sinks[index].write(streams[index].end(totals[index]))
        }
        for sink in sinks { try sink.finish() }
        if !quiet {
            for special in result.specialFiles {
                Terminal.note(Message("input.special-file", ["path": special]), in: language)
            }
            if result.passedOver > 0 {
                Terminal.note(Message("input.not-policies", ["count": String(result.passedOver)]), in: language)
            }
        }
        let counts = totals[0]
        if counts.hasInputErrors { return 2 }
        guard let threshold = (output.failOn ?? .error).threshold else { return 0 }
        let reached = (threshold <= .error && counts.errors > 0) || (threshold <= .warning && counts.warnings > 0)
            || (threshold <= .note && counts.notes > 0)
        var code: Int32 = reached ? 1 : 0
        // `--max-warnings N`: more than N warnings fail the run (as ESLint's).
        if code == 0, let maxWarnings, maxWarnings >= 0, counts.warnings > maxWarnings {
            Terminal.error(Catalog.render(Message("cli.too-many-warnings", ["count": String(counts.warnings), "max": String(maxWarnings)]),
                                          in: language))
            code = 1
        }
        return code
    }

    /// The streamed report of a format.
    static func stream(_ format: ReportFormat, options: ReportOptions, context: ReportContext) -> any CheckReportStream {
        switch format {
        case .json: return CheckJSONStream(options: options)
        case .sarif: return SARIFStream(reporter: SARIFReporter(options: options, context: context))
        case .junit: return CheckJUnitStream(reporter: CheckJUnitReporter(options: options, context: context))
        case .github: return GitHubActionsStream(reporter: GitHubActionsReporter(options: options, context: context))
        case .markdown: return MarkdownStream(reporter: MarkdownReporter(options: options, context: context))
        default: return CheckTextStream(options: options)
        }
    }

    /// Whether ordering the inputs' files by repository-relative path (JUnit, Markdown)
    /// gives the order of their paths as given (the other formats): true unless absolute
    /// and relative paths, `..` or standard input mix in a way that swaps two files.
    static func ordersAgree(_ inputs: [String], paths: ArtifactPaths) -> Bool {
        let collected = PathCollector.collect(inputs)
        let names = collected.files.map { $0 == "-" ? "<stdin>" : $0 } + collected.problems.map(\.location.file)
        let byPath = names.sorted()
        let byRepository = names.map { (key: paths.repositoryRelative($0), name: $0) }
            .sorted { $0.key != $1.key ? $0.key < $1.key : $0.name < $1.name }.map(\.name)
        return byPath == byRepository
    }

    var baselinePath: String? { baseline }

    /// 2 when some input could not be used, 1 when a finding reaches the threshold, else 0.
    static func exitCode(_ result: CheckResult, failOn: FailOn) -> Int32 {
        if result.hasInputErrors { return 2 }
        guard let threshold = failOn.threshold else { return 0 }
        return result.findings.contains { $0.severity >= threshold } ? 1 : 0
    }
}
