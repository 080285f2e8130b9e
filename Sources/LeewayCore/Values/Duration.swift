/// A length of time, stored as whole seconds. Written `90s`, `30m`, `4h`, `2d`, `1w`,
/// or combined from largest to smallest unit: `1h30m`, `4h30m`, `1d12h`. `0` is zero.
///
/// Working days (`10bd`, language 1.1) stand alone and are shown as written; where
/// durations are compared or added, 5bd count as 1w (1bd = 33h36m), and a sum is written
/// in calendar units. Equality and order look at the seconds only.
public struct Duration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var seconds: Int64
    /// How the author wrote it (`60h`, `90m`) when it was read from text: a message about
    /// this value shows it as written, not as `2d12h`. Not part of equality.
    public var written: String?
    /// Written in working days (`10bd`): shown that way while the value is whole working days.
    public var inWorkingDays = false

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
    public static func + (a: Duration, b: Duration) -> Duration { Duration(seconds: a.seconds &+ b.seconds) }

    static let units: [(Character, Int64)] = [("w", 604_800), ("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)]

    /// Parses `1h30m`; nil if the text is not a duration.
    public init?(parsing text: String) {
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
        if let written { return written }
        return canonical
    }

    /// The spelling Leeway writes for a computed value, whatever the author wrote.
    public var canonical: String {
        if seconds == 0 { return "0m" }
        if let days = workingDays { return "\(days)bd" }
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
