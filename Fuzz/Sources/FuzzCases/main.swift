import FuzzSupport

/// The case loader on arbitrary bytes, as a YAML stream: never a trap; the cases read from
/// the whole file and from its documents one piece at a time (as `eval --format jsonl`
/// streams a YAML file) are the same, and binding them to the sample policy never traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCases(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    let whole = CaseLoader.load(bytes: bytes, path: "fuzz.yaml")
    for source in whole.cases { _ = Engine.evaluate(source, with: Fuzz.policy, tracing: false) }
    _ = Fuzz.policy.policy.bindingFindings(for: whole)
    guard TextCheck.problem(in: bytes) == nil else { return 0 }
    let starts = bytes.withUnsafeBufferPointer { CaseLoader.documentStarts($0) }
    var streamed: [String] = []
    var from = 0, line = 1
    for end in starts + [bytes.count] where end >= from {
        let piece = Array(bytes[from..<end])
        streamed += CaseLoader.loadDocuments(bytes: piece, path: "fuzz.yaml", firstLine: line).cases.map { "\($0.id.value)@\($0.location)" }
        for byte in piece where byte == 0x0A { line += 1 }
        from = end
    }
    let all = whole.cases.map { "\($0.id.value)@\($0.location)" }
    // A syntax error ends the whole-file stream early: only compare clean files.
    if !whole.findings.contains(where: { $0.message.key.hasPrefix("yaml.") }) && all != streamed {
        Fuzz.fail("whole-file cases \(all) but streamed \(streamed)")
    }
    return 0
}

@_cdecl("FuzzCases_main")
public func fuzzCasesMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    Fuzz.run(argc, argv, fuzzCases)
}
