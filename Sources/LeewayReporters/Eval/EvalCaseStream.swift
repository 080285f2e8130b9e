import Foundation
import LeewayCore
import LeewayEngine
import LeewayOverrides

/// The cases of `leeway eval --format json`, each with its trace, its overrides and the
/// customer message, serialized on every core into the document's open `cases` array,
/// byte for byte as if written one after the other.
///
/// Cases come in evaluated, in input order (the evaluation itself stays in order: a
/// `per: customer` budget depends on the cases before). For each batch, the planner first
/// plans, in input order and in parallel, one case of every situation not planned yet;
/// then every other case is planned from those plans and written, in parallel, in blocks
/// that are appended in order. What a case gets therefore never depends on which thread
/// reached its situation first.
public struct EvalCaseStream: Sendable {
    public let planner: OverridePlanner
    public let explanation: Explanation
    public let language: Language
    public let workers: Int
    /// Cases per block of work (a block is written by one thread into one fragment): small,
    /// so that the last blocks of a batch keep both cores busy to its end.
    public var blockSize = 4

    /// What the advice of the cases written so far held (for a summary line).
    public struct Counts: Sendable {
        public var cases = 0
        public var overrides = 0
        public var unresolved = 0
        public var counterOffers = 0

        public init() {}
    }

    public init(planner: OverridePlanner, explanation: Explanation, language: Language,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.planner = planner
        self.explanation = explanation
        self.language = language
        self.workers = max(1, workers)
    }

    /// Writes the cases as the next elements of the array `writer` has open.
    @discardableResult
    public func write(_ cases: [EvaluatedCase], into writer: inout JSONWriter) -> Counts {
        var counts = Counts()
        guard !cases.isEmpty else { return counts }
        let prepared = Results<OverridePlanner.PreparedCase>(count: cases.count)
        parallel(cases.count) { index in prepared.set(index, planner.prepare(cases[index])) }
        // One case per situation not yet planned, the first in input order, plans it.
        var first: [Int] = []
        var claimed: Set<String> = []
        for index in cases.indices {
            let open = prepared[index]!.situations.filter { !planner.isPlanned($0) }
            guard !open.isEmpty else { continue }
            if open.allSatisfy({ !claimed.contains($0) }) {
                first.append(index)
                claimed.formUnion(open)
            }
        }
        let advice = Results<CaseAdvice>(count: cases.count)
        parallel(first.count) { at in advice.set(first[at], planner.advice(for: prepared[first[at]]!, language: language)) }
        let blocks = (cases.count + blockSize - 1) / blockSize
        let fragments = Results<[UInt8]>(count: blocks)
        // Each block starts inside the same open containers, its array still empty:
        // `append(fragment:)` puts the comma before it.
        let holding = Array(repeating: true, count: max(0, writer.depth - 1)) + [false]
        let pretty = writer.pretty
        parallel(blocks) { block in
            var fragment = JSONWriter(pretty: pretty, capacity: 8192 * blockSize, holding: holding)
            for index in (block * blockSize)..<min(cases.count, (block + 1) * blockSize) {
                let evaluated = cases[index]
                let given = advice[index] ?? planner.advice(for: prepared[index]!, language: language)
                advice.set(index, given)
                EvalJSON.writeCase(id: Array(evaluated.source.id.value.utf8), policy: evaluated.policy, input: evaluated.input,
                                   decisions: evaluated.decisions, resolution: evaluated.resolution, trace: evaluated.trace,
                                   explanation: explanation, location: evaluated.source.location, into: &fragment,
                                   overrides: { OverrideJSON.write(given, into: &$0, language: language) },
                                   owed: evaluated.owed, notes: evaluated.notes, language: language)
            }
            fragments.set(block, fragment.bytes)
        }
        for block in 0..<blocks { if let bytes = fragments[block] { writer.append(fragment: bytes) } }
        for index in cases.indices {
            guard let given = advice[index] else { continue }
            counts.cases += 1
            counts.overrides += given.overrides.count
            counts.unresolved += given.unresolved.count
            counts.counterOffers += given.counterOffers.count
        }
        return counts
    }

    /// `body` of each item, in the items' order, computed on every core (`workers` > 1):
    /// reading the lines of a JSON Lines chunk, or evaluating cases that no customer's
    /// budget ties to the cases before them.
    public func map<Item, Value>(_ items: [Item], _ body: (Item) -> Value) -> [Value] {
        let values = Results<Value>(count: items.count)
        parallel(items.count) { index in values.set(index, body(items[index])) }
        return (0..<items.count).map { values[$0]! }
    }

    /// Runs `body` for 0..<count: inline for one worker, else spread by Dispatch over the
    /// machine's cores (`concurrentPerform` sizes itself to them).
    private func parallel(_ count: Int, _ body: (Int) -> Void) {
        if workers == 1 || count < 2 {
            for index in 0..<count { body(index) }
            return
        }
        withoutActuallyEscaping(body) { body in
            // Each index is run once, and the callers' closures only fill distinct slots.
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: count) { body($0) }
        }
    }
}

/// Slots that threads fill at distinct indexes.
private final class Results<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }

    subscript(index: Int) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return values[index]
    }
}
