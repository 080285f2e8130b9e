import ArgumentParser
import Foundation
import LeewayCore
import LeewayEngine
import LeewayOverrides
import LeewayReporters

enum TuneFormats: CommandFormats {
    static var formats: [ReportFormat] { [.text, .json, .markdown, .html] }
    static var reportExample: String { "html:tune.html" }
}

/// `leeway tune POLICY --cases HISTORY`: parses arguments, calls `Tune.run`, prints.
struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: HelpText.text("help.tune.abstract"),
        discussion: HelpText.text("help.tune.discussion")
    )

    @Argument(help: HelpText.argument("help.tune.policy"))
    var policy: String

    @Option(name: .long, parsing: .upToNextOption, help: HelpText.argument("help.tune.cases", valueName: "path"))
    var cases: [String] = []

    @Option(name: .long, help: HelpText.argument("help.tune.role", valueName: "role"))
    var role: [String] = []

    @Option(name: .long, help: HelpText.argument("help.tune.action", valueName: "action"))
    var action: [String] = []

    @Option(name: .long, help: HelpText.argument("help.tune.budget", valueName: "money"))
    var budget: String?

    @Option(name: .customLong("target-fcr"), help: HelpText.argument("help.tune.target-fcr", valueName: "percent"))
    var targetFCR: String?

    @OptionGroup var output: OutputOptions<TuneFormats>

    @OptionGroup var patchOptions: PatchOptions

    func validate() throws {
        try output.validate(command: "tune", formats: TuneFormats.formats, inputs: [policy] + cases)
        if patchOptions.fix {
            try output.validate(command: "tune", formats: TuneFormats.formats, inputs: cases, files: [policy])
        }
        if cases.isEmpty {
            throw ValidationError(Catalog.render(Message("tune.no-cases.help", ["policy": policy]), in: output.language))
        }
        if budget != nil && targetFCR != nil {
            throw ValidationError(Catalog.render(Message("tune.both-goals"), in: output.language))
        }
    }

    func run() throws {
        let language = output.language
        let errorOptions = ReportOptions(language: language, color: Terminal.stderrTakesColor)
        let loaded = PolicyLoader.load(path: policy)
        guard let policySet = loaded.policy, let file = loaded.file else {
            for finding in loaded.findings where finding.severity == .error {
                Terminal.error(Terminal.diagnostic(finding, source: loaded.file, options: errorOptions, command: "tune"))
            }
            throw ExitCode(2)
        }
        var options = Tune.Options()
        options.roles = role
        options.actions = action
        options.budget = budget
        options.targetFCR = targetFCR
        let result: Tune.Result
        switch Tune.run(CompiledPolicy(policySet), text: file.text, history: cases, options: options) {
        case .failure(let failure):
            for finding in failure.findings {
                let source = finding.location.file == file.path ? file : nil
                Terminal.error(Terminal.diagnostic(finding, source: source, options: errorOptions, command: "tune"))
            }
            throw ExitCode(2)
        case .success(let success):
            result = success
        }
        for finding in result.historyErrors {
            Terminal.error(Terminal.diagnostic(finding, source: nil, options: errorOptions, command: "tune"))
        }
        if !result.verified {
            Terminal.error(Catalog.render(Message("tune.replay-differs"), in: language))
        }

        if patchOptions.isOn {
            if result.patchedText == result.originalText {
                Terminal.error(Catalog.render(Message("tune.patch-none"), in: language))
            } else {
                try PatchSupport.deliver([PatchSupport.FileChange(path: file.path, original: file.text, text: result.patchedText)],
                                         options: patchOptions, output: output, language: language)
            }
        } else {
            try output.emit { format, options in
                switch format {
                case .json: return TuneJSONReporter(options: options).report(result)
                case .markdown: return TuneMarkdownReporter(options: options).report(result)
                case .html: return TuneHTMLReporter(options: options, toolVersion: Leeway.version).report(result)
                default: return TuneTextReporter(options: options).report(result)
                }
            }
        }
        if !result.historyErrors.isEmpty {
            Terminal.error(Catalog.render(Message("tune.history-unreadable"), in: language))
            throw ExitCode(2)
        }
        // The frontier and the evaluator disagreeing is a defect of this tool, never a
        // success: the report (with the replay's figures) is written, and the exit is 2.
        if !result.verified { throw ExitCode(2) }
        if result.unreachable {
            let target: String
            if case .target(let value) = result.goal { target = TuneFormat.decimal(value) + "%" } else { target = "" }
            Terminal.error(Catalog.render(Message("tune.unreachable", ["target": target, "rate": TuneFormat.percent(result.frontier.last!.measures.rate)]),
                                          in: language))
            throw ExitCode(1)
        }
    }
}
