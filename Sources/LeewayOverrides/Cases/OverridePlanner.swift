import Foundation
import LeewayCore
import LeewayEngine

/// Finds "do the right thing" overrides: for a want that is not `allowed`, the narrowest
/// policy change that lets the handling role do it at first contact (docs/overrides.md).
///
/// **Search.** Candidates are built as `TextEdit`s on the policy file's text at the source
/// locations the model carries. Each is applied, the patched text loaded again with
/// `PolicyLoader` (it must load without errors) and the case evaluated again: when the
/// want is `allowed` and no want that was allowed stops being so, the candidate is
/// verified. When no single edit verifies, edits that bring the want closer (fewer of
/// its obstacles left: a failing `when`, an approval, a limit) are followed by a second
/// edit on the text they leave, then a third: overrides of 1 to 3 edits, the fewest first.
///
/// **Judgement.** Every verified override carries its `Breadth` (and with a corpus its
/// `CorpusImpact`); the first is the narrowest, shown with up to two alternatives that
/// it does not dominate, and why it comes first (`OverrideJudgement`).
public struct OverridePlanner: Sendable {
    public let policy: PolicySet
    public let corpus: [Case]
    /// The most edits an override may make.
    public static let maximumSteps = 3

    /// Patched texts already loaded and compiled (nil: they do not load cleanly), and
    /// the original stage: a batch of similar cases tries the same candidates.
    let cache = Cache()

    /// The policy compiled, when the caller has it (else compiled on first use).
    let compiledGiven: CompiledPolicy?

    public init(policy: PolicySet, corpus: [Case] = [], compiled: CompiledPolicy? = nil) {
        self.policy = policy
        self.corpus = corpus
        compiledGiven = compiled
    }

    /// The planner's compiled policy: a case evaluated with it (traced, and not depending on
    /// a customer's earlier cases) is planned without being evaluated again.
    public var compiled: CompiledPolicy { cache.stage { makeStage() }.compiled }

    func makeStage() -> Stage { compiledGiven.map { Stage(policy, compiled: $0) } ?? Stage(policy) }

    final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var compiled: [String: Stage?] = [:]
        private var original: Stage?
        private var originalBaseline: Baseline?
        private let impacts = Memo<String, CorpusImpact>()
        private var plans: [String: Plan] = [:]

        func baseline(_ make: () -> Baseline) -> Baseline {
            lock.lock(); defer { lock.unlock() }
            if let originalBaseline { return originalBaseline }
            let value = make()
            originalBaseline = value
            return value
        }

        func impact(_ key: String, _ make: () -> CorpusImpact) -> CorpusImpact { impacts.value(for: key, make) }

        func stage(_ make: () -> Stage) -> Stage {
            lock.lock(); defer { lock.unlock() }
            if let original { return original }
            let stage = make()
            original = stage
            return stage
        }

        func compiled(_ text: String, _ make: () -> Stage?) -> Stage? {
            lock.lock()
            if let hit = compiled[text] { lock.unlock(); return hit }
            lock.unlock()
            let value = make()
            lock.lock()
            if compiled.count > 256 { compiled.removeAll() }
            compiled[text] = value
            lock.unlock()
            return value
        }

        /// What was planned for one situation (`OverridePlanner.situation`).
        func plan(_ key: String) -> Plan? {
            lock.lock(); defer { lock.unlock() }
            return plans[key]
        }

        func store(_ key: String, _ value: Plan) {
            lock.lock(); defer { lock.unlock() }
            // Past the bound new situations are searched for each case (what a case gets
            // never depends on which cases came before it, or on which thread planned first).
            // The first plan of a situation stands (a case searched for itself after it
            // does not replace it).
            guard plans.count < 65_536, plans[key] == nil else { return }
            plans[key] = value
        }
    }

    /// A policy and its text at one stage of planning.
    struct Stage {
        var policy: PolicySet
        var compiled: CompiledPolicy
        var text: PolicyText
        /// `conditionsOnLockedFacts`, per action.
        var lockedActions: Set<String>
        var path: String { policy.file.path }

        init(_ policy: PolicySet) {
            self.init(policy, compiled: CompiledPolicy(policy))
        }

        init(_ policy: PolicySet, compiled: CompiledPolicy) {
            self.policy = policy
            self.compiled = compiled
            text = PolicyText(policy.file.text)
            lockedActions = OverridePlanner.lockedActions(policy)
        }
    }

    /// One edit of a planned override, recognisable among the candidates of another case
    /// in the same situation: its kind, message and where its edits start.
    struct Signature: Equatable {
        var kind: OverrideKind
        var key: String
        var starts: [SourcePosition]

        init(_ candidate: Candidate) {
            kind = candidate.kind
            key = candidate.message.key
            starts = candidate.edits.map(\.start)
        }
    }

    /// What was planned for a want in one situation: the edits of the first override, of
    /// its alternatives and of the one after it (for "why"); or why there is none.
    struct Plan {
        var first: [Signature] = []
        var alternatives: [[Signature]] = []
        var next: [Signature]?
        var none: NoChange?
    }

    /// A candidate before verification.
    struct Candidate {
        var kind: OverrideKind
        var edits: [TextEdit]
        var message: Message
        var from: String?
        var to: String?
        var change: Decimal
        var breadth = Breadth()
    }

    // MARK: - Public entry points

    /// The best verified override for each want of the case that is not allowed, each on
    /// the original policy text, with its alternatives; the wants no change opens, and
    /// why; what the role may give now on its own; and what to tell the customer now.
    public func advice(for evaluated: EvaluatedCase, language: Language = .en) -> CaseAdvice {
        advice(for: prepare(evaluated), language: language)
    }

    /// A case ready for `advice(for:language:)`: evaluated again on the planner's own
    /// policy, and the situations (`situation`) of its wants that are not allowed.
    public struct PreparedCase: @unchecked Sendable {
        let evaluated: EvaluatedCase
        let current: EvaluatedCase?
        /// Per want: its situation, when it has one.
        let keys: [Int: String]
        /// The case's facts by name and the case bound to the planner's policy (read once).
        var facts: [String: FactValue] = [:]
        var bound: BoundCase?
        /// The situations of the case's wants that are not allowed.
        public var situations: [String] { keys.keys.sorted().compactMap { keys[$0] } }
    }

    /// The first half of `advice`: a batch that plans several cases at once (on several
    /// threads) first plans, in input order, one case of each situation not planned yet
    /// (`isPlanned`), so that what every case gets does not depend on which thread ran first.
    public func prepare(_ evaluated: EvaluatedCase) -> PreparedCase {
        let stage = cache.stage { makeStage() }
        let current: EvaluatedCase
        if evaluated.policy === stage.compiled, !evaluated.trace.isEmpty || evaluated.decisions.isEmpty,
           evaluated.source.customer?.id == nil || !stage.compiled.hasCustomerBudget.contains(true) {
            // Evaluated with this policy, traced, and with nothing from a ledger: as is.
            current = evaluated
        } else {
            guard case .success(let again) = Engine.evaluate(evaluated.source, with: stage.compiled, tracing: true) else {
                return PreparedCase(evaluated: evaluated, current: nil, keys: [:])
            }
            current = again
        }
        var keys: [Int: String] = [:]
        guard current.decisions.contains(where: { $0.outcome != .allowed }) else {
            return PreparedCase(evaluated: evaluated, current: current, keys: keys)
        }
        let facts = factValues(current)
        let bound = current.policy === stage.compiled ? (current.bound ?? stage.policy.bind(current.source).0)
                                                      : stage.policy.bind(current.source).0
        if corpus.isEmpty, let key = situation(current, stage: stage, facts: facts, bound: bound) {
            for decision in current.decisions where decision.outcome != .allowed { keys[Int(decision.want)] = key }
        }
        return PreparedCase(evaluated: evaluated, current: current, keys: keys, facts: facts, bound: bound)
    }

    /// Whether a situation has been planned (a case in it gets the planned edits).
    public func isPlanned(_ situation: String) -> Bool { cache.plan(situation) != nil }

    public func advice(for prepared: PreparedCase, language: Language = .en) -> CaseAdvice {
        let evaluated = prepared.evaluated
        var advice = CaseAdvice(notice: CustomerNotice.message(for: evaluated, language: language))
        advice.role = evaluated.source.handledBy.value
        let stage = cache.stage { makeStage() }
        let baseline = corpus.isEmpty ? nil : cache.baseline { Baseline(corpus: corpus, compiled: stage.compiled) }
        guard let current = prepared.current else { return advice }
        // Wants asking the same thing with the same outcome get the same override: it is
        // searched (and verified against the whole case) once, not once per want, so a case
        // with many wants is not quadratic.
        var known: [String: (Override?, NoChange?)] = [:]
        for decision in current.decisions where decision.outcome != .allowed {
            let want = Int(decision.want)
            let asked = evaluated.source.wants[want]
            let key = "\(asked.action.value)\u{1F}\(asked.amount?.value ?? "")\u{1F}\(decision.outcome.rawValue)\u{1F}\(decision.by)"
            var found: Override?
            var none: NoChange?
            if let memo = known[key] {
                found = memo.0.map { memo in
                    var copy = memo
                    copy.want = want
                    copy.alternatives = copy.alternatives.map { alternative in
                        var other = alternative
                        other.want = want
                        return other
                    }
                    return copy
                }
                none = memo.1.map { memo in
                    var copy = memo
                    copy.want = want
                    return copy
                }
            } else {
                (found, none) = plan(for: current, want: want, stage: stage, baseline: baseline, key: prepared.keys[want],
                                     facts: prepared.facts, bound: prepared.bound)
                known[key] = (found, none)
            }
            if let best = found {
                advice.overrides.append(best)
            } else {
                advice.unresolved.append(want)
                advice.unresolvedActions.append(asked.action.value)
                advice.noChange.append(none ?? NoChange(want: want, action: asked.action.value, reason: Message("override.none.searched")))
            }
            if let offer = counterOffer(for: current, want: want, stage: stage, facts: prepared.facts, bound: prepared.bound) {
                advice.counterOffers.append(offer)
            }
        }
        return advice
    }

    /// The first override for a want, with its alternatives, or why there is none. A case
    /// in a situation already planned (`situation`) gets the same edits made for its own
    /// amount, without the search: the same edits verify in the same situation.
    func plan(for evaluated: EvaluatedCase, want: Int, stage: Stage, baseline: Baseline?, key: String?,
              facts: [String: FactValue], bound: BoundCase?) -> (Override?, NoChange?) {
        let key = baseline == nil ? key : nil
        if let key, let plan = cache.plan(key) {
            if let none = plan.none { return (nil, NoChange(want: want, action: none.action, reason: none.reason)) }
            // The first edits of the first override, its alternatives and the next one all
            // come from the candidates on the original text: built once.
            let kinds = Set((plan.first + plan.alternatives.flatMap { $0 } + (plan.next ?? [])).map(\.kind))
            let initial = candidates(for: evaluated, want: want, stage: stage, facts: facts, bound: bound, only: kinds)
            if var first = instantiate(plan.first, evaluated: evaluated, want: want, stage: stage, facts: facts, initial: initial) {
                let alternatives = plan.alternatives.compactMap {
                    instantiate($0, evaluated: evaluated, want: want, stage: stage, facts: facts, initial: initial)
                }
                if alternatives.count == plan.alternatives.count {
                    first.alternatives = alternatives
                    let next = plan.next.flatMap { instantiate($0, evaluated: evaluated, want: want, stage: stage, facts: facts, initial: initial) }
                    first.why = OverrideJudgement.why(first, against: alternatives.first ?? next, corpus: false)
                    return (first, nil)
                }
            }
        }
        let ranked = self.ranked(for: evaluated, want: want, stage: stage, baseline: baseline)
        let found = ranked.isEmpty ? nil : OverrideJudgement.withAlternatives(ranked, corpus: baseline != nil)
        let none = found == nil ? noChange(for: evaluated, want: want, stage: stage) : nil
        if let key {
            var plan = Plan()
            if let found {
                plan.first = found.signatures
                plan.alternatives = found.alternatives.map(\.signatures)
                plan.next = ranked.count > 1 && found.alternatives.isEmpty ? ranked[1].signatures : nil
            }
            plan.none = none
            cache.store(key, plan)
        }
        return (found, none)
    }

    /// The override made of the same edits as a planned one, for this case's amount.
    func instantiate(_ signatures: [Signature], evaluated: EvaluatedCase, want: Int, stage: Stage, facts: [String: FactValue],
                     initial: [Candidate]) -> Override? {
        guard !signatures.isEmpty else { return nil }
        var node = stage
        var current = evaluated
        var steps: [(Candidate, Int)] = []
        var text = stage.policy.file.text
        for (index, signature) in signatures.enumerated() {
            if index > 0 {
                guard let patched = loadStage(text, path: stage.path),
                      case .success(let value) = Engine.evaluate(evaluated.source, with: patched.compiled, tracing: true) else { return nil }
                node = patched
                current = value
            }
            let offered = index == 0 ? initial : candidates(for: current, want: want, stage: node, facts: facts)
            guard let candidate = offered.first(where: { Signature($0) == signature })
            else { return nil }
            steps.append((candidate, candidate.edits.map(\.start).min()?.line ?? 1))
            // The text after the last edit is needed only to diff several.
            if signatures.count > 1 {
                guard let patched = try? TextEdit.apply(candidate.edits, to: text) else { return nil }
                text = patched
            }
        }
        return override(steps, evaluated: evaluated, want: want, stage: stage, patched: text, compiled: nil, baseline: nil)
    }

    /// What makes two cases the same for planning: the role; per want its action, outcome,
    /// whether each condition of the action's grants holds (not the facts' values:
    /// an edit that makes a condition hold is made from each case's own value, and comes
    /// out the same kind at the same place) and where its amount falls among the role's own
    /// limits on the action and its budgets. Nil for a case with several wants (what one takes
    /// from a budget changes another), with a limit or budget that is an amount rule, or
    /// with a corpus (impacts are per change). A case whose planned edits do not come out
    /// the same (a value that would complete a list) is searched for itself.
    func situation(_ evaluated: EvaluatedCase, stage: Stage, facts: [String: FactValue], bound: BoundCase?) -> String? {
        guard evaluated.source.wants.count == 1 else { return nil }
        guard let bound, bound.wants.count == evaluated.decisions.count else { return nil }
        // Written as bytes, and the policy read in place (no key-path closures, no list of
        // a condition's matches): every case not allowed at first contact is keyed.
        var key: [UInt8] = []
        key.reserveCapacity(128)
        key += bound.handledBy.utf8
        let role = bound.handledBy
        let policy = stage.policy
        var budgetTotal: [String: Decimal] = [:]
        for budget in policy.discretion where budget.role.value == role {
            if budget.upToRule != nil { return nil }
            budgetTotal[budget.upTo.value.currency, default: 0] += budget.upTo.value.amount
        }
        func bits(_ condition: Condition) {
            switch condition {
            case .all(let parts, _), .any(let parts, _): for part in parts { bits(part) }
            case .fact(let match): key.append(match.matcher.holds(for: facts[match.fact]) ? 0x31 : 0x30)
            }
        }
        func conditionBits(_ condition: Condition) {
            key.append(OverridePlanner.holds(condition, facts) ? UInt8(ascii: "+") : UInt8(ascii: "-"))
            bits(condition)
        }
        for (index, want) in bound.wants.enumerated() {
            guard let actionIndex = policy.actions.firstIndex(where: { $0.name == want.action }) else { return nil }
            let decision = evaluated.decisions[index]
            // Who else could act, and how, does not change what the role's own edits do.
            key.append(0x1E)
            key += want.action.utf8
            key.append(0x1F)
            key += decision.outcome.rawValue.utf8
            key.append(0x1F)
            key.append(decision.viaDiscretion ? 0x31 : 0x30)
            key.append(0x1F)
            let grants = policy.actions[actionIndex].grants
            for grant in grants { if let when = grant.when { conditionBits(when) } }
            if let when = policy.actions[actionIndex].aboveLimit?.when { conditionBits(when) }
            guard let amount = want.amount else { continue }
            if grants.contains(where: { $0.hasAmountRule }) { return nil }
            // The role's own limits: the edits are made to its grants and budgets only.
            var limits: [Quantity] = []
            for grant in grants where grant.role.value == role {
                if let upTo = grant.upTo { limits.append(upTo.value) }
                if let atLeast = grant.atLeast { limits.append(atLeast.value) }
            }
            if case .money(let money) = amount {
                key.append(0x1F)
                key += money.currency.utf8
                limits.append(.money(Money(budgetTotal[money.currency] ?? 0, money.currency)))
            }
            for limit in limits {
                switch amount.compare(limit) {
                case .orderedAscending: key.append(UInt8(ascii: "<"))
                case .orderedSame: key.append(UInt8(ascii: "="))
                case .orderedDescending: key.append(UInt8(ascii: ">"))
                default: key.append(UInt8(ascii: "?"))
                }
            }
        }
        return String(decoding: key, as: UTF8.self)
    }

    /// Every verified override for one want, best first.
    public func overrides(for evaluated: EvaluatedCase, want: Int) -> [Override] {
        let stage = Stage(policy)
        let baseline = corpus.isEmpty ? nil : Baseline(corpus: corpus, compiled: stage.compiled)
        guard case .success(let current) = Engine.evaluate(evaluated.source, with: stage.compiled, tracing: true) else { return [] }
        return ranked(for: current, want: want, stage: stage, baseline: baseline)
    }

    /// The overrides for every want that is not allowed in `cases`, chained into one
    /// change of the policy file: each is chosen on the text the previous ones left.
    public func patch(for cases: [Case]) -> PolicyPatch {
        var stage = Stage(policy)
        var applied: [Override] = []
        var unresolved: [(caseID: String, action: String)] = []
        for source in cases {
            for want in source.wants.indices {
                guard case .success(let current) = Engine.evaluate(source, with: stage.compiled, tracing: true),
                      want < current.decisions.count else { break }
                guard current.decisions[want].outcome != .allowed else { continue }
                let baseline = corpus.isEmpty ? nil : Baseline(corpus: corpus, compiled: stage.compiled)
                guard let best = ranked(for: current, want: want, stage: stage, baseline: baseline).first,
                      let text = try? TextEdit.apply(best.edits, to: stage.policy.file.text),
                      let next = PolicyLoader.load(text: text, path: stage.path).policy else {
                    unresolved.append((source.id.value, source.wants[want].action.value))
                    continue
                }
                applied.append(best)
                stage = Stage(next)
            }
        }
        return PolicyPatch(path: policy.file.path, original: policy.file.text, text: stage.policy.file.text,
                           applied: applied, unresolved: unresolved)
    }

    /// What a whole patch does across the corpus (nil without one, or when the patched
    /// text does not load).
    public func impact(of patch: PolicyPatch) -> CorpusImpact? {
        guard !corpus.isEmpty, let patched = PolicyLoader.load(text: patch.text, path: patch.path).policy else { return nil }
        let stage = cache.stage { makeStage() }
        let baseline = cache.baseline { Baseline(corpus: corpus, compiled: stage.compiled) }
        return baseline.impact(of: CompiledPolicy(patched))
    }

    // MARK: - Search, verification and ranking

    /// A partial override: the edits so far and the stage they leave.
    struct Node {
        var stage: Stage
        var steps: [(Candidate, Int)]
        var obstacles: Int
    }

    /// Every verified override for one want, best first (`OverrideJudgement.order`).
    func ranked(for evaluated: EvaluatedCase, want: Int, stage: Stage, baseline: Baseline?) -> [Override] {
        let facts = factValues(evaluated)
        // Past the law: nothing is searched for a want every path of which needs a
        // condition on a locked fact this case does not meet.
        if !lockedFacts(blocking: evaluated, want: want, stage: stage, facts: facts).isEmpty { return [] }
        let allowedBefore = evaluated.decisions.map { $0.outcome == .allowed }
        let original = stage.policy.file.text
        var verified: [Override] = []
        var seen: Set<String> = [original]
        var frontier = [Node(stage: stage, steps: [], obstacles: obstacles(evaluated, want: want, policy: stage.policy, facts: facts))]
        for depth in 1...OverridePlanner.maximumSteps {
            var next: [Node] = []
            for node in frontier {
                let current: EvaluatedCase
                if node.steps.isEmpty {
                    current = evaluated
                } else {
                    guard case .success(let value) = Engine.evaluate(evaluated.source, with: node.stage.compiled, tracing: true) else { continue }
                    current = value
                }
                let candidates = self.candidates(for: current, want: want, stage: node.stage, facts: facts).sorted {
                    ($0.kind.rank, $0.change, $0.edits.first?.start ?? .start) < ($1.kind.rank, $1.change, $1.edits.first?.start ?? .start)
                }
                for candidate in candidates {
                    guard let patched = try? TextEdit.apply(candidate.edits, to: node.stage.policy.file.text),
                          seen.insert(patched).inserted,
                          let loaded = loadStage(patched, path: node.stage.path) else { continue }
                    let compiled = loaded.compiled
                    let line = candidate.edits.map(\.start).min()?.line ?? 1
                    let steps = node.steps + [(candidate, line)]
                    if allows(compiled, source: evaluated.source, want: want, allowedBefore: allowedBefore) {
                        verified.append(override(steps, evaluated: evaluated, want: want, stage: stage, patched: patched,
                                                 compiled: compiled, baseline: baseline))
                    } else if depth < OverridePlanner.maximumSteps {
                        // Followed only when it brings the want closer.
                        let left = obstacles(evaluated, want: want, policy: compiled.policy, facts: facts)
                        if left < node.obstacles {
                            next.append(Node(stage: loaded, steps: steps, obstacles: left))
                        }
                    }
                }
            }
            // The fewest edits first: a longer override only when no shorter one verifies.
            if !verified.isEmpty || next.isEmpty { break }
            frontier = Array(next.prefix(16))
        }
        return OverrideJudgement.order(verified, corpus: baseline != nil)
    }

    /// A verified override from its steps: on the original text, the edits of a single
    /// step as built; those of several steps as the lines the patched text changes.
    func override(_ steps: [(Candidate, Int)], evaluated: EvaluatedCase, want: Int, stage: Stage, patched: String,
                  compiled: CompiledPolicy?, baseline: Baseline?) -> Override {
        let first = steps[0].0
        let edits = steps.count == 1 ? first.edits : UnifiedDiff.lineEdits(old: stage.policy.file.text, new: patched)
        var override = Override(kind: first.kind, caseID: evaluated.source.id.value, want: want,
                                action: evaluated.source.wants[want].action.value, role: evaluated.source.handledBy.value,
                                message: first.message, file: stage.path, edits: edits,
                                line: edits.map(\.start).min()?.line ?? 1, from: "", to: "",
                                change: steps.reduce(Decimal(0)) { $0 + $1.0.change })
        var text = stage.text
        for (candidate, line) in steps {
            // One step: its line before and after is read off the edit, not the whole text.
            // (A step of several edits, which may share the line, is read off the patched text.)
            let quick = steps.count == 1 && (candidate.edits.count == 1 || (candidate.from != nil && candidate.to != nil))
            let after = quick ? text : ((try? TextEdit.apply(candidate.edits, to: text.text)).map(PolicyText.init) ?? text)
            let (from, to) = quick ? summary(candidate, original: text) : summary(candidate, original: text, patched: after)
            override.signatures.append(Signature(candidate))
            override.steps.append(OverrideStep(kind: candidate.kind, message: candidate.message, line: line, from: from, to: to,
                                               breadth: candidate.breadth))
            override.breadth = override.breadth + candidate.breadth
            text = after
        }
        override.from = override.steps[0].from
        override.to = override.steps[0].to
        override.line = steps.count == 1 ? override.line : override.steps[0].line
        if let baseline, let compiled {
            // Keyed by the text before and after: the same change on the same policy.
            var impact = cache.impact(stage.policy.file.text + "\u{0}" + patched) { baseline.impact(of: compiled) }
            impact.otherWants = max(0, impact.wantsAllowed - (baseline.asks(evaluated.source.id.value, want: want) ? 1 : 0))
            override.impact = impact
        }
        return override
    }

    /// The patched text loaded and compiled, when it loads without errors, with its text
    /// ready for the next edits (kept: the cases of a situation make the same edits).
    func loadStage(_ text: String, path: String) -> Stage? {
        cache.compiled(text) {
            let loaded = PolicyLoader.load(text: text, path: path)
            guard let patched = loaded.policy, !loaded.findings.contains(where: { $0.severity == .error }) else { return nil }
            return Stage(patched, compiled: CompiledPolicy(patched))
        }
    }

    /// Whether the want is allowed under the compiled policy, with no other want of the
    /// case losing `allowed`.
    func allows(_ compiled: CompiledPolicy, source: Case, want: Int, allowedBefore: [Bool]) -> Bool {
        guard case .success(let result) = Engine.evaluate(source, with: compiled, tracing: false),
              want < result.decisions.count, result.decisions[want].outcome == .allowed else { return false }
        for (index, decision) in result.decisions.enumerated() where index < allowedBefore.count && allowedBefore[index] {
            if decision.outcome != .allowed { return false }
        }
        return true
    }

    /// What stands between the handling role and the want under a policy: for the best
    /// of its own grants, one for a `when` that fails, one for an approval, one for a
    /// limit that does not cover the amount; 3 without a grant or under `never`.
    func obstacles(_ evaluated: EvaluatedCase, want: Int, policy: PolicySet, facts: [String: FactValue]) -> Int {
        let (bound, _) = policy.bind(evaluated.source)
        guard let bound, want < bound.wants.count, let action = policy.action(bound.wants[want].action), !action.isNever else { return 3 }
        let own = action.grants.filter { $0.role.value == bound.handledBy }
        let amount = bound.wants[want].amount
        return own.map { grant in
            let (up, down) = OverridePlanner.covers(grant, amount)
            return (grant.when.map { OverridePlanner.holds($0, facts) } ?? true ? 0 : 1) + (grant.approval == nil ? 0 : 1) + (up && down ? 0 : 1)
        }.min() ?? 3
    }

    /// `summary(_:original:patched:)` without the patched text: the changed line is the
    /// original line with the first edit on it applied (an insertion of whole lines: the
    /// first line inserted).
    func summary(_ candidate: Candidate, original: PolicyText) -> (String, String) {
        if let from = candidate.from, let to = candidate.to { return (from, to) }
        guard let edit = candidate.edits.min(by: { $0.start < $1.start }) else { return ("", "") }
        func clean(_ line: String) -> String { OverridePlanner.clean(line) }
        // The changed line: the original up to the edit, the replacement to its first line
        // break, and (when the replacement has none) the rest of the line the edit ends on.
        let replacement = edit.replacement
        let breaks = replacement.utf8.firstIndex(of: 0x0A)
        var first = original.prefix(before: edit.start)
        if let breaks {
            first += replacement[..<breaks]
        } else {
            first += replacement
            if edit.end.line >= 1, edit.end.line <= original.lineCount {
                first += original.cut(line: edit.end.line, from: max(0, edit.end.column - 1), to: .max) ?? ""
            }
        }
        if edit.start == edit.end && edit.start.column == 1 { return ("", clean(first)) }
        return (clean(original.line(edit.start.line)), clean(first))
    }

    /// A line as `from`/`to` show it: without the spaces around it (those of Foundation's
    /// `CharacterSet.whitespaces`: the tab, Unicode's space separators and U+200B) and
    /// without a list item's `- `.
    static func clean(_ line: String) -> String {
        // An ASCII line (most are) is trimmed on its bytes (`ASCIIText`): its only spaces
        // are ' ' and tab.
        var line = line
        if let ascii = line.withUTF8({ bytes -> String? in
            guard var range = ASCIIText.trimmed(bytes) else { return nil }
            if range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "-"), bytes[range.lowerBound + 1] == 0x20 {
                let rest = UnsafeBufferPointer(rebasing: bytes[(range.lowerBound + 2)..<range.upperBound])
                guard let inner = ASCIIText.trimmed(rest) else { return nil }
                range = (range.lowerBound + 2 + inner.lowerBound)..<(range.lowerBound + 2 + inner.upperBound)
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }) {
            return ascii
        }
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t"
                || (scalar.value >= 0x80 && (scalar.properties.generalCategory == .spaceSeparator || scalar.value == 0x200B))
        }
        func trimmed(_ text: Substring.UnicodeScalarView) -> Substring.UnicodeScalarView {
            var text = text
            while let first = text.first, isSpace(first) { text.removeFirst() }
            while let last = text.last, isSpace(last) { text.removeLast() }
            return text
        }
        var text = trimmed(Substring(line).unicodeScalars)
        if text.starts(with: "- ".unicodeScalars) { text = trimmed(text.dropFirst(2)) }
        return String(String.UnicodeScalarView(text))
    }

    /// `from`/`to` as the SPEC's JSON shows them: the candidate's own when it has them,
    /// else the first changed line before and after (empty before an insertion).
    func summary(_ candidate: Candidate, original: PolicyText, patched: PolicyText) -> (String, String) {
        if let from = candidate.from, let to = candidate.to { return (from, to) }
        guard let edit = candidate.edits.min(by: { $0.start < $1.start }) else { return ("", "") }
        func clean(_ line: String) -> String { OverridePlanner.clean(line) }
        if edit.start == edit.end && edit.start.column == 1 {
            return ("", clean(patched.line(edit.start.line)))
        }
        return (clean(original.line(edit.start.line)), clean(patched.line(edit.start.line)))
    }

    // MARK: - Locked facts, no change, counter-offers

    /// The locked facts that keep the want from every path: when no grant of the action
    /// (to any role) holds for this case and each one that fails needs a condition on a
    /// locked fact made to hold. Empty when some path does not depend on the law.
    func lockedFacts(blocking evaluated: EvaluatedCase, want: Int, stage: Stage, facts: [String: FactValue]) -> [String] {
        let (bound, _) = stage.policy.bind(evaluated.source)
        guard let bound, want < bound.wants.count, let action = stage.policy.action(bound.wants[want].action),
              !action.isNever, !action.grants.isEmpty else { return [] }
        var locked: [String] = []
        for grant in action.grants {
            guard let when = grant.when else { return [] }
            let sets = OverridePlanner.fixSets(when, facts)
            if sets.contains(where: \.isEmpty) { return [] }
            var needed: [String] = []
            for set in sets {
                let names = set.filter { stage.policy.fact($0.fact)?.locked == true }.map(\.fact)
                if names.isEmpty { return [] }
                needed += names
            }
            for name in needed where !locked.contains(name) { locked.append(name) }
        }
        return locked
    }

    /// Why no change was found for a want.
    func noChange(for evaluated: EvaluatedCase, want: Int, stage: Stage) -> NoChange {
        let action = evaluated.source.wants[want].action.value
        let locked = lockedFacts(blocking: evaluated, want: want, stage: stage, facts: factValues(evaluated))
        if !locked.isEmpty {
            return NoChange(want: want, action: action,
                            reason: Message("override.none.locked", ["action": action, "facts": locked.map { "`\($0)`" }.joined(separator: ", ")]))
        }
        return NoChange(want: want, action: action, reason: Message("override.none.searched", ["steps": String(OverridePlanner.maximumSteps)]))
    }

    /// "You may give up to X now": for a money want that is not allowed, the largest
    /// amount below it that the handling role may give on its own under this policy —
    /// an approval-free grant's `up-to` whose `when` holds, or the discretion budget left
    /// for this want — verified by evaluating the case with that amount.
    func counterOffer(for evaluated: EvaluatedCase, want: Int, stage: Stage, facts: [String: FactValue], bound: BoundCase?) -> CounterOffer? {
        guard let bound, want < bound.wants.count, case .money(let asked)? = bound.wants[want].amount,
              let action = stage.policy.action(bound.wants[want].action), action.measure == .money, !action.isNever else { return nil }
        let role = bound.handledBy
        var limits: [Decimal] = []
        for grant in action.grants where grant.role.value == role && grant.approval == nil {
            guard grant.when.map({ OverridePlanner.holds($0, facts) }) ?? true,
                  case .money(let limit)? = grant.staticUpTo, limit.currency == asked.currency else { continue }
            limits.append(limit.amount)
        }
        let budgets = stage.policy.discretion.filter { $0.role.value == role && $0.upTo.value.currency == asked.currency }
        if !budgets.isEmpty {
            var consumed: Decimal = 0
            for decision in evaluated.decisions where decision.viaDiscretion && Int(decision.want) < want {
                if case .money(let taken)? = bound.wants[Int(decision.want)].amount, taken.currency == asked.currency { consumed += taken.amount }
            }
            limits.append(budgets.reduce(Decimal(0)) { $0 + $1.upTo.value.amount } - consumed)
        }
        for limit in Set(limits).sorted(by: >) where limit > 0 && limit < asked.amount {
            var source = evaluated.source
            let offered = Money(limit, asked.currency)
            guard let written = source.wants[want].amount else { continue }
            source.wants[want].amount = Located(offered.description, at: written.location, end: written.end)
            guard case .success(let result) = Engine.evaluate(source, with: stage.compiled, tracing: false),
                  want < result.decisions.count, result.decisions[want].outcome == .allowed else { continue }
            return CounterOffer(want: want, action: action.name, role: role, upTo: offered)
        }
        return nil
    }

    // MARK: - Candidates

    /// The candidate edits for a want on a stage's policy (`bound`: the case bound to that
    /// policy, when the caller has it; `only`: just these kinds, for a planned situation).
    func candidates(for evaluated: EvaluatedCase, want: Int, stage: Stage, facts: [String: FactValue],
                    bound given: BoundCase? = nil, only kinds: Set<OverrideKind>? = nil) -> [Candidate] {
        let policy = stage.policy
        let text = stage.text
        let source = evaluated.source
        let bound = given ?? policy.bind(source).0
        func wanted(_ kind: OverrideKind) -> Bool { kinds?.contains(kind) ?? true }
        guard let bound, want < bound.wants.count, want < evaluated.input.wants.count else { return [] }
        let role = bound.handledBy
        let boundWant = bound.wants[want]
        guard let action = policy.action(boundWant.action) else { return [] }
        let amount = boundWant.amount
        var out: [Candidate] = []
        let amountText = amount.map { PolicyValue.text($0, like: nil, currency: nil) }
        func raised(_ value: Decimal, _ text: String?) -> Breadth {
            var breadth = Breadth()
            breadth.amount = value
            breadth.amountText = text ?? ""
            return breadth
        }

        if action.isNever {
            if wanted(.replaceNever), let candidate = replaceNever(action, role: role, amount: amount, facts: facts, stage: stage) {
                out.append(candidate)
            }
            return out
        }

        let own = action.grants.filter { $0.role.value == role }
        for grant in own {
            let held = grant.when.map { OverridePlanner.holds($0, facts) } ?? true
            let (coversUp, coversDown) = OverridePlanner.covers(grant, amount)
            if grant.approval == nil {
                if wanted(.raiseLimit), held, !coversUp, let amount, let upTo = grant.upTo, coversDown {
                    let written = text.written(upTo)
                    let value = PolicyValue.text(amount, like: written, currency: policy.currency?.value)
                    if let edit = text.replace(upTo, with: value) {
                        let change = OverridePlanner.difference(amount, upTo.value)
                        out.append(Candidate(kind: .raiseLimit, edits: [edit],
                                             message: Message("override.raise-limit", ["role": role, "action": action.name,
                                                                                        "from": written ?? upTo.value.description, "to": value]),
                                             from: "up-to: \(written ?? upTo.value.description)", to: "up-to: \(value)",
                                             change: change, breadth: raised(change, OverridePlanner.text(change, like: amount))))
                    }
                }
                if wanted(.lowerAtLeast), held, !coversDown, let amount, let atLeast = grant.atLeast, coversUp {
                    let written = text.written(atLeast)
                    let value = PolicyValue.text(amount, like: written, currency: policy.currency?.value)
                    if let edit = text.replace(atLeast, with: value) {
                        let change = OverridePlanner.difference(atLeast.value, amount)
                        out.append(Candidate(kind: .lowerAtLeast, edits: [edit],
                                             message: Message("override.lower-at-least", ["role": role, "action": action.name,
                                                                                           "from": written ?? atLeast.value.description, "to": value]),
                                             from: "at-least: \(written ?? atLeast.value.description)", to: "at-least: \(value)",
                                             change: change, breadth: raised(change, OverridePlanner.text(change, like: amount))))
                    }
                }
            } else if held, let approval = grant.approval, wanted(.dropApproval) || wanted(.raiseLimit) {
                var body = "role: \(role)"
                if let amountText, action.measure != .none { body += ", up-to: \(amountText)" }
                if let atLeast = grant.atLeast, let written = text.written(atLeast), coversDown { body += ", at-least: \(written)" }
                if grant.when != nil {
                    guard let node = policy.root.node(at: grant.path)?["when"], let written = text.slice(node.start, node.end) else { continue }
                    body += ", when: \(written)"
                }
                if let edit = text.insertItem("{ \(body) }", before: grant.location.position ?? .start) {
                    // Dropping the approval is what helps only when the approved grant covers the
                    // amount; otherwise the change gives the role a limit of its own.
                    let dropsApproval = coversUp && coversDown
                    let key = amountText == nil ? "override.drop-approval-any"
                        : (dropsApproval ? "override.drop-approval" : "override.own-grant")
                    var breadth = raised(amount.map { OverridePlanner.magnitude($0) } ?? 0, amountText)
                    breadth.conditionsDropped = 1
                    out.append(Candidate(kind: dropsApproval ? .dropApproval : .raiseLimit, edits: [edit],
                                         message: Message(key,
                                                          ["role": role, "action": action.name, "approver": approval.by.value,
                                                           "to": amountText ?? ""]),
                                         from: nil, to: nil, change: amount.map { OverridePlanner.magnitude($0) } ?? 0, breadth: breadth))
                }
            }
            // A `when` that excludes this customer is relaxed on every grant of the role: it
            // verifies alone on an approval-free grant that covers the amount, and is the
            // first of two or three edits otherwise (then the approval, then the limit).
            if !held, let when = grant.when, wanted(.relaxWhen) || wanted(.dropCondition) {
                out += relaxWhen(when, grant: grant, action: action, role: role, facts: facts, stage: stage)
            }
        }
        if own.isEmpty, wanted(.raiseLimit), let first = action.grants.first, let position = first.location.position,
           let when = newGrantWhen(action, facts: facts, stage: stage) {
            var body = "role: \(role)"
            if let amountText, action.measure != .none { body += ", up-to: \(amountText)" }
            if !when.isEmpty { body += ", when: \(when)" }
            if let edit = text.insertItem("{ \(body) }", before: position) {
                var breadth = raised(amount.map { OverridePlanner.magnitude($0) } ?? 0, amountText)
                if when.isEmpty { breadth.conditionsDropped = 1 } else { breadth.valuesAdded = 1 }
                out.append(Candidate(kind: .raiseLimit, edits: [edit],
                                     message: Message(amountText == nil ? "override.add-grant-any" : "override.add-grant",
                                                      ["role": role, "action": action.name, "to": amountText ?? ""]),
                                     from: nil, to: nil, change: amount.map { OverridePlanner.magnitude($0) } ?? 0, breadth: breadth))
            }
        }
        // A discretion budget holds for every money action and every customer: never
        // offered where a path of the action rests on a locked (legal) condition.
        if wanted(.discretion), action.measure == .money, case .money(let money)? = amount, !conditionsOnLockedFacts(action, stage: stage),
           let candidate = discretion(money, role: role, evaluated: evaluated, bound: bound, stage: stage) {
            out.append(candidate)
        }
        return out
    }

    /// Whether some grant of the action has a condition on a locked fact (worked out once
    /// per stage, when the stage is made).
    func conditionsOnLockedFacts(_ action: Action, stage: Stage) -> Bool {
        stage.lockedActions.contains(action.name)
    }

    /// The actions of a policy some grant of which has a condition on a locked fact.
    static func lockedActions(_ policy: PolicySet) -> Set<String> {
        let locked = Set(policy.facts.filter { $0.locked }.map { $0.name })
        guard !locked.isEmpty else { return [] }
        var out: Set<String> = []
        for action in policy.actions where action.grants.contains(where: { grant in
            grant.when?.factMatches.contains { locked.contains($0.fact) } ?? false
        }) {
            out.insert(action.name)
        }
        return out
    }

    /// The `when` of a new grant (one not copied from another), from the case's facts:
    /// `{ issue: damaged-item }` — each enum or bool fact the case gives that a grant of the
    /// action conditions on (every one the case gives when no grant conditions on any).
    /// "" when the case gives none; nil when a grant of the action conditions on a locked
    /// fact that is not an enum or bool (a new grant would pass over it).
    func newGrantWhen(_ action: Action, facts: [String: FactValue], stage: Stage) -> String? {
        let named = action.grants.flatMap { $0.when?.factMatches.map(\.fact) ?? [] }
        for name in named where stage.policy.fact(name)?.locked == true {
            switch stage.policy.fact(name)?.type {
            case .enumeration?, .bool?: if facts[name] == nil { return nil }
            default: return nil
            }
        }
        let declared = stage.policy.facts.filter { !$0.isBuiltIn && !$0.many }
        let chosen = declared.filter { named.isEmpty || named.contains($0.name) }
        var parts: [String] = []
        for fact in chosen {
            switch facts[fact.name] {
            case .enumeration(let value)?: parts.append("\(fact.name): \(PolicyValue.scalar(value))")
            case .bool(let flag)?: parts.append("\(fact.name): \(flag ? "true" : "false")")
            default: continue
            }
        }
        return parts.isEmpty ? "" : "{ " + parts.joined(separator: ", ") + " }"
    }

    /// Replaces `never: true` with a grant to the role (up to the amount) under this
    /// case's facts, and removes the `reason`: it said why the action was never allowed,
    /// which is no longer true.
    func replaceNever(_ action: Action, role: String, amount: Quantity?, facts: [String: FactValue], stage: Stage) -> Candidate? {
        guard let actionNode = stage.policy.root["actions"]?[action.name], let pair = actionNode.pair("never"),
              let when = newGrantWhen(action, facts: facts, stage: stage) else { return nil }
        var body = "role: \(role)"
        if let amount, action.measure != .none { body += ", up-to: \(PolicyValue.text(amount, like: nil, currency: nil))" }
        if !when.isEmpty { body += ", when: \(when)" }
        let replacement: String
        if actionNode.style == .flow {
            replacement = "grants: [ { \(body) } ]"
        } else {
            guard stage.text.prefix(before: pair.key.start).allSatisfy({ $0 == " " }) else { return nil }
            let indent = String(repeating: " ", count: pair.key.start.column - 1)
            replacement = "grants:\n\(indent)  - { \(body) }"
        }
        var edits = [TextEdit(start: pair.key.start, end: pair.value.end, replacement: replacement)]
        if action.reason != nil || !action.reasons.isEmpty {
            guard let reasonPair = actionNode.pair("reason") else { return nil }
            // A comment after the reason stays, on a line of its own: only the pair goes.
            let rest = stage.text.line(reasonPair.value.contentEnd.line).unicodeScalars.dropFirst(reasonPair.value.contentEnd.column - 1)
            let keepsComment = actionNode.style != .flow && reasonPair.key.start.line == reasonPair.value.contentEnd.line
                && String(String.UnicodeScalarView(rest)).trimmingCharacters(in: .whitespaces).hasPrefix("#")
            guard let removal = keepsComment ? TextEdit(start: reasonPair.key.start, end: reasonPair.value.end, replacement: "")
                                             : stage.text.removePair("reason", from: actionNode) else { return nil }
            // In a flow mapping the removal may touch the `never` pair's end: one edit then.
            if removal.start < pair.value.end || (removal.start == pair.value.end && removal.end > pair.value.end) {
                guard removal.start == pair.value.end else { return nil }
                edits = [TextEdit(start: pair.key.start, end: removal.end, replacement: replacement)]
            } else {
                edits.append(removal)
            }
        }
        let written = stage.text.slice(pair.value.start, pair.value.end) ?? "true"
        var breadth = Breadth()
        if when.isEmpty { breadth.conditionsDropped = 1 } else { breadth.valuesAdded = 1 }
        let reason = action.reason.map { Term.texts($0, action.reasons) } ?? ""
        return Candidate(kind: .replaceNever, edits: edits,
                         message: Message(action.reason == nil ? "override.replace-never" : "override.replace-never-reason",
                                          ["role": role, "action": action.name, "grant": "{ \(body) }", "reason": reason]),
                         from: "never: \(written)", to: "grants: [ { \(body) } ]", change: 0, breadth: breadth)
    }

    /// Adds the case's value to each failing matcher of a `when`, or moves a bound to the
    /// case's value.
    func relaxWhen(_ when: Condition, grant: Grant, action: Action, role: String, facts: [String: FactValue], stage: Stage) -> [Candidate] {
        var out: [Candidate] = []
        for set in OverridePlanner.fixSets(when, facts) where !set.isEmpty {
            // A condition on a locked fact comes from law or contract: never relaxed.
            if set.contains(where: { stage.policy.fact($0.fact)?.locked == true }) { continue }
            var edits: [TextEdit] = []
            var changes: [String] = []
            var dropped: [String] = []
            var breadth = Breadth()
            for match in set {
                guard let relaxed = relax(match, value: facts[match.fact], stage: stage) else { edits = []; break }
                edits.append(relaxed.edit)
                changes.append(relaxed.description)
                if relaxed.drops {
                    dropped.append(match.fact)
                    breadth.conditionsDropped += 1
                } else if case .range = match.matcher {
                    breadth.boundsMoved += 1
                } else if case .bounds = match.matcher {
                    breadth.boundsMoved += 1
                } else {
                    breadth.valuesAdded += 1
                }
            }
            guard !edits.isEmpty else { continue }
            let values = set.map { match in "\(match.fact): \(facts[match.fact]?.description ?? "")" }
            if !dropped.isEmpty {
                out.append(Candidate(kind: .dropCondition, edits: edits,
                                     message: Message("override.drop-condition", ["role": role, "action": action.name,
                                                                                   "value": values.joined(separator: ", "),
                                                                                   "facts": dropped.map { "`\($0)`" }.joined(separator: ", ")]),
                                     from: nil, to: nil, change: 0, breadth: breadth))
                continue
            }
            out.append(Candidate(kind: .relaxWhen, edits: edits,
                                 message: Message("override.relax-when", ["role": role, "action": action.name,
                                                                           "value": values.joined(separator: ", "),
                                                                           "change": changes.joined(separator: "`, `")]),
                                 from: nil, to: nil, change: 0, breadth: breadth))
        }
        return out
    }

    /// Every value a fact can take, when there are few: an enum's values, `false` and
    /// `true` for a bool.
    static func domain(_ fact: FactDeclaration?) -> [FactValue]? {
        switch fact?.type {
        case .enumeration(let all)?: return all.map { .enumeration($0) }
        case .bool?: return [.bool(false), .bool(true)]
        default: return nil
        }
    }

    /// One matcher made to hold for the case's value: the edit, `from` → `to` text, and
    /// whether the edit drops the matcher (a list of every value of an enum, or
    /// `[false, true]`, is no condition at all, so it is removed instead and said so).
    func relax(_ match: FactMatch, value given: FactValue?, stage: Stage) -> (edit: TextEdit, description: String, drops: Bool)? {
        // A `many` fact's list: adding any one of its values makes the matcher hold.
        var value = given
        if case .set(let values)? = given { value = values.first.map { .enumeration($0) } }
        if let value, let all = OverridePlanner.domain(stage.policy.fact(match.fact)) {
            let listed: [FactValue]
            switch match.matcher {
            case .equals(let one): listed = [one]
            case .anyOf(let many): listed = many
            default: listed = []
            }
            if !listed.isEmpty, all.allSatisfy({ one in (listed + [value]).contains { $0 == one } }) {
                guard let key = match.location.position, let mapping = OverridePlanner.mapping(holding: key, in: stage.policy.root) else { return nil }
                if let edit = stage.text.removePair(match.fact, from: mapping) { return (edit, "\(match.fact)", true) }
                // The fact is the whole `when`: remove `when` itself.
                guard mapping.mapping?.count == 1, let parent = OverridePlanner.parent(of: mapping, in: stage.policy.root),
                      let pair = parent.mapping?.first(where: { $0.value.start == mapping.start }),
                      let edit = stage.text.removePair(pair.name, from: parent) else { return nil }
                return (edit, "\(match.fact)", true)
            }
        }
        guard let relaxed = relaxValue(match, value: value, stage: stage) else { return nil }
        return (relaxed.0, relaxed.1, false)
    }

    /// The mapping whose key starts at `position` (the `when` that holds a fact match).
    static func mapping(holding position: SourcePosition, in node: YAMLNode) -> YAMLNode? {
        if let pairs = node.mapping {
            if pairs.contains(where: { $0.key.start == position }) { return node }
            for pair in pairs { if let found = mapping(holding: position, in: pair.value) { return found } }
        } else if let items = node.sequence {
            for item in items { if let found = mapping(holding: position, in: item) { return found } }
        }
        return nil
    }

    /// The mapping that holds `child` as a value.
    static func parent(of child: YAMLNode, in node: YAMLNode) -> YAMLNode? {
        if let pairs = node.mapping {
            if pairs.contains(where: { $0.value.start == child.start && $0.value.end == child.end }) { return node }
            for pair in pairs { if let found = parent(of: child, in: pair.value) { return found } }
        } else if let items = node.sequence {
            for item in items { if let found = parent(of: child, in: item) { return found } }
        }
        return nil
    }

    func relaxValue(_ match: FactMatch, value: FactValue?, stage: Stage) -> (TextEdit, String)? {
        guard let value, let start = match.valueLocation.position, let node = stage.policy.root.node(startingAt: start) else { return nil }
        let text = stage.text
        let currency = stage.policy.currency?.value
        func written(_ value: FactValue, like old: String?) -> String {
            switch value {
            case .enumeration(let name): return PolicyValue.scalar(name)
            case .money(let money): return PolicyValue.text(.money(money), like: old, currency: currency)
            case .duration(let duration): return duration.description
            case .count(let count): return String(count)
            case .bool(let flag): return flag ? "true" : "false"
            case .set(let values): return PolicyValue.scalar(values.first ?? "")
            }
        }
        switch match.matcher {
        case .equals:
            guard let old = text.slice(node.start, node.end) else { return nil }
            let new = "[\(old), \(written(value, like: old))]"
            return (TextEdit(start: node.start, end: node.end, replacement: new), "\(match.fact): \(old)` → `\(match.fact): \(new)")
        case .anyOf:
            guard let items = node.sequence, let last = items.last else { return nil }
            let item = written(value, like: text.slice(last.start, last.end))
            guard let edit = text.appendItem(item, to: node) else { return nil }
            let old = text.slice(node.start, node.end)
            let new = old.map { String($0.dropLast()) + ", \(item)]" }
            if let old, let new, node.style == .flow { return (edit, "\(match.fact): \(old)` → `\(match.fact): \(new)") }
            return (edit, "\(match.fact): + \(item)")
        case .range(let min, let max):
            if let min, let order = FactValue.compare(value, min), order < 0, let minNode = node["min"] {
                let old = text.slice(minNode.start, minNode.end)
                let new = written(value, like: old)
                guard let edit = text.replace(node: minNode, with: new) else { return nil }
                return (edit, "min: \(old ?? min.description)` → `min: \(new)")
            }
            if let max, let order = FactValue.compare(value, max), order > 0, let maxNode = node["max"] {
                let old = text.slice(maxNode.start, maxNode.end)
                let new = written(value, like: old)
                guard let edit = text.replace(node: maxNode, with: new) else { return nil }
                return (edit, "max: \(old ?? max.description)` → `max: \(new)")
            }
            return nil
        case .bounds(let bounds):
            // A strict bound is moved minimally: `above: 6h` → `min: 5h` takes in the case's
            // value and nothing below it; an inclusive one moves as in a range.
            func replacePair(_ key: String, with new: String) -> (TextEdit, String)? {
                guard let pair = node.pair(key), let old = text.slice(pair.key.start, pair.value.end) else { return nil }
                return (TextEdit(start: pair.key.start, end: pair.value.end, replacement: new), "\(old)` → `\(new)")
            }
            if let above = bounds.above, let order = FactValue.compare(value, above), order <= 0 {
                if let min = bounds.min, let below = FactValue.compare(value, min), below >= 0 { return nil }
                guard bounds.min == nil else { return nil }
                return replacePair("above", with: "min: \(written(value, like: text.slice(node["above"]?.start ?? .start, node["above"]?.end ?? .start)))")
            }
            if let below = bounds.below, let order = FactValue.compare(value, below), order >= 0 {
                guard bounds.max == nil else { return nil }
                return replacePair("below", with: "max: \(written(value, like: text.slice(node["below"]?.start ?? .start, node["below"]?.end ?? .start)))")
            }
            if let min = bounds.min, let order = FactValue.compare(value, min), order < 0, let minNode = node["min"] {
                let old = text.slice(minNode.start, minNode.end)
                let new = written(value, like: old)
                guard let edit = text.replace(node: minNode, with: new) else { return nil }
                return (edit, "min: \(old ?? min.description)` → `min: \(new)")
            }
            if let max = bounds.max, let order = FactValue.compare(value, max), order > 0, let maxNode = node["max"] {
                let old = text.slice(maxNode.start, maxNode.end)
                let new = written(value, like: old)
                guard let edit = text.replace(node: maxNode, with: new) else { return nil }
                return (edit, "max: \(old ?? max.description)` → `max: \(new)")
            }
            return nil
        case .not:
            // `not` is not widened by an override: which values it should let in is a choice.
            return nil
        }
    }

    /// Adds a discretion budget for the role, or raises its budget to cover the amount
    /// and everything else the case already takes from it.
    func discretion(_ money: Money, role: String, evaluated: EvaluatedCase, bound: BoundCase, stage: Stage) -> Candidate? {
        let policy = stage.policy
        let text = stage.text
        let budgets = policy.discretion.filter { $0.role.value == role && $0.upTo.value.currency == money.currency }
        if let budget = budgets.first {
            var consumed: Decimal = 0
            for decision in evaluated.decisions where decision.viaDiscretion {
                if case .money(let taken)? = bound.wants[Int(decision.want)].amount, taken.currency == money.currency { consumed += taken.amount }
            }
            let total = budgets.reduce(Decimal(0)) { $0 + $1.upTo.value.amount }
            let increase = consumed + money.amount - total
            guard increase > 0 else { return nil }
            let written = text.written(budget.upTo)
            let value = PolicyValue.text(.money(Money(budget.upTo.value.amount + increase, money.currency)), like: written,
                                         currency: policy.currency?.value)
            guard let edit = text.replace(budget.upTo, with: value) else { return nil }
            var breadth = Breadth()
            breadth.conditionsDropped = 1
            breadth.amount = increase
            breadth.amountText = Money(increase, money.currency).description
            return Candidate(kind: .discretion, edits: [edit],
                             message: Message("override.discretion-raise", ["role": role, "from": written ?? budget.upTo.value.description,
                                                                            "to": value, "per": budget.per.value.rawValue]),
                             from: "up-to: \(written ?? budget.upTo.value.description)", to: "up-to: \(value)", change: increase,
                             breadth: breadth)
        }
        let body = "{ role: \(role), up-to: \(money.description), per: case, review: after-the-fact }"
        let edit: TextEdit?
        if let node = policy.root["discretion"], node.sequence?.isEmpty == false {
            edit = text.appendItem(body, to: node)
        } else if policy.root["discretion"] != nil {
            edit = nil
        } else {
            edit = text.insertSection(["discretion:", "  - \(body)"], in: policy.root,
                                      before: ["processes", "commitments", "channels", "metrics", "exceptions"])
        }
        guard let edit else { return nil }
        var breadth = Breadth()
        breadth.conditionsDropped = 1
        breadth.amount = money.amount
        breadth.amountText = money.description
        return Candidate(kind: .discretion, edits: [edit],
                         message: Message("override.discretion-add", ["role": role, "to": money.description]),
                         from: "", to: "- \(body)", change: money.amount, breadth: breadth)
    }

    // MARK: - Helpers

    /// The case's facts as model values, from its compiled input.
    func factValues(_ evaluated: EvaluatedCase) -> [String: FactValue] {
        let explanation = Explanation(policy: evaluated.policy, language: .en, keeping: false)
        var out: [String: FactValue] = [:]
        for (slot, fact) in evaluated.policy.facts.enumerated() {
            if let value = explanation.factValue(slot, input: evaluated.input) { out[fact.name] = value }
        }
        return out
    }

    static func holds(_ condition: Condition, _ facts: [String: FactValue]) -> Bool {
        switch condition {
        case .all(let parts, _): return parts.allSatisfy { holds($0, facts) }
        case .any(let parts, _): return parts.contains { holds($0, facts) }
        case .fact(let match): return match.matcher.holds(for: facts[match.fact])
        }
    }

    /// Sets of failing matchers, any one of which made to hold makes the condition hold.
    static func fixSets(_ condition: Condition, _ facts: [String: FactValue]) -> [[FactMatch]] {
        switch condition {
        case .fact(let match):
            return match.matcher.holds(for: facts[match.fact]) ? [[]] : [[match]]
        case .all(let parts, _):
            var union: [FactMatch] = []
            for part in parts {
                let sets = fixSets(part, facts)
                if sets.contains(where: \.isEmpty) { continue }
                guard let smallest = sets.min(by: { $0.count < $1.count }) else { return [] }
                union += smallest
            }
            return [union]
        case .any(let parts, _):
            var sets: [[FactMatch]] = []
            for part in parts {
                let inner = fixSets(part, facts)
                if inner.contains(where: \.isEmpty) { return [[]] }
                sets += inner
            }
            return sets
        }
    }

    /// Whether the grant's `up-to` and `at-least` cover the amount (each separately).
    static func covers(_ grant: Grant, _ amount: Quantity?) -> (upTo: Bool, atLeast: Bool) {
        guard let amount else { return (true, true) }
        let upTo = grant.upTo.map { amount.compare($0.value) != .orderedDescending } ?? true
        let atLeast = grant.atLeast.map { amount.compare($0.value) != .orderedAscending } ?? true
        return (upTo, atLeast)
    }

    static func magnitude(_ quantity: Quantity) -> Decimal {
        switch quantity {
        case .money(let money): return money.amount
        case .duration(let duration): return Decimal(duration.seconds)
        case .count(let count): return Decimal(count)
        }
    }

    static func difference(_ a: Quantity, _ b: Quantity) -> Decimal { magnitude(a) - magnitude(b) }

    /// A change in an action's measure written like the amount: `15 USD`, `3h`, `1`.
    static func text(_ change: Decimal, like amount: Quantity) -> String {
        switch amount {
        case .money(let money): return Money(change, money.currency).description
        case .duration: return Duration(seconds: Int64(truncating: change as NSDecimalNumber)).description
        case .count: return Money.format(change)
        }
    }
}

/// The corpus evaluated against one policy: what each case's wants come to now.
struct Baseline {
    struct Entry {
        var source: Case
        var allowed: [Bool]
        var firstContact: Bool
        var amounts: [Money?]
    }

    var entries: [Entry] = []
    /// Each case's entry by id (the first of an id).
    var byID: [String: Int] = [:]

    /// Whether the corpus holds this case with this want not allowed: the override made
    /// for it allows it there too, which is not "another want".
    func asks(_ caseID: String, want: Int) -> Bool {
        guard let index = byID[caseID], want < entries[index].allowed.count else { return false }
        return !entries[index].allowed[want]
    }

    init(corpus: [Case], compiled: CompiledPolicy) {
        for source in corpus {
            let (bound, problems) = compiled.policy.bind(source)
            guard let bound, problems.isEmpty, case .success(let result) = Engine.evaluate(source, with: compiled, tracing: false) else { continue }
            let amounts: [Money?] = bound.wants.map { want in
                if case .money(let money)? = want.amount { return money }
                return nil
            }
            if byID[source.id.value] == nil { byID[source.id.value] = entries.count }
            entries.append(Entry(source: source, allowed: result.decisions.map { $0.outcome == .allowed },
                                 firstContact: result.resolution.firstContact, amounts: amounts))
        }
    }

    func impact(of compiled: CompiledPolicy) -> CorpusImpact {
        var impact = CorpusImpact()
        impact.cases = entries.count
        for entry in entries {
            guard case .success(let result) = Engine.evaluate(entry.source, with: compiled, tracing: false) else { continue }
            var helped = false
            for (index, decision) in result.decisions.enumerated() where index < entry.allowed.count {
                guard !entry.allowed[index], decision.outcome == .allowed else { continue }
                helped = true
                impact.wantsAllowed += 1
                if let money = entry.amounts[index] { impact.cost[money.currency, default: 0] += money.amount }
            }
            if helped { impact.helped += 1 }
            if !entry.firstContact && result.resolution.firstContact { impact.firstContact += 1 }
        }
        return impact
    }
}

extension PolicyText {
    /// Inserts a new top-level section (its lines) before the first of `keys` the
    /// document has, above the comments that introduce that key; else at the end.
    public func insertSection(_ block: [String], in root: YAMLNode, before keys: [String]) -> TextEdit {
        let pairs = root.mapping ?? []
        for key in keys {
            guard let pair = pairs.first(where: { $0.name == key }) else { continue }
            var line = pair.key.start.line
            while line > 1 && isComment(line - 1) { line -= 1 }
            return TextEdit.insertLines(block + [""], before: line)
        }
        let lastLine = lineCount
        let lastText = line(lastLine)
        if lastText.isEmpty {
            // The text ends with a newline: the last "line" is the empty one after it.
            return TextEdit.insertLines([""] + block, before: lastLine)
        }
        let position = SourcePosition(line: lastLine, column: lastText.unicodeScalars.count + 1)
        return TextEdit(start: position, end: position, replacement: "\n\n" + block.joined(separator: "\n") + "\n")
    }
}
