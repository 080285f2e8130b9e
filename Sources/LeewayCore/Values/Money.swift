import Foundation

/// An amount of money: an exact decimal and a currency code. Never a Double.
/// Amounts in two currencies are never compared or added: that is an error to report.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    public var amount: Decimal
    public var currency: String

    public init(_ amount: Decimal, _ currency: String) {
        self.amount = amount
        self.currency = currency
    }

    /// Parses `25 USD`, `25.50 EUR`, or a bare `25` in the default currency.
    /// Returns nil when the text is not money; a negative amount parses (the loader
    /// reports it) so that the message can name it.
    public init?(parsing text: String, defaultCurrency: String?) {
        // ASCII without a carriage return (every Character one byte): read from the bytes
        // in one pass, with no trimmed copy, no array of parts and no string per part.
        let fast = text.utf8.withContiguousStorageIfAvailable { Money.parseASCII($0, defaultCurrency: defaultCurrency) }
        switch fast {
        case .some(.money(let money)):
            self = money
            return
        case .some(.notMoney):
            return nil
        case .some(.general), .none:
            guard let money = Money.parseGeneral(text, defaultCurrency: defaultCurrency) else { return nil }
            self = money
        }
    }

    /// The general reading, on Characters: spaces and tabs trimmed, one or two parts split
    /// on spaces (a number, then a currency code unless there is a default).
    static func parseGeneral(_ text: String, defaultCurrency: String?) -> Money? {
        let parts = text.trimmingASCIISpaces.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        guard let amount = Money.decimal(String(parts[0])) else { return nil }
        let currency: String
        if parts.count == 2 {
            let code = String(parts[1])
            guard Money.isCurrencyCode(code) else { return nil }
            currency = code
        } else {
            guard let defaultCurrency else { return nil }
            currency = defaultCurrency
        }
        return Money(amount, currency)
    }

    enum ASCIIParse { case money(Money), notMoney, general }

    /// `init(parsing:defaultCurrency:)` on ASCII text without a carriage return: spaces and
    /// tabs trimmed at both ends, then one or two parts split on spaces, exactly as the
    /// general path splits them. `.general` when the text is not such ASCII.
    static func parseASCII(_ bytes: UnsafeBufferPointer<UInt8>, defaultCurrency: String?) -> ASCIIParse {
        guard let trimmed = ASCIIText.trimmed(bytes) else { return .general }
        let upper = trimmed.upperBound
        // Parts: runs of bytes other than a space.
        var parts: [Range<Int>] = []
        parts.reserveCapacity(2)
        var index = trimmed.lowerBound
        while index < upper {
            if bytes[index] == 0x20 {
                index += 1
                continue
            }
            let start = index
            while index < upper, bytes[index] != 0x20 { index += 1 }
            guard parts.count < 2 else { return .notMoney }
            parts.append(start..<index)
        }
        guard parts.count == 1 || parts.count == 2 else { return .notMoney }
        let number = UnsafeBufferPointer(rebasing: bytes[parts[0]])
        guard let amount = plainDecimal(utf8: number) ?? decimal(String(decoding: number, as: UTF8.self)) else { return .notMoney }
        let currency: String
        if parts.count == 2 {
            let code = bytes[parts[1]]
            guard code.count == 3, code.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return .notMoney }
            currency = String(decoding: code, as: UTF8.self)
        } else {
            guard let defaultCurrency else { return .notMoney }
            currency = defaultCurrency
        }
        return .money(Money(amount, currency))
    }

    /// A decimal number as written: digits, an optional sign and fraction. No exponent,
    /// no thousands separators, no locale.
    public static func decimal(_ text: String) -> Decimal? {
        if let value = plainDecimal(text) { return value }
        var digits = 0
        var dots = 0
        for (index, char) in text.enumerated() {
            if char.asciiDigitValue != nil {
                digits += 1
            } else if char == "." {
                dots += 1
            } else if char == "-" || char == "+" {
                if index != 0 { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, dots <= 1, digits <= 30 else { return nil }
        return Decimal(string: text, locale: Money.posix)
    }

    /// The common case of `decimal(_:)` without Foundation's parser (which asks the locale
    /// for its separator on every call): up to 18 ASCII digits, an optional fraction, no
    /// sign, no leading zero. The value is built as the parser builds it, mantissa and
    /// exponent, then compacted, so that it is the same `Decimal` to the bit.
    static func plainDecimal(_ text: String) -> Decimal? {
        plainDecimal(utf8: text.utf8)
    }

    @inline(__always)
    static func plainDecimal<Bytes: Sequence<UInt8>>(utf8 bytes: Bytes) -> Decimal? {
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = -1
        var first = true
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard fraction < 0, digits > 0 else { return nil }
                fraction = 0
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            if first, byte == UInt8(ascii: "0") { return nil }
            first = false
            mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
            digits += 1
            if fraction >= 0 { fraction += 1 }
            guard digits <= 18 else { return nil }
        }
        guard digits > 0, fraction != 0 else { return nil }
        var value = Decimal(sign: .plus, exponent: -max(fraction, 0), significand: Decimal(mantissa))
        NSDecimalCompact(&value)
        return value
    }

    /// Made once: a `Locale` per amount read was a good part of loading a policy.
    static let posix = Locale(identifier: "en_US_POSIX")

    public static func isCurrencyCode(_ code: String) -> Bool {
        // Three ASCII capitals (bytes: an ASCII uppercase Character is one of A–Z).
        code.utf8.count == 3 && code.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }

    public var isNegative: Bool { amount < 0 }

    /// `40 USD`, `342.60 USD`: a whole amount as it is, any other with the currency's
    /// minor unit (two decimals for most, none for `JPY`, three for `KWD`), then the currency.
    public var description: String { "\(Money.format(amount, currency: currency)) \(currency)" }

    /// Currencies whose minor unit is not a hundredth (ISO 4217).
    static let minorUnits: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0, "RWF": 0,
        "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3, "CLF": 4, "UYW": 4,
    ]

    /// How many decimals the currency's minor unit has (2 unless ISO 4217 says otherwise).
    public static func minorUnit(_ currency: String) -> Int { minorUnits[currency] ?? 2 }

    /// The amount as money is written in `currency`: whole amounts without decimals,
    /// others with at least the minor unit's decimals (`342.6` → `342.60`).
    public static func format(_ amount: Decimal, currency: String) -> String {
        let text = format(amount)
        guard let dot = text.firstIndex(of: ".") else { return text }
        let decimals = text.distance(from: text.index(after: dot), to: text.endIndex)
        let wanted = minorUnit(currency)
        return decimals >= wanted ? text : text + String(repeating: "0", count: wanted - decimals)
    }

    public static func format(_ amount: Decimal) -> String {
        if let whole = wholeText(amount) { return whole }
        if let fraction = fractionText(amount) { return fraction }
        return roundedText(amount)
    }

    /// `format(_:)` through Foundation: rounded to ten decimals, as `NSDecimalNumber` writes it.
    static func roundedText(_ amount: Decimal) -> String {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 10, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }
}

extension Money {
    /// Digits of the currency's minor unit (ISO 4217): 2 for most, 0 for `JPY`, 3 for `KWD`.
    /// Amount rules round down to it.
    public static func minorDigits(_ currency: String) -> Int {
        switch currency {
        case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF":
            return 0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
            return 3
        default:
            return 2
        }
    }
}

extension Money {
    /// A whole amount as `format(_:)` writes it: rounding to ten decimals leaves it as it
    /// is, and its text is the `Decimal`'s own, without an `NSDecimalNumber` per amount.
    static func wholeText(_ amount: Decimal) -> String? {
        guard !amount.isNaN, amount.exponent >= 0 else { return nil }
        // Foundation's `description` takes about 2 µs; an amount that is a 64-bit integer
        // (checked by converting back) is written as that integer, in a tenth of it.
        let whole = NSDecimalNumber(decimal: amount).int64Value
        if Decimal(whole) == amount { return String(whole) }
        return amount.description
    }

    /// An amount with up to ten decimals as `format(_:)` writes it (`34.66`, `-0.5`): its
    /// digits (a 64-bit integer, checked by converting back) with the point put in and
    /// the fraction's trailing zeros dropped. Nil for any other amount.
    static func fractionText(_ amount: Decimal) -> String? {
        guard !amount.isNaN, amount.exponent < 0, amount.exponent >= -10 else { return nil }
        let magnitude = amount.significand
        let digits = NSDecimalNumber(decimal: magnitude).uint64Value
        guard digits > 0, Decimal(digits) == magnitude else { return nil }
        var text = Array(String(digits).utf8)
        let decimals = -amount.exponent
        if text.count <= decimals { text.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimals - text.count + 1), at: 0) }
        var end = text.count
        while end > text.count - decimals, text[end - 1] == UInt8(ascii: "0") { end -= 1 }
        let point = text.count - decimals
        var out: [UInt8] = amount.sign == .minus ? [UInt8(ascii: "-")] : []
        out += text[..<point]
        if end > point {
            out.append(UInt8(ascii: "."))
            out += text[point..<end]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
