import Foundation
import LeewayCore
import LeewayOverrides

/// `leeway tune --format json`: a stable interface (fields are only ever added), keys
/// sorted, money as YAML writes it (`40 USD`), durations as `4h30m`, locations as
/// `file`, `line`, `column`. Documented in docs/tune.md.
public struct TuneJSONReporter: Sendable {
    public var options: ReportOptions

    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    public func report(_ result: Tune.Result) -> String {
        let words = TuneWords(options.language)
        var recommendation: [String: Any] = [
            "point": result.recommended,
            "reason": result.reason.render(options.language),
            "reachable": !result.unreachable,
            "changes": result.changes.map { change -> [String: Any] in
                var object: [String: Any] = ["lever": change.lever, "to": change.to, "text": words.setting(result.levers[change.lever], result.point.settings[change.lever], result)]
                if let from = change.from { object["from"] = from }
                return object
            },
            "replay": measures(result.replay, result),
            "verified": result.verified,
        ]
        switch result.goal {
        case .knee: recommendation["goal"] = "knee"
        case .budget(let budget):
            recommendation["goal"] = "budget"
            recommendation["budget"] = words.money(budget, result)
        case .target(let target):
            recommendation["goal"] = "target"
            recommendation["target"] = NSDecimalNumber(decimal: target).doubleValue
        }
        if result.patchedText != result.originalText {
            recommendation["diff"] = UnifiedDiff.make(old: result.originalText, new: result.patchedText, path: result.policyPath)
        }
        let object: [String: Any] = [
            "policy": ["file": result.policyPath, "id": result.policyID, "currency": result.currency],
            "history": ["cases": result.baseline.cases, "wants": result.baseline.wants, "skipped": result.otherPolicy,
                        "unreadable": result.historyErrors.count],
            "levers": result.levers.enumerated().map { index, lever in self.lever(index, lever, result, words) },
            "baseline": measures(result.baseline, result),
            "frontier": result.frontier.enumerated().map { index, point -> [String: Any] in
                var object = measures(point.measures, result)
                object["settings"] = result.levers.indices.compactMap { l -> [String: Any]? in
                    guard point.settings[l] > result.levers[l].current else { return nil }
                    return ["lever": l, "upTo": TuneFormat.amount(point.settings[l], result.levers[l].measure, result.currency)]
                }
                object["ceiling"] = point.ceiling
                object["recommended"] = index == result.recommended
                return object
            },
            "recommendation": recommendation,
        ]
        return JSONOutput.string(object)
    }

    func lever(_ index: Int, _ lever: TuneLever, _ result: Tune.Result, _ words: TuneWords) -> [String: Any] {
        var object: [String: Any] = ["id": index, "kind": lever.kind.rawValue, "role": lever.role, "text": words.lever(lever, result),
                                     "file": lever.location.file, "amountsAsked": lever.candidates]
        if let position = lever.location.position {
            object["line"] = position.line
            object["column"] = position.column
        }
        if let action = lever.action { object["action"] = action }
        if lever.current >= 0 { object["current"] = lever.written ?? TuneFormat.amount(lever.current, lever.measure, result.currency) }
        if lever.largest > lever.current { object["largestAsked"] = TuneFormat.amount(lever.largest, lever.measure, result.currency) }
        object["measure"] = lever.measure.rawValue
        if let approver = lever.approver { object["approver"] = approver }
        return object
    }

    func measures(_ m: TuneMeasures, _ result: Tune.Result) -> [String: Any] {
        [
            "cases": m.cases, "firstContact": m.firstContact, "firstContactRate": (m.rate * 10000).rounded() / 10000,
            "wants": m.wants, "wantsAllowed": m.wantsAllowed, "spend": TuneFormat.money(m.cost, result.currency),
            "approvalsAvoided": m.approvalsAvoided, "handoffsAvoided": m.handoffsAvoided,
            "waitingSaved": Duration(seconds: m.waitingSaved).description, "waitingUnknown": m.waitingUnknown,
        ]
    }
}
