/// A length of time, stored as whole seconds. Written `90s`, `30m`, `4h`, `2d`, `1w`,
/// or combined from largest to smallest unit: `1h30m`, `4h30m`, `1d12h`. `0` is zero.
public struct Duration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) {
        self.seconds = seconds
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
        let trimmed = text.trimmingASCIISpaces
        if trimmed == "0" {
            self.seconds = 0
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
    }

    /// The canonical spelling: `4h30m`, `2d`, `0`.
    public var description: String {
        if seconds == 0 { return "0" }
        var rest = seconds
        var out = seconds < 0 ? "-" : ""
        rest = abs(rest)
        // Weeks only when the value is whole weeks, so `10d` stays `10d`.
        for (unit, size) in Self.units {
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

extension String {
    var trimmingASCIISpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
