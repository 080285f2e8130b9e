import Foundation
import LeewayCore
import LeewayEngine

/// `leeway tune` as a library call (docs/tune.md): find the levers, replay the history
/// once into a tally, compute the frontier, recommend a point, write it as a patch, and
/// replay the history under the patched policy with the real evaluator as proof.
public enum Tune {
    /// What to recommend.
    public enum Goal: Sendable, Equatable {
        /// The knee of the frontier.
        case knee
        /// The best first-contact rate within this spend (fixed point, policy currency).
        case budget(Int64)
        /// The cheapest point at or above this first-contact rate (percent).
        case target(Decimal)
    }

    public struct Options: Sendable {
        public var roles: [String] = []
        public var actions: [String] = []
        /// `--budget` as typed (`500 USD`, bare `500`), and `--target-fcr` (`60`, `60%`).
        public var budget: String?
        public var targetFCR: String?
        public init() {}
    }

    /// A lever's move at the recommended point, written like the policy writes amounts.
    public struct Change: Sendable, Equatable {
        public var lever: Int
        public var from: String?
        public var to: String
    }

    public struct Result: Sendable {
        public var policyPath: String
        public var policyID: String
        public var currency: String
        public var levers: [TuneLever]
        public var frontier: [TunePoint]
        public var goal: Goal
        /// The recommended point (an index into `frontier`).
        public var recommended: Int
        /// Why that point (rendered in the run's language by the reporters).
        public var reason: Message
        /// `--target-fcr` cannot be reached: the recommendation is the best reachable.
        public var unreachable = false
        public var changes: [Change] = []
        /// The policy's text and the text with the recommendation applied.
        public var originalText: String
        public var patchedText: String
        /// The recommended point replayed under the patched policy with the real evaluator.
        public var replay: TuneMeasures
        /// The tally's figures for that point (equal to `replay`; `verified` says so).
        public var predicted: TuneMeasures
        public var verified: Bool { replay == predicted }
        /// Problems reading the history (located): the run still reports, and exits 2.
        public var historyErrors: [Finding] = []
        public var otherPolicy = 0
        public var passedOver = 0
        public var baseline: TuneMeasures { frontier[0].measures }
        public var point: TunePoint { frontier[recommended] }
    }

    public struct Failure: Error, Sendable {
        public var findings: [Finding]
    }

    /// Runs a tune of `compiled` (loaded from `text`) over the history at `paths`.
    public static func run(_ compiled: CompiledPolicy, text: String, history paths: [String], options: Options) -> Swift.Result<Result, Failure> {
        let policy = compiled.policy
        let currency = policy.currency?.value ?? ""
        let currencyLocation = policy.currency?.location ?? SourceLocation(file: policy.file.path, position: policy.location.position)
        var problems: [Finding] = []
        var goal = Goal.knee
        if let typed = options.budget {
            if currency.isEmpty {
                problems.append(Finding(rule: Finding.invalidPolicy, severity: .error, location: currencyLocation,
                                        message: Message("tune.budget-no-currency", ["budget": typed]), help: Message("tune.budget-no-currency.help")))
            } else if let money = Money(parsing: typed, defaultCurrency: currency), !money.isNegative, let fixed = FixedPoint.fixed(money.amount) {
                if money.currency != currency {
                    problems.append(Finding(rule: Finding.invalidPolicy, severity: .error, location: currencyLocation,
                                            message: Message("tune.budget-currency", ["budget": typed, "currency": currency, "policy": policy.file.path]),
                                            help: Message("tune.budget-currency.help", ["currency": currency])))
                } else {
                    goal = .budget(fixed)
                }
            } else {
                problems.append(Finding(rule: Finding.invalidPolicy, severity: .error, location: currencyLocation,
                                        message: Message("tune.budget-invalid", ["budget": typed]), help: Message("tune.budget-invalid.help", ["currency": currency])))
            }
        }
        if let typed = options.targetFCR {
            let trimmed = typed.trimmingCharacters(in: .whitespaces)
            let number = trimmed.hasSuffix("%") ? String(trimmed.dropLast()) : trimmed
            if let value = Decimal(string: number, locale: Locale(identifier: "en_US_POSIX")), value > 0, value <= 100,
               number.allSatisfy({ $0.isNumber || $0 == "." }) {
                goal = .target(value)
            } else {
                problems.append(Finding(rule: Finding.invalidPolicy, severity: .error, location: currencyLocation,
                                        message: Message("tune.target-invalid", ["target": typed]), help: Message("tune.target-invalid.help")))
            }
        }
        let (levers, leverProblems) = TuneLevers.find(compiled, roles: options.roles, actions: options.actions, argumentsFile: policy.file.path)
        problems += leverProblems
        guard problems.isEmpty else { return .failure(Failure(findings: problems)) }

        // One pass over the history.
        var recorder = TuneRecorder(compiled: compiled, levers: levers)
        var reader = TuneHistoryReader(compiled: compiled, paths: paths)
        reader.read { recorder.add($0) }
        let tally = recorder.finish()
        guard tally.cases > 0 else {
            var findings = reader.errors
            let location = SourceLocation(file: paths.first ?? "", position: nil)
            findings.append(Finding(rule: Finding.invalidCase, severity: .error, location: location,
                                    message: Message("tune.no-cases", ["policy": policy.id.value, "history": paths.joined(separator: " "),
                                                                        "other": String(reader.otherPolicy)]),
                                    help: Message("tune.no-cases.help", ["policy": policy.id.value])))
            return .failure(Failure(findings: findings))
        }
        var found = levers
        let frontier = TuneFrontier.compute(tally: tally, levers: levers)
        let largest = frontier.last!.settings
        let asked = TuneSimulator(tally: tally, levers: levers).asked()
        for index in found.indices {
            found[index].largest = largest[index] > found[index].current ? largest[index] : -1
            found[index].candidates = asked[index].count
        }

        let (index, reason, unreachable) = recommend(frontier, goal: goal, currency: currency)
        let point = frontier[index]
        let (changes, edits) = patch(point.settings, levers: found, compiled: compiled, text: text)
        let patchedText = (try? TextEdit.apply(edits, to: text)) ?? text
        let loaded = PolicyLoader.load(text: patchedText, path: policy.file.path)
        guard let patchedPolicy = loaded.policy, !loaded.findings.contains(where: { $0.severity == .error }) else {
            return .failure(Failure(findings: loaded.findings.filter { $0.severity == .error }))
        }
        let replay = TuneReplay.measures(CompiledPolicy(patchedPolicy), history: paths, tally: tally)
        var result = Result(policyPath: policy.file.path, policyID: policy.id.value, currency: currency, levers: found, frontier: frontier,
                            goal: goal, recommended: index, reason: reason, unreachable: unreachable, changes: changes,
                            originalText: text, patchedText: patchedText, replay: replay, predicted: point.measures)
        result.historyErrors = reader.errors
        result.otherPolicy = reader.otherPolicy
        result.passedOver = reader.passedOver
        return .success(result)
    }

    /// The point to recommend, why, and whether a target was out of reach.
    static func recommend(_ frontier: [TunePoint], goal: Goal, currency: String) -> (Int, Message, Bool) {
        let base = frontier[0].measures
        let top = frontier.last!.measures
        func percent(_ m: TuneMeasures) -> String { TuneFormat.percent(m.rate) }
        func money(_ value: Int64) -> String { TuneFormat.money(value, currency) }
        switch goal {
        case .budget(let budget):
            let index = frontier.indices.last { frontier[$0].measures.cost <= budget } ?? 0
            return (index, Message("tune.why-budget", ["budget": money(budget), "rate": percent(frontier[index].measures),
                                                        "cost": money(frontier[index].measures.cost)]), false)
        case .target(let target):
            let wanted = NSDecimalNumber(decimal: target).doubleValue / 100
            if let index = frontier.indices.first(where: { frontier[$0].measures.rate + 1e-12 >= wanted }) {
                return (index, Message("tune.why-target", ["target": TuneFormat.decimal(target) + "%", "rate": percent(frontier[index].measures),
                                                            "cost": money(frontier[index].measures.cost)]), false)
            }
            let index = frontier.indices.first { frontier[$0].measures.firstContact == top.firstContact } ?? frontier.count - 1
            return (index, Message("tune.why-unreachable", ["target": TuneFormat.decimal(target) + "%", "rate": percent(top),
                                                             "cost": money(frontier[index].measures.cost)]), true)
        case .knee:
            guard top.firstContact > base.firstContact else {
                return (0, Message("tune.why-nothing", ["rate": percent(base)]), false)
            }
            let maxCost = frontier.map(\.measures.cost).max() ?? 0
            let gain = Double(top.firstContact - base.firstContact)
            var best = frontier.count - 1
            var bestScore = -Double.infinity
            for (i, point) in frontier.enumerated() where i > 0 {
                let x = maxCost > 0 ? Double(point.measures.cost) / Double(maxCost) : 0
                let y = Double(point.measures.firstContact - base.firstContact) / gain
                let score = y - x
                if score > bestScore + 1e-12 {
                    bestScore = score
                    best = i
                }
            }
            let chosen = frontier[best].measures
            let share = Double(chosen.firstContact - base.firstContact) / gain
            let spendShare = maxCost > 0 ? Double(chosen.cost) / Double(maxCost) : 0
            func average(_ cost: Int64, _ cases: Int) -> Int64 {
                guard cases > 0 else { return 0 }
                let cents = FixedPoint.scale / 100
                return (cost / Int64(cases) + cents / 2) / cents * cents
            }
            let before = average(chosen.cost, chosen.firstContact - base.firstContact)
            let after = average(top.cost - chosen.cost, top.firstContact - chosen.firstContact)
            let key = top.firstContact > chosen.firstContact ? "tune.why-knee" : "tune.why-knee-top"
            return (best, Message(key, ["from": percent(base), "to": percent(chosen), "cost": money(chosen.cost),
                                        "share": TuneFormat.percent(share), "spend": TuneFormat.percent(spendShare),
                                        "before": money(before), "after": money(after), "top": percent(top)]), false)
        }
    }

    /// The edits that set every lever to `settings` (levers only rise), on the original text.
    public static func patch(_ settings: [Int64], levers: [TuneLever], compiled: CompiledPolicy, text: String) -> ([Change], [TextEdit]) {
        let policy = compiled.policy
        let policyText = PolicyText(text)
        let currency = policy.currency?.value ?? ""
        var changes: [Change] = []
        var edits: [TextEdit] = []
        var newBudgets: [String] = []
        for (index, lever) in levers.enumerated() where settings[index] > lever.current {
            let quantity = TuneFormat.quantity(settings[index], lever.measure, currency)
            let value = PolicyValue.text(quantity, like: lever.written, currency: currency)
            switch lever.kind {
            case .limit:
                guard let upTo = compiled.sourceGrant(lever.grant).upTo, let edit = policyText.replace(upTo, with: value) else { continue }
                edits.append(edit)
            case .ownLimit:
                let grant = compiled.sourceGrant(lever.grant)
                var body = "role: \(lever.role), up-to: \(value)"
                if let atLeast = grant.atLeast, let written = policyText.written(atLeast) { body += ", at-least: \(written)" }
                if grant.when != nil {
                    guard let node = policy.root.node(at: grant.path)?["when"], let written = policyText.slice(node.start, node.end) else { continue }
                    body += ", when: \(written)"
                }
                guard let position = grant.location.position, let edit = policyText.insertItem("{ \(body) }", before: position) else { continue }
                edits.append(edit)
            case .discretion:
                if lever.budget >= 0 {
                    guard let edit = policyText.replace(policy.discretion[lever.budget].upTo, with: value) else { continue }
                    edits.append(edit)
                } else {
                    newBudgets.append("{ role: \(lever.role), up-to: \(quantity.description), per: case, review: after-the-fact }")
                }
            }
            changes.append(Change(lever: index, from: lever.written, to: value))
        }
        if !newBudgets.isEmpty {
            if let node = policy.root["discretion"], node.sequence?.isEmpty == false {
                var merged: TextEdit?
                for body in newBudgets {
                    guard let edit = policyText.appendItem(body, to: node) else { continue }
                    if merged == nil { merged = edit } else { merged!.replacement += edit.replacement }
                }
                if let merged { edits.append(merged) }
            } else if policy.root["discretion"] == nil {
                edits.append(policyText.insertSection(["discretion:"] + newBudgets.map { "  - \($0)" }, in: policy.root,
                                                      before: ["remedies", "processes", "commitments", "channels", "metrics", "exceptions"]))
            }
        }
        return (changes, edits)
    }
}

/// The proof: the history replayed under a policy with the real evaluator, measured as
/// the tally measures a setting (the same cases, in the same order).
public enum TuneReplay {
    static func measures(_ compiled: CompiledPolicy, history: [String], tally: TuneTally) -> TuneMeasures {
        var evaluator = Evaluator(policy: compiled, tracing: false)
        evaluator.ledger = CustomerLedger()
        var reader = TuneHistoryReader(compiled: compiled, paths: history)
        var measures = TuneMeasures()
        var c = 0
        reader.read { input in
            let resolution = evaluator.evaluate(input)
            guard c < tally.cases else { return }
            measures.cases += 1
            if resolution.firstContact { measures.firstContact += 1 }
            let start = Int(tally.caseWantStart[c])
            for decision in evaluator.decisions {
                measures.wants += 1
                let w = start + Int(decision.want)
                guard decision.outcome == .allowed else { continue }
                measures.wantsAllowed += 1
                guard w < tally.wants, !tally.wantBaseAllowed[w] else { continue }
                measures.cost += tally.wantMoney[w]
                if tally.wantBaseApproval[w] { measures.approvalsAvoided += 1 }
                measures.handoffsAvoided += Int(tally.wantBaseHandoffs[w])
                if !tally.wantBaseBlocked[w] {
                    if tally.wantBaseWithin[w] < 0 { measures.waitingUnknown += 1 } else { measures.waitingSaved += tally.wantBaseWithin[w] }
                }
            }
            c += 1
        }
        return measures
    }

    /// A setting's replay from scratch (for tests and the benchmark): patch, load, replay.
    public static func replay(_ settings: [Int64], result: Tune.Result, compiled: CompiledPolicy, history: [String]) -> TuneMeasures? {
        let (_, edits) = Tune.patch(settings, levers: result.levers, compiled: compiled, text: result.originalText)
        guard let text = try? TextEdit.apply(edits, to: result.originalText) else { return nil }
        let loaded = PolicyLoader.load(text: text, path: result.policyPath)
        guard let policy = loaded.policy else { return nil }
        var recorder = TuneRecorder(compiled: compiled, levers: result.levers)
        var reader = TuneHistoryReader(compiled: compiled, paths: history)
        reader.read { recorder.add($0) }
        return measures(CompiledPolicy(policy), history: history, tally: recorder.finish())
    }
}

/// Numbers as tune reports write them.
public enum TuneFormat {
    public static func money(_ fixed: Int64, _ currency: String) -> String {
        Money(FixedPoint.decimal(fixed), currency).description
    }

    /// A lever's amount as a value of its measure.
    public static func quantity(_ value: Int64, _ measure: Measure, _ currency: String) -> Quantity {
        switch measure {
        case .duration: return .duration(Duration(seconds: value))
        case .count: return .count(value)
        default: return .money(Money(FixedPoint.decimal(value), currency))
        }
    }

    /// A lever's amount as reports write it (`40 USD`, `30d`, `2`).
    public static func amount(_ value: Int64, _ measure: Measure, _ currency: String) -> String {
        quantity(value, measure, currency).description
    }

    public static func percent(_ share: Double) -> String {
        let value = (share * 1000).rounded() / 10
        return value == value.rounded() ? "\(Int(value))%" : String(format: "%.1f%%", value)
    }

    public static func decimal(_ value: Decimal) -> String { NSDecimalNumber(decimal: value).stringValue }
}
