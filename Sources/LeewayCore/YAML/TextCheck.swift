/// Checks that bytes are text Leeway can read: no NUL bytes (a binary file), valid
/// UTF-8, and LF or CRLF line endings (no lone CR). Returns the located problem otherwise.
public enum TextCheck {
    /// Whether every byte is ASCII other than NUL and carriage return. Eight bytes at a
    /// time: a word passes when no byte has its high bit set, none is zero and none is a
    /// carriage return (the zero-byte test is exact once the high bits are known clear).
    static func isPlainASCII(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        while buffer.count - index >= 8 {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let cr = word ^ (ones &* 0x0D)
            if (word | ((word &- ones) & ~word) | ((cr &- ones) & ~cr)) & highs != 0 { return false }
            index += 8
        }
        for byte in UnsafeBufferPointer(rebasing: buffer[index...]) where byte == 0 || byte >= 0x80 || byte == 0x0D { return false }
        return true
    }

    public static func problem(in bytes: [UInt8]) -> YAMLProblem? {
        // Most files are ASCII with LF endings and no NUL: one pass over the bytes says
        // so, without counting lines and columns for a problem there is not.
        if bytes.withUnsafeBufferPointer(isPlainASCII) { return nil }
        var line = 1
        var column = 1
        var index = 0
        let count = bytes.count
        // Skip a UTF-8 byte order mark.
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0 {
                    return YAMLProblem(kind: .notText, message: Message("yaml.binary"),
                                       help: Message("yaml.binary.help"), position: SourcePosition(line: line, column: column))
                }
                // A carriage return alone (not before a newline, not the last byte, as a
                // JSON line cut from a CRLF file ends) is a line break to YAML but not to
                // the rest of Leeway: line numbers and quoted lines would disagree (found
                // by FuzzCases). It is refused where it is.
                if byte == 0x0D, index + 1 < count, bytes[index + 1] != 0x0A {
                    return YAMLProblem(kind: .notText, message: Message("yaml.lone-cr"),
                                       help: Message("yaml.lone-cr.help"), position: SourcePosition(line: line, column: column))
                }
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                index += 1
                continue
            }
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            switch byte {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(byte & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(byte & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(byte & 0x07)
            default: length = 0; minimum = 0; scalar = 0
            }
            var valid = length > 0 && index + length <= count
            if valid {
                for k in 1..<length {
                    let next = bytes[index + k]
                    if next & 0xC0 != 0x80 { valid = false; break }
                    scalar = scalar << 6 | UInt32(next & 0x3F)
                }
            }
            if valid && (scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar)) { valid = false }
            if !valid {
                return YAMLProblem(kind: .notText, message: Message("yaml.invalid-utf8", ["offset": String(index)]),
                                   help: Message("yaml.invalid-utf8.help"), position: SourcePosition(line: line, column: column))
            }
            index += length
            column += 1
        }
        return nil
    }
}
