import Foundation
import LeewayCore

extension EvalJSON {
    /// One `--format jsonl` record and its newline: exactly the bytes `writeCase` (no trace,
    /// no location, no plan) and `newline()` write.
    ///
    /// The common record — names that need no escape, nothing owed, no notes, amounts in
    /// fixed point — is written from the policy's byte templates (`NameTable`: what follows
    /// the id up to the decisions, each decision's start, each `by`) and static key texts,
    /// through one pointer into room reserved once for the record's largest size: a few
    /// copies and number writes, with no per-value capacity or uniqueness check. Anything
    /// else goes through `writeCase`, value by value.
    public static func writeLine(id: UnsafeBufferPointer<UInt8>, policy: CompiledPolicy, input: CaseInput, decisions: [Decision],
                          resolution: Resolution, owed: [OwedRemedy], notes: [CaseNote], language: Language,
                          into writer: inout JSONWriter) {
        if !owed.isEmpty || !notes.isEmpty || !writeTemplated(id: id, policy: policy, input: input, decisions: decisions,
                                                              resolution: resolution, into: &writer) {
            writeCase(id: id, policy: policy, input: input, decisions: decisions, resolution: resolution, trace: nil,
                      explanation: nil, location: nil, into: &writer, owed: owed, notes: notes, language: language)
            writer.newline()
        }
    }

    /// The templated record, or false (nothing written) when it is not a common one.
    @inline(__always)
    static func writeTemplated(id: UnsafeBufferPointer<UInt8>, policy: CompiledPolicy, input: CaseInput, decisions: [Decision],
                               resolution: Resolution, into writer: inout JSONWriter) -> Bool {
        let names = policy.names
        guard names.plain, RecordBytes.isVerbatim(id) else { return false }
        // The largest a decision can be: keys and outcome (~120 bytes), an amount, a `within`
        // and a `by` (durations of up to ~100 bytes each), and three names.
        let perDecision = 320 + 3 * names.longest
        var size = 512 + id.count + 2 * names.longest
        for decision in decisions {
            if decision.owed >= 0 || decision.owedUnknown { return false }
            let want = input.wants[Int(decision.want)]
            if want.hasAmount && names.measures[Int(want.action)] == .money && want.amount.magnitude >= UInt64(FixedPoint.limit) {
                return false
            }
            size &+= perDecision
        }
        let remedies = policy.remedyCount > 0
        writer.writeValue(reserving: size) { start in
            var at = RecordBytes(start)
            at.put("{\"case\":\"")
            at.put(id)
            at.put(names.head(role: Int(input.role)))
            var first = true
            for decision in decisions {
                if !first { at.byte(UInt8(ascii: ",")) }
                first = false
                let action = Int(decision.action)
                at.put(names.actionHead(action))
                let want = input.wants[Int(decision.want)]
                if want.hasAmount {
                    at.put(",\"amount\":\"")
                    let measured = Int(want.action)
                    switch names.measures[measured] {
                    case .money:
                        at.fixed(want.amount, minimumDecimals: Int(names.minorUnits[measured]))
                        let currency = names.currency(measured)
                        if !currency.isEmpty {
                            at.byte(0x20)
                            at.put(currency)
                        }
                    case .duration:
                        at.duration(want.amount)
                    case .count, .none:
                        at.integer(want.amount)
                    }
                    at.byte(UInt8(ascii: "\""))
                }
                switch decision.outcome {
                case .allowed: at.put(",\"outcome\":\"allowed\"")
                case .needsApproval: at.put(",\"outcome\":\"needs-approval\"")
                case .escalate: at.put(",\"outcome\":\"escalate\"")
                case .blocked: at.put(",\"outcome\":\"blocked\"")
                }
                if decision.by >= 0 { at.put(names.by(Int(decision.by))) }
                if decision.outcome == .needsApproval || decision.outcome == .escalate {
                    if decision.within >= 0 {
                        at.put(",\"within\":\"")
                        at.duration(decision.within)
                        at.byte(UInt8(ascii: "\""))
                    } else {
                        at.put(",\"timeKnown\":false")
                    }
                }
                if decision.viaDiscretion {
                    at.put(",\"via\":\"discretion\"")
                } else if decision.viaRemedy {
                    at.put(",\"via\":\"remedy\"")
                }
                at.byte(UInt8(ascii: "}"))
            }
            at.put(resolution.firstContact ? "],\"resolution\":{\"firstContact\":true,\"blocked\":"
                                           : "],\"resolution\":{\"firstContact\":false,\"blocked\":")
            at.integer(Int64(resolution.blocked))
            at.put(",\"handoffs\":")
            at.integer(Int64(resolution.handoffs))
            at.put(",\"approvals\":")
            at.integer(Int64(resolution.approvals))
            at.put(",\"asks\":")
            at.integer(Int64(resolution.asks))
            at.put(",\"time\":\"")
            at.duration(resolution.time)
            at.byte(UInt8(ascii: "\""))
            if !resolution.timeKnown { at.put(",\"timeKnown\":false") }
            if remedies {
                at.put(",\"owed\":")
                at.integer(Int64(resolution.owed))
            }
            at.put("},\"overrides\":[]}\n")
            return start.distance(to: at.pointer)
        }
        return true
    }
}
