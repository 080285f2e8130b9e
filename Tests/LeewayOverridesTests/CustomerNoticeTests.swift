import Foundation
import LeewayCore
import LeewayEngine
@testable import LeewayOverrides
import Testing

/// The customer message, whole, for every kind of case (Fixtures/notices: late
/// technician, owed money and owed visits, refused wants, approvals, hand-offs, every
/// channel, no customer text, verb-phrase goals, waits of minutes, hours, days and working
/// days, several contacts, Spanish text with accents), in both languages. Compared with
/// Golden/notices.{en,es}.txt; regenerate with `LEEWAY_UPDATE_GOLDEN=1 swift test
/// --filter CustomerNoticeGoldenTests` and review the diff.
@Suite struct CustomerNoticeGoldenTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = here.appendingPathComponent("Fixtures/notices")
    static let root = here.deletingLastPathComponent().deletingLastPathComponent()

    /// The fixture cases, evaluated.
    static func evaluated() throws -> [EvaluatedCase] {
        let policyURL = fixtures.appendingPathComponent("policy.yaml")
        let loaded = PolicyLoader.load(text: try String(contentsOf: policyURL, encoding: .utf8), path: "policy.yaml")
        #expect(loaded.findings.filter { $0.severity == .error }.isEmpty, "\(loaded.findings.map { $0.message.render() })")
        let policy = CompiledPolicy(try #require(loaded.policy))
        let cases = CaseLoader.load(text: try String(contentsOf: fixtures.appendingPathComponent("cases.yaml"), encoding: .utf8),
                                    path: "cases.yaml")
        #expect(cases.findings.filter { $0.severity == .error }.isEmpty, "\(cases.findings.map { $0.message.render() })")
        return try cases.cases.map { source in
            switch Engine.evaluate(source, with: policy) {
            case .success(let result): return result
            case .failure(let errors): throw errors
            }
        }
    }

    /// `N-01\n<message>\n\n` for each case that has a message.
    static func document(_ cases: [EvaluatedCase], _ language: Language) -> String {
        cases.compactMap { evaluated in
            CustomerNotice.message(for: evaluated, language: language).map { evaluated.source.id.value + "\n" + $0 + "\n" }
        }.joined(separator: "\n")
    }

    /// The golden messages of a language, by case id.
    static func golden(_ language: Language) throws -> [(id: String, message: String)] {
        let text = try String(contentsOf: here.appendingPathComponent("Golden/notices.\(language.rawValue).txt"), encoding: .utf8)
        return text.components(separatedBy: "\n\n").compactMap { block in
            let lines = block.split(separator: "\n", maxSplits: 1).map(String.init)
            guard lines.count == 2 else { return nil }
            return (lines[0], lines[1].trimmingCharacters(in: .newlines))
        }
    }

    @Test(arguments: Language.allCases)
    func matchesTheGoldenFile(_ language: Language) throws {
        let cases = try Self.evaluated()
        #expect(cases.count >= 20)
        let actual = Self.document(cases, language)
        let url = Self.here.appendingPathComponent("Golden/notices.\(language.rawValue).txt")
        if ProcessInfo.processInfo.environment["LEEWAY_UPDATE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "differs from \(url.lastPathComponent); LEEWAY_UPDATE_GOLDEN=1 regenerates it")
    }

    /// Over every golden customer message, in both languages: each sentence starts with a
    /// capital, no sentence or clause is said twice, and nothing refused or waiting for
    /// someone else's decision is promised.
    @Test(arguments: Language.allCases)
    func everyGoldenMessageCanBeSentAsItIs(_ language: Language) throws {
        let cases = Dictionary(uniqueKeysWithValues: try Self.evaluated().map { ($0.source.id.value, $0) })
        let golden = try Self.golden(language)
        #expect(golden.count >= 20, "\(golden.count) golden messages")
        for (id, message) in golden {
            let evaluated = try #require(cases[id], "golden message for an unknown case \(id)")
            // The customer's words appear as written: never lower-cased, never cut.
            let words = [evaluated.source.customer?.problem, evaluated.source.customer?.goal].compactMap { $0.flatMap(CustomerNotice.quotable) }
            let problems = NoticeCheck(language: language).problems(message, wants: NoticeCheck.wants(of: evaluated, language), quoted: words)
            #expect(problems.isEmpty, "\(id) (\(language)): \(problems)\n\(message)")
        }
    }

    /// The messages the CLI golden files and the README show pass the same checks of form.
    @Test func everyMessageTheCLIGoldensAndTheREADMEShowReadsAsSent() throws {
        var files = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Tests/LeewayCLITests/Fixtures/golden").path)
            .map { "Tests/LeewayCLITests/Fixtures/golden/" + $0 }
        files.append("README.md")
        var count = 0
        for file in files {
            let text = try String(contentsOf: Self.root.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains("✉") {
                guard let open = line.firstIndex(of: "“"), let close = line.lastIndex(of: "”") else { continue }
                let message = String(line[line.index(after: open)..<close])
                let language: Language = line.contains("dile ahora") || line.contains("dígale") ? .es : .en
                #expect(!line.contains("dígale"), "\(file): the agent is spoken to as tú: dile, not dígale")
                let problems = NoticeCheck(language: language).problems(message, wants: NoticeCheck.Wants())
                #expect(problems.isEmpty, "\(file): \(problems)\n\(message)")
                count += 1
            }
        }
        #expect(count >= 4, "\(count) messages found in the CLI goldens and the README")
    }

    /// The check fails on a message that breaks each rule.
    @Test func theCheckCatchesABadMessage() throws {
        let cases = try Self.evaluated()
        let lateTechnician = try #require(cases.first { $0.source.id.value == "N-01" })
        let wants = NoticeCheck.wants(of: lateTechnician, .en)
        #expect(wants.refused == ["offer a new appointment window"], "\(wants)")
        #expect(wants.pending == ["apply an account credit"], "\(wants)")
        let check = NoticeCheck(language: .en)
        let good = try #require(CustomerNotice.message(for: lateTechnician, language: .en))
        #expect(check.problems(good, wants: wants).isEmpty)
        // A refused want promised.
        let promised = good + " We will offer a new appointment window (1 hour) right away."
        #expect(check.problems(promised, wants: wants).contains { $0.hasPrefix("promises refused") })
        // A want waiting for the supervisor promised as done.
        let pending = good.replacingOccurrences(of: "Our shift supervisor will decide within 15 minutes whether we can apply",
                                                with: "We will apply")
        #expect(pending != good)
        #expect(check.problems(pending, wants: wants).contains { $0.hasPrefix("promises pending") })
        // A sentence in lower case, and one said twice.
        #expect(check.problems(good + " we will call you.", wants: wants).contains { $0.hasPrefix("no capital") })
        #expect(check.problems(good + " We will call you within 15 minutes.", wants: wants).contains { $0.hasPrefix("repeated") })
        // The old message: the goal spliced into "with a plan for", the problem lower-cased.
        let old = "You told us: no internet since Monday. We are sorry. You will hear from us within 15 minutes, with a plan for be paid."
        #expect(check.problems(old, wants: wants, quoted: ["No internet since Monday"]).contains { $0.hasPrefix("case text") })
        // Spanish: the capital comes after ¿ or ¡, and a lower-case one fails.
        let spanish = NoticeCheck(language: .es)
        #expect(spanish.problems("¿Le llamamos mañana? ¡Gracias!", wants: NoticeCheck.Wants()).isEmpty)
        #expect(!spanish.problems("¿le llamamos mañana?", wants: NoticeCheck.Wants()).isEmpty)
        // The customer's own words are quoted whole: their sentences are not the message's.
        #expect(spanish.problems("Nos ha contado: «¿por qué? no sé». Sentimos mucho las molestias.", wants: NoticeCheck.Wants()).isEmpty)
    }

    /// The goldens cover what the message must get right, so the checks above mean something.
    @Test func theGoldenCasesCoverEveryKindOfMessage() throws {
        let english = try Self.golden(.en).map(\.message).joined(separator: "\n")
        let spanish = try Self.golden(.es).map(\.message).joined(separator: "\n")
        for phrase in ["We will call you", "We will write to you", "We will message you here", "We will have an answer for you here",
                       "We will get back to you", "within 15 minutes", "within 2 hours", "by tomorrow", "within 10 working days",
                       "We are paying you", "as our guarantee promises", "We cannot", "will decide", "We are passing your case",
                       "We have looked at your case", "twice", "‘be paid back", "We cannot give you a time yet", "at least",
                       "Let us look now", "right away", "No tengo conexión desde el miércoles"] {
            #expect(english.contains(phrase), "no English golden message says “\(phrase)”")
        }
        for phrase in ["Le llamaremos", "Le escribiremos", "Le daremos una respuesta aquí mismo", "como muy tarde mañana",
                       "en un plazo de 10 días hábiles", "Le pagamos", "no podemos", "decidirá", "«No tengo conexión desde el miércoles»",
                       "«¿Por qué me cobran dos veces? ¡Es la tercera vez!»", "Veamos ahora"] {
            #expect(spanish.contains(phrase), "no Spanish golden message says “\(phrase)”")
        }
        // Never the old splices, never an unrounded time.
        for bad in ["with a plan for", "towards", " and 15 minutes.", "days and"] {
            #expect(!english.contains(bad), "an English golden message says “\(bad)”")
        }
    }

    /// Times as people say them.
    @Test func promisedTimesAreRoundedUpAsPeopleSayThem() {
        #expect(CustomerNotice.spokenWithin(7 * 60, .en) == "within 10 minutes")
        #expect(CustomerNotice.spokenWithin(15 * 60, .en) == "within 15 minutes")
        #expect(CustomerNotice.spokenWithin(50 * 60, .en) == "within 1 hour")
        #expect(CustomerNotice.spokenWithin(75 * 60, .en) == "within 2 hours")
        #expect(CustomerNotice.spokenWithin(86_400, .en) == "by tomorrow")
        #expect(CustomerNotice.spokenWithin(86_400, .es) == "como muy tarde mañana")
        #expect(CustomerNotice.spokenWithin(3 * 86_400, .en) == "within 3 days")
        #expect(CustomerNotice.spokenWithin(14 * 86_400, .es) == "en un plazo de 2 semanas")
        // 1w15m: a week (no working days in the policy), 5 working days with them.
        #expect(CustomerNotice.spokenWithin(604_800 + 900, .en) == "within 1 week")
        #expect(CustomerNotice.spokenWithin(604_800 + 900, .en, workingDays: true) == "within 5 working days")
        #expect(CustomerNotice.spokenWithin(2 * 604_800 + 900, .es, workingDays: true) == "en un plazo de 10 días hábiles")
        #expect(CustomerNotice.spokenWaited(Duration(seconds: 16_200), .en) == "4 hours and 30 minutes")
        #expect(CustomerNotice.spokenWaited(Duration(seconds: 604_800 + 900), .en) == "1 week")
        #expect(CustomerNotice.spokenWaited(.workingDays(2), .es) == "2 días hábiles")
    }

    @Test func channelsAreReadByName() {
        #expect(CustomerNotice.Reach(channel: "store") == .inPerson)
        #expect(CustomerNotice.Reach(channel: "in-person") == .inPerson)
        #expect(CustomerNotice.Reach(channel: "phone") == .phone)
        #expect(CustomerNotice.Reach(channel: "email") == .email)
        #expect(CustomerNotice.Reach(channel: "web-form") == .email)
        #expect(CustomerNotice.Reach(channel: "whatsapp") == .message)
        #expect(CustomerNotice.Reach(channel: "social") == .message)
        #expect(CustomerNotice.Reach(channel: "help-desk") == .any)
        #expect(CustomerNotice.Reach(channel: "pigeon") == .any)
        #expect(CustomerNotice.Reach(channel: nil) == .any)
    }
}

/// What makes a customer message fit to send as it is, checked sentence by sentence. The
/// customer's own words (between ‘ ’, « » or “ ”) are not split into sentences.
struct NoticeCheck {
    var language: Language

    /// The titles of the wants the message must not promise: refused (blocked) ones, and
    /// pending ones (an approval, another role). A title also allowed elsewhere is left out.
    struct Wants: CustomStringConvertible {
        var refused: [String] = []
        var pending: [String] = []
        var description: String { "refused \(refused), pending \(pending)" }
    }

    static func wants(of evaluated: EvaluatedCase, _ language: Language) -> Wants {
        var refused: [String] = [], pending: [String] = [], allowed: [String] = []
        for decision in evaluated.decisions {
            let action = evaluated.policy.policy.actions[Int(decision.action)]
            let title = CustomerNotice.actionTitle(action, language)
            switch decision.outcome {
            case .allowed: allowed.append(title)
            case .blocked: refused.append(title)
            case .needsApproval, .escalate: if !decision.remedyEscalation { pending.append(title) }
            }
        }
        return Wants(refused: refused.filter { !allowed.contains($0) }, pending: pending.filter { !allowed.contains($0) && !refused.contains($0) })
    }

    /// Words that say a sentence refuses, or leaves a decision to someone.
    var refusal: [String] { language == .es ? ["no podemos"] : ["cannot"] }
    var decision: [String] { language == .es ? [" si podemos"] : [" whether we can"] }

    /// Sentences outside the customer's quoted words, split after `.`, `?` or `!`.
    func sentences(_ message: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        var depth = 0
        let characters = Array(message)
        for (index, character) in characters.enumerated() {
            current.append(character)
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            switch character {
            case "‘", "«", "“": depth += 1
            // A closing ’ that is an apostrophe (a letter follows) is not a quote.
            case "’" where !next.isLetter, "»", "”": depth = max(0, depth - 1)
            case ".", "?", "!":
                if depth == 0 && next.isWhitespace {
                    sentences.append(current.trimmingCharacters(in: .whitespaces))
                    current = ""
                }
            default: break
            }
        }
        let rest = current.trimmingCharacters(in: .whitespaces)
        if !rest.isEmpty { sentences.append(rest) }
        return sentences
    }

    /// What is wrong with the message; empty when it can be sent as it is. `quoted` is the
    /// customer's text, which must appear as written.
    func problems(_ message: String, wants: Wants, quoted: [String] = []) -> [String] {
        var problems: [String] = []
        let sentences = sentences(message)
        if sentences.isEmpty { problems.append("empty") }
        var seen = Set<String>()
        var clauses = Set<String>()
        for sentence in sentences {
            let start = sentence.first { !"¿¡‘«“(".contains($0) }
            if let start, !start.isUppercase { problems.append("no capital: \(sentence)") }
            if let last = sentence.last, !".?!".contains(last) { problems.append("no full stop: \(sentence)") }
            if !seen.insert(sentence.lowercased()).inserted { problems.append("repeated sentence: \(sentence)") }
            for clause in sentence.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() })
            where !clauses.insert(clause.trimmingCharacters(in: CharacterSet(charactersIn: "."))).inserted {
                problems.append("repeated clause: \(clause)")
            }
            let lowered = sentence.lowercased()
            for title in wants.refused where lowered.contains(title.lowercased()) && !refusal.contains(where: lowered.contains) {
                problems.append("promises refused `\(title)`: \(sentence)")
            }
            for title in wants.pending where lowered.contains(title.lowercased())
                && !(refusal + decision).contains(where: lowered.contains) {
                problems.append("promises pending `\(title)`: \(sentence)")
            }
        }
        for words in quoted where !message.contains(words) { problems.append("case text not quoted as written: \(words)") }
        return problems
    }
}
