import FuzzSupport

/// The evaluator on the sample policy with generated cases (YAML or JSON): never a trap;
/// the traced evaluation (text and JSON reports) and the untraced one (JSON Lines) give the
/// same decisions and resolution; small cases also get their overrides planned.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEval(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    guard bytes.count <= 4096 else { return 0 }
    let policy = Fuzz.policy
    let loaded = CaseLoader.load(bytes: bytes, path: "fuzz.yaml")
    var evaluator = Evaluator(policy: policy)
    for source in loaded.cases.prefix(4) {
        guard case .success(let traced) = Engine.evaluate(source, with: policy, tracing: true) else { continue }
        let resolution = evaluator.evaluate(traced.input)
        // `step` points into the trace, which only the traced run keeps.
        func outcome(_ d: Decision) -> String { "\(d.want) \(d.action) \(d.outcome) \(d.by) \(d.within) \(d.viaDiscretion) \(d.handoffs) \(d.approval) \(d.path)" }
        if evaluator.decisions.map(outcome) != traced.decisions.map(outcome) || resolution != traced.resolution {
            Fuzz.fail("case \(source.id.value): traced and untraced evaluations disagree")
        }
        _ = EvalJSON.document([traced], errors: [], language: .en)
        if source.wants.count <= 3 {
            _ = planner.advice(for: traced, language: .es)
        }
    }
    return 0
}

let planner = OverridePlanner(policy: Fuzz.policy.policy, corpus: [])

@_cdecl("FuzzEval_main")
public func fuzzEvalMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    Fuzz.run(argc, argv, fuzzEval)
}
