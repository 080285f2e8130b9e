import ArgumentParser
import Foundation
import LeewayCore
import LeewayEngine
import LeewayOverrides
import LeewayReporters

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: HelpText.text("help.eval.abstract"),
        discussion: HelpText.text("help.eval.discussion")
    )

    @Argument(help: HelpText.argument("help.eval.policy"))
    var policy: String

    @Argument(help: HelpText.argument("help.eval.cases"))
    var cases: [String] = []

    @Option(name: .customLong("as"), help: HelpText.argument("help.eval.as", valueName: "role"))
    var role: String?

    @Option(name: .long, help: HelpText.argument("help.eval.want", valueName: "action[=amount]"))
    var want: [String] = []

    @Option(name: .long, help: HelpText.argument("help.eval.fact", valueName: "key=value"))
    var fact: [String] = []

    @Option(name: .long, help: HelpText.argument("help.eval.channel"))
    var channel: String?

    @Option(name: .long, help: HelpText.argument("help.eval.mood"))
    var mood: String?

    @Flag(name: .long, help: HelpText.argument("help.eval.explain"))
    var explain = false

    @OptionGroup var output: OutputOptions<EvalFormats>

    @OptionGroup var patchOptions: PatchOptions

    @Option(name: .customLong("cases"),
            help: HelpText.argument("help.eval.corpus", valueName: "path"))
    var corpus: [String] = []

    static var formats: [ReportFormat] { EvalFormats.formats }

    func validate() throws {
        try output.validate(command: "eval", formats: Eval.formats, inputs: [policy] + cases + corpus)
        if patchOptions.fix {
            // `--fix` writes the policy: it must not also be read as cases.
            try output.validate(command: "eval", formats: Eval.formats, inputs: cases + corpus, files: [policy])
        }
        if output.format == .jsonl && !output.report.isEmpty {
            throw ValidationError(Catalog.render(Message("cli.jsonl-one-report"), in: output.language))
        }
        if output.format == .jsonl && (patchOptions.isOn || !corpus.isEmpty) {
            throw ValidationError(Catalog.render(Message("cli.jsonl-decisions-only"), in: output.language))
        }
    }

    func run() throws {
        let language = output.language
        let errorOptions = ReportOptions(language: language, color: Terminal.stderrTakesColor)

        // The policy set.
        let loaded = PolicyLoader.load(path: policy)
        guard let policySet = loaded.policy else {
            let errors = loaded.findings.filter { $0.severity == .error }
            for finding in errors {
                Terminal.error(Terminal.diagnostic(finding, source: loaded.file, options: errorOptions, command: "eval"))
            }
            try emitErrorsOnly(errors)
            throw ExitCode(2)
        }
        let compiled = CompiledPolicy(policySet)

        let typed = role != nil || !want.isEmpty || !fact.isEmpty || channel != nil || mood != nil
        if typed && !cases.isEmpty {
            throw UsageError(Catalog.render(Message("engine.shell-and-files"), in: language))
        }
        var evaluated: [EvaluatedCase] = []
        var errors: [Finding] = []
        var sources: [String: SourceFile] = [:]
        var invalidLines = false
        var otherPolicy = 0
        let ledger = CustomerLedger()
        // Files and folders, collected as `leeway diff --cases` collects them.
        let found = CaseCorpus.files(cases)
        errors += found.problems
        for special in found.specialFiles {
            Terminal.note(Message("input.special-file", ["path": special]), in: language)
        }
        if found.passedOver > 0 {
            Terminal.note(Message("input.passed-over", ["count": String(found.passedOver)]), in: language)
        }

        if typed {
            // No `--want` asks only what is owed without asking (language 1.1).
            guard let role else {
                throw UsageError(Catalog.render(Message("engine.shell-needs-role"), in: language))
            }
            let (built, file, problems) = ShellCase(role: role, wants: want, facts: fact, channel: channel, mood: mood, language: language).build()
            sources[file.path] = file
            errors += problems
            if let built {
                switch Engine.evaluate(built, with: compiled) {
                case .success(let result): evaluated.append(result)
                case .failure(let problems): errors += problems.findings
                }
            }
        } else if cases.isEmpty || (found.files.isEmpty && found.problems.isEmpty) {
            // Nothing named, or folders holding no case file.
            let finding = Finding(rule: Finding.invalidCase, severity: .error, location: SourceLocation(file: policy, position: nil),
                                  message: Message("engine.no-cases"), help: Message("engine.no-cases.help"))
            Terminal.error(FindingText.render(finding, source: nil, options: errorOptions))
            try emitErrorsOnly(found.problems + [finding])
            throw ExitCode(2)
        }

        if output.format == .jsonl {
            try streamJSONLines(compiled, files: found.files, shellCases: evaluated, shellErrors: errors, sources: sources,
                                errorOptions: errorOptions)
            return
        }
        if output.format == .json && output.report.isEmpty && !patchOptions.isOn && !typed && !found.files.contains("-") {
            try streamJSONDocument(compiled, policySet: policySet, files: found.files, errors: errors, sources: sources,
                                   errorOptions: errorOptions)
            return
        }

        for path in found.files {
            let result: CaseLoadResult
            if path == "-" {
                let bytes: [UInt8]
                switch SourceReading.bytes(path: "-", code: Finding.invalidCase, limit: nil) {
                case .success(let read): bytes = read
                case .failure(let finding):
                    errors.append(finding)
                    continue
                }
                let firstByte = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
                result = firstByte == UInt8(ascii: "{") ? CaseLoader.loadJSONLines(bytes: bytes, path: "<stdin>")
                    : CaseLoader.load(bytes: bytes, path: "<stdin>")
            } else {
                result = CaseLoader.load(path: path)
            }
            if let file = result.file { sources[file.path] = file }
            errors += result.findings.filter { $0.severity == .error }
            // A case with one mistake is still bound, so that its other mistakes show too.
            errors += compiled.policy.bindingFindings(for: result)
            // In a folder, cases written for another policy set are not this run's business.
            let fromFolder = !cases.contains(path)
            // `per: customer` budgets follow each customer through the run, in input order.
            for source in result.cases {
                if fromFolder, let other = source.policy, other.value != compiled.policy.id.value {
                    otherPolicy += 1
                    continue
                }
                switch Engine.evaluate(source, with: compiled, tracing: true, ledger: ledger) {
                case .success(let value): evaluated.append(value)
                case .failure(let problems): errors += problems.findings
                }
            }
            if CaseLoader.isJSONLines(path) && !result.findings.isEmpty { invalidLines = true }
        }

        if otherPolicy > 0 {
            Terminal.note(Message("engine.other-policy", ["count": String(otherPolicy), "policy": compiled.policy.id.value]), in: language)
        }

        // "Do the right thing": overrides for wants that are not allowed (`--cases` ranks them).
        let corpusCases = PatchSupport.loadCorpus(corpus)
        errors += corpusCases.errors
        sources.merge(corpusCases.sources) { first, _ in first }
        for special in corpusCases.specialFiles {
            Terminal.note(Message("input.special-file", ["path": special]), in: language)
        }
        if corpusCases.passedOver > 0 {
            Terminal.note(Message("input.passed-over", ["count": String(corpusCases.passedOver)]), in: language)
        }
        let planner = OverridePlanner(policy: policySet, corpus: corpusCases.cases, compiled: compiled)

        for finding in errors.sortedByLocation() {
            Terminal.error(Terminal.diagnostic(finding, source: sources[finding.location.file], options: errorOptions, command: "eval"))
        }
        if patchOptions.isOn {
            let patch = planner.patch(for: evaluated.map(\.source))
            for (caseID, action) in patch.unresolved {
                Terminal.error("leeway: " + Catalog.text("severity.warning", in: language) + ": " + Catalog.render(Message("override.patch.unresolved", ["case": caseID, "action": action]), in: language))
            }
            try PatchSupport.deliver([.init(path: policy, original: patch.original, text: patch.text)], options: patchOptions,
                                     output: output, language: language)
            if let impact = planner.impact(of: patch), !patch.isEmpty {
                Terminal.error(Catalog.render(Message("override.impact", ["helped": String(impact.helped), "cases": String(impact.cases),
                                                                          "firstContact": String(impact.firstContact), "cost": impact.costText]),
                                              in: language))
            }
            if patchOptions.fix && !patch.isEmpty {
                Terminal.error(Catalog.render(Message("override.patch.applied", ["count": String(patch.applied.count), "path": policy]), in: language))
            }
        } else if !evaluated.isEmpty || output.format == .json {
            try output.emit { format, options in
                let advice = evaluated.map { planner.advice(for: $0, language: options.language) }
                switch format {
                case .json: return EvalJSON.document(evaluated, errors: errors, language: options.language, advice: advice)
                default: return EvalText(language: options.language, color: options.color, explain: explain, advice: advice).report(evaluated)
                }
            }
        }
        if !errors.isEmpty || invalidLines { throw ExitCode(2) }
    }

    /// When the input cannot be used at all: `--format json` still writes its document,
    /// with no case and the errors (as `leeway check --format json` does); text and JSON
    /// Lines write nothing on standard output. The errors are on standard error in every
    /// format, and the exit code is 2 (docs/ci.md).
    func emitErrorsOnly(_ errors: [Finding]) throws {
        guard output.format == .json, !patchOptions.isOn else { return }
        try output.emit { _, options in EvalJSON.document([], errors: errors, language: options.language) }
    }

    /// `--format json` on case files: the same document as `EvalJSON.document`, written
    /// as it goes — each case is evaluated, planned (`OverridePlanner` plans once per
    /// situation) and serialized, then let go; JSON Lines files are read a few hundred
    /// lines at a time. Memory stays flat however many cases there are; the errors close
    /// the document and go to standard error at the end.
    func streamJSONDocument(_ compiled: CompiledPolicy, policySet: PolicySet, files: [String], errors initial: [Finding],
                            sources initialSources: [String: SourceFile], errorOptions: ReportOptions) throws {
        let language = output.language
        var errors = initial
        var sources = initialSources
        var invalidLines = false
        var otherPolicy = 0
        let ledger = CustomerLedger()
        let corpusCases = PatchSupport.loadCorpus(corpus)
        errors += corpusCases.errors
        sources.merge(corpusCases.sources) { first, _ in first }
        for special in corpusCases.specialFiles {
            Terminal.note(Message("input.special-file", ["path": special]), in: language)
        }
        if corpusCases.passedOver > 0 {
            Terminal.note(Message("input.passed-over", ["count": String(corpusCases.passedOver)]), in: language)
        }
        let planner = OverridePlanner(policy: policySet, corpus: corpusCases.cases, compiled: compiled)
        let explanation = Explanation(policy: compiled, language: language)
        let stream = EvalCaseStream(planner: planner, explanation: explanation, language: language)
        let inOrder = compiled.hasCustomerBudget.contains(true)
        let sink = try OutputSink(path: output.output)
        var writer = JSONWriter(pretty: true, capacity: 1 << 17)
        writer.beginObject()
        writer.key(ascii: "cases")
        writer.beginArray()
        func handle(_ result: CaseLoadResult, fromFolder: Bool) {
            if let file = result.file { sources[file.path] = file }
            errors += result.findings.filter { $0.severity == .error }
            errors += compiled.policy.bindingFindings(for: result)
            // Evaluated in input order when a customer's budget ties a case to those before
            // it, else on every core; then planned and written on every core.
            var kept: [Case] = []
            for source in result.cases {
                if fromFolder, let other = source.policy, other.value != compiled.policy.id.value {
                    otherPolicy += 1
                } else {
                    kept.append(source)
                }
            }
            for start in stride(from: 0, to: kept.count, by: 1024) {
                let chunk = Array(kept[start..<min(kept.count, start + 1024)])
                let results = inOrder ? chunk.map { Engine.evaluate($0, with: compiled, tracing: true, ledger: ledger) }
                                      : stream.map(chunk) { Engine.evaluate($0, with: compiled, tracing: true) }
                var evaluatedCases: [EvaluatedCase] = []
                for result in results {
                    switch result {
                    case .success(let evaluated): evaluatedCases.append(evaluated)
                    case .failure(let problems): errors += problems.findings
                    }
                }
                stream.write(evaluatedCases, into: &writer)
                if writer.count >= 1 << 16 { sink.write(writer.takeBytes()) }
            }
        }
        for path in files {
            let fromFolder = !cases.contains(path)
            guard CaseLoader.isJSONLines(path) else {
                handle(CaseLoader.load(path: path), fromFolder: fromFolder)
                continue
            }
            let bytes: [UInt8]
            switch SourceReading.bytes(path: path, code: Finding.invalidCase, limit: nil) {
            case .success(let read): bytes = read
            case .failure(let finding):
                errors.append(finding)
                continue
            }
            let file = SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self))
            // Lines are read 1,024 at a time on every core, then handled in order (fewer
            // rounds, each with enough work that neither core waits long at its end).
            var lines: [(bytes: [UInt8], number: Int)] = []
            var any = false
            func flush() {
                let read = stream.map(lines) { CaseLoader.decodeLine($0.bytes, path: path, lineNumber: $0.number, file: file) }
                var chunk: [Case] = []
                var findings: [Finding] = []
                for (parsed, problems) in read {
                    findings += problems
                    if !problems.isEmpty { invalidLines = true }
                    if let parsed { chunk.append(parsed) }
                }
                if !any { findings.append(CaseLoader.emptyFile(path: path)) }
                handle(CaseLoadResult(file: file, cases: chunk, findings: findings), fromFolder: fromFolder)
                lines.removeAll(keepingCapacity: true)
            }
            CaseLoader.forEachLine(in: bytes) { line, number in
                lines.append((line, number))
                any = true
                if lines.count >= 1024 { flush() }
            }
            flush()
        }
        writer.endArray()
        writer.key(ascii: "errors")
        writer.beginArray()
        for finding in errors {
            EvalJSON.writeFinding(finding, language: language, into: &writer)
        }
        writer.endArray()
        writer.endObject()
        writer.newline()
        sink.write(writer.takeBytes())
        try sink.finish()
        if otherPolicy > 0 {
            Terminal.note(Message("engine.other-policy", ["count": String(otherPolicy), "policy": compiled.policy.id.value]), in: language)
        }
        for finding in errors.sortedByLocation() {
            Terminal.error(Terminal.diagnostic(finding, source: sources[finding.location.file], options: errorOptions, command: "eval"))
        }
        if !errors.isEmpty || invalidLines { throw ExitCode(2) }
    }

    /// `--format jsonl`: shell cases are evaluated and written one per line; case files
    /// (JSON Lines and YAML) stream through `BatchEvaluator` on every core.
    func streamJSONLines(_ compiled: CompiledPolicy, files: [String], shellCases: [EvaluatedCase], shellErrors: [Finding],
                         sources: [String: SourceFile], errorOptions: ReportOptions) throws {
        let sink = try OutputSink(path: output.output)
        var summary = BatchSummary()
        var failed = !shellErrors.isEmpty
        let sources = sources
        func report(_ finding: Finding) {
            Terminal.error(Terminal.diagnostic(finding, source: sources[finding.location.file], options: errorOptions, command: "eval"))
        }
        func writeCases(_ list: [EvaluatedCase]) {
            var writer = JSONWriter()
            for evaluated in list {
                EvalJSON.writeCase(id: Array(evaluated.source.id.value.utf8), policy: compiled, input: evaluated.input,
                                   decisions: evaluated.decisions, resolution: evaluated.resolution,
                                   trace: explain ? evaluated.trace : nil,
                                   explanation: explain ? Explanation(policy: compiled, language: output.language) : nil,
                                   location: nil, into: &writer, owed: evaluated.owed, notes: evaluated.notes,
                                   language: output.language)
                writer.newline()
                summary.add(decisions: evaluated.decisions, resolution: evaluated.resolution)
            }
            sink.write(writer.bytes)
        }
        shellErrors.forEach(report)
        writeCases(shellCases)

        for path in files {
            do {
                let display = path == "-" ? "<stdin>" : path
                if path == "-" && Streams.stdinClosed {
                    if case .failure(let finding) = SourceReading.bytes(path: "-", code: Finding.invalidCase, limit: 1) { report(finding) }
                    failed = true
                    continue
                }
                let descriptor: Int32 = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
                if descriptor < 0 {
                    let reading = SourceReading.bytes(path: path, code: Finding.invalidCase, limit: 1)
                    if case .failure(let finding) = reading { report(finding) }
                    failed = true
                    continue
                }
                defer { if descriptor != 0 { close(descriptor) } }
                var isDirectory = stat()
                if fstat(descriptor, &isDirectory) == 0, (isDirectory.st_mode & S_IFMT) == S_IFDIR {
                    report(Finding(rule: Finding.invalidCase, severity: .error, location: SourceLocation(file: display, position: nil),
                                   message: Message("input.is-directory", ["path": display]),
                                   help: path == "-" ? Message("input.stdin.help") : nil))
                    failed = true
                    continue
                }
                let batch = BatchEvaluator(policy: compiled, path: display, explain: explain, language: output.language)
                // Standard input in this format is JSON Lines; files by their extension.
                batch.format = path == "-" || CaseLoader.isJSONLines(path) ? .jsonLines : .yaml
                // In a folder, cases written for another policy set are not this run's business.
                batch.passOverOtherPolicies = !cases.contains(path)
                // A read error (EIO, EISDIR) ends the file and is reported: never taken for its end.
                var readError: Int32?
                let result = batch.run(read: { buffer in
                    while true {
                        let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
                        if count < 0 && errno == EINTR { continue }
                        if count < 0 { readError = errno }
                        return max(0, count)
                    }
                }, write: { bytes in sink.write(bytes) }, report: { finding in report(finding) })
                if let readError {
                    report(Finding(rule: Finding.invalidCase, severity: .error, location: SourceLocation(file: display, position: nil),
                                   message: Message("input.cannot-read", ["path": display, "reason": String(cString: strerror(readError))]),
                                   help: Message(path == "-" ? "input.stdin.help" : "input.unreadable.help")))
                    failed = true
                }
                if result.invalid > 0 { failed = true }
                summary.merge(result)
            }
        }
        try sink.finish()
        if summary.otherPolicy > 0 {
            Terminal.note(Message("engine.other-policy", ["count": String(summary.otherPolicy),
                                                                            "policy": compiled.policy.id.value]), in: output.language)
        }
        Terminal.error(summary.render(language: output.language))
        if failed { throw ExitCode(2) }
    }
}

/// Where a streamed report goes: standard output, or a file written beside its final
/// path and renamed over it at the end (`AtomicFile.Stream`: readers never see a partial
/// report, a failed write leaves the old file, a kill leaves no temporary file).
final class OutputSink {
    let path: String?
    let file: AtomicFile.Stream?

    init(path: String?) throws {
        // `--output /dev/stdout` is standard output itself: written through `Streams`, which
        // says when it is closed or full (exit 2) instead of writing to what stands in for it.
        guard let path, !Streams.isStandardOutput(path) else {
            self.path = nil
            file = nil
            return
        }
        self.path = path
        do {
            file = try AtomicFile.Stream(path: path)
        } catch {
            throw UsageError(Catalog.render(Message("cli.cannot-write", ["path": path, "reason": error.reason]), in: RunLanguage.current))
        }
    }

    func write(_ bytes: [UInt8]) {
        if let file { file.write(bytes) } else { Streams.stdout(bytes) }
    }

    /// Puts the file in place, or says why it could not be written (exit 2).
    func finish() throws {
        guard let file, let path else { return }
        do {
            try file.commit()
        } catch {
            throw UsageError(Catalog.render(Message("cli.cannot-write", ["path": path, "reason": error.reason]), in: RunLanguage.current))
        }
    }
}
