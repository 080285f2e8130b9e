/// A length of time, stored as whole seconds. Written `90s`, `30m`, `4h`, `2d`, `1w`,
/// or combined from largest to smallest unit: `1h30m`, `4h30m`, `1d12h`. `0` is zero.
///
/// Working days (`10bd`, language 1.1) stand alone and are shown as written; where
/// durations are compared or added, 5bd count as 1w (1bd = 33h36m), and a sum is written
/// in calendar units. Equality and order look at the seconds only.
public struct Duration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var seconds: Int64
    /// Written in working days (`10bd`): shown that way while the value is whole working days.
    public var inWorkingDays = false
    /// How the author wrote it (`60h`, `90m`) when it was read from text: a message about
    /// this value shows it as written, not as `2d12h`. Not part of equality.
    public var written: String?

    public init(seconds: Int64) {
        self.seconds = seconds
    }

    /// One working day in seconds: a fifth of a week.
    public static let workingDay: Int64 = 604_800 / 5

    public static func workingDays(_ n: Int64) -> Duration {
        var duration = Duration(seconds: n * workingDay)
        duration.inWorkingDays = true
        return duration
    }

    /// The number of working days, when the duration is written in them.
    public var workingDays: Int64? {
        inWorkingDays && seconds % Duration.workingDay == 0 ? seconds / Duration.workingDay : nil
    }

    public static func == (a: Duration, b: Duration) -> Bool { a.seconds == b.seconds }
    public func hash(into hasher: inout Hasher) { hasher.combine(seconds) }

    /// Whether `text` mixes working days with other units (`2bd4h`), which is not allowed.
    public static func mixesWorkingDays(_ text: String) -> Bool {
        let trimmed = text.trimmingASCIISpaces
        return trimmed.contains("bd") && Duration(parsing: trimmed) == nil
    }

    public static let zero = Duration(seconds: 0)

    public static func minutes(_ n: Int64) -> Duration { Duration(seconds: n * 60) }
    public static func hours(_ n: Int64) -> Duration { Duration(seconds: n * 3600) }
    public static func days(_ n: Int64) -> Duration { Duration(seconds: n * 86_400) }

    public static func < (a: Duration, b: Duration) -> Bool { a.seconds < b.seconds }
    /// Sums saturate at the ends of the range: a wait of `Int64.max` seconds plus more is
    /// still the longest wait there is, never a trap or a wrap to a negative time.
    public static func + (a: Duration, b: Duration) -> Duration { Duration(seconds: saturating(a.seconds, plus: b.seconds)) }

    /// `a + b` in seconds, clamped to `Int64.min...Int64.max` instead of overflowing.
    @inlinable
    public static func saturating(_ a: Int64, plus b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        if overflow { return b > 0 ? .max : .min }
        return sum
    }

    static let units: [(Character, Int64)] = [("w", 604_800), ("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)]

    /// Parses `1h30m`; nil if the text is not a duration.
    public init?(parsing text: String) {
        // ASCII without a carriage return (every Character one byte): read from the bytes.
        switch text.utf8.withContiguousStorageIfAvailable({ Duration.parseASCII($0, text) }) {
        case .some(.duration(let duration)):
            self = duration
            return
        case .some(.notDuration):
            return nil
        case .some(.general), .none:
            guard let duration = Duration(parsingCharacters: text) else { return nil }
            self = duration
        }
    }

    enum ASCIIParse { case duration(Duration), notDuration, general }

    /// `init(parsing:)` on the bytes of ASCII text without a carriage return, step for step
    /// as the general reading goes over its Characters. `.general` for any other text.
    static func parseASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> ASCIIParse {
        guard let trimmed = ASCIIText.trimmed(bytes) else { return .general }
        let lower = trimmed.lowerBound
        let upper = trimmed.upperBound
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        if upper - lower == 1, bytes[lower] == UInt8(ascii: "0") { return .duration(Duration(seconds: 0)) }
        if upper - lower >= 2, bytes[upper - 2] == UInt8(ascii: "b"), bytes[upper - 1] == UInt8(ascii: "d") {
            let digits = bytes[lower..<(upper - 2)]
            guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy(isDigit) else { return .notDuration }
            let count = digits.reduce(Int64(0)) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
            return .duration(.workingDays(count))
        }
        var total: Int64 = 0
        var number: Int64 = 0
        var digits = 0
        var lastUnitIndex = -1
        for index in lower..<upper {
            let byte = bytes[index]
            if isDigit(byte) {
                let (times, overflow1) = number.multipliedReportingOverflow(by: 10)
                let (plus, overflow2) = times.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
                if overflow1 || overflow2 { return .notDuration }
                number = plus
                digits += 1
                continue
            }
            let unitIndex: Int
            switch byte {
            case UInt8(ascii: "w"): unitIndex = 0
            case UInt8(ascii: "d"): unitIndex = 1
            case UInt8(ascii: "h"): unitIndex = 2
            case UInt8(ascii: "m"): unitIndex = 3
            case UInt8(ascii: "s"): unitIndex = 4
            default: return .notDuration
            }
            guard digits > 0, unitIndex > lastUnitIndex else { return .notDuration }
            let (product, overflow1) = number.multipliedReportingOverflow(by: units[unitIndex].1)
            let (sum, overflow2) = total.addingReportingOverflow(product)
            if overflow1 || overflow2 { return .notDuration }
            total = sum
            number = 0
            digits = 0
            lastUnitIndex = unitIndex
        }
        guard digits == 0, lastUnitIndex >= 0 else { return .notDuration }
        var duration = Duration(seconds: total)
        duration.written = lower == 0 && upper == bytes.count
            ? text : String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
        return .duration(duration)
    }

    /// The general reading, Character by Character.
    init?(parsingCharacters text: String) {
        let trimmed = text.trimmingASCIISpaces
        if trimmed == "0" {
            self.seconds = 0
            return
        }
        if trimmed.hasSuffix("bd") {
            let digits = trimmed.dropLast(2)
            guard !digits.isEmpty, digits.allSatisfy({ $0.asciiDigitValue != nil }), digits.count <= 12,
                  let count = Int64(digits) else { return nil }
            self = .workingDays(count)
            return
        }
        var total: Int64 = 0
        var number: Int64 = 0
        var digits = 0
        var lastUnitIndex = -1
        for char in trimmed {
            if let digit = char.asciiDigitValue {
                let (times, overflow1) = number.multipliedReportingOverflow(by: 10)
                let (plus, overflow2) = times.addingReportingOverflow(Int64(digit))
                if overflow1 || overflow2 { return nil }
                number = plus
                digits += 1
                continue
            }
            guard digits > 0, let unitIndex = Self.units.firstIndex(where: { $0.0 == char }), unitIndex > lastUnitIndex else {
                return nil
            }
            let (product, overflow1) = number.multipliedReportingOverflow(by: Self.units[unitIndex].1)
            let (sum, overflow2) = total.addingReportingOverflow(product)
            if overflow1 || overflow2 { return nil }
            total = sum
            number = 0
            digits = 0
            lastUnitIndex = unitIndex
        }
        guard digits == 0, lastUnitIndex >= 0 else { return nil }
        self.seconds = total
        self.written = trimmed
    }

    /// The canonical spelling: `4h30m`, `2d`, `0m` (zero keeps a unit, so that it reads
    /// as a duration in a message: "waits 0m").
    public var description: String {
        if let days = workingDays { return "\(days)bd" }
        if let written { return written }
        return canonical
    }

    /// The spelling Leeway writes for a computed value, whatever the author wrote.
    public var canonical: String {
        if seconds == 0 { return "0m" }
        // The magnitude, so that the most negative value (a saturated sum) is spelled too.
        var rest = seconds.magnitude
        var out = seconds < 0 ? "-" : ""
        // Weeks only when the value is whole weeks, so `10d` stays `10d`.
        for (unit, signedSize) in Self.units {
            let size = UInt64(signedSize)
            if unit == "w" && rest % size != 0 { continue }
            if rest >= size {
                out += "\(rest / size)\(unit)"
                rest %= size
            }
        }
        return out
    }
}

extension Character {
    var asciiDigitValue: Int? {
        guard let ascii = asciiValue, ascii >= 48, ascii <= 57 else { return nil }
        return Int(ascii - 48)
    }
}

/// Byte-level reading of ASCII text, for values that are almost always written in it.
public enum ASCIIText {
    /// The range left when spaces and tabs are trimmed from both ends, when every byte is
    /// ASCII other than a carriage return (each Character then being one byte, reading
    /// bytes gives what reading Characters gives); nil for any other text.
    public static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        for byte in bytes where byte >= 0x80 || byte == 0x0D { return nil }
        var lower = 0
        var upper = bytes.count
        while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
        return lower..<upper
    }
}

extension String {
    var trimmingASCIISpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
