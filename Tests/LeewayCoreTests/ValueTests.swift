import Foundation
import Testing
@testable import LeewayCore

@Suite struct DurationTests {
    @Test(arguments: [
        ("90s", 90), ("30m", 1800), ("4h", 14_400), ("2d", 172_800), ("1w", 604_800),
        ("1h30m", 5400), ("4h30m", 16_200), ("1d12h", 129_600), ("0", 0), ("0m", 0),
    ])
    func parses(_ text: String, _ seconds: Int64) {
        #expect(Duration(parsing: text)?.seconds == seconds)
    }

    @Test(arguments: ["", "4", "h", "4x", "30m1h", "1h1h", "-1h", "1.5h", "4 h", "4hours", "99999999999999999999s"])
    func rejects(_ text: String) {
        #expect(Duration(parsing: text) == nil)
    }

    @Test(arguments: [(16_200, "4h30m"), (0, "0m"), (604_800, "1w"), (864_000, "10d"), (90, "1m30s"), (1_209_600, "2w")])
    func printsCanonically(_ seconds: Int64, _ text: String) {
        #expect(Duration(seconds: seconds).description == text)
    }

    /// A value read from text keeps the author's units in messages about it (`60h` is not
    /// `2d12h`); equality is by length alone, and computed values are canonical.
    @Test func keepsTheAuthorsUnits() throws {
        let written = try #require(Duration(parsing: "60h"))
        #expect(written.description == "60h")
        #expect(written.canonical == "2d12h")
        #expect(written == Duration(seconds: 216_000))
        #expect(Set([written, Duration(seconds: 216_000)]).count == 1)
        #expect((written + Duration.zero).description == "2d12h")
        #expect(try #require(Duration(parsing: "0")).description == "0m")
    }
}

@Suite struct MoneyTests {
    @Test func parsesAmountAndCurrency() throws {
        let money = try #require(Money(parsing: "25.50 EUR", defaultCurrency: "USD"))
        #expect(money.currency == "EUR")
        #expect(money.amount == Decimal(string: "25.5"))
        // Money keeps its minor unit: `25.50 EUR`, never `25.5 EUR`; whole amounts stay whole.
        #expect(money.description == "25.50 EUR")
        #expect(Money(Decimal(string: "342.6")!, "USD").description == "342.60 USD")
        #expect(Money(40, "USD").description == "40 USD")
        #expect(Money(Decimal(string: "1.5")!, "JPY").description == "1.5 JPY")
        #expect(Money(Decimal(string: "2.5")!, "KWD").description == "2.500 KWD")
    }

    @Test func bareNumberTakesTheDefaultCurrency() {
        #expect(Money(parsing: "40", defaultCurrency: "USD")?.description == "40 USD")
        #expect(Money(parsing: "40", defaultCurrency: nil) == nil)
    }

    @Test func isExactDecimalNotDouble() throws {
        let a = try #require(Money(parsing: "0.1", defaultCurrency: "USD"))
        let b = try #require(Money(parsing: "0.2", defaultCurrency: "USD"))
        #expect(a.amount + b.amount == Decimal(string: "0.3"))
    }

    @Test(arguments: ["25 usd", "25 DOLLARS", "1e3 USD", "1,000 USD", "USD 25", "", "25 USD extra", "abc"])
    func rejects(_ text: String) {
        #expect(Money(parsing: text, defaultCurrency: "USD") == nil)
    }

    /// The digits-only path of `Money.decimal` builds the very `Decimal` Foundation's
    /// parser builds (same bytes: mantissa, exponent, length, compaction), and leaves to
    /// the parser what it does not take.
    @Test(arguments: ["0", "1", "5", "10", "40", "100", "500", "1000", "2000", "65535", "65536", "4294967296",
                      "999999999999999999", "0.5", "0.10", "1.5", "25.50", "342.6", "342.60", "1000.001", "12.3456789012345678",
                      "007", "00", "0.0", "-5", "+5", "5.", ".5", "1234567890123456789", "12345678901234567890.5"])
    func plainDecimalIsFoundationsDecimal(_ text: String) throws {
        let parsed = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
        let decimal = try #require(Money.decimal(text))
        #expect(withUnsafeBytes(of: decimal) { Array($0) } == withUnsafeBytes(of: parsed) { Array($0) })
        if let plain = Money.plainDecimal(text) {
            #expect(withUnsafeBytes(of: plain) { Array($0) } == withUnsafeBytes(of: parsed) { Array($0) })
        }
    }

    /// The one-pass reading of ASCII amounts gives what the general reading gives, on
    /// random text made of the pieces amounts are written with and the ones that break them
    /// (tabs, carriage returns, signs, lowercase codes, an accent, a third part).
    @Test func theASCIIReadingIsTheGeneralReading() throws {
        let pieces = [" ", "  ", "\t", "\r", "\r\n", "0", "1", "5", "25", "500", "007", ".", ".5", "-", "+", "e3",
                      "USD", "EUR", "usd", "US", "USDX", "JPY", "é", "x", ",", "1234567890123456789"]
        var generator = SystemRandomNumberGenerator()
        var texts = ["25 USD", " 25 USD ", "\t40\t", "25.50 EUR", "25  USD", "25 USD x", "25\tUSD", "", " ", "25 usd"]
        for _ in 0..<5000 {
            let count = Int.random(in: 1...5, using: &generator)
            texts.append((0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            for currency in ["USD", nil] {
                let read = Money(parsing: text, defaultCurrency: currency)
                let general = Money.parseGeneral(text, defaultCurrency: currency)
                #expect(read == general, "\(text.debugDescription) with default \(currency ?? "none")")
                if let read, let general {
                    #expect(withUnsafeBytes(of: read.amount) { Array($0) } == withUnsafeBytes(of: general.amount) { Array($0) })
                }
            }
        }
    }

    /// The byte reading of ASCII durations gives what the Character reading gives: the
    /// seconds, working days, and the text as written.
    @Test func theASCIIDurationReadingIsTheCharacterReading() {
        let pieces = [" ", "\t", "\r\n", "\r", "0", "1", "3", "30", "90", "99999999999", "w", "d", "h", "m", "s", "bd", "b",
                      "x", "-", "é", "1h30m", "10bd", "9223372036854775807"]
        var generator = SystemRandomNumberGenerator()
        var texts = ["0", " 0 ", "1h30m", "1d12h", "10bd", "\t4h\t", "30m1h", "bd", "0bd", "1234567890123bd", "", "1h 30m"]
        for _ in 0..<5000 {
            let count = Int.random(in: 1...4, using: &generator)
            texts.append((0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            let read = Duration(parsing: text)
            let general = Duration(parsingCharacters: text)
            #expect(read?.seconds == general?.seconds, "\(text.debugDescription)")
            #expect(read?.inWorkingDays == general?.inWorkingDays, "\(text.debugDescription)")
            #expect(read?.written == general?.written, "\(text.debugDescription)")
        }
    }

    /// Whole amounts are written without `NSDecimalNumber`, exactly as it writes them.
    @Test func wholeAmountsAreWrittenAsFoundationWritesThem() throws {
        var amounts: [Decimal] = [0, 1, 9, 10, 40, 100, 500, 65535, 65536, 1_000_000, Decimal(UInt64.max), -1, -250]
        amounts += ["1e3", "25e2", "1.5", "0.1", "342.60", "-0.5", "18446744073709551616", "1e19"].compactMap { Decimal(string: $0) }
        // Past 64 bits the integer read back is not the amount (it wraps or is 0), and the
        // amount is written by Foundation.
        amounts += ["9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
                    "1e30", "1e100", "-1e100", "1e125"].compactMap { Decimal(string: $0) }
        amounts.append(Decimal(40) * Decimal(25))
        for amount in amounts {
            var value = amount
            var rounded = Decimal()
            NSDecimalRound(&rounded, &value, 10, .plain)
            #expect(Money.format(amount) == NSDecimalNumber(decimal: rounded).stringValue, "\(amount)")
        }
        #expect(Money.wholeText(Decimal(string: "1.5")!) == nil)
        #expect(Money.wholeText(500) == "500")
    }

    /// Amounts with decimals are written without Foundation's formatter, exactly as it
    /// writes them: edge values and 5,000 random amounts of 1 to 12 decimals.
    @Test func fractionsAreWrittenAsFoundationWritesThem() throws {
        func foundation(_ amount: Decimal) -> String {
            var value = amount
            var rounded = Decimal()
            NSDecimalRound(&rounded, &value, 10, .plain)
            return NSDecimalNumber(decimal: rounded).stringValue
        }
        var texts = ["0.5", "-0.5", "0.05", "34.66", "34.660", "1.33", "-12.01", "0.0000000001", "0.00000000001", "1.10",
                     "100.00", "-0.10", "18446744073709551615.5", "1844674407370955161.5", "0.1234567891", "0.12345678912"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let digits = Int.random(in: 1...12, using: &generator)
            let whole = UInt64.random(in: 0...10_000_000, using: &generator)
            let fraction = (0..<digits).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            texts.append((Bool.random(using: &generator) ? "-" : "") + "\(whole).\(fraction)")
        }
        for text in texts {
            let amount = try #require(Decimal(string: text))
            #expect(Money.format(amount) == foundation(amount), "\(text)")
        }
        #expect(Money.fractionText(Decimal(string: "1.5")!) == "1.5")
        #expect(Money.fractionText(500) == nil)
    }

    @Test func comparesOnlyWithinOneCurrency() {
        let usd = Quantity.money(Money(10, "USD")), eur = Quantity.money(Money(5, "EUR"))
        #expect(usd.compare(eur) == nil)
        #expect(usd.compare(.money(Money(20, "USD"))) == .orderedAscending)
    }
}

@Suite struct CalendarDateTests {
    @Test func parsesAndCompares() throws {
        let date = try #require(CalendarDate(parsing: "2027-06-30"))
        #expect(date.description == "2027-06-30")
        #expect(date > CalendarDate(year: 2026, month: 11, day: 23))
        #expect(CalendarDate(parsing: "2027-02-29") == nil)
        #expect(CalendarDate(parsing: "2028-02-29") != nil)
        #expect(CalendarDate(parsing: "30/06/2027") == nil)
    }

    @Test func todayCanBePinnedForTests() {
        #expect(CalendarDate.today(environment: ["LEEWAY_TODAY": "2030-01-02"]).description == "2030-01-02")
    }
}

@Suite struct KeyPathTests {
    @Test func parsesDotsAndIndexes() {
        let path = KeyPath(parsing: "actions.issue-credit.grants[1].approval")
        #expect(path.components == ["actions", "issue-credit", "grants", "[1]", "approval"])
        #expect(path.description == "actions.issue-credit.grants[1].approval")
        #expect(path.hasPrefix(KeyPath(parsing: "actions.issue-credit")))
        #expect(!path.hasPrefix(KeyPath(parsing: "actions.issue")))
    }
}

@Suite struct SuggestTests {
    @Test func suggestsCloseNames() {
        #expect(Suggest.closest(to: "supervisr", in: ["agent", "supervisor"]) == "supervisor")
        #expect(Suggest.closest(to: "up-too", in: ["up-to", "at-least"]) == "up-to")
        #expect(Suggest.closest(to: "tilte", in: ["title", "owner"]) == "title")
        #expect(Suggest.closest(to: "zzzzzz", in: ["agent", "supervisor"]) == nil)
    }
}

@Suite struct SourceFileTests {
    @Test func linesSplitOnLFAndCRLFAndKeepEmptyOnes() {
        let file = SourceFile(path: "x", text: "a: 1\r\nb: é\n\nc ✓\r\n")
        #expect(file.lines.map(String.init) == ["a: 1", "b: é", "", "c ✓", ""])
        #expect(file.line(4) == "c ✓")
        #expect(file.line(9) == nil)
        #expect(SourceFile(path: "y", text: "no newline").lines.map(String.init) == ["no newline"])
    }
}
