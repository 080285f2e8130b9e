import Foundation
import LeewayCore
import LeewayEngine

/// The message the frontline can send the customer as it is, when a case will be late or
/// slow, or something is owed (docs/research.md, "Telling the customer first"): the facts
/// in the customer's own words, an apology, what is being done now, who decides the rest
/// and when, what is not possible, and when the customer hears from us next, on the
/// channel the case came in on.
///
/// Every sentence is a whole catalogue template (`notice.*`) that starts with a capital
/// and ends with a full stop; what the case and the policy give fills slots that read
/// the same whatever the words are:
/// - the customer's `problem` and `goal` are quoted as written (never lower-cased, never
///   made the object of a verb: "with a plan for be paid" cannot happen);
/// - action titles are verb phrases ("Apply an account credit", SPEC §2), so they follow
///   "we will", "whether we can" and "we cannot";
/// - times are rounded up to what people say ("within 15 minutes", "by tomorrow",
///   "within 10 working days"), never "7 days and 15 minutes";
/// - only allowed wants and owed remedies are promised; a want that needs an approval or
///   another role says who decides and by when; a blocked one says it cannot be done.
/// Spanish speaks to the customer as *usted*.
public enum CustomerNotice {
    /// How the customer reached us, which says how we get back to them.
    public enum Reach: String, Sendable, CaseIterable {
        /// In a store, at the counter, on a visit: we answer face to face.
        case inPerson = "in-person"
        case phone
        /// Email, letters, web forms: we write back.
        case email
        /// Chat, SMS, social media, messaging apps: we message back.
        case message
        /// No channel, or one Leeway does not recognise.
        case any

        /// The reach of a channel's name as a policy declares it (`store`, `phone`, `sms`…),
        /// worked out once per name (a policy declares a handful; every case names one).
        public init(channel: String?) {
            guard let channel else { self = .any; return }
            self = Reach.known.value(for: channel) { Reach(reading: channel) }
        }

        private static let known = Memo<String, Reach>(limit: 4096)

        private init(reading channel: String) {
            let name = channel.lowercased().replacingOccurrences(of: "_", with: "-")
            let words = Set(name.split(separator: "-").map(String.init))
            func any(_ names: [String]) -> Bool { names.contains(name) || names.contains { words.contains($0) } }
            if any(["store", "shop", "in-person", "person", "walk-in", "counter", "branch", "visit", "site", "field",
                    "face", "tienda", "presencial", "mostrador", "oficina"]) {
                self = .inPerson
            } else if any(["phone", "telephone", "call", "callback", "voice", "ivr", "teléfono", "telefono"]) {
                self = .phone
            } else if any(["email", "e-mail", "mail", "letter", "post", "form", "web", "correo", "carta"]) {
                self = .email
            } else if any(["chat", "sms", "text", "social", "whatsapp", "messenger", "message", "messaging", "app", "twitter",
                           "facebook", "instagram"]) {
                self = .message
            } else {
                self = .any
            }
        }
    }

    /// The message, or nil when the case is resolved at first contact with no wait and
    /// nothing owed.
    public static func message(for evaluated: EvaluatedCase, language: Language) -> String? {
        sentences(for: evaluated, language: language)?.joined(separator: " ")
    }

    /// The message's sentences, in order.
    public static func sentences(for evaluated: EvaluatedCase, language: Language) -> [String]? {
        let resolution = evaluated.resolution
        // What is owed without asking is always worth telling: the customer need not claim it.
        guard !resolution.firstContact || resolution.time > 0 || !evaluated.owed.isEmpty else { return nil }
        func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
            Catalog.render(Message(key, arguments), in: language)
        }
        let source = evaluated.source
        let policy = evaluated.policy
        let explanation = Explanation(policy: policy, language: language, keeping: false)
        let reach = Reach(channel: source.channel?.value)
        let workingDays = policy.countsWorkingDays
        func within(_ seconds: Int64) -> String { spokenWithin(seconds, language, workingDays: workingDays) }
        var sentences: [String] = []

        // The facts: the customer's problem and goal in their own words.
        let problem = source.customer?.problem.flatMap(quotable)
        let goal = source.customer?.goal.flatMap(quotable)
        switch (problem, goal) {
        case let (problem?, goal?): sentences.append(text("notice.facts-goal", ["problem": problem, "goal": goal]))
        case let (problem?, nil): sentences.append(text("notice.facts", ["problem": problem]))
        case let (nil, goal?): sentences.append(text("notice.goal", ["goal": goal]))
        case (nil, nil): sentences.append(text("notice.facts-none"))
        }

        // The apology: for the wait and for each contact it took, when there were several.
        var waited: String?
        if let slot = policy.fact(named: "waited"), case .duration(var duration)? = explanation.factValue(slot, input: evaluated.input),
           duration.seconds > 0 {
            // Said in working days when the case wrote it so (`waited: 2bd`).
            if let written = source.facts.first(where: { $0.name == "waited" })?.text, written.hasSuffix("bd") {
                duration.inWorkingDays = true
            }
            waited = spokenWaited(duration, language)
        }
        var contacts: Int64?
        if let slot = policy.fact(named: "contacts"), case .count(let count)? = explanation.factValue(slot, input: evaluated.input),
           count > 1 {
            contacts = count
        }
        switch (waited, contacts) {
        case let (time?, count?): sentences.append(text("notice.apology-both", ["time": time, "times": times(count, language)]))
        case let (time?, nil): sentences.append(text("notice.apology-waited", ["time": time]))
        case let (nil, count?): sentences.append(text("notice.apology-contacts", ["times": times(count, language)]))
        case (nil, nil): sentences.append(text("notice.apology"))
        }

        // What is owed without asking, and by when (language 1.1).
        for entry in evaluated.owed {
            let remedy = explanation.remedy(entry)
            let when = remedy.within.map { ", " + deadline($0.value, language) } ?? ""
            let action = policy.policy.actions[Int(entry.action)]
            if action.measure == .money, let amount = explanation.owedAmount(entry) {
                sentences.append(text("notice.owed-money", ["amount": amount, "when": when]))
            } else {
                var what = actionTitle(action, language)
                if let amount = explanation.owedAmount(entry), let shown = shownAmount(amount, action.measure, language) {
                    what += " (" + shown + ")"
                }
                sentences.append(text("notice.owed", ["what": what, "when": when]))
            }
        }

        // What the frontline does now, who decides the rest and when, and what cannot be done.
        var done: [String] = []
        var decides: [(role: String, when: String, what: [String])] = []
        var blocked: [String] = []
        for decision in evaluated.decisions {
            let want = evaluated.input.wants[Int(decision.want)]
            let action = policy.policy.actions[Int(decision.action)]
            // Past what is owed, only the remainder is this want's to tell.
            var part = want
            let further = want.hasAmount && decision.owed > 0 && want.amount > decision.owed
            if further {
                part.amount = want.amount - decision.owed
                part.decimal = evaluated.input.decimalMode ? want.decimal - decision.owedDecimal : FixedPoint.decimal(part.amount)
            }
            // What is owed is already said, and an escalation to the remedy's own role is that.
            if decision.remedyEscalation || (decision.viaRemedy && !further) { continue }
            var what = actionTitle(action, language)
            if want.hasAmount, let amount = policy.amountText(part), let shown = shownAmount(amount, action.measure, language) {
                what += " (" + (further ? text("notice.amount-further", ["amount": shown]) : shown) + ")"
            }
            switch decision.outcome {
            case .allowed:
                done.append(what)
            case .needsApproval, .escalate:
                let role = decision.by >= 0 ? team([roleTitle(policy.policy.roles[Int(decision.by)], language)], language) : ""
                let when = decision.within > 0 ? " " + within(decision.within) : ""
                if let index = decides.firstIndex(where: { $0.role == role && $0.when == when }) {
                    if !decides[index].what.contains(what) { decides[index].what.append(what) }
                } else {
                    decides.append((role, when, [what]))
                }
            case .blocked:
                if !blocked.contains(what) { blocked.append(what) }
            }
        }
        if !done.isEmpty { sentences.append(text("notice.done", ["what": list(done, language)])) }
        for entry in decides {
            sentences.append(text(entry.role.isEmpty ? "notice.decides-someone" : "notice.decides",
                                  ["role": entry.role, "when": entry.when, "what": list(entry.what, language)]))
        }
        if !blocked.isEmpty { sentences.append(text("notice.blocked", ["what": list(blocked, language, key: "notice.list-or")])) }

        // Who the case goes to along the way (the processes' hand-offs).
        var roles: [String] = []
        for index in evaluated.triggered {
            for step in policy.policy.processes[Int(index)].steps {
                if case .handoff(let to, _, _) = step.kind, to.value != source.handledBy.value, let role = policy.policy.role(to.value) {
                    let title = roleTitle(role, language)
                    if !roles.contains(title) { roles.append(title) }
                }
            }
        }
        if !roles.isEmpty { sentences.append(text("notice.handoff", ["team": team(roles, language)])) }

        // When the customer hears from us next, the way they reached us.
        let contact = text("notice.contact.\(reach == .inPerson ? Reach.any.rawValue : reach.rawValue)")
        if resolution.firstContact && resolution.time == 0 {
            // Everything is done now: nothing to wait for.
        } else if resolution.time > 0 && resolution.timeKnown {
            let when = within(resolution.time)
            if reach == .inPerson && resolution.time <= 3600 {
                sentences.append(text("notice.next.in-person", ["when": when]))
            } else {
                sentences.append(text("notice.next", ["contact": contact, "when": when]))
            }
        } else if resolution.time > 0 {
            sentences.append(text("notice.at-least", ["time": spokenAtLeast(resolution.time, language, workingDays: workingDays),
                                                      "contact": contact]))
        } else if !resolution.timeKnown {
            sentences.append(text("notice.time-unknown", ["contact": contact]))
        } else if !blocked.isEmpty {
            sentences.append(text(reach == .email ? "notice.instead.email" : "notice.instead"))
        }
        // No clause twice: a sentence the message already holds is not said again.
        var seen = Set<String>()
        return sentences.map(Prose.upperFirst).filter { seen.insert($0).inserted }
    }

    // MARK: - Times as people say them

    /// `4 hours and 30 minutes`, `2 days`, `15 minutes`, in the language: exact, every unit.
    public static func spoken(_ duration: Duration, _ language: Language) -> String {
        var rest = duration.seconds
        var parts: [String] = []
        for (name, size) in [("week", Int64(604_800)), ("day", 86_400), ("hour", 3600), ("minute", 60), ("second", 1)] {
            if name == "week" && rest % size != 0 { continue }
            guard rest >= size else { continue }
            let count = rest / size
            rest %= size
            parts.append(unit(name, count, language))
        }
        guard !parts.isEmpty else { return unit("minute", 0, language) }
        return list(parts, language)
    }

    /// A promised time, rounded up to what people say: `within 15 minutes`, `within
    /// 2 hours`, `by tomorrow`, `within 3 days`, `within 2 weeks`, and `within 10 working
    /// days` when the policy counts in working days and the time is (within an hour) a
    /// whole number of them. Never shorter than the time itself, except for that hour.
    public static func spokenWithin(_ seconds: Int64, _ language: Language, workingDays: Bool = false) -> String {
        // A batch says a few dozen times over and over: each is worked out once.
        spokenWithinMemo.value(for: [seconds, Int64(Language.allCases.firstIndex(of: language)!), workingDays ? 1 : 0]) {
            spokenWithinText(seconds, language, workingDays: workingDays)
        }
    }

    private static let spokenWithinMemo = Memo<[Int64], String>(limit: 16_384)

    static func spokenWithinText(_ seconds: Int64, _ language: Language, workingDays: Bool) -> String {
        func within(_ time: String) -> String { Catalog.render(Message("notice.within", ["time": time]), in: language) }
        let minute: Int64 = 60, hour: Int64 = 3600, day: Int64 = 86_400
        let seconds = max(seconds, 1)
        if seconds <= hour {
            let minutes = (seconds + minute - 1) / minute
            let said = [Int64(5), 10, 15, 20, 30, 45, 60].first { $0 >= minutes } ?? 60
            return within(said == 60 ? unit("hour", 1, language) : unit("minute", said, language))
        }
        if workingDays, let count = wholeWorkingDays(seconds) {
            return within(Catalog.render(Message("engine.working-days", ["count": String(count)]), in: language))
        }
        // A week or more in a policy that counts working days: said in working days, rounded up.
        if workingDays && seconds >= 5 * Duration.workingDay {
            let count = (seconds - hour + Duration.workingDay - 1) / Duration.workingDay
            return within(Catalog.render(Message("engine.working-days", ["count": String(count)]), in: language))
        }
        if seconds < day {
            return within(unit("hour", (seconds + hour - 1) / hour, language))
        }
        // Days: an hour past a whole day is still said as that day.
        var days = seconds / day
        if seconds % day > hour { days += 1 }
        if days <= 1 { return Catalog.render(Message("notice.by-tomorrow"), in: language) }
        if days % 7 == 0 { return within(unit("week", days / 7, language)) }
        return within(unit("day", days, language))
    }

    /// A lower bound, rounded down to what people say (`at least 6 days`).
    static func spokenAtLeast(_ seconds: Int64, _ language: Language, workingDays: Bool) -> String {
        let minute: Int64 = 60, hour: Int64 = 3600, day: Int64 = 86_400
        if workingDays, seconds > hour, let count = wholeWorkingDays(seconds) {
            return Catalog.render(Message("engine.working-days", ["count": String(count)]), in: language)
        }
        if seconds < hour { return unit("minute", max(1, seconds / minute), language) }
        if seconds < day { return unit("hour", seconds / hour, language) }
        let days = seconds / day
        return days % 7 == 0 ? unit("week", days / 7, language) : unit("day", days, language)
    }

    /// How long the customer has waited, as they would say it: `20 minutes`, `4 hours and
    /// 30 minutes`, `1 day and 6 hours`, `3 days`, `2 working days`; at most two units,
    /// minutes to the nearest 5.
    public static func spokenWaited(_ duration: Duration, _ language: Language) -> String {
        if let days = duration.workingDays {
            return Catalog.render(Message("engine.working-days", ["count": String(days)]), in: language)
        }
        let seconds = duration.seconds
        let hour: Int64 = 3600, day: Int64 = 86_400
        if seconds < hour { return unit("minute", max(1, (seconds + 30) / 60), language) }
        if seconds < day {
            let hours = seconds / hour
            let minutes = ((seconds % hour) / 60 + 2) / 5 * 5
            if minutes == 0 { return unit("hour", hours, language) }
            if minutes == 60 { return unit("hour", hours + 1, language) }
            return list([unit("hour", hours, language), unit("minute", minutes, language)], language)
        }
        let days = seconds / day
        let hours = (seconds % day) / hour
        if days < 2 && hours > 0 { return list([unit("day", days, language), unit("hour", hours, language)], language) }
        if days % 7 == 0 { return unit("week", days / 7, language) }
        return unit("day", days, language)
    }

    /// A remedy's deadline: `within 10 working days` as written, or rounded like any promise.
    static func deadline(_ duration: Duration, _ language: Language) -> String {
        if let days = duration.workingDays {
            let time = Catalog.render(Message("engine.working-days", ["count": String(days)]), in: language)
            return Catalog.render(Message("notice.within", ["time": time]), in: language)
        }
        return spokenWithin(duration.seconds, language)
    }

    /// The whole number of working days a time comes to, allowing an hour over (a 15-minute
    /// hand-off on top of a 5-working-day approval is still "within 5 working days").
    static func wholeWorkingDays(_ seconds: Int64) -> Int64? {
        let size = Duration.workingDay
        guard seconds >= size else { return nil }
        let count = seconds / size
        let over = seconds - count * size
        // A whole number of calendar days is said in days (1 week is 5 working days and 7 days).
        if seconds % 86_400 == 0 && count % 5 != 0 { return nil }
        return over <= 3600 ? count : nil
    }

    /// `our shift supervisor`; in Spanish `nuestro equipo (supervisor de turno)`, or
    /// `nuestro equipo de pagos` when the title already names a team (`notice.team-word`).
    static func team(_ titles: [String], _ language: Language) -> String {
        let word = Catalog.render(Message("notice.team-word"), in: language)
        if titles.count == 1, let title = titles.first, !word.isEmpty, title.hasPrefix(word + " ") {
            return Catalog.render(Message("notice.team-own", ["role": title]), in: language)
        }
        return Catalog.render(Message("notice.team", ["role": list(titles, language)]), in: language)
    }

    /// `twice`, `3 times`.
    static func times(_ count: Int64, _ language: Language) -> String {
        Catalog.render(Message(count == 2 ? "notice.times.2" : "notice.times", ["count": String(count)]), in: language)
    }

    static func unit(_ name: String, _ count: Int64, _ language: Language) -> String {
        Catalog.render(Message("notice.unit.\(name)" + (count == 1 ? "" : "s"), ["count": String(count)]), in: language)
    }

    // MARK: - Words

    /// `a`, `a and b`, `a, b and c`, in the language (`notice.list-or` for "or").
    static func list(_ items: [String], _ language: Language, key: String = "notice.list-and") -> String {
        guard let last = items.last else { return "" }
        if items.count == 1 { return last }
        return items.dropLast().joined(separator: ", ") + Catalog.render(Message(key), in: language) + last
    }

    /// An amount as the message shows it: durations spoken, a count of one left out.
    static func shownAmount(_ amount: String, _ measure: Measure, _ language: Language) -> String? {
        switch measure {
        case .duration: return Duration(parsing: amount).map { spoken($0, language) } ?? amount
        case .count: return amount == "1" ? nil : amount
        default: return amount
        }
    }

    /// The customer's words as the message quotes them: trimmed, one final full stop
    /// dropped (the message adds its own punctuation), never re-cased. Nil when empty.
    static func quotable(_ text: String) -> String? {
        var out = text.trimmingCharacters(in: .whitespacesAndNewlines)
        out = out.split(whereSeparator: \.isNewline).joined(separator: " ")
        if out.hasSuffix(".") && !out.hasSuffix("..") { out.removeLast() }
        return out.isEmpty ? nil : out
    }

    /// An action's title in the middle of a sentence (a verb phrase, first letter lowered).
    static func actionTitle(_ action: Action, _ language: Language) -> String {
        Prose.inSentence(title: action.title(in: language), name: action.name)
    }

    static func roleTitle(_ role: Role, _ language: Language) -> String {
        Prose.inSentence(title: role.title(in: language), name: role.name)
    }

}
