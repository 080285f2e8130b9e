/// Where a writer puts the next byte, and the one spelling of numbers, fixed-point amounts
/// and durations that every writer uses: the JSON Lines record writes through it in place,
/// and `ByteSink.appendDecimal`, `FixedPoint.append` and `FixedPoint.appendDuration` through
/// it into an array (`append(to:_:)`).
struct RecordBytes {
    var pointer: UnsafeMutablePointer<UInt8>

    init(_ pointer: UnsafeMutablePointer<UInt8>) { self.pointer = pointer }

    /// Whether text can be copied into a JSON string as it is: no `"`, `\`, control
    /// character or DEL (any other UTF-8 is written raw, as `JSONWriter` writes it).
    @inline(__always)
    static func isVerbatim(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return true }
        let plain = ByteScan.plainPrefix(base, base + text.count)
        if plain == text.count { return true }
        for byte in UnsafeBufferPointer(rebasing: text[plain...]) where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F {
            return false
        }
        return true
    }

    @inline(__always)
    mutating func byte(_ value: UInt8) {
        pointer.pointee = value
        pointer += 1
    }

    @inline(__always)
    mutating func put(_ text: StaticString) {
        put(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inline(__always)
    mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        var cursor = JSONWriter.Cursor(pointer: pointer)
        cursor.put(bytes)
        pointer = cursor.pointer
    }

    /// A non-negative number's decimal digits.
    @inline(__always)
    mutating func digits(_ value: UInt64) {
        if value < 10 {
            byte(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value))
            return
        }
        var count = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        digits(value, width: count)
    }

    /// The last `width` decimal digits of `value`, with leading zeros.
    @inline(__always)
    mutating func digits(_ value: UInt64, width: Int) {
        var left = value
        var index = width - 1
        while index >= 0 {
            pointer[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: left % 10)
            left /= 10
            index -= 1
        }
        pointer += width
    }

    /// The most any one spelling below takes: a sign, 20 digits and a fraction, or a
    /// duration in days, hours, minutes and seconds.
    static let longestSpelling = 48

    /// Appends to `bytes` what `body` spells (at most `longestSpelling` bytes).
    @inline(__always)
    static func append(to bytes: inout [UInt8], _ body: (inout RecordBytes) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: longestSpelling) { buffer in
            let start = buffer.baseAddress!
            var at = RecordBytes(start)
            body(&at)
            bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: start.distance(to: at.pointer)))
        }
    }

    /// An integer in decimal.
    @inline(__always)
    mutating func integer(_ value: Int64) {
        if value < 0 { byte(UInt8(ascii: "-")) }
        digits(value.magnitude)
    }

    /// A fixed-point amount (`FixedPoint.scale` units to one): the shortest exact spelling
    /// (`25.5`, `40`, `0.01`), with at least `minimumDecimals` digits when there is a fraction.
    mutating func fixed(_ value: Int64, minimumDecimals: Int) {
        if value < 0 { byte(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        let scale = UInt64(FixedPoint.scale)
        digits(magnitude / scale)
        var fraction = magnitude % scale
        guard fraction > 0 else { return }
        byte(UInt8(ascii: "."))
        var width = FixedPoint.decimals
        while fraction % 10 == 0 && width > minimumDecimals {
            fraction /= 10
            width -= 1
        }
        digits(fraction, width: width)
    }

    /// A duration in seconds as `Duration.canonical` spells it: `0m`, or weeks alone when
    /// whole, else days, hours, minutes and seconds, each when present (`4h30m`).
    mutating func duration(_ seconds: Int64) {
        if seconds == 0 {
            byte(UInt8(ascii: "0"))
            byte(UInt8(ascii: "m"))
            return
        }
        if seconds < 0 { byte(UInt8(ascii: "-")) }
        var rest = seconds.magnitude
        if rest % 604_800 == 0 {
            digits(rest / 604_800)
            byte(UInt8(ascii: "w"))
            return
        }
        if rest >= 86_400 {
            digits(rest / 86_400)
            byte(UInt8(ascii: "d"))
            rest %= 86_400
        }
        if rest >= 3600 {
            digits(rest / 3600)
            byte(UInt8(ascii: "h"))
            rest %= 3600
        }
        if rest >= 60 {
            digits(rest / 60)
            byte(UInt8(ascii: "m"))
            rest %= 60
        }
        if rest >= 1 {
            digits(rest)
            byte(UInt8(ascii: "s"))
        }
    }
}
