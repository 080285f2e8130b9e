/// Scanning JSON text eight bytes at a time.
enum ByteScan {
    /// How many bytes from `start` (up to `end`) are plain: printable ASCII other than `"`
    /// and `\` (no control character, no DEL, nothing of 0x80 or more). A word of eight
    /// bytes is judged at once, and the first byte that is not plain found in it directly;
    /// the last few bytes before `end` one by one.
    @inline(__always)
    static func plainPrefix(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int {
        var at = start
        while end - at >= 8 {
            let mask = special(UnsafeRawPointer(at).loadUnaligned(as: UInt64.self).littleEndian)
            if mask != 0 { return at - start + mask.trailingZeroBitCount >> 3 }
            at += 8
        }
        while at < end && isPlain(at.pointee) { at += 1 }
        return at - start
    }

    /// How many bytes from `start` (up to `end`) come before the first `"`, eight at a time.
    @inline(__always)
    static func toQuote(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        var at = start
        while end - at >= 8 {
            let word = UnsafeRawPointer(at).loadUnaligned(as: UInt64.self).littleEndian ^ (ones &* 0x22)
            // The lowest marked byte is the first quote (a borrow only marks bytes above it).
            let mask = (word &- ones) & ~word & high
            if mask != 0 { return at - start + mask.trailingZeroBitCount >> 3 }
            at += 8
        }
        while at < end && at.pointee != 0x22 { at += 1 }
        return at - start
    }

    @inline(__always)
    static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F && byte != 0x22 && byte != 0x5C
    }

    /// The high bit of each byte of the word (first byte lowest) that is not plain set, and
    /// possibly of bytes after such a byte; never of a plain byte before the first that
    /// is not (a borrow runs only upwards from a byte that is itself marked), so the
    /// lowest bit set finds the first exactly.
    @inline(__always)
    static func special(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroByte(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & high }
        let below = (word &- ones &* 0x20) & ~word & high
        let marks = zeroByte(word ^ (ones &* 0x22)) | zeroByte(word ^ (ones &* 0x5C)) | zeroByte(word ^ (ones &* 0x7F))
        return (word & high) | below | marks
    }
}
