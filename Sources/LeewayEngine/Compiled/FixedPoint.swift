import Foundation
import LeewayCore

/// Money as fixed-point integers: 1 unit = 10⁻⁴ of the currency (`25.50 USD` is
/// 255,000). Amounts with more decimals, or too large to fit, have no fixed-point form;
/// the evaluator then compares them exactly as `Decimal` (see `CaseInput.decimalMode`).
public enum FixedPoint {
    public static let scale: Int64 = 10_000
    public static let decimals = 4
    /// The largest magnitude kept in fixed point (about 9·10¹⁴ currency units).
    public static let limit: Int64 = Int64.max / 10_000

    /// The fixed-point value of an exact decimal, or nil when it does not fit exactly.
    public static func fixed(_ decimal: Decimal) -> Int64? {
        var value = decimal * Decimal(scale)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 0, .plain)
        guard rounded == value else { return nil }
        guard rounded.magnitude <= Decimal(limit) else { return nil }
        return NSDecimalNumber(decimal: rounded).int64Value
    }

    public static func decimal(_ fixed: Int64) -> Decimal {
        Decimal(fixed) / Decimal(scale)
    }

    /// Appends the shortest exact spelling of a fixed-point amount (`25.5`, `40`, `0.01`):
    /// the same text `Money.format` writes.
    /// With `minimumDecimals` (a currency's minor unit), a fraction gets at least that many
    /// digits (`342.60`), as `Money.description` writes it.
    public static func append(_ fixed: Int64, to bytes: inout [UInt8], minimumDecimals: Int = 0) {
        if fixed < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = fixed.magnitude
        ByteSink.appendDecimal(Int64(magnitude / UInt64(scale)), to: &bytes)
        var fraction = magnitude % UInt64(scale)
        guard fraction > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        var width = decimals
        while fraction % 10 == 0 && width > minimumDecimals {
            fraction /= 10
            width -= 1
        }
        var divisor: UInt64 = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(fraction / divisor))
            fraction %= divisor
            divisor /= 10
        }
    }

    private static let durationUnits: [(UInt8, Int64)] = [(UInt8(ascii: "w"), 604_800), (UInt8(ascii: "d"), 86_400),
                                                          (UInt8(ascii: "h"), 3600), (UInt8(ascii: "m"), 60), (UInt8(ascii: "s"), 1)]

    /// Appends a duration in the canonical spelling of `Duration.description` (`4h30m`).
    public static func appendDuration(_ seconds: Int64, to bytes: inout [UInt8]) {
        if seconds == 0 {
            bytes.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: "m")])
            return
        }
        var rest = seconds
        if rest < 0 {
            bytes.append(UInt8(ascii: "-"))
            rest = -rest
        }
        for (unit, size) in durationUnits {
            if unit == UInt8(ascii: "w") && rest % size != 0 { continue }
            if rest >= size {
                ByteSink.appendDecimal(rest / size, to: &bytes)
                bytes.append(unit)
                rest %= size
            }
        }
    }
}
