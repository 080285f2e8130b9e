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
        RecordBytes.append(to: &bytes) { $0.fixed(fixed, minimumDecimals: minimumDecimals) }
    }

    /// Appends a duration in the canonical spelling of `Duration.description` (`4h30m`).
    public static func appendDuration(_ seconds: Int64, to bytes: inout [UInt8]) {
        RecordBytes.append(to: &bytes) { $0.duration(seconds) }
    }
}
