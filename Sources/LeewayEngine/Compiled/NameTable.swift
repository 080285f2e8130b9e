import Foundation
import LeewayCore

/// The names a JSON Lines record writes (the policy's id, roles, actions, their currencies
/// and minor units) as raw bytes owned by the compiled policy: the record writer reads
/// them through plain pointers, so writing a case retains and releases nothing.
struct NameTable {
    private let bytes: UnsafeMutablePointer<UInt8>
    /// Per name: where it starts in `bytes` and how long it is.
    private let starts: UnsafeMutablePointer<Int32>
    private let lengths: UnsafeMutablePointer<Int32>
    /// Per action: the decimals its currency shows (`Money.minorUnit`), 0 without one.
    let minorUnits: UnsafeMutablePointer<Int32>
    /// Per action: its measure.
    let measures: UnsafeMutablePointer<Measure>
    private let roleBase: Int
    private let actionBase: Int
    private let currencyBase: Int
    private let headBase: Int
    private let actionHeadBase: Int
    private let byBase: Int
    /// Whether every name can be copied into JSON as it is (no `"`, `\`, control character
    /// or DEL): then `EvalJSON.writeLine` writes a record from the templates below.
    let plain: Bool
    /// The longest name's length (for the room a record may need).
    let longest: Int

    init(policyID: [UInt8], roles: [[UInt8]], actions: [[UInt8]], currencies: [[UInt8]], measures: [Measure]) {
        // The record's fixed parts around the names, as `JSONWriter` writes them compact:
        // per handling role (the first for none) what follows the case's id up to its
        // decisions, per action a decision's start, per role a decision's `by`.
        func text(_ value: String) -> [UInt8] { Array(value.utf8) }
        let policyPart = text("\",\"policy\":\"") + policyID
        let heads = [policyPart + text("\",\"decisions\":[")]
            + roles.map { policyPart + text("\",\"handledBy\":\"") + $0 + text("\",\"decisions\":[") }
        let actionHeads = actions.map { text("{\"action\":\"") + $0 + text("\"") }
        let bys = roles.map { text(",\"by\":\"") + $0 + text("\"") }
        let names = [policyID] + roles + actions + currencies
        plain = names.allSatisfy { name in name.withUnsafeBufferPointer(RecordBytes.isVerbatim) }
        longest = names.map(\.count).max() ?? 0
        let all = names + heads + actionHeads + bys
        let total = all.reduce(0) { $0 + $1.count }
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, total))
        starts = .allocate(capacity: all.count)
        lengths = .allocate(capacity: all.count)
        var offset = 0
        for (index, name) in all.enumerated() {
            starts[index] = Int32(offset)
            lengths[index] = Int32(name.count)
            for (at, byte) in name.enumerated() { table[offset + at] = byte }
            offset += name.count
        }
        bytes = table
        roleBase = 1
        actionBase = 1 + roles.count
        currencyBase = 1 + roles.count + actions.count
        headBase = names.count
        actionHeadBase = headBase + heads.count
        byBase = actionHeadBase + actionHeads.count
        minorUnits = .allocate(capacity: max(1, currencies.count))
        self.measures = .allocate(capacity: max(1, measures.count))
        self.measures.initialize(from: measures, count: measures.count)
        for (index, currency) in currencies.enumerated() {
            minorUnits[index] = currency.isEmpty ? 0 : Int32(Money.minorUnit(String(decoding: currency, as: UTF8.self)))
        }
    }

    @inline(__always)
    private func name(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes + Int(starts[index]), count: Int(lengths[index]))
    }

    var policyID: UnsafeBufferPointer<UInt8> { name(0) }
    @inline(__always) func role(_ index: Int) -> UnsafeBufferPointer<UInt8> { name(roleBase + index) }
    @inline(__always) func action(_ index: Int) -> UnsafeBufferPointer<UInt8> { name(actionBase + index) }
    @inline(__always) func currency(_ action: Int) -> UnsafeBufferPointer<UInt8> { name(currencyBase + action) }
    /// `","policy":"…","handledBy":"…","decisions":[` for a handling role (-1: none).
    @inline(__always) func head(role: Int) -> UnsafeBufferPointer<UInt8> { name(headBase + 1 + role) }
    /// `{"action":"…"`.
    @inline(__always) func actionHead(_ action: Int) -> UnsafeBufferPointer<UInt8> { name(actionHeadBase + action) }
    /// `,"by":"…"`.
    @inline(__always) func by(_ role: Int) -> UnsafeBufferPointer<UInt8> { name(byBase + role) }

    func deallocate() {
        bytes.deallocate()
        starts.deallocate()
        lengths.deallocate()
        minorUnits.deallocate()
        measures.deallocate()
    }

    /// A want's amount as YAML writes it (`40 USD`, `4h30m`, `3`), as `CompiledPolicy.appendAmount`
    /// writes it, from the table alone.
    @inline(__always)
    func appendAmount(_ want: WantInput, to bytes: inout [UInt8]) {
        let action = Int(want.action)
        switch measures[action] {
        case .money:
            let currency = self.currency(action)
            if want.amount.magnitude < UInt64(FixedPoint.limit) {
                FixedPoint.append(want.amount, to: &bytes, minimumDecimals: Int(minorUnits[action]))
            } else {
                let text = String(decoding: currency, as: UTF8.self)
                bytes.append(contentsOf: Array((text.isEmpty ? Money.format(want.decimal) : Money.format(want.decimal, currency: text)).utf8))
            }
            if !currency.isEmpty {
                bytes.append(0x20)
                bytes.append(contentsOf: currency)
            }
        case .duration:
            FixedPoint.appendDuration(want.amount, to: &bytes)
        case .count, .none:
            ByteSink.appendDecimal(want.amount, to: &bytes)
        }
    }
}
