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
        self.init(amount, currency)
    }

    /// A decimal number as written: digits, an optional sign and fraction. No exponent,
    /// no thousands separators, no locale.
    public static func decimal(_ text: String) -> Decimal? {
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
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    public static func isCurrencyCode(_ code: String) -> Bool {
        code.count == 3 && code.allSatisfy { $0.isASCII && $0.isUppercase }
    }

    public var isNegative: Bool { amount < 0 }

    /// `40 USD`, `25.5 USD`: the amount in its shortest exact form, then the currency.
    public var description: String { "\(Money.format(amount)) \(currency)" }

    public static func format(_ amount: Decimal) -> String {
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
