import Foundation
import LeewayCore
import LeewayEngine
import LeewayOverrides
import Testing

/// The fuzz targets' properties on every committed input (`Fuzz/Corpus`: the seeds, and
/// every input a fuzzer ever crashed on, named `crash-*`), so that a fixed crash stays
/// fixed in `swift test` without libFuzzer. `scripts/fuzz.sh` explores further.
@Suite struct FuzzRegressionTests {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    static func inputs(_ target: String) -> [String] {
        let folder = root.appendingPathComponent("Fuzz/Corpus/\(target)").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { folder + "/" + $0 }
    }

    static let policy: CompiledPolicy = {
        let loaded = PolicyLoader.load(path: root.appendingPathComponent("policies/acme-field-service.yaml").path)
        return CompiledPolicy(loaded.policy!)
    }()

    static func outcome(_ d: Decision) -> String {
        "\(d.want) \(d.action) \(d.outcome) \(d.by) \(d.within) \(d.viaDiscretion) \(d.handoffs) \(d.approval) \(d.path)"
    }

    @Test func thereAreSeeds() {
        for target in ["FuzzPolicy", "FuzzCases", "FuzzLines", "FuzzEval"] { #expect(!Self.inputs(target).isEmpty, "\(target)") }
    }

    /// FuzzLines: what the fast parser accepts, the general loader accepts with the same output.
    @Test(arguments: inputs("FuzzLines"))
    func fastAndGeneralJSONLinesAgree(_ path: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let policy = Self.policy
        let parser = FastLineParser(policy: policy)
        var input = CaseInput(for: policy)
        var evaluator = Evaluator(policy: policy)
        let file = SourceFile(path: "fuzz.jsonl", text: "")
        for (index, slice) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            var line = Array(slice)
            if line.last == 0x0D { line.removeLast() }
            let (slow, problems) = CaseLoader.decodeLine(line, path: "fuzz.jsonl", lineNumber: index + 1, file: file)
            guard let id = line.withUnsafeBufferPointer({ parser.parse($0, into: &input) }) else { continue }
            let slowCase = try #require(slow, "line \(index + 1): fast accepts what the loader refuses: \(problems)")
            guard case .success(let evaluated) = Engine.evaluate(slowCase, with: policy, tracing: false) else {
                Issue.record("line \(index + 1): the fast parser accepts a case that does not bind")
                continue
            }
            let resolution = evaluator.evaluate(input)
            var fast = JSONWriter(pretty: false, capacity: 512), general = JSONWriter(pretty: false, capacity: 512)
            line.withUnsafeBufferPointer { buffer in
                EvalJSON.writeCase(id: UnsafeBufferPointer(rebasing: buffer[id]), policy: policy, input: input, decisions: evaluator.decisions,
                                   resolution: resolution, trace: nil, explanation: nil, location: nil, into: &fast)
            }
            EvalJSON.writeCase(id: Array(evaluated.source.id.value.utf8), policy: policy, input: evaluated.input, decisions: evaluated.decisions,
                               resolution: evaluated.resolution, trace: nil, explanation: nil, location: nil, into: &general)
            #expect(fast.string == general.string, "line \(index + 1)")
        }
    }

    /// FuzzEval and FuzzCases: loading and evaluating never traps; traced and untraced agree.
    @Test(arguments: inputs("FuzzEval") + inputs("FuzzCases"))
    func tracedAndUntracedEvaluationsAgree(_ path: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let loaded = CaseLoader.load(bytes: bytes, path: "fuzz.yaml")
        var evaluator = Evaluator(policy: Self.policy)
        for source in loaded.cases {
            guard case .success(let traced) = Engine.evaluate(source, with: Self.policy, tracing: true) else { continue }
            let resolution = evaluator.evaluate(traced.input)
            // `step` points into the trace, which only the traced run keeps.
            #expect(evaluator.decisions.map(Self.outcome) == traced.decisions.map(Self.outcome))
            #expect(resolution == traced.resolution)
            // As the harness does: small cases get their overrides planned.
            if source.wants.count <= 3 { _ = Self.planner.advice(for: traced, language: .es) }
        }
    }

    static let planner = OverridePlanner(policy: policy.policy, corpus: [])

    /// FuzzPolicy: loading and compiling never traps.
    @Test(arguments: inputs("FuzzPolicy"))
    func policiesLoadWithoutTrapping(_ path: String) throws {
        let loaded = PolicyLoader.load(path: path)
        if let policy = loaded.policy { _ = CompiledPolicy(policy) }
    }
}
