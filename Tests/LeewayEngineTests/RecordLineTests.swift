import Foundation
import LeewayCore
@testable import LeewayEngine
import Testing

/// The JSON Lines record written from templates (`EvalJSON.writeLine`) is byte for byte
/// the record `writeCase` writes value by value, for every shape a record takes; and the
/// perfect-hash name lookup (`NameIndex`) answers as the plain lookup does (issue 17).
@Suite struct RecordLineTests {
    static let policy = """
    leeway: 1
    policy: records
    currency: USD
    roles:
      agent: { customer-facing: true }
      lead: { customer-facing: true }
      supervisor: { reachable-within: 15m }
      finance: {}
    facts:
      issue: { type: enum, values: [late, billing] }
    actions:
      credit:
        measure: money
        grants:
          - { role: agent, up-to: 25 USD }
          - { role: agent, up-to: 100 USD, approval: { by: supervisor, within: 10m } }
          - { role: supervisor, up-to: 500 USD }
        above-limit:
          approval: { by: finance }
      extension:
        measure: duration
        grants:
          - { role: agent, up-to: 7d }
      visits:
        measure: count
        grants:
          - { role: lead, up-to: 3 }
      cash-payout:
        measure: money
        never: true
    discretion:
      - { role: lead, up-to: 50 USD, per: case, review: after-the-fact }
    processes:
      billing-dispute:
        when: { issue: billing }
        steps:
          - ask: [invoice-id]
          - handoff: { to: finance, wait: 2d }
    """

    static func line(_ id: String, _ role: String, _ wants: String, issue: String = "late") -> String {
        #"{"leeway":1,"case":"\#(id)","policy":"records","handled-by":"\#(role)","facts":{"issue":"\#(issue)"},"wants":[\#(wants)]}"#
    }

    static func want(_ action: String, _ amount: String? = nil) -> String {
        amount.map { #"{"action":"\#(action)","amount":"\#($0)"}"# } ?? #"{"action":"\#(action)"}"#
    }

    /// Allowed, needs approval (with its time), escalated (known and unknown time), above
    /// the limit, by discretion, blocked; money with and without cents, durations, counts;
    /// several wants, none, a process's time and asks; a non-ASCII id.
    static let lines = [
        line("R-1", "agent", want("credit", "10 USD")),
        line("R-2", "agent", want("credit", "12.5 USD")),
        line("R-3", "agent", want("credit", "0.0001 USD")),
        line("R-4", "agent", want("credit", "80 USD")),
        line("R-5", "agent", want("credit", "300 USD")),
        line("R-6", "agent", want("credit", "20000 USD")),
        line("R-7", "lead", want("credit", "40 USD")),
        line("R-8", "lead", want("credit", "60 USD")),
        line("R-9", "agent", want("extension", "3d4h")),
        line("R-10", "agent", want("extension", "2w")),
        line("R-11", "agent", want("extension", "1d1h1m1s")),
        line("R-12", "agent", want("extension", "30d")),
        line("R-13", "lead", want("visits", "2")),
        line("R-14", "agent", want("visits", "5")),
        line("R-15", "agent", want("cash-payout", "5 USD")),
        line("R-16", "agent", [want("credit", "10 USD"), want("credit", "80 USD"), want("extension", "0"), want("cash-payout", "1 USD")]
            .joined(separator: ","), issue: "billing"),
        line("R-17", "agent", "", issue: "billing"),
        line("ñandú-18", "lead", want("credit", "49.99 USD")),
        line("R-19", "supervisor", want("credit", "450 USD")),
    ]

    @Test func templatedRecordsAreTheWritersBytes() throws {
        let policy = try compile(Self.policy)
        // Every line on the fast path (so through the templated record), and its record the
        // same as the loader's case written by `writeCase`.
        let parser = FastLineParser(policy: policy)
        for text in Self.lines {
            var input = CaseInput(for: policy)
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { parser.parse($0, into: &input) } != nil, "\(text)")
        }
        try expectFastPathAgrees(Self.lines, policy: policy)
        // And each record reads back as JSON with its own id.
        let (records, _, _) = runBatch(Self.lines.joined(separator: "\n") + "\n", policy: policy)
        #expect(records.count == Self.lines.count)
        for (index, record) in records.enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any])
            let id = Self.lines[index].components(separatedBy: #""case":""#)[1].components(separatedBy: "\"")[0]
            #expect(object["case"] as? String == id)
            #expect(object["overrides"] as? [Any] != nil)
        }
        // The records cover the shapes meant: needs-approval with a time, escalations with a
        // known and an unknown time, discretion, blocked, a process's asks.
        let all = records.joined(separator: "\n")
        for part in [#""outcome":"needs-approval","by":"supervisor","within":"10m""#, #""outcome":"escalate","by":"supervisor","within":"15m""#,
                     #""timeKnown":false"#, #""via":"discretion""#, #""outcome":"blocked""#, #""asks":1"#, #""amount":"12.50 USD""#,
                     #""amount":"2w""#, #""amount":"1d1h1m1s""#, #""amount":"2""#, #""decisions":[]"#] {
            #expect(all.contains(part), "\(part)")
        }
    }

    /// An id that must be escaped (or a record that is not a common one) is written by
    /// `writeCase`: the same bytes either way.
    @Test func idsNeedingEscapesAreWrittenByTheWriter() throws {
        let policy = try compile(Self.policy)
        let parser = FastLineParser(policy: policy)
        var input = CaseInput(for: policy)
        let bytes = Array(Self.line("R-1", "agent", Self.want("credit", "80 USD")).utf8)
        _ = try #require(bytes.withUnsafeBufferPointer { parser.parse($0, into: &input) })
        var evaluator = Evaluator(policy: policy)
        let resolution = evaluator.evaluate(input)
        for id in ["plain", "quote\"d", "back\\slash", "tab\there", "del\u{7F}", "new\nline", "ñandú", "日本語"] {
            let idBytes = Array(id.utf8)
            var fast = JSONWriter(pretty: false, capacity: 16)
            idBytes.withUnsafeBufferPointer { id in
                EvalJSON.writeLine(id: id, policy: policy, input: input, decisions: evaluator.decisions, resolution: resolution,
                                   owed: evaluator.owed, notes: evaluator.notes, language: .en, into: &fast)
            }
            var general = JSONWriter()
            EvalJSON.writeCase(id: idBytes, policy: policy, input: input, decisions: evaluator.decisions, resolution: resolution,
                               trace: nil, explanation: nil, location: nil, into: &general, owed: evaluator.owed, notes: evaluator.notes)
            general.newline()
            #expect(fast.bytes == general.bytes, "\(id)")
            let object = try JSONSerialization.jsonObject(with: Data(fast.bytes.dropLast())) as? [String: Any]
            #expect(object?["case"] as? String == id)
        }
    }

    /// Strings looked up among plain names are read to the next quote unchecked: whatever
    /// they hold that is not exactly a name (an escape, a backslash before the quote) sends
    /// the line to the loader.
    @Test func escapedNamesGoToTheLoader() throws {
        let policy = try compile(Self.policy)
        let parser = FastLineParser(policy: policy)
        #expect(parser.plainNames)
        let refused = [
            Self.line("R-1", #"ag\u0065nt"#, Self.want("credit", "10 USD")),
            Self.line("R-1", #"agent\\"#, Self.want("credit", "10 USD")),
            Self.line("R-1", "agent", Self.want(#"cr\u0065dit"#, "10 USD")),
            Self.line("R-1", "agent", Self.want("credit", "10 USD"), issue: #"l\u0061te"#),
            Self.line("R-1", "agent", Self.want("credit", "10 USD")).replacingOccurrences(of: #""handled-by""#, with: #""handled\u002dby""#),
            Self.line("R-1", "agent", Self.want("credit", "10 USD")).replacingOccurrences(of: #""issue""#, with: #""iss\"ue""#),
        ]
        for text in refused {
            var input = CaseInput(for: policy)
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { parser.parse($0, into: &input) } == nil, "\(text)")
        }
    }

    /// Every name is found at its index, in its group only; near misses (a byte changed,
    /// one fewer or one more) are not, exactly as the plain lookup answers.
    @Test func theNameIndexAnswersAsThePlainLookup() {
        let names = ["leeway", "case", "title", "policy", "handled-by", "channel", "customer", "facts", "wants", "id", "a", "ab", "abc",
                     "late-delivery", "damaged-item", "wrong-item", "subscription-pause", "service-extension", "ñandú", ""]
            .map { Array($0.utf8) }
        let groups = names.indices.map { $0 % 3 }
        for grouped in [false, true] {
            let index = NameIndex(names, groups: grouped ? groups : nil)
            for (position, name) in names.enumerated() {
                let group = grouped ? groups[position] : 0
                #expect(find(index, name, group: group) == position, "\(String(decoding: name, as: UTF8.self))")
                if grouped { #expect(find(index, name, group: 3) == -1) }
                var misses: [[UInt8]] = [name + [UInt8(ascii: "x")], [UInt8(ascii: "x")] + name]
                if !name.isEmpty { misses.append(Array(name.dropLast())) }
                for at in name.indices {
                    var changed = name
                    changed[at] ^= 0x01
                    misses.append(changed)
                }
                for miss in misses {
                    let expected = miss.withUnsafeBufferPointer { pointer in
                        index.linear(pointer.baseAddress ?? UnsafePointer(bitPattern: 1)!, miss.count, group: group, groups: grouped ? groups : nil)
                    }
                    #expect(find(index, miss, group: group) == expected, "\(miss)")
                }
            }
        }
    }

    /// Names longer than 16 bytes that share their first and last eight bytes have the
    /// same key: no table places them apart, and lookups probe on, with the same answers.
    @Test func namesWithTheSameKeyAreStillTold() {
        let names = ["aaaaaaaa-one-bbbbbbbb", "aaaaaaaa-two-bbbbbbbb", "short"].map { Array($0.utf8) }
        let index = NameIndex(names)
        #expect(!index.perfect)
        #expect(find(index, names[0]) == 0)
        #expect(find(index, names[1]) == 1)
        #expect(find(index, names[2]) == 2)
        #expect(find(index, Array("aaaaaaaa-six-bbbbbbbb".utf8)) == -1)
        #expect(find(index, Array("shorT".utf8)) == -1)
        // A policy's ordinary names get a perfect table.
        #expect(NameIndex(["agent", "senior-agent", "team-lead", "trainee", "supervisor"].map { Array($0.utf8) }).perfect)
    }

    /// Every case key the reader knows is found as its `CaseKey`, and a near miss is no key.
    @Test func everyCaseKeyIsFound() throws {
        let parser = FastLineParser(policy: try compile(Self.policy))
        for (position, key) in Cursor.keys.enumerated() {
            let name = key.withUTF8Buffer { Array($0) }
            for (text, expected) in [(name, CaseKey(rawValue: UInt8(position))), (name + [UInt8(ascii: "s")], .unknown),
                                     (Array(name.dropLast()) + [UInt8(ascii: "_")], .unknown)] {
                let line = Array("{\"".utf8) + text + Array("\":1}".utf8)
                let found = line.withUnsafeBufferPointer { parser.key(2..<(2 + text.count), Cursor(bytes: $0)) }
                #expect(found == expected, "\(String(decoding: text, as: UTF8.self))")
            }
        }
    }

    func find(_ index: NameIndex, _ name: [UInt8], group: Int = 0) -> Int {
        // Inside a larger buffer, as in a line: the key's words are loaded from the name's bytes only.
        let line = Array("{\"".utf8) + name + Array("\":1}".utf8)
        return line.withUnsafeBufferPointer { index.find($0.baseAddress!, 2..<(2 + name.count), group: group) }
    }

    /// The summary counts a repeated time apart from the others; what it reports is the
    /// same as counting every case in the table.
    @Test func summaryTimesCountEveryCase() {
        func resolution(_ time: Int64) -> Resolution {
            var resolution = Resolution()
            resolution.time = time
            return resolution
        }
        var summary = BatchSummary()
        for time: Int64 in [0, 0, 60, 0, 60, 60, 3600, 0] { summary.add(decisions: [], resolution: resolution(time)) }
        #expect(summary.times == [0: 4, 60: 3, 3600: 1])
        var other = BatchSummary()
        for time: Int64 in [60, 60, 7200] { other.add(decisions: [], resolution: resolution(time)) }
        summary.merge(other)
        #expect(summary.times == [0: 4, 60: 5, 3600: 1, 7200: 1])
        #expect(summary.cases == 11)
        #expect(summary.percentile(0.5) == 60)
        summary.remove(BatchSummary.Tally(decisions: [], resolution: resolution(7200)))
        #expect(summary.times == [0: 4, 60: 5, 3600: 1])
    }
}
