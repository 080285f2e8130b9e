/// Byte strings the fast parser expects next, in the order they usually come (a case's
/// keys as `"name":`, a policy's facts, a want's keys, the policy's id as `"id"`), matched
/// straight against the line: a word or two loaded and compared, no scan to the closing
/// quote and no hash.
///
/// A match is exact (every byte of the pattern compared), so it stands for what the general
/// reading of the same bytes gives; when nothing matches, the parser reads the token the
/// general way. Patterns longer than 16 bytes never match.
struct KeyPatterns: Sendable {
    /// Three words per pattern: its first eight bytes (zero-padded), then either the mask of
    /// its bytes among them (8 bytes or fewer) or its last eight bytes, then its length.
    private let words: [UInt64]
    let count: Int

    init(_ patterns: [[UInt8]]) {
        var words: [UInt64] = []
        for pattern in patterns {
            let length = pattern.count
            guard length > 0, length <= 16 else {
                words += [0, 0, 0]
                continue
            }
            var first: UInt64 = 0
            for (offset, byte) in pattern.prefix(8).enumerated() { first |= UInt64(byte) << (8 * UInt64(offset)) }
            var second: UInt64
            if length <= 8 {
                second = length == 8 ? UInt64.max : (1 << (8 * UInt64(length))) - 1
            } else {
                second = 0
                for (offset, byte) in pattern.suffix(8).enumerated() { second |= UInt64(byte) << (8 * UInt64(offset)) }
            }
            words += [first, second, UInt64(length)]
        }
        self.words = words
        count = patterns.count
    }

    /// `"name":` for each name: the patterns of keys.
    init(keys names: [[UInt8]]) {
        self.init(names.map { [0x22] + $0 + [0x22, 0x3A] })
    }

    /// `"name"` for each name: the patterns of string values.
    init(strings names: [[UInt8]]) {
        self.init(names.map { [0x22] + $0 + [0x22] })
    }

    /// The first pattern from `from` on (before `upTo`, or to the last) that the bytes at
    /// `at` start with, and its length; (-1, 0) when none does or fewer than 16 bytes are
    /// left (then nothing is loaded).
    @inline(__always)
    func match(_ at: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, from: Int, upTo: Int = Int.max) -> (Int, Int) {
        let count = Swift.min(upTo, self.count)
        guard end - at >= 16, from < count else { return (-1, 0) }
        let raw = UnsafeRawPointer(at)
        let head = raw.loadUnaligned(as: UInt64.self).littleEndian
        return words.withUnsafeBufferPointer { words in
            var entry = from
            while entry < count {
                let base = words.baseAddress! + 3 * entry
                let length = Int(truncatingIfNeeded: base[2])
                if length <= 8 {
                    if length > 0 && head & base[1] == base[0] { return (entry, length) }
                } else if head == base[0] && raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self).littleEndian == base[1] {
                    return (entry, length)
                }
                entry += 1
            }
            return (-1, 0)
        }
    }

    /// The plain reference (for tests): whether the bytes at `at` start with the pattern.
    static func starts(_ at: UnsafeBufferPointer<UInt8>, with pattern: [UInt8]) -> Bool {
        pattern.count <= at.count && zip(pattern, at).allSatisfy { $0 == $1 }
    }
}
