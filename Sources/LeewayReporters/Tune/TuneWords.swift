import Foundation
import LeewayCore
import LeewayOverrides

/// The words every `leeway tune` report shares, in the run's language.
struct TuneWords {
    let language: Language

    init(_ language: Language) { self.language = language }

    func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        Message(key, arguments).render(language)
    }

    func money(_ fixed: Int64, _ result: Tune.Result) -> String { TuneFormat.money(fixed, result.currency) }

    func rate(_ measures: TuneMeasures) -> String { TuneFormat.percent(measures.rate) }

    /// `12 of 60 (20%)`.
    func firstContact(_ measures: TuneMeasures) -> String {
        text("tune.of", ["count": String(measures.firstContact), "total": String(measures.cases), "rate": rate(measures)])
    }

    func wants(_ measures: TuneMeasures) -> String {
        let share = measures.wants == 0 ? 0 : Double(measures.wantsAllowed) / Double(measures.wants)
        return text("tune.of", ["count": String(measures.wantsAllowed), "total": String(measures.wants), "rate": TuneFormat.percent(share)])
    }

    func waiting(_ measures: TuneMeasures) -> String {
        var out = Duration(seconds: measures.waitingSaved).description
        if measures.waitingUnknown > 0 { out += " " + text("tune.measure.waiting-unknown", ["count": String(measures.waitingUnknown)]) }
        return out
    }

    /// A lever as it is today.
    func lever(_ lever: TuneLever, _ result: Tune.Result) -> String {
        let current = lever.current >= 0 ? (lever.written ?? TuneFormat.amount(lever.current, lever.measure, result.currency)) : ""
        switch lever.kind {
        case .limit: return text("tune.lever.limit", ["role": lever.role, "action": lever.action ?? "", "current": current])
        case .ownLimit: return text("tune.lever.own-limit", ["role": lever.role, "action": lever.action ?? "", "approver": lever.approver ?? ""])
        case .discretion:
            return lever.current >= 0 ? text("tune.lever.discretion", ["role": lever.role, "current": current])
                : text("tune.lever.discretion-none", ["role": lever.role])
        }
    }

    func asked(_ lever: TuneLever, _ result: Tune.Result) -> String {
        lever.largest > lever.current ? text("tune.lever.asked", ["count": String(max(1, lever.candidates)), "largest": TuneFormat.amount(lever.largest, lever.measure, result.currency)])
            : text("tune.lever.unasked")
    }

    /// One lever at a setting: `agent` `issue-credit` up-to 40 USD.
    func setting(_ lever: TuneLever, _ value: Int64, _ result: Tune.Result) -> String {
        let amount = TuneFormat.amount(value, lever.measure, result.currency)
        switch lever.kind {
        case .limit: return text("tune.setting.limit", ["role": lever.role, "action": lever.action ?? "", "amount": amount])
        case .ownLimit: return text("tune.setting.own-limit", ["role": lever.role, "action": lever.action ?? "", "amount": amount])
        case .discretion: return text("tune.setting.discretion", ["role": lever.role, "amount": amount])
        }
    }

    /// The levers a point moves, or "as it is".
    func settings(_ point: TunePoint, _ result: Tune.Result) -> [String] {
        result.levers.indices.compactMap { index in
            point.settings[index] > result.levers[index].current ? setting(result.levers[index], point.settings[index], result) : nil
        }
    }

    func goal(_ result: Tune.Result) -> String {
        switch result.goal {
        case .knee: return text("tune.goal.knee")
        case .budget(let budget): return text("tune.goal.budget", ["budget": money(budget, result)])
        case .target(let target): return text("tune.goal.target", ["target": TuneFormat.decimal(target) + "%"])
        }
    }

    /// The measures shown for the recommendation: the replay's.
    func measureRows(_ result: Tune.Result) -> [(String, String, String)] {
        let base = result.baseline
        let after = result.replay
        return [
            (text("tune.measure.first-contact"), firstContact(base), firstContact(after)),
            (text("tune.measure.wants"), wants(base), wants(after)),
            (text("tune.measure.cost"), "", money(after.cost, result)),
            (text("tune.measure.approvals"), "", String(after.approvalsAvoided)),
            (text("tune.measure.handoffs"), "", String(after.handoffsAvoided)),
            (text("tune.measure.waiting"), "", waiting(after)),
        ]
    }

    /// The points a table shows: the first, the recommended, the last, and evenly spread
    /// ones in between, at most `limit`.
    static func shown(_ result: Tune.Result, limit: Int = 12) -> [Int] {
        let count = result.frontier.count
        guard count > limit else { return Array(0..<count) }
        var picked: Set<Int> = [0, count - 1, result.recommended]
        let room = limit - picked.count
        for step in 1...max(1, room) {
            picked.insert(step * (count - 1) / (room + 1))
        }
        return picked.sorted()
    }
}
