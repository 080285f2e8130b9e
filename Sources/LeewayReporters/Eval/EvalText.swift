import Foundation
import LeewayCore
import LeewayEngine
import LeewayOverrides

/// `leeway eval` as text, for a supervisor at a glance: the customer's situation, then
/// per want the outcome, who, how long and why, then a verdict line. `--explain` adds
/// every step of the trace with its location in the policy file.
public struct EvalText: Sendable {
    public var language: Language
    public var color: Bool
    public var explain: Bool
    /// Overrides and the customer message for each case, in the order of the cases.
    public var advice: [CaseAdvice]

    public init(language: Language = .en, color: Bool = false, explain: Bool = false, advice: [CaseAdvice] = []) {
        self.language = language
        self.color = color
        self.explain = explain
        self.advice = advice
    }

    func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        Catalog.render(Message(key, arguments), in: language)
    }

    /// A well-known value in the reader's language (`channel.phone` → "teléfono"); a
    /// value the catalogue does not know (a team's own channel) as written.
    private func named(_ kind: String, _ value: String) -> String {
        Catalog.template("\(kind).\(value)", in: language) ?? value
    }

    private func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    public func report(_ cases: [EvaluatedCase]) -> String {
        var out = ""
        for (index, evaluated) in cases.enumerated() {
            if index > 0 { out += "\n" }
            out += render(evaluated)
            if index < advice.count { out += OverrideText(language: language, color: color).render(advice[index]) }
        }
        if cases.count > 1 {
            var summary = BatchSummary()
            for evaluated in cases { summary.add(decisions: evaluated.decisions, resolution: evaluated.resolution) }
            out += "\n" + summary.render(language: language) + "\n"
        }
        return out
    }

    public func render(_ evaluated: EvaluatedCase) -> String {
        let policy = evaluated.policy
        let explanation = Explanation(policy: policy, language: language)
        let source = evaluated.source
        let input = evaluated.input
        var out = ""

        var header = paint(source.id.value, "1")
        if let title = source.title { header += " — " + title }
        out += header + "\n"
        var context = [text("engine.text.policy", ["policy": policy.id]),
                       text("engine.text.handled-by", ["role": source.handledBy.value])]
        if let channel = source.channel?.value { context.append(text("engine.text.channel", ["channel": named("channel", channel)])) }
        out += "  " + paint(source.location.description, "2") + " · " + context.joined(separator: " · ") + "\n"

        // The customer's situation: problem, goal, mood, how long they already waited.
        var situation: [String] = []
        if let problem = source.customer?.problem { situation.append(text("engine.text.problem", ["text": problem])) }
        if let goal = source.customer?.goal { situation.append(text("engine.text.goal", ["text": goal])) }
        var feelings: [String] = []
        if let mood = source.customer?.mood?.value { feelings.append(text("engine.text.mood", ["mood": named("mood", mood)])) }
        if let slot = policy.fact(named: "waited"), case .duration(let waited)? = explanation.factValue(slot, input: input) {
            feelings.append(text("engine.text.waited", ["time": waited.description]))
        }
        if let slot = policy.fact(named: "contacts"), case .count(let contacts)? = explanation.factValue(slot, input: input) {
            feelings.append(text("engine.text.contacts", ["count": String(contacts)]))
        }
        if !feelings.isEmpty { situation.append(feelings.joined(separator: " · ")) }
        if !situation.isEmpty {
            let label = text("engine.text.customer")
            let indent = String(repeating: " ", count: label.count + 4)
            out += "  " + paint(label, "1") + "  " + situation.joined(separator: "\n" + indent) + "\n"
        }
        out += "\n"

        // What is owed without asking comes first: the frontline gives it unasked.
        for entry in evaluated.owed {
            out += "  " + paint("★", "1;32") + " " + explanation.owedLine(entry) + "\n"
        }

        for decision in evaluated.decisions {
            let want = input.wants[Int(decision.want)]
            var line = "  " + symbol(decision.outcome) + " " + paint(policy.actions[Int(decision.action)].name, "1")
            if let amount = policy.amountText(want) { line += " " + amount }
            line += " — " + outcomeText(decision, explanation: explanation)
            out += line + "\n"
            let reasons = explanation.why(decision, trace: evaluated.trace, input: input)
            if !reasons.isEmpty {
                out += "      " + paint(text("label.why"), "2") + ": " + reasons.joined(separator: "; ") + "\n"
            }
            if explain {
                for step in evaluated.trace where step.want == decision.want {
                    let location = explanation.location(step, action: decision.action)?.description ?? policy.policy.file.path
                    let mark = step.chosen ? "→" : " "
                    out += "      \(mark) " + paint(location, "2") + ": " + explanation.sentence(step, input: input) + "\n"
                }
            }
        }
        for index in evaluated.triggered {
            let process = policy.processes[Int(index)]
            let model = policy.policy.processes[Int(index)]
            var time = Duration(seconds: process.time).description
            if !process.timeKnown { time = text("engine.text.time-at-least", ["time": time]) }
            out += "  " + paint("⋯", "36") + " " + text("engine.text.process", [
                "process": model.name, "handoffs": String(process.handoffs), "approvals": String(process.approvals),
                "asks": String(process.asks), "time": time,
            ]) + (explain ? "  " + paint(model.location.description, "2") : "") + "\n"
        }
        for note in evaluated.notes {
            out += "  " + paint("!", "1;33") + " " + paint(text("engine.text.notes"), "1") + " [\(note.kind.rawValue)]: "
                + explanation.noteMessage(note) + "\n"
        }
        out += "  " + verdict(evaluated.resolution) + "\n"
        return out
    }

    func symbol(_ outcome: Outcome) -> String {
        switch outcome {
        case .allowed: return paint("✓", "1;32")
        case .needsApproval: return paint("…", "1;33")
        case .escalate: return paint("↑", "1;33")
        case .blocked: return paint("✗", "1;31")
        }
    }

    func outcomeText(_ decision: Decision, explanation: Explanation) -> String {
        let by = explanation.roleName(decision.by)
        switch decision.outcome {
        case .allowed:
            let key = decision.viaDiscretion ? "engine.outcome.allowed-discretion"
                : decision.viaRemedy ? "engine.outcome.allowed-remedy" : "engine.outcome.allowed"
            return paint(text(key), "32")
        case .needsApproval:
            return paint(text("engine.outcome.needs-approval", ["role": by, "time": explanation.time(decision.within)]), "33")
        case .escalate:
            return paint(text("engine.outcome.escalate", ["role": by, "time": explanation.time(decision.within)]), "33")
        case .blocked:
            return paint(text("engine.outcome.blocked"), "31")
        }
    }

    public func verdict(_ resolution: Resolution) -> String {
        let label = paint(text("engine.text.verdict"), "1") + ": "
        if resolution.firstContact {
            return label + paint(text("engine.verdict.first-contact"), "32")
        }
        var time = Duration(seconds: resolution.time).description
        if !resolution.timeKnown { time = text("engine.text.time-at-least", ["time": time]) }
        return label + paint(text("engine.verdict.not-first-contact", [
            "blocked": String(resolution.blocked), "handoffs": String(resolution.handoffs),
            "approvals": String(resolution.approvals), "asks": String(resolution.asks), "time": time,
        ]), resolution.blocked > 0 ? "31" : "33")
    }
}
