/// A fixed set of names (a policy's roles, facts, a fact's values, actions; the case's
/// keys) looked up straight from a line's bytes by a perfect hash: one probe, no String,
/// no per-name loop.
///
/// A name is reduced to its length and two words loaded from its first and last bytes
/// (overlapping when it is short), which for a name of up to 16 bytes hold every byte:
/// then the key is the name, and a match of the key is a match of the name. Longer names
/// are compared whole after the key matches. The table is open-addressed (at most half
/// full) and its multiplier searched for when the index is built so that every name sits
/// in its own first slot: a name is found in one probe, and a string that is no name stops
/// at the first empty slot. Should no such multiplier be found, names that share a slot
/// take the next free one, and lookups probe on: slower, with the same answers.
struct NameIndex: Sendable {
    /// Four words per slot: the key's first word, last word, tag (length and group; all
    /// ones in an empty slot) and the name's index.
    private let table: [UInt64]
    private let mask: Int
    /// Per name: its bytes (compared whole only for names longer than 16 bytes).
    private let names: [[UInt8]]
    private let multiplier: UInt64
    private let shift: UInt64
    /// Whether every name sits in the slot it hashes to (for tests).
    let perfect: Bool

    private static let empty = UInt64.max

    /// `groups` (one per name) lets one index hold several sets, a name then being found
    /// only in its own group (each fact's values).
    init(_ names: [[UInt8]], groups: [Int]? = nil) {
        self.names = names
        let keys = names.map { name in name.withUnsafeBufferPointer { NameIndex.key($0.baseAddress, $0.count) } }
        let tags = names.indices.map { UInt64(NameIndex.tag(names[$0].count, group: groups?[$0] ?? 0)) }
        var bits: UInt64 = 1
        while (1 << bits) < 2 * max(1, names.count) { bits += 1 }
        func slots(_ multiplier: UInt64, _ shift: UInt64) -> [Int] {
            names.indices.map { Int(NameIndex.hash(keys[$0].0, keys[$0].1, tags[$0], multiplier, shift)) }
        }
        var chosen: (UInt64, UInt64, Bool)?
        search: for extra in 0..<3 {
            let shift = 64 - (bits + UInt64(extra))
            var candidate: UInt64 = 0x9E37_79B9_7F4A_7C15
            for _ in 0..<256 {
                candidate = candidate &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let multiplier = candidate | 1
                if Set(slots(multiplier, shift)).count == names.count {
                    chosen = (multiplier, shift, true)
                    break search
                }
            }
        }
        let (multiplier, shift, perfect) = chosen ?? (0x9E37_79B9_7F4A_7C15, 64 - bits, false)
        self.multiplier = multiplier
        self.shift = shift
        self.perfect = perfect
        let size = 1 << (64 - Int(shift))
        mask = size - 1
        var table = [UInt64](repeating: NameIndex.empty, count: 4 * size)
        for (index, home) in slots(multiplier, shift).enumerated() {
            var slot = home
            while table[4 * slot + 2] != NameIndex.empty { slot = (slot + 1) & (size - 1) }
            table[4 * slot] = keys[index].0
            table[4 * slot + 1] = keys[index].1
            table[4 * slot + 2] = tags[index]
            table[4 * slot + 3] = UInt64(index)
        }
        self.table = table
    }

    var count: Int { names.count }

    /// The index of the name `base[range]` (in `group`), or -1.
    @inline(__always)
    func find(_ base: UnsafePointer<UInt8>, _ range: Range<Int>, group: Int = 0) -> Int {
        let count = range.count
        let start = base + range.lowerBound
        let key = NameIndex.key(start, count)
        let tag = UInt64(NameIndex.tag(count, group: group))
        var slot = Int(NameIndex.hash(key.0, key.1, tag, multiplier, shift))
        return table.withUnsafeBufferPointer { table in
            while true {
                let entry = table.baseAddress! + 4 * slot
                if entry[2] == tag && entry[0] == key.0 && entry[1] == key.1 {
                    let index = Int(entry[3])
                    if count <= 16 || names[index].withUnsafeBufferPointer({ Cursor.same(start, $0.baseAddress, count) }) { return index }
                } else if entry[2] == NameIndex.empty {
                    return -1
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The plain lookup: the first name equal to the bytes (for tests).
    func linear(_ start: UnsafePointer<UInt8>, _ count: Int, group: Int = 0, groups: [Int]? = nil) -> Int {
        for index in names.indices where names[index].count == count && (groups?[index] ?? 0) == group {
            if names[index].withUnsafeBufferPointer({ Cursor.same(start, $0.baseAddress, count) }) { return index }
        }
        return -1
    }

    @inline(__always)
    static func tag(_ count: Int, group: Int) -> Int { count | group << 32 }

    /// One multiplication: the two words and the tag are mixed by shifts and xors first.
    @inline(__always)
    static func hash(_ first: UInt64, _ last: UInt64, _ tag: UInt64, _ multiplier: UInt64, _ shift: UInt64) -> UInt64 {
        let mixed = first ^ (last << 23 | last >> 41) ^ (tag << 47 | tag >> 17)
        return (mixed &* multiplier) >> shift
    }

    /// A name's key: words loaded from its start and its end, only within its bytes.
    @inline(__always)
    static func key(_ start: UnsafePointer<UInt8>?, _ count: Int) -> (UInt64, UInt64) {
        guard let start, count > 0 else { return (0, 0) }
        let raw = UnsafeRawPointer(start)
        switch count {
        case 1:
            let byte = UInt64(start.pointee)
            return (byte, byte)
        case 2, 3:
            return (UInt64(raw.loadUnaligned(as: UInt16.self)), UInt64(raw.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self)))
        case 4...7:
            return (UInt64(raw.loadUnaligned(as: UInt32.self)), UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
        default:
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        }
    }
}
