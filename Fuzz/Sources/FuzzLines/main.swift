import FuzzSupport

/// Differential: every JSON line the byte-level fast parser accepts, the general loader
/// accepts too, with the same case, the same decisions and the same JSON Lines output;
/// a line the fast parser declines goes to the general loader (never a trap either way).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLines(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    let policy = Fuzz.policy
    let parser = FastLineParser(policy: policy)
    var input = CaseInput(for: policy)
    var evaluator = Evaluator(policy: policy)
    let file = SourceFile(path: "fuzz.jsonl", text: "")
    var lineNumber = 0
    for slice in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
        lineNumber += 1
        var line = Array(slice)
        if line.last == 0x0D { line.removeLast() }
        let (slow, problems) = CaseLoader.decodeLine(line, path: "fuzz.jsonl", lineNumber: lineNumber, file: file)
        let fast = line.withUnsafeBufferPointer { parser.parse($0, into: &input) }
        guard let id = fast else { continue }
        guard let slow, !problems.contains(where: { $0.severity == .error }) else {
            Fuzz.fail("line \(lineNumber): the fast parser accepts what the loader refuses: \(problems.map { $0.message.render() })")
        }
        guard case .success(let evaluated) = Engine.evaluate(slow, with: policy, tracing: false) else {
            Fuzz.fail("line \(lineNumber): the fast parser accepts a case that does not bind")
        }
        let resolution = evaluator.evaluate(input)
        var fastJSON = JSONWriter(pretty: false, capacity: 512), slowJSON = JSONWriter(pretty: false, capacity: 512)
        // The batch's record (written from templates when it is a common one) against the
        // loader's case written value by value.
        line.withUnsafeBufferPointer { buffer in
            EvalJSON.writeLine(id: UnsafeBufferPointer(rebasing: buffer[id]), policy: policy, input: input, decisions: evaluator.decisions,
                               resolution: resolution, owed: evaluator.owed, notes: evaluator.notes, language: .en, into: &fastJSON)
        }
        EvalJSON.writeCase(id: Array(evaluated.source.id.value.utf8), policy: policy, input: evaluated.input, decisions: evaluated.decisions,
                           resolution: evaluated.resolution, trace: nil, explanation: nil, location: nil, into: &slowJSON,
                           owed: evaluated.owed, notes: evaluated.notes)
        slowJSON.newline()
        if fastJSON.bytes != slowJSON.bytes {
            Fuzz.fail("line \(lineNumber): fast \(fastJSON.string) but loader \(slowJSON.string)")
        }
    }
    return 0
}

@_cdecl("FuzzLines_main")
public func fuzzLinesMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    Fuzz.run(argc, argv, fuzzLines)
}
