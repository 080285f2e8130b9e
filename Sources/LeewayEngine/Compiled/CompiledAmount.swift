import Foundation
import LeewayCore

/// An amount rule compiled over a fact slot (language 1.1): evaluated per case in the
/// slot's integer form (money in `FixedPoint`, seconds, counts), with no allocation.
/// `exact` is false when some constant has no fixed-point form; the evaluator then uses
/// the rule's exact reference (`AmountRule.value(given:)`).
struct CompiledAmount: Sendable {
    enum Kind: UInt8, Sendable { case percent, bands, steps }
    var kind: Kind
    var slot: Int32
    /// percent: the percent × 10⁴; steps: `base`.
    var a: Int64 = 0
    /// percent: `min` (Int64.min: none); steps: `add`.
    var b: Int64 = .min
    /// percent and steps: `max` (Int64.max: none).
    var c: Int64 = .max
    /// percent: the unit results are rounded down to; steps: `each`.
    var d: Int64 = 1
    /// steps: `after`.
    var e: Int64 = 0
    /// bands: `bandLimits`/`bandAmounts[first..<first+count]`.
    var first: Int32 = 0
    var count: Int32 = 0
    var exact = true
    /// The index of the rule in `CompiledPolicy.amountRules`.
    var rule: Int32 = 0

    /// The value for a case, or nil when the fact is missing or no band matches.
    @inline(__always)
    func value(_ facts: FactView, limits: UnsafeMutablePointer<Int64>, amounts: UnsafeMutablePointer<Int64>) -> Int64? {
        let slot = Int(self.slot)
        guard facts.present[slot] else { return nil }
        let fact = facts.values[slot]
        switch kind {
        case .percent:
            // fact × percent / 100, in the fact's units, rounded down to `d`.
            let product = fact.multipliedFullWidth(by: a)
            let divisor: Int64 = 100 * FixedPoint.scale
            var result: Int64
            if product.high >= divisor / 2 || product.high < 0 {
                result = product.high < 0 ? 0 : FixedPoint.limit
            } else {
                result = divisor.dividingFullWidth(product).quotient
            }
            if d > 1 { result = (result / d) * d }
            if result < b { result = b }
            if result > c { result = c }
            return result
        case .bands:
            var index = Int(first)
            let end = index + Int(count)
            while index < end {
                if fact <= limits[index] { return amounts[index] }
                index += 1
            }
            return nil
        case .steps:
            var result = a
            if fact > e {
                let steps = (fact - e) / d
                let (added, overflow1) = b.multipliedReportingOverflow(by: steps)
                let (sum, overflow2) = result.addingReportingOverflow(added)
                result = overflow1 || overflow2 ? FixedPoint.limit : sum
            }
            if result > c { result = c }
            return result
        }
    }
}

/// A remedy in the compiled policy's indexes.
struct CompiledRemedy: Sendable {
    var condition: Int32
    var action: Int32
    /// The amount: an amount rule (`amount >= 0`), a value (`fixed`), or none (measure none).
    var amount: Int32 = -1
    var fixed: Int64 = 0
    var fixedDecimal: Decimal = 0
    var hasAmount = false
    var automatic = true
    /// The role that gives it, or -1: whoever handles the case.
    var by: Int32 = -1
}
