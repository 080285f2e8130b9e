// Leeway's benchmark (see ../shared/bench/README.md for the workload and targets).
//
//   python3 make_workload.py /tmp/bench-data
//   python3 Benchmarks/make_variants.py /tmp/bench-data      (optional: the language 1.1 variant)
//   swift run -c release --static-swift-stdlib leeway-bench /tmp/bench-data [--seconds 2] [--tune-only | --customers-only | --overrides-only [N] | --check-only [FOLDER]]
//
// Measures, in this process: policy load and compile time; decisions per second on one
// core after load (cases parsed beforehand, no trace, no output); the batch pipeline
// (parse, evaluate, serialize) on one and on every core; and checks every outcome
// against expected.txt. When DIR/remedies/ exists (Benchmarks/make_variants.py), the same
// is measured on the language 1.1 variant — remedies owed without asking and limits that
// are amount rules — in the same run, and the ratios to the plain workload are printed;
// likewise DIR/customers/: a replay that tracks 20,000 customers' `per: customer` budgets
// against the same replay without customer ids; and DIR/spanish/: the cases with Spanish
// free text (UTF-8 and JSON escapes) against the same text in ASCII. Last, the `leeway eval
// --format json` pipeline with traces and overrides on the workload (issue 14): every case
// parsed, evaluated with its trace, its overrides planned (once per situation) and its JSON
// written, in order on one core, with the peak memory of the process. `--check-only
// [FOLDER]`: `leeway check` on FOLDER (default DIR/lint; ten copies of it for the README's
// 10,000 files) in every report format, streamed as the command streams it.
// Progress and results go to standard error and standard output.
import Foundation
import LeewayCore
import LeewayEngine
import LeewayOverrides
import LeewayReporters
import LeewayRules

func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// CPU time of this thread: the machine is shared, so wall time alone undercounts a core.
func cpuNow() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func fail(_ text: String) -> Never {
    FileHandle.standardError.write(Data("leeway-bench: \(text)\n".utf8))
    exit(2)
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else { fail("usage: leeway-bench DIR [--seconds N]   (DIR from make_workload.py)") }
let directory = arguments[1]
let seconds = arguments.firstIndex(of: "--seconds").flatMap { Double(arguments[$0 + 1]) } ?? 2.0

/// What one workload measured: the figures the ratios compare.
struct Figures {
    var decisionSeconds: Double
    var batchSeconds: [Double]
    var mismatches: Int
}

func measure(_ name: String, policyPath: String, casesPath: String, expectedPath: String?) -> Figures {
    print("== \(name)")
    // 1. Load and compile.
    var start = now()
    let loaded = PolicyLoader.load(path: policyPath)
    guard let policySet = loaded.policy else { fail("policy.yaml does not load: \(loaded.findings.map { $0.message.render() })") }
    let loadSeconds = now() - start
    start = now()
    let policy = CompiledPolicy(policySet)
    let compileSeconds = now() - start
    print(String(format: "load policy.yaml: %.2f ms; compile: %.3f ms", loadSeconds * 1000, compileSeconds * 1000))

    // 2. Parse every case once (the fast JSON Lines reader).
    guard let data = FileManager.default.contents(atPath: casesPath) else { fail("cannot read \(casesPath)") }
    let bytes = [UInt8](data)
    let parser = FastLineParser(policy: policy)
    var inputs: [CaseInput] = []
    start = now()
    bytes.withUnsafeBufferPointer { buffer in
        var lineStart = 0
        var scratch = CaseInput(for: policy)
        while lineStart < buffer.count {
            var end = lineStart
            while end < buffer.count && buffer[end] != 0x0A { end += 1 }
            if end > lineStart {
                guard parser.parse(UnsafeBufferPointer(rebasing: buffer[lineStart..<end]), into: &scratch) != nil else {
                    fail("line \(inputs.count + 1) is not on the fast path")
                }
                inputs.append(scratch)
            }
            lineStart = end + 1
        }
    }
    let parseSeconds = now() - start
    print(String(format: "parse %d cases (%.1f MB): %.3f s, %.0f cases/s", inputs.count, Double(bytes.count) / 1e6, parseSeconds,
                 Double(inputs.count) / parseSeconds))

    // 3. Outcomes against expected.txt.
    let expected = expectedPath.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }?.split(separator: "\n").map(String.init) ?? []
    var evaluator = Evaluator(policy: policy)
    var mismatches = 0
    for (index, input) in inputs.enumerated() {
        evaluator.evaluate(input)
        if index < expected.count, evaluator.decisions[0].outcome.rawValue != expected[index] { mismatches += 1 }
    }
    print("outcomes equal to expected.txt: \(inputs.count - mismatches) of \(inputs.count)\(expected.isEmpty ? " (no expected.txt)" : "")")

    // 4. Decisions per second on one core, after load.
    var decisions = 0
    var checksum = 0
    var rounds = 0
    start = now()
    let cpuStart = cpuNow()
    inputs.withUnsafeBufferPointer { cases in
        while now() - start < seconds {
            for index in 0..<cases.count {
                let resolution = evaluator.evaluate(cases[index])
                decisions += cases[index].wants.count
                checksum &+= resolution.blocked &+ Int(resolution.time & 0xFF)
            }
            rounds += 1
        }
    }
    let elapsed = now() - start
    let cpu = cpuNow() - cpuStart
    print(String(format: "in-process, one core: %d decisions in %.3f s wall (%.3f s CPU) = %.0f decisions/s wall, %.0f per CPU second (%.0f ns each; checksum %d)",
                 decisions, elapsed, cpu, Double(decisions) / elapsed, Double(decisions) / cpu, cpu / Double(decisions) * 1e9, checksum))

    // 5. The batch pipeline in process: parse, evaluate, serialize, in order; output discarded.
    var batchSeconds: [Double] = []
    for workers in [1, ProcessInfo.processInfo.activeProcessorCount] {
        let batch = BatchEvaluator(policy: policy, path: "cases.jsonl", workers: workers)
        var offset = 0
        var written = 0
        start = now()
        let summary = batch.run(read: { buffer in
            let count = min(buffer.count, bytes.count - offset)
            if count > 0 {
                bytes.withUnsafeBytes { source in
                    buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
                }
            }
            offset += count
            return count
        }, write: { written += $0.count }, report: { _ in })
        let elapsedBatch = now() - start
        batchSeconds.append(elapsedBatch)
        print(String(format: "batch pipeline, %d worker(s): %d cases in %.3f s = %.0f cases/s (%.1f MB written)",
                     workers, summary.cases, elapsedBatch, Double(summary.cases) / elapsedBatch, Double(written) / 1e6))
    }
    return Figures(decisionSeconds: cpu / Double(max(1, decisions)), batchSeconds: batchSeconds, mismatches: mismatches)
}

/// `leeway tune` on the workload: every grant with an `up-to` and every customer-facing
/// role's budget as levers, one pass over the history, the frontier, and the replays that
/// prove it (the recommendation, and every lever at the largest amount asked).
func measureTune(policyPath: String, casesPath: String) -> Bool {
    print("== tune (every lever)")
    let loaded = PolicyLoader.load(path: policyPath)
    guard let policy = loaded.policy, let file = loaded.file else { fail("tune: policy does not load") }
    let compiled = CompiledPolicy(policy)
    let start = now(), cpuStart = cpuNow()
    guard case .success(let result) = Tune.run(compiled, text: file.text, history: [casesPath], options: Tune.Options()) else {
        fail("tune: the run failed")
    }
    let wall = now() - start, cpu = cpuNow() - cpuStart
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    let limits = result.levers.filter { $0.kind == .limit }.count
    let monotone = zip(result.frontier, result.frontier.dropFirst()).allSatisfy {
        $1.measures.cost >= $0.measures.cost && $1.measures.firstContact >= $0.measures.firstContact
    }
    print(String(format: "tune: %d cases, %d levers (%d grant limits), %d frontier points in %.2f s wall (%.2f s CPU, single pass + 1 replay); peak RSS so far %.0f MB",
                 result.baseline.cases, result.levers.count, limits, result.frontier.count, wall, cpu, Double(usage.ru_maxrss) / 1024))
    print("tune: frontier monotone: \(monotone); recommendation replay equals the frontier: \(result.verified)")
    let last = result.frontier.last!
    let replayStart = now()
    let ceiling = TuneReplay.replay(last.settings, result: result, compiled: compiled, history: [casesPath])
    print(String(format: "tune: every lever at the largest amount asked, replayed with the evaluator: equal to the last point: %@ (%.2f s)",
                 ceiling == last.measures ? "true" : "false", now() - replayStart))
    return monotone && result.verified && ceiling == last.measures
}
/// The batch pipeline on every core over one file, in process, output discarded: seconds.
func batchSeconds(policyPath: String, casesPath: String) -> Double {
    guard let policy = PolicyLoader.load(path: policyPath).policy,
          let bytes = FileManager.default.contents(atPath: casesPath).map(Array.init) else { fail("cannot read \(policyPath) or \(casesPath)") }
    let batch = BatchEvaluator(policy: CompiledPolicy(policy), path: "cases.jsonl")
    var offset = 0
    let start = now()
    _ = batch.run(read: { buffer in
        let count = min(buffer.count, bytes.count - offset)
        if count > 0 {
            bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
        }
        offset += count
        return count
    }, write: { _ in }, report: { _ in })
    return now() - start
}

// `--customers-only`: the replay with customer ids against the same replay without, on
// every core, alternating for 9 rounds (the machine is shared): the medians and their ratio.
if arguments.contains("--customers-only") {
    let policy = directory + "/customers/policy.yaml"
    var with: [Double] = [], without: [Double] = []
    for _ in 0..<9 {
        without.append(batchSeconds(policyPath: policy, casesPath: directory + "/customers/cases-no-ids.jsonl"))
        with.append(batchSeconds(policyPath: policy, casesPath: directory + "/customers/cases.jsonl"))
    }
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    print(String(format: "per-customer replay on every core, median of 9 alternating rounds: with ids %.0f ms, without %.0f ms: %.2f×",
                 median(with) * 1000, median(without) * 1000, median(with) / median(without)))
    exit(0)
}
// `--overrides-only [N]`: just the `eval --format json` pipeline, on the first N cases.
if let at = arguments.firstIndex(of: "--overrides-only") {
    let limit = at + 1 < arguments.count ? Int(arguments[at + 1]) ?? .max : .max
    measureOverrides(policyPath: directory + "/policy.yaml", casesPath: directory + "/cases.jsonl", limit: limit)
    exit(0)
}
// `--check-only [FOLDER]`: `leeway check` in every format, the report's bytes counted and dropped.
if let at = arguments.firstIndex(of: "--check-only") {
    measureCheck(at + 1 < arguments.count ? arguments[at + 1] : directory + "/lint")
    exit(0)
}
// `--tune-only`: just `leeway tune` (its peak memory then is its own).
if arguments.contains("--tune-only") {
    exit(measureTune(policyPath: directory + "/policy.yaml", casesPath: directory + "/cases.jsonl") ? 0 : 1)
}
let plain = measure("workload", policyPath: directory + "/policy.yaml", casesPath: directory + "/cases.jsonl",
                    expectedPath: directory + "/expected.txt")
var failed = plain.mismatches > 0
if FileManager.default.fileExists(atPath: directory + "/remedies/policy.yaml") {
    let variant = measure("language 1.1 variant (remedies, amount rules)", policyPath: directory + "/remedies/policy.yaml",
                          casesPath: directory + "/remedies/cases.jsonl", expectedPath: nil)
    print(String(format: "ratio, variant / workload: %.2f× per decision (one core), %.2f× batch on 1 worker, %.2f× batch on every core",
                 variant.decisionSeconds / plain.decisionSeconds, variant.batchSeconds[0] / plain.batchSeconds[0],
                 variant.batchSeconds[1] / plain.batchSeconds[1]))
    failed = failed || variant.mismatches > 0
}
if FileManager.default.fileExists(atPath: directory + "/customers/policy.yaml") {
    let without = measure("per-customer budgets, cases without customer ids", policyPath: directory + "/customers/policy.yaml",
                          casesPath: directory + "/customers/cases-no-ids.jsonl", expectedPath: nil)
    let with = measure("per-customer budgets, 20,000 customers tracked in input order", policyPath: directory + "/customers/policy.yaml",
                       casesPath: directory + "/customers/cases.jsonl", expectedPath: nil)
    print(String(format: "ratio, with ids / without: %.2f× batch on 1 worker, %.2f× batch on every core",
                 with.batchSeconds[0] / without.batchSeconds[0], with.batchSeconds[1] / without.batchSeconds[1]))
}
if FileManager.default.fileExists(atPath: directory + "/spanish/cases.jsonl") {
    let ascii = measure("free text in ASCII (title, problem, goal)", policyPath: directory + "/policy.yaml",
                        casesPath: directory + "/spanish/cases-ascii.jsonl", expectedPath: directory + "/expected.txt")
    let spanish = measure("free text in Spanish (accents, ñ, escapes)", policyPath: directory + "/policy.yaml",
                          casesPath: directory + "/spanish/cases.jsonl", expectedPath: directory + "/expected.txt")
    print(String(format: "ratio, Spanish / ASCII text: %.2f× batch on 1 worker, %.2f× batch on every core; Spanish / plain workload: %.2f× on every core",
                 spanish.batchSeconds[0] / ascii.batchSeconds[0], spanish.batchSeconds[1] / ascii.batchSeconds[1],
                 spanish.batchSeconds[1] / plain.batchSeconds[1]))
    failed = failed || ascii.mismatches > 0 || spanish.mismatches > 0
}

failed = !measureTune(policyPath: directory + "/policy.yaml", casesPath: directory + "/cases.jsonl") || failed
/// `leeway eval --format json` in process: traces, overrides and the customer message
/// for every case, the document written piece by piece and discarded.
func measureOverrides(policyPath: String, casesPath: String, limit: Int = .max) {
    print("== eval --format json with traces and overrides")
    guard let policySet = PolicyLoader.load(path: policyPath).policy,
          let data = FileManager.default.contents(atPath: casesPath) else { fail("cannot read the workload") }
    let bytes = [UInt8](data)
    let start = now()
    let compiled = CompiledPolicy(policySet)
    let planner = OverridePlanner(policy: policySet, compiled: compiled)
    let stream = EvalCaseStream(planner: planner, explanation: Explanation(policy: compiled, language: .en), language: .en)
    let file = SourceFile(path: casesPath, text: String(decoding: bytes, as: UTF8.self))
    var writer = JSONWriter(pretty: true, capacity: 1 << 17)
    var written = 0
    var counts = EvalCaseStream.Counts()
    writer.beginObject()
    writer.key(ascii: "cases")
    writer.beginArray()
    var lineStart = 0, lineNumber = 0
    var batch: [EvaluatedCase] = []
    func flush() {
        let done = stream.write(batch, into: &writer)
        counts.cases += done.cases
        counts.overrides += done.overrides
        counts.unresolved += done.unresolved
        counts.counterOffers += done.counterOffers
        batch.removeAll(keepingCapacity: true)
        if writer.count >= 1 << 16 { written += writer.takeBytes().count }
    }
    // As `leeway eval --format json` does: evaluated in order, planned and written in
    // batches on every core.
    while lineStart < bytes.count && lineNumber < limit {
        var end = lineStart
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        lineNumber += 1
        let line = Array(bytes[lineStart..<end])
        lineStart = end + 1
        guard !line.isEmpty, let source = CaseLoader.decodeLine(line, path: casesPath, lineNumber: lineNumber, file: file).0,
              case .success(let evaluated) = Engine.evaluate(source, with: compiled, tracing: true) else { continue }
        batch.append(evaluated)
        if batch.count >= 256 { flush() }
    }
    flush()
    writer.endArray()
    writer.endObject()
    written += writer.takeBytes().count
    let elapsed = now() - start
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    print(String(format: "%d cases in %.2f s (%.0f cases/s): %d overrides, %d wants with no change, %d counter-offers; %.1f MB of JSON; peak memory of this process %.0f MB",
                 counts.cases, elapsed, Double(counts.cases) / elapsed, counts.overrides, counts.unresolved, counts.counterOffers,
                 Double(written) / 1e6, Double(usage.ru_maxrss) / 1024))
}

measureOverrides(policyPath: directory + "/policy.yaml", casesPath: directory + "/cases.jsonl")
exit(failed ? 1 : 0)

/// The process's CPU time (every thread) and peak resident memory in MB.
func processUsage() -> (cpu: Double, peakMB: Int) {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    return (cpu, usage.ru_maxrss / 1024)
}

/// `leeway check FOLDER --format F` for every format, in process: the streamed check
/// (`Linter.check(paths:order:prepare:each:)` and each format's `CheckReportStream`).
func measureCheck(_ folder: String) {
    let context = ReportContext(toolVersion: "bench", command: "check", inputs: [folder], paths: ArtifactPaths.current(), failOn: .error)
    let options = ReportOptions()
    let streams: [(String, any CheckReportStream)] = [
        ("text", CheckTextStream(options: options)),
        ("json", CheckJSONStream(options: options)),
        ("sarif", SARIFStream(reporter: SARIFReporter(options: options, context: context))),
        ("junit", CheckJUnitStream(reporter: CheckJUnitReporter(options: options, context: context))),
        ("github", GitHubActionsStream(reporter: GitHubActionsReporter(options: options, context: context))),
        ("markdown", MarkdownStream(reporter: MarkdownReporter(options: options, context: context))),
    ]
    let paths = context.paths
    let byRepositoryPath: @Sendable (String) -> String = { paths.repositoryRelative($0) }
    for (name, first) in streams {
        var stream = first
        let worker = first
        let start = now(), before = processUsage()
        var bytes = 0
        var totals = CheckTotals()
        let result = Linter().check(paths: [folder], order: stream.ordersByRepositoryPath ? byRepositoryPath : nil,
                                    prepare: { worker.part($0) }) { file, part in
            totals.add(file, part)
            bytes += stream.body(file, part).count
        }
        totals.files = result.fileCount
        bytes += stream.start(totals).count + stream.end(totals).count
        let after = processUsage()
        print(String(format: "check --format %@ on %d files: %.2f s wall, %.2f s CPU, %.1f MB of report; peak memory so far %d MB",
                     name, result.fileCount, now() - start, after.cpu - before.cpu, Double(bytes) / 1e6, after.peakMB))
    }
}
