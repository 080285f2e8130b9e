import Foundation
import LeewayCore

/// Streams a JSON Lines file (or a YAML stream) of cases through the evaluator on every
/// core, writing one compact JSON object per case in input order, in bounded memory.
///
/// The caller's `read` fills a buffer from the input (0 at the end); the text is cut
/// into batches of whole lines (JSON Lines) or whole documents (YAML, cut at `---`
/// lines), which worker threads parse (for JSON Lines the byte-level fast path, or the
/// loader for anything unusual; for YAML the loader, document by document), evaluate and
/// serialize; finished batches are
/// handed to `write` strictly in input order. At most `maxInFlight` batches exist at a
/// time, so memory does not grow with the input. A bad line is reported through
/// `report` with its line number and skipped. The library never prints: the caller
/// decides where bytes and findings go.
public final class BatchEvaluator: @unchecked Sendable {
    public let policy: CompiledPolicy
    /// The input's name in findings (`cases.jsonl`, `<stdin>`).
    public let path: String
    public let explain: Bool
    public let language: Language
    public let workers: Int
    public var batchBytes = 256 * 1024
    public var maxInFlight = 8

    /// How the input is written: one case per line, or a YAML stream of case documents.
    public enum Format: Sendable { case jsonLines, yaml }
    public var format: Format = .jsonLines
    /// Pass over (and count) cases whose `policy:` names another policy set instead of
    /// reporting them: for files found in folders, as the text and JSON reports do.
    public var passOverOtherPolicies = false

    public init(policy: CompiledPolicy, path: String, explain: Bool = false, language: Language = .en,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.policy = policy
        self.path = path
        self.explain = explain
        self.language = language
        self.workers = max(1, workers)
        tracksCustomers = policy.hasCustomerBudget.contains(true)
    }

    struct Job {
        var sequence: Int
        /// The batch is `bytes[..<count]` (the reader's buffer, handed over whole).
        var bytes: [UInt8]
        var count: Int
        var firstLine: Int
        /// A JSON line longer than `CaseLoader.maxLineBytes`, passed over unread: its size.
        var overlong: Int? = nil
    }

    struct Output {
        var bytes: [UInt8]
        var findings: [Finding]
        var summary: BatchSummary
        /// Cases whose outcome may depend on the cases before them (they name a customer
        /// that a `per: customer` budget of their role tracks, language 1.1), in input order:
        /// the writing thread keeps the ledger for them, and evaluates again those the cases
        /// before them changed (see `Deferred`).
        var deferred: [Deferred] = []
        /// The batch's input, for the ids of the deferred lines the fast path read.
        var input: [UInt8] = []
        /// The deferred lines as the fast path parsed them (`Deferred.input` indexes it): a
        /// pool handed back after the splice, so a deferred case allocates nothing.
        var inputs: [CaseInput] = []
    }

    /// A case that names a tracked customer. A line the fast path read was evaluated by
    /// the worker as if the run had given the customer nothing yet, and written at
    /// `offset..<end`; that is its exact result unless it read the customer's budget and
    /// the ledger already has an entry for the customer and role, in which case the writing
    /// thread evaluates it again (in input order) and writes it in place. Either way the
    /// writing thread adds what it spent to the ledger. A case the loader read is always
    /// evaluated by the writing thread (it is written at `offset`, `end == offset`).
    struct Deferred {
        var offset: Int
        var end: Int
        /// The id's range in the batch's input and the parsed input in `Output.inputs`
        /// (-1: a case the loader read).
        var id: Range<Int> = 0..<0
        var input = -1
        /// What the worker's evaluation read, spent and counted in the batch's summary.
        var read = false
        var spent: Int64 = 0
        var spentDecimal: Decimal = 0
        var tally: BatchSummary.Tally?
        /// Boxed: a `Case` is large, and deferred entries are copied as the list grows.
        var source: SourceBox?
    }

    final class SourceBox: @unchecked Sendable {
        let value: Case
        init(_ value: Case) { self.value = value }
    }

    /// What this run gave each customer from `per: customer` budgets, in input order.
    public let ledger = CustomerLedger()
    /// Whether some customer-facing role has a `per: customer` budget (else nothing defers).
    private let tracksCustomers: Bool

    private let lock = NSCondition()
    private var jobs: [Job] = []
    private var jobHead = 0
    private var results: [Int: Output] = [:]
    /// Every batch has been read and submitted (guarded by `lock`, as are the rest).
    private var finished = false
    private var submitted = 0
    private var nextToWrite = 0
    /// Pools of parsed inputs the writing thread has finished with, for the workers.
    private var inputPools: [[CaseInput]] = []
    /// Batch buffers the workers have finished reading, for the reader to fill again: a
    /// fresh buffer per batch was zero-filled and faulted in page by page each time.
    private var spareBuffers: [[UInt8]] = []

    /// Runs the batch; returns the summary of every case evaluated (invalid lines counted).
    ///
    /// Three stages: a reader thread cuts the input into batches; the workers parse,
    /// evaluate and serialize them; the calling thread writes them in input order, and
    /// evaluates there, in order, only the cases that read a customer's budget (from the
    /// inputs the workers parsed). `write` and `report` are only ever called on the
    /// calling thread.
    public func run(read: (UnsafeMutableRawBufferPointer) -> Int, write: ([UInt8]) -> Void, report: (Finding) -> Void) -> BatchSummary {
        var summary = BatchSummary()
        var threads: [Thread] = []
        for _ in 0..<workers {
            let thread = Thread { [self] in self.work() }
            thread.stackSize = 1 << 20
            threads.append(thread)
            thread.start()
        }

        var ordered = Evaluator(policy: policy, tracing: explain)
        ordered.ledger = ledger
        let words = explain ? Explanation(policy: policy, language: language) : nil
        withoutActuallyEscaping(read) { read in
            let reader = JoinableThread { [self] in self.readBatches(read) }
            while true {
                lock.lock()
                while results[nextToWrite] == nil && !(finished && nextToWrite == submitted) { lock.wait() }
                guard var output = results.removeValue(forKey: nextToWrite) else {
                    lock.unlock()
                    break
                }
                nextToWrite += 1
                lock.broadcast()
                lock.unlock()
                for finding in output.findings { report(finding) }
                if output.deferred.isEmpty {
                    if !output.bytes.isEmpty { write(output.bytes) }
                } else {
                    let (bytes, findings, extra) = splice(output, evaluator: &ordered, explanation: words)
                    for finding in findings { report(finding) }
                    let out = bytes ?? output.bytes
                    if !out.isEmpty { write(out) }
                    summary.merge(extra)
                    if !output.inputs.isEmpty {
                        // Moved out, so the pool is the array's only owner: a worker that
                        // takes it writes into it without copying every input.
                        var inputs: [CaseInput] = []
                        swap(&inputs, &output.inputs)
                        lock.lock()
                        inputPools.append(consume inputs)
                        lock.unlock()
                    }
                }
                summary.merge(output.summary)
            }
            reader.join()
        }
        // A file with no case at all is an input error in every format (as the loader says).
        if summary.cases == 0 && summary.invalid == 0 && summary.otherPolicy == 0 {
            report(CaseLoader.emptyFile(path: path))
            summary.invalid += 1
        }
        return summary
    }

    /// Hands a batch to the workers, waiting while `maxInFlight` batches are unwritten.
    /// `bytes` holds the batch in its first `count` bytes (the reader hands over its buffer).
    private func submit(_ bytes: [UInt8], count: Int? = nil, firstLine: Int, overlong: Int? = nil) {
        lock.lock()
        while submitted - nextToWrite >= maxInFlight { lock.wait() }
        jobs.append(Job(sequence: submitted, bytes: bytes, count: count ?? bytes.count, firstLine: firstLine, overlong: overlong))
        submitted += 1
        lock.broadcast()
        lock.unlock()
    }

    /// A buffer of `count` bytes for the reader to fill.
    static func buffer(_ count: Int) -> [UInt8] { [UInt8](repeating: 0, count: count) }

    /// A buffer of at least `count` bytes: a spare one when there is one large enough (its
    /// old bytes are overwritten before they are read), else a new one.
    private func reusedBuffer(_ count: Int) -> [UInt8] {
        lock.lock()
        let spare = spareBuffers.popLast()
        lock.unlock()
        if let spare, spare.count >= count { return spare }
        return Self.buffer(count)
    }

    /// Hands a batch's buffer back once nothing else reads it (at most a few are kept).
    private func recycle(_ buffer: inout [UInt8]) {
        guard buffer.count >= 2 * max(1, batchBytes) else { return }
        var taken: [UInt8] = []
        swap(&taken, &buffer)
        lock.lock()
        if spareBuffers.count < maxInFlight { spareBuffers.append(consume taken) }
        lock.unlock()
    }

    /// The reader stage: reads straight into a batch's buffer, cuts it after its last
    /// newline (or before its last `---` line), hands the buffer over whole and carries the
    /// rest (a partial line) into the next one: the input is copied once, by `read`.
    private func readBatches(_ read: (UnsafeMutableRawBufferPointer) -> Int) {
        let chunkSize = max(1, batchBytes)
        var buffer = Self.buffer(2 * chunkSize)
        var filled = 0
        // The last newline in `buffer[..<filled]`: only the bytes each read adds are searched,
        // so a long line read a few bytes at a time costs linear time, not quadratic.
        var lastNewline: Int?
        var line = 1
        // The size so far of a JSON line too long to hold (memory stays bounded whatever
        // the input): its bytes are dropped up to its newline, and it is reported there.
        var skipping: Int?
        while true {
            if filled == buffer.count {
                // A line longer than the buffer: it grows (up to the line limit, below).
                var larger = Self.buffer(2 * buffer.count)
                larger.withUnsafeMutableBytes { to in buffer.withUnsafeBytes { from in to.copyMemory(from: from) } }
                buffer = larger
            }
            let count = buffer.withUnsafeMutableBytes { read(UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
            if count <= 0 { break }
            if let skipped = skipping {
                // Only what follows the overlong line is kept (`filled` is 0 while skipping).
                guard let newline = Self.firstNewline(in: buffer, from: 0, to: count) else {
                    skipping = skipped + count
                    continue
                }
                submit([], firstLine: line, overlong: skipped + newline)
                line += 1
                skipping = nil
                buffer.withUnsafeMutableBytes { raw in
                    let rest = count - (newline + 1)
                    if rest > 0 { raw.baseAddress!.copyMemory(from: raw.baseAddress! + newline + 1, byteCount: rest) }
                }
                filled = count - (newline + 1)
                lastNewline = Self.lastNewline(in: buffer, from: 0, to: filled)
            } else {
                lastNewline = Self.lastNewline(in: buffer, from: filled, to: filled + count) ?? lastNewline
                filled += count
            }
            if format == .jsonLines, filled > CaseLoader.maxLineBytes, lastNewline == nil {
                skipping = filled
                filled = 0
                continue
            }
            guard filled >= chunkSize, let newline = lastNewline, let cut = cutPoint(buffer, lastNewline: newline) else { continue }
            let rest = filled - cut
            var next = reusedBuffer(max(2 * chunkSize, rest + chunkSize))
            if rest > 0 {
                next.withUnsafeMutableBytes { to in
                    buffer.withUnsafeBytes { from in to.baseAddress!.copyMemory(from: from.baseAddress! + cut, byteCount: rest) }
                }
            }
            let lines = Self.newlines(in: buffer, count: cut)
            submit(buffer, count: cut, firstLine: line)
            line += lines
            buffer = next
            filled = rest
            // A YAML cut may leave whole lines behind it (those of the last document).
            lastNewline = rest > 0 ? Self.lastNewline(in: buffer, from: 0, to: rest) : nil
        }
        if let skipped = skipping {
            submit([], firstLine: line, overlong: skipped)
        } else if filled > 0 {
            submit(buffer, count: filled, firstLine: line)
        }
        lock.lock()
        finished = true
        lock.broadcast()
        lock.unlock()
    }

    /// The offset of the last newline in `bytes[from..<to]`, if any.
    static func lastNewline(in bytes: [UInt8], from: Int, to: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            var index = min(to, buffer.count) - 1
            while index >= from && buffer[index] != 0x0A { index -= 1 }
            return index >= from ? index : nil
        }
    }

    /// The offset of the first newline in `bytes[from..<to]`, if any.
    static func firstNewline(in bytes: [UInt8], from: Int, to: Int) -> Int? {
        guard from < to else { return nil }
        return bytes.withUnsafeBytes { raw in
            memchr(raw.baseAddress! + from, 0x0A, to - from).map { raw.baseAddress!.distance(to: UnsafeRawPointer($0)) }
        }
    }

    /// How many newlines the first `count` bytes hold (`memchr` from one to the next).
    static func newlines(in bytes: [UInt8], count: Int) -> Int {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return 0 }
            let end = base + min(count, raw.count)
            var at = base
            var total = 0
            while at < end, let found = memchr(at, 0x0A, end - at) {
                total += 1
                at = UnsafeRawPointer(found) + 1
            }
            return total
        }
    }

    /// A batch's output with the run's ledger kept for its deferred cases in input order,
    /// and those the cases before them changed evaluated again and written in place (nil
    /// bytes: the worker's output stands as it is); with the findings and the change to the
    /// batch's summary.
    private func splice(_ output: Output, evaluator: inout Evaluator, explanation: Explanation?) -> ([UInt8]?, [Finding], BatchSummary) {
        var bytes: [UInt8]?
        var findings: [Finding] = []
        var summary = BatchSummary()
        var from = 0
        var writer = JSONWriter(pretty: false, capacity: 512)
        for item in output.deferred {
            if item.input >= 0 {
                // Read in place: copying an input out of the pool retains each of its arrays.
                let again = output.inputs.withUnsafeBufferPointer { inputs in
                    let role = Int(inputs[item.input].role)
                    return inputs[item.input].customerID.withUnsafeBufferPointer { id in
                        if item.read && ledger.contains(id, role: role) { return true }
                        if item.spent > 0 || item.spentDecimal > 0 { ledger.add(id, role: role, item.spent, item.spentDecimal) }
                        return false
                    }
                }
                guard again else { continue }
            }
            if bytes == nil {
                bytes = []
                bytes!.reserveCapacity(output.bytes.count + 256 * output.deferred.count)
            }
            bytes!.append(contentsOf: output.bytes[from..<item.offset])
            from = item.end
            writer.reset()
            if item.input >= 0 {
                // Evaluated with the ledger, which it adds to.
                let resolution = output.inputs.withUnsafeBufferPointer { inputs in evaluator.evaluate(inputs[item.input]) }
                output.input.withUnsafeBufferPointer { buffer in
                    output.inputs.withUnsafeBufferPointer { inputs in
                        EvalJSON.writeLine(id: UnsafeBufferPointer(rebasing: buffer[item.id]), policy: policy, input: inputs[item.input],
                                           decisions: evaluator.decisions, resolution: resolution, owed: evaluator.owed,
                                           notes: evaluator.notes, language: language, into: &writer)
                    }
                }
                if let tally = item.tally { summary.remove(tally) }
                summary.add(decisions: evaluator.decisions, resolution: resolution)
            } else if let source = item.source?.value {
                evaluateAndWrite(source, writer: &writer, findings: &findings, summary: &summary, explanation: explanation, ledger: ledger)
            }
            bytes!.append(contentsOf: writer.bytes)
        }
        if bytes != nil { bytes!.append(contentsOf: output.bytes[from...]) }
        return (bytes, findings, summary)
    }

    /// Where a batch whose last newline is at `lastNewline` ends whole: after it (JSON
    /// Lines), or before the last `---` line (YAML). Nil to read on.
    private func cutPoint(_ pending: [UInt8], lastNewline: Int) -> Int? {
        switch format {
        case .jsonLines:
            return lastNewline + 1
        case .yaml:
            // Only a `---` line followed by a newline is known to be whole.
            let starts = pending.withUnsafeBufferPointer { CaseLoader.documentStarts(UnsafeBufferPointer(rebasing: $0[...lastNewline])) }
            return starts.last
        }
    }

    /// A batch of whole YAML documents: each document read on its own (a broken one is
    /// reported and skipped), evaluated and written.
    private func workYAML(_ job: Job, writer: inout JSONWriter, findings: inout [Finding], summary: inout BatchSummary, deferred: inout [Deferred],
                          explanation: Explanation?) {
        let starts = job.bytes.withUnsafeBufferPointer { CaseLoader.documentStarts(UnsafeBufferPointer(rebasing: $0[..<job.count])) }
        var line = job.firstLine
        var from = 0
        for end in starts + [job.count] {
            let piece = Array(job.bytes[from..<end])
            let loaded = CaseLoader.loadDocuments(bytes: piece, path: path, firstLine: line)
            let errors = loaded.findings.filter { $0.severity == .error }
            findings += errors
            if !errors.isEmpty { summary.invalid += 1 }
            for source in loaded.cases {
                if defers(source) {
                    deferred.append(Deferred(offset: writer.count, end: writer.count, source: SourceBox(source)))
                    continue
                }
                evaluateAndWrite(source, writer: &writer, findings: &findings, summary: &summary, explanation: explanation)
            }
            for byte in piece where byte == 0x0A { line += 1 }
            from = end
        }
    }

    private func work() {
        // Each worker reads a compiled policy of its own: the per-case reference counting
        // on one shared object (with the other workers, and with the writing thread's
        // evaluator) made two cores slower than one, its cache line going back and forth
        // between them. Compiling again takes well under a millisecond.
        let policy = CompiledPolicy(self.policy.policy)
        var state = WorkerState(policy: policy, evaluator: Evaluator(policy: policy, tracing: explain), input: CaseInput(for: policy),
                                parser: FastLineParser(policy: policy),
                                explanation: explain ? Explanation(policy: policy, language: language) : nil,
                                file: SourceFile(path: path, text: ""))
        let explanation = state.explanation
        while true {
            lock.lock()
            while jobHead >= jobs.count && !finished { lock.wait() }
            if jobHead >= jobs.count {
                lock.unlock()
                return
            }
            var job = jobs[jobHead]
            jobs[jobHead].bytes = []
            jobHead += 1
            if jobHead > 64 && jobHead * 2 > jobs.count {
                jobs.removeFirst(jobHead)
                jobHead = 0
            }
            lock.unlock()

            var writer = JSONWriter(pretty: false, capacity: job.count + job.count / 2)
            var findings: [Finding] = []
            var summary = BatchSummary()
            var deferred: [Deferred] = []
            var pool: [CaseInput] = []
            var pooled = 0
            if let size = job.overlong {
                findings.append(CaseLoader.lineTooLong(path: path, lineNumber: job.firstLine, size: size))
                summary.invalid += 1
            } else if format == .yaml {
                workYAML(job, writer: &writer, findings: &findings, summary: &summary, deferred: &deferred, explanation: explanation)
            } else {
                job.bytes.withUnsafeBufferPointer { whole in
                    lines(UnsafeBufferPointer(rebasing: whole[..<job.count]), firstLine: job.firstLine, state: &state,
                          writer: &writer, findings: &findings, summary: &summary, deferred: &deferred, pool: &pool, pooled: &pooled)
                }
            }
            var output = Output(bytes: writer.takeBytes(), findings: findings, summary: summary, deferred: deferred)
            if !deferred.isEmpty {
                output.input = job.bytes
                output.inputs = pool
            } else {
                recycle(&job.bytes)
            }
            lock.lock()
            results[job.sequence] = output
            lock.broadcast()
            lock.unlock()
        }
    }

    /// What a worker keeps from batch to batch: its own compiled policy, evaluator,
    /// parser and the input it parses each line into.
    struct WorkerState {
        let policy: CompiledPolicy
        var evaluator: Evaluator
        var input: CaseInput
        let parser: FastLineParser
        let explanation: Explanation?
        let file: SourceFile
    }

    /// The lines of a JSON Lines batch, parsed, evaluated and written. Everything it
    /// changes comes in `inout`, so the per-line loop copies (and retains) nothing.
    private func lines(_ buffer: UnsafeBufferPointer<UInt8>, firstLine: Int, state: inout WorkerState, writer: inout JSONWriter,
                       findings: inout [Finding], summary: inout BatchSummary, deferred: inout [Deferred],
                       pool: inout [CaseInput], pooled: inout Int) {
        let tracks = tracksCustomers
        let customerBudget = state.policy.hasCustomerBudget
        var start = 0
        var lineNumber = firstLine
        while start < buffer.count {
            let end = memchr(buffer.baseAddress! + start, 0x0A, buffer.count - start)
                .map { UnsafeRawPointer(buffer.baseAddress!).distance(to: UnsafeRawPointer($0)) } ?? buffer.count
            var stop = end
            if stop > start && buffer[stop - 1] == 0x0D { stop -= 1 }
            let line = UnsafeBufferPointer(rebasing: buffer[start..<stop])
            if !Self.isBlank(line) {
                if !explain, let id = state.parser.parse(line, into: &state.input) {
                    // A case that names its customer, handled by a role with a
                    // `per: customer` budget, is evaluated as if it were the
                    // customer's first: the writing thread keeps the ledger in
                    // input order and evaluates it again when that was not so.
                    let waits = tracks && !state.input.customerID.isEmpty && customerBudget[Int(state.input.role)]
                    let resolution = state.evaluator.evaluate(state.input)
                    let offset = writer.count
                    EvalJSON.writeLine(id: UnsafeBufferPointer(rebasing: line[id]), policy: state.policy, input: state.input,
                                       decisions: state.evaluator.decisions, resolution: resolution,
                                       owed: state.evaluator.owed, notes: state.evaluator.notes, language: language, into: &writer)
                    summary.add(decisions: state.evaluator.decisions, resolution: resolution)
                    if waits {
                        // Kept as parsed for the writing thread: the input trades
                        // places with a pooled one, so nothing is copied.
                        if pooled == pool.count {
                            if pooled == 0 { pool = takePool() }
                            if pooled == pool.count { pool.append(CaseInput(for: state.policy)) }
                        }
                        swap(&state.input, &pool[pooled])
                        let read = state.evaluator.readLedger
                        deferred.append(Deferred(offset: offset, end: writer.count,
                                                 id: (start + id.lowerBound)..<(start + id.upperBound), input: pooled,
                                                 read: read, spent: state.evaluator.discretionSpent,
                                                 spentDecimal: state.evaluator.discretionSpentDecimal,
                                                 tally: read ? BatchSummary.Tally(decisions: state.evaluator.decisions, resolution: resolution) : nil))
                        pooled += 1
                    }
                } else {
                    slowPath(Array(line), lineNumber: lineNumber, file: state.file, writer: &writer, findings: &findings, deferred: &deferred,
                             summary: &summary, explanation: state.explanation)
                }
            }
            start = end + 1
            lineNumber += 1
        }
    }

    /// A pool of inputs the writing thread is done with, or an empty one.
    private func takePool() -> [CaseInput] {
        lock.lock()
        defer { lock.unlock() }
        return inputPools.popLast() ?? []
    }

    /// The loader's path: a located error for a bad line, or the case evaluated.
    private func slowPath(_ line: [UInt8], lineNumber: Int, file: SourceFile, writer: inout JSONWriter, findings: inout [Finding],
                          deferred: inout [Deferred],
                          summary: inout BatchSummary, explanation: Explanation?) {
        let (decoded, problems) = CaseLoader.decodeLine(line, path: path, lineNumber: lineNumber, file: file)
        let errors = problems.filter { $0.severity == .error }
        guard let decoded, errors.isEmpty else {
            findings += problems.isEmpty ? [Finding(rule: Finding.invalidCase, severity: .error,
                                                    location: SourceLocation(file: path, line: lineNumber, column: 1),
                                                    message: Message("load.empty-case"), help: Message("load.empty-case.help"))] : problems
            summary.invalid += 1
            return
        }
        if defers(decoded) {
            deferred.append(Deferred(offset: writer.count, end: writer.count, source: SourceBox(decoded)))
            return
        }
        evaluateAndWrite(decoded, writer: &writer, findings: &findings, summary: &summary, explanation: explanation)
    }

    /// Whether a case read by the loader must wait for the cases before it: it names its
    /// customer and its role has a `per: customer` budget.
    private func defers(_ source: Case) -> Bool {
        guard tracksCustomers, source.customer?.id != nil, let role = policy.role(named: source.handledBy.value) else { return false }
        return policy.hasCustomerBudget[role]
    }

    /// Evaluates one case read the slow way (the loader, not the byte-level parser) and
    /// writes its line, or records why it cannot be evaluated.
    private func evaluateAndWrite(_ source: Case, writer: inout JSONWriter, findings: inout [Finding],
                                  summary: inout BatchSummary, explanation: Explanation?, ledger: CustomerLedger? = nil) {
        if passOverOtherPolicies, let other = source.policy, other.value != policy.policy.id.value {
            summary.otherPolicy += 1
            return
        }
        switch Engine.evaluate(source, with: policy, tracing: explanation != nil, ledger: ledger) {
        case .failure(let problems):
            findings += problems.findings
            summary.invalid += 1
        case .success(let evaluated):
            EvalJSON.writeCase(id: Array(evaluated.source.id.value.utf8), policy: policy, input: evaluated.input,
                               decisions: evaluated.decisions, resolution: evaluated.resolution,
                               trace: explanation != nil ? evaluated.trace : nil, explanation: explanation,
                               location: nil, into: &writer, owed: evaluated.owed, notes: evaluated.notes, language: language)
            writer.newline()
            summary.add(decisions: evaluated.decisions, resolution: evaluated.resolution)
        }
    }

    static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in line where byte != 0x20 && byte != 0x09 && byte != 0x0D { return false }
        return true
    }
}
