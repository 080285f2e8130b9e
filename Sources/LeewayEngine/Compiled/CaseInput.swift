import Foundation
import LeewayCore

/// A case in the compiled policy's terms: the handling role's index, one integer slot per
/// fact, and the wanted actions with fixed-point amounts. Reused from case to case
/// (`reset(for:)` keeps capacity), so batches allocate nothing per case once warm.
public struct CaseInput: Sendable {
    public var role: Int32 = -1
    public var values: [Int64]
    public var present: [Bool]
    /// Exact money fact values (used only in `decimalMode`).
    public var moneyDecimals: [Decimal]
    public var wants: [WantInput] = []
    /// True when some money here (or in the policy) has no fixed-point form: amounts are
    /// then compared as exact decimals.
    public var decimalMode = false
    /// What the case says was already spent per budget period (fixed point; -1 not given),
    /// exactly in `spentDecimal`, and the customer's id (empty: none) (language 1.1).
    public var spent = [Int64](repeating: -1, count: BudgetPeriod.allCases.count)
    public var spentDecimal = [Decimal](repeating: 0, count: BudgetPeriod.allCases.count)
    public var customerID: [UInt8] = []

    public init(for policy: CompiledPolicy) {
        // At least one slot, so the evaluator's raw pointers are never nil.
        let slots = max(1, policy.facts.count)
        values = Array(repeating: 0, count: slots)
        present = Array(repeating: false, count: slots)
        moneyDecimals = Array(repeating: 0, count: slots)
        wants.reserveCapacity(4)
        decimalMode = policy.needsDecimal
    }

    public mutating func reset(for policy: CompiledPolicy) {
        role = -1
        present.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
        // One by one: `removeAll(keepingCapacity:)` costs more for the one or two there are.
        while !wants.isEmpty { wants.removeLast() }
        decimalMode = policy.needsDecimal
        for index in spent.indices where spent[index] >= 0 { spent[index] = -1 }
        if !customerID.isEmpty { customerID.removeAll(keepingCapacity: true) }
    }

    public mutating func set(slot: Int, _ value: Int64) {
        values[slot] = value
        present[slot] = true
    }
}

public struct WantInput: Sendable {
    public var action: Int32
    public var hasAmount: Bool
    /// Money in fixed point, durations in seconds, counts as they are.
    public var amount: Int64
    /// Money's exact amount (used only in `decimalMode`).
    public var decimal: Decimal

    public init(action: Int32, hasAmount: Bool = false, amount: Int64 = 0, decimal: Decimal = Decimal()) {
        self.action = action
        self.hasAmount = hasAmount
        self.amount = amount
        self.decimal = decimal
    }
}

extension CompiledPolicy {
    /// A bound case (`PolicySet.bind`) as evaluator input. Fails with a located
    /// `invalid-case` finding when an amount's currency differs from the action's limits.
    public func input(for bound: BoundCase) -> (CaseInput?, [Finding]) {
        var input = CaseInput(for: self)
        var findings: [Finding] = []
        input.role = Int32(role(named: bound.handledBy) ?? -1)
        for (name, value) in bound.facts {
            guard let slot = fact(named: name) else { continue }
            switch value {
            case .enumeration(let text): input.set(slot: slot, Int64(facts[slot].valueIndex[text] ?? -1))
            case .duration(let duration): input.set(slot: slot, duration.seconds)
            case .count(let count): input.set(slot: slot, count)
            case .bool(let flag): input.set(slot: slot, flag ? 1 : 0)
            case .set(let values): input.set(slot: slot, Int64(bitPattern: CompiledFact.mask(values, facts[slot])))
            case .money(let money):
                input.moneyDecimals[slot] = money.amount
                if let fixed = FixedPoint.fixed(money.amount) {
                    input.set(slot: slot, fixed)
                } else {
                    input.set(slot: slot, money.amount < 0 ? -FixedPoint.limit : FixedPoint.limit)
                    input.decimalMode = true
                }
            }
        }
        for (period, money) in bound.spent {
            guard let index = BudgetPeriod.allCases.firstIndex(of: period) else { continue }
            input.spentDecimal[index] = money.amount
            if let fixed = FixedPoint.fixed(money.amount) {
                input.spent[index] = fixed
            } else {
                input.spent[index] = FixedPoint.limit
                input.decimalMode = true
            }
        }
        if let id = bound.source.customer?.id?.value { input.customerID = Array(id.utf8) }
        for want in bound.wants {
            guard let action = action(named: want.action) else { continue }
            var compiled = WantInput(action: Int32(action))
            switch want.amount {
            case .money(let money)?:
                if let currency = actions[action].currency, currency != money.currency, let written = want.source.amount {
                    findings.append(Finding(rule: Finding.invalidCase, severity: .error, location: written.location,
                                            message: Message("engine.currency-mismatch", ["value": written.value, "currency": currency]),
                                            help: Message("load.mixed-currency.help", ["currency": currency])))
                }
                compiled.hasAmount = true
                compiled.decimal = money.amount
                if let fixed = FixedPoint.fixed(money.amount) {
                    compiled.amount = fixed
                } else {
                    compiled.amount = money.amount < 0 ? -FixedPoint.limit : FixedPoint.limit
                    input.decimalMode = true
                }
            case .duration(let duration)?:
                compiled.hasAmount = true
                compiled.amount = duration.seconds
            case .count(let count)?:
                compiled.hasAmount = true
                compiled.amount = count
            case nil:
                break
            }
            input.wants.append(compiled)
        }
        return findings.isEmpty ? (input, []) : (nil, findings)
    }

    /// A want's amount as YAML writes it (`40 USD`, `4h30m`, `3`), appended as bytes.
    public func appendAmount(_ want: WantInput, to bytes: inout [UInt8]) { names.appendAmount(want, to: &bytes) }

    public func amountText(_ want: WantInput) -> String? {
        guard want.hasAmount else { return nil }
        var bytes: [UInt8] = []
        appendAmount(want, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
