import Foundation
import LeewayCore
import LeewayEngine

/// The message the frontline should send now when a case will be late or slow
/// (docs/research.md, "Telling the customer first"): the facts, an apology, a plain
/// explanation, and a realistic new time. Built from catalogue fragments (`notice.*`),
/// so it reads naturally in English and Spanish.
public enum CustomerNotice {
    /// The message, or nil when the case is resolved at first contact with no wait.
    public static func message(for evaluated: EvaluatedCase, language: Language) -> String? {
        let resolution = evaluated.resolution
        // What is owed without asking is always worth telling: the customer need not claim it.
        guard !resolution.firstContact || resolution.time > 0 || !evaluated.owed.isEmpty else { return nil }
        func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
            Catalog.render(Message(key, arguments), in: language)
        }
        let source = evaluated.source
        let policy = evaluated.policy
        let explanation = Explanation(policy: policy, language: language)
        var sentences: [String] = []

        // The facts: the customer's problem in their words, and how long they waited.
        var facts: String
        if let problem = source.customer?.problem {
            facts = text("notice.facts", ["problem": lowerFirst(problem)])
        } else if let title = source.title {
            facts = text("notice.facts", ["problem": lowerFirst(title)])
        } else {
            facts = text("notice.facts-none")
        }
        if let slot = policy.fact(named: "waited"), case .duration(let waited)? = explanation.factValue(slot, input: evaluated.input),
           waited.seconds > 0 {
            facts += text("notice.facts-waited", ["time": spoken(waited, language)])
        }
        sentences.append(facts)

        // The apology: for each contact it took when there were several.
        if let slot = policy.fact(named: "contacts"), case .count(let contacts)? = explanation.factValue(slot, input: evaluated.input),
           contacts > 1 {
            sentences.append(text("notice.apology-contacts", ["count": String(contacts)]))
        } else {
            sentences.append(text("notice.apology"))
        }

        // What we are doing about what is owed without asking, and by when (language 1.1).
        for entry in evaluated.owed {
            let remedy = explanation.remedy(entry)
            let within = remedy.within.map { text("notice.owed-within", ["time": spokenDeadline($0.value, language)]) } ?? ""
            let action = policy.policy.actions[Int(entry.action)]
            if action.measure == .money, let amount = explanation.owedAmount(entry) {
                sentences.append(text("notice.owed-money", ["amount": amount, "within": within]))
            } else {
                var what = lowerFirst(remedy.title(in: language) ?? action.title(in: language) ?? action.name.replacingOccurrences(of: "-", with: " "))
                if let amount = explanation.owedAmount(entry) { what += " (" + spokenAmount(amount, action.measure, language) + ")" }
                sentences.append(text("notice.owed", ["what": what, "within": within]))
            }
        }

        // A plain explanation: what needs whom, and what is not possible.
        var reasons: [String] = []
        for decision in evaluated.decisions where decision.outcome != .allowed {
            let want = evaluated.input.wants[Int(decision.want)]
            let action = policy.policy.actions[Int(decision.action)]
            var what = lowerFirst(action.title(in: language) ?? action.name.replacingOccurrences(of: "-", with: " "))
            if want.hasAmount, let amount = policy.amountText(want) {
                what += " (" + spokenAmount(amount, action.measure, language) + ")"
            }
            let role = decision.by >= 0 ? roleTitle(policy.policy.roles[Int(decision.by)], language) : ""
            switch decision.outcome {
            case .needsApproval: reasons.append(text("notice.needs-approval", ["what": what, "role": role]))
            case .escalate: reasons.append(text("notice.escalate", ["what": what, "role": role]))
            case .blocked: reasons.append(text("notice.blocked", ["what": what]))
            case .allowed: break
            }
        }
        for index in evaluated.triggered {
            let process = policy.policy.processes[Int(index)]
            var roles: [String] = []
            for step in process.steps {
                if case .handoff(let to, _, _) = step.kind, to.value != source.handledBy.value, let role = policy.policy.role(to.value) {
                    let title = roleTitle(role, language)
                    if !roles.contains(title) { roles.append(title) }
                }
            }
            if !roles.isEmpty {
                reasons.append(text("notice.handoff", ["roles": list(roles, language)]))
            }
        }
        if !reasons.isEmpty { sentences.append(reasons.joined(separator: "; ")) }

        // A realistic new time, towards the customer's goal.
        let goal = source.customer?.goal.map(lowerFirst)
        if resolution.firstContact && resolution.time == 0 {
            // Everything is done now: nothing to wait for.
        } else if resolution.time > 0 && resolution.timeKnown {
            let time = spoken(Duration(seconds: resolution.time), language)
            sentences.append(goal.map { text("notice.time-goal", ["time": time, "goal": $0]) } ?? text("notice.time", ["time": time]))
        } else if resolution.time > 0 {
            sentences.append(text("notice.time-at-least", ["time": spoken(Duration(seconds: resolution.time), language)]))
        } else if !resolution.timeKnown {
            sentences.append(text("notice.time-unknown"))
        } else {
            sentences.append(goal.map { text("notice.instead-goal", ["goal": $0]) } ?? text("notice.instead"))
        }
        return sentences.map { upperFirst($0) + "." }.joined(separator: " ")
    }

    /// `4 hours and 30 minutes`, `2 days`, `15 minutes`, in the language.
    public static func spoken(_ duration: Duration, _ language: Language) -> String {
        var rest = duration.seconds
        var parts: [String] = []
        for (unit, size) in [("week", Int64(604_800)), ("day", 86_400), ("hour", 3600), ("minute", 60), ("second", 1)] {
            if unit == "week" && rest % size != 0 { continue }
            guard rest >= size else { continue }
            let count = rest / size
            rest %= size
            let key = "notice.unit.\(unit)" + (count == 1 ? "" : "s")
            parts.append(Catalog.render(Message(key, ["count": String(count)]), in: language))
        }
        guard !parts.isEmpty else { return Catalog.render(Message("notice.unit.minutes", ["count": "0"]), in: language) }
        return list(parts, language)
    }

    /// A deadline as people say it: `10 working days`, `2 days`.
    static func spokenDeadline(_ duration: Duration, _ language: Language) -> String {
        duration.workingDays != nil ? Explanation.spoken(duration, language) : spoken(duration, language)
    }

    /// `a`, `a and b`, `a, b and c`, in the language.
    static func list(_ items: [String], _ language: Language) -> String {
        guard let last = items.last else { return "" }
        if items.count == 1 { return last }
        return items.dropLast().joined(separator: ", ") + Catalog.render(Message("notice.list-and"), in: language) + last
    }

    static func spokenAmount(_ amount: String, _ measure: Measure, _ language: Language) -> String {
        if measure == .duration, let duration = Duration(parsing: amount) { return spoken(duration, language) }
        return amount
    }

    static func roleTitle(_ role: Role, _ language: Language) -> String {
        lowerFirst(role.title(in: language) ?? role.name.replacingOccurrences(of: "-", with: " "))
    }

    static func lowerFirst(_ text: String) -> String { Prose.lowerFirst(text) }

    static func upperFirst(_ text: String) -> String { Prose.upperFirst(text) }
}
