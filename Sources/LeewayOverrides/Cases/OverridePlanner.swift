import Foundation
import LeewayCore
import LeewayEngine

/// Finds "do the right thing" overrides: for a want that is not `allowed`, the smallest
/// policy change that lets the handling role do it at first contact (docs/overrides.md).
///
/// Every candidate is built as `TextEdit`s on the policy file's text at the source
/// locations the model carries, then verified: the edits are applied, the patched text
/// is loaded again with `PolicyLoader` (it must load without errors), and the case is
/// evaluated again: the want must be `allowed`, and no want that was allowed may stop
/// being so. Verified candidates rank by kind (`OverrideKind`'s order), then by the
/// smallest change in amount; with a corpus, by the cases they help first.
public struct OverridePlanner: Sendable {
    public let policy: PolicySet
    public let corpus: [Case]

    /// Patched texts already loaded and compiled (nil: they do not load cleanly), and
    /// the original stage: a batch of similar cases tries the same candidates.
    let cache = Cache()

    public init(policy: PolicySet, corpus: [Case] = []) {
        self.policy = policy
        self.corpus = corpus
    }

    final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var compiled: [String: CompiledPolicy?] = [:]
        private var original: Stage?
        private var originalBaseline: Baseline?
        private var impacts: [String: CorpusImpact] = [:]

        func baseline(_ make: () -> Baseline) -> Baseline {
            lock.lock(); defer { lock.unlock() }
            if let originalBaseline { return originalBaseline }
            let value = make()
            originalBaseline = value
            return value
        }

        func impact(_ key: String, _ make: () -> CorpusImpact) -> CorpusImpact {
            lock.lock()
            if let hit = impacts[key] { lock.unlock(); return hit }
            lock.unlock()
            let value = make()
            lock.lock()
            impacts[key] = value
            lock.unlock()
            return value
        }

        func stage(_ make: () -> Stage) -> Stage {
            lock.lock(); defer { lock.unlock() }
            if let original { return original }
            let stage = make()
            original = stage
            return stage
        }

        func compiled(_ text: String, _ make: () -> CompiledPolicy?) -> CompiledPolicy? {
            lock.lock()
            if let hit = compiled[text] { lock.unlock(); return hit }
            lock.unlock()
            let value = make()
            lock.lock()
            if compiled.count > 4096 { compiled.removeAll() }
            compiled[text] = value
            lock.unlock()
            return value
        }
    }

    /// A policy and its text at one stage of planning.
    struct Stage {
        var policy: PolicySet
        var compiled: CompiledPolicy
        var text: PolicyText
        var path: String { policy.file.path }

        init(_ policy: PolicySet) {
            self.policy = policy
            compiled = CompiledPolicy(policy)
            text = PolicyText(policy.file.text)
        }
    }

    /// A candidate before verification.
    struct Candidate {
        var kind: OverrideKind
        var edits: [TextEdit]
        var message: Message
        var from: String?
        var to: String?
        var change: Decimal
    }

    // MARK: - Public entry points

    /// The best verified override for each want of the case that is not allowed, each on
    /// the original policy text, and what to tell the customer now.
    public func advice(for evaluated: EvaluatedCase, language: Language = .en) -> CaseAdvice {
        var advice = CaseAdvice(notice: CustomerNotice.message(for: evaluated, language: language))
        advice.role = evaluated.source.handledBy.value
        let stage = cache.stage { Stage(policy) }
        let baseline = corpus.isEmpty ? nil : cache.baseline { Baseline(corpus: corpus, compiled: stage.compiled) }
        guard case .success(let current) = Engine.evaluate(evaluated.source, with: stage.compiled, tracing: true) else { return advice }
        // Wants asking the same thing with the same outcome get the same override: it is
        // searched (and verified against the whole case) once, not once per want, so a case
        // with many wants is not quadratic.
        var known: [String: Override?] = [:]
        for decision in current.decisions where decision.outcome != .allowed {
            let want = Int(decision.want)
            let asked = evaluated.source.wants[want]
            let key = "\(asked.action.value)\u{1F}\(asked.amount?.value ?? "")\u{1F}\(decision.outcome.rawValue)\u{1F}\(decision.by)"
            let found: Override?
            if let memo = known[key] {
                found = memo.map { memo in
                    var copy = memo
                    copy.want = want
                    return copy
                }
            } else {
                found = ranked(for: current, want: want, stage: stage, baseline: baseline).first
                known[key] = .some(found)
            }
            if let best = found {
                advice.overrides.append(best)
            } else {
                advice.unresolved.append(want)
                advice.unresolvedActions.append(evaluated.source.wants[want].action.value)
            }
        }
        return advice
    }

    /// Every verified override for one want, best first.
    public func overrides(for evaluated: EvaluatedCase, want: Int) -> [Override] {
        let stage = Stage(policy)
        let baseline = corpus.isEmpty ? nil : Baseline(corpus: corpus, compiled: stage.compiled)
        guard case .success(let current) = Engine.evaluate(evaluated.source, with: stage.compiled, tracing: true) else { return [] }
        return ranked(for: current, want: want, stage: stage, baseline: baseline, all: true)
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
        let stage = cache.stage { Stage(policy) }
        let baseline = cache.baseline { Baseline(corpus: corpus, compiled: stage.compiled) }
        return baseline.impact(of: CompiledPolicy(patched))
    }

    // MARK: - Ranking and verification

    func ranked(for evaluated: EvaluatedCase, want: Int, stage: Stage, baseline: Baseline?, all: Bool = false) -> [Override] {
        let candidates = self.candidates(for: evaluated, want: want, stage: stage).sorted {
            ($0.kind.rank, $0.change, $0.edits.first?.start ?? .start) < ($1.kind.rank, $1.change, $1.edits.first?.start ?? .start)
        }
        let allowedBefore = evaluated.decisions.map { $0.outcome == .allowed }
        var verified: [Override] = []
        var seen = Set<String>()
        for candidate in candidates {
            guard let patched = try? TextEdit.apply(candidate.edits, to: stage.policy.file.text), seen.insert(patched).inserted,
                  let compiled = verify(patched, path: stage.path, source: evaluated.source, want: want, allowedBefore: allowedBefore)
            else { continue }
            var override = Override(kind: candidate.kind, caseID: evaluated.source.id.value, want: want,
                                    action: evaluated.source.wants[want].action.value, role: evaluated.source.handledBy.value,
                                    message: candidate.message, file: stage.path, edits: candidate.edits,
                                    line: candidate.edits.map(\.start).min()?.line ?? 1, from: "", to: "", change: candidate.change)
            (override.from, override.to) = summary(candidate, original: stage.text, patched: PolicyText(patched))
            if let baseline {
                // Keyed by the text before and after: the same change on the same policy.
                override.impact = cache.impact(stage.policy.file.text + "\u{0}" + patched) { baseline.impact(of: compiled) }
            }
            verified.append(override)
            if baseline == nil && !all { break }
        }
        if baseline != nil {
            // Stable: among equal impacts, the order of kinds and amounts stays.
            let order = Dictionary(uniqueKeysWithValues: verified.enumerated().map { ($1.edits.description + $1.kind.rawValue, $0) })
            verified.sort { a, b in
                let x = a.impact ?? CorpusImpact(), y = b.impact ?? CorpusImpact()
                if x.helped != y.helped { return x.helped > y.helped }
                if x.firstContact != y.firstContact { return x.firstContact > y.firstContact }
                return order[a.edits.description + a.kind.rawValue]! < order[b.edits.description + b.kind.rawValue]!
            }
            if !all { verified = Array(verified.prefix(1)) }
        }
        return verified
    }

    /// The patched policy compiled, when it loads without errors and the want is allowed
    /// after it, with no other want of the case losing `allowed`.
    func verify(_ text: String, path: String, source: Case, want: Int, allowedBefore: [Bool]) -> CompiledPolicy? {
        let compiled = cache.compiled(text) {
            let loaded = PolicyLoader.load(text: text, path: path)
            guard let patched = loaded.policy, !loaded.findings.contains(where: { $0.severity == .error }) else { return nil }
            return CompiledPolicy(patched)
        }
        guard let compiled else { return nil }
        guard case .success(let result) = Engine.evaluate(source, with: compiled, tracing: false),
              want < result.decisions.count, result.decisions[want].outcome == .allowed else { return nil }
        for (index, decision) in result.decisions.enumerated() where index < allowedBefore.count && allowedBefore[index] {
            if decision.outcome != .allowed { return nil }
        }
        return compiled
    }

    /// `from`/`to` as the SPEC's JSON shows them: the candidate's own when it has them,
    /// else the first changed line before and after (empty before an insertion).
    func summary(_ candidate: Candidate, original: PolicyText, patched: PolicyText) -> (String, String) {
        if let from = candidate.from, let to = candidate.to { return (from, to) }
        guard let edit = candidate.edits.min(by: { $0.start < $1.start }) else { return ("", "") }
        func clean(_ line: String) -> String {
            var text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("- ") { text = String(text.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
            return text
        }
        if edit.start == edit.end && edit.start.column == 1 {
            return ("", clean(patched.line(edit.start.line)))
        }
        return (clean(original.line(edit.start.line)), clean(patched.line(edit.start.line)))
    }

    // MARK: - Candidates

    func candidates(for evaluated: EvaluatedCase, want: Int, stage: Stage) -> [Candidate] {
        let policy = stage.policy
        let text = stage.text
        let source = evaluated.source
        let (bound, _) = policy.bind(source)
        guard let bound, want < bound.wants.count, want < evaluated.input.wants.count else { return [] }
        let role = bound.handledBy
        let boundWant = bound.wants[want]
        guard let action = policy.action(boundWant.action) else { return [] }
        let amount = boundWant.amount
        let facts = factValues(evaluated)
        var out: [Candidate] = []
        let amountText = amount.map { PolicyValue.text($0, like: nil, currency: nil) }

        if action.isNever {
            if let candidate = replaceNever(action, role: role, amount: amount, stage: stage) { out.append(candidate) }
            return out
        }

        let own = action.grants.filter { $0.role.value == role }
        for grant in own {
            let held = grant.when.map { OverridePlanner.holds($0, facts) } ?? true
            let (coversUp, coversDown) = OverridePlanner.covers(grant, amount)
            if grant.approval == nil {
                if held, !coversUp, let amount, let upTo = grant.upTo, coversDown {
                    let written = text.written(upTo)
                    let value = PolicyValue.text(amount, like: written, currency: policy.currency?.value)
                    if let edit = text.replace(upTo, with: value) {
                        out.append(Candidate(kind: .raiseLimit, edits: [edit],
                                             message: Message("override.raise-limit", ["role": role, "action": action.name,
                                                                                        "from": written ?? upTo.value.description, "to": value]),
                                             from: "up-to: \(written ?? upTo.value.description)", to: "up-to: \(value)",
                                             change: OverridePlanner.difference(amount, upTo.value)))
                    }
                }
                if held, !coversDown, let amount, let atLeast = grant.atLeast, coversUp {
                    let written = text.written(atLeast)
                    let value = PolicyValue.text(amount, like: written, currency: policy.currency?.value)
                    if let edit = text.replace(atLeast, with: value) {
                        out.append(Candidate(kind: .lowerAtLeast, edits: [edit],
                                             message: Message("override.lower-at-least", ["role": role, "action": action.name,
                                                                                           "from": written ?? atLeast.value.description, "to": value]),
                                             from: "at-least: \(written ?? atLeast.value.description)", to: "at-least: \(value)",
                                             change: OverridePlanner.difference(atLeast.value, amount)))
                    }
                }
                if !held, coversUp, coversDown, let when = grant.when {
                    out += relaxWhen(when, grant: grant, action: action, role: role, facts: facts, stage: stage)
                }
            } else if held, let approval = grant.approval {
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
                    out.append(Candidate(kind: dropsApproval ? .dropApproval : .raiseLimit, edits: [edit],
                                         message: Message(key,
                                                          ["role": role, "action": action.name, "approver": approval.by.value,
                                                           "to": amountText ?? ""]),
                                         from: nil, to: nil, change: amount.map { OverridePlanner.magnitude($0) } ?? 0))
                }
            }
        }
        if own.isEmpty, let first = action.grants.first, let position = first.location.position {
            var body = "role: \(role)"
            if let amountText, action.measure != .none { body += ", up-to: \(amountText)" }
            if let edit = text.insertItem("{ \(body) }", before: position) {
                out.append(Candidate(kind: .raiseLimit, edits: [edit],
                                     message: Message(amountText == nil ? "override.add-grant-any" : "override.add-grant",
                                                      ["role": role, "action": action.name, "to": amountText ?? ""]),
                                     from: nil, to: nil, change: amount.map { OverridePlanner.magnitude($0) } ?? 0))
            }
        }
        if action.measure == .money, case .money(let money)? = amount,
           let candidate = discretion(money, role: role, evaluated: evaluated, bound: bound, stage: stage) {
            out.append(candidate)
        }
        return out
    }

    /// Replaces `never: true` with a grant to the role (up to the amount), keeping `reason`.
    func replaceNever(_ action: Action, role: String, amount: Quantity?, stage: Stage) -> Candidate? {
        guard let actionNode = stage.policy.root["actions"]?[action.name], let pair = actionNode.pair("never") else { return nil }
        var body = "role: \(role)"
        if let amount, action.measure != .none { body += ", up-to: \(PolicyValue.text(amount, like: nil, currency: nil))" }
        let replacement: String
        if actionNode.style == .flow {
            replacement = "grants: [ { \(body) } ]"
        } else {
            guard stage.text.prefix(before: pair.key.start).allSatisfy({ $0 == " " }) else { return nil }
            let indent = String(repeating: " ", count: pair.key.start.column - 1)
            replacement = "grants:\n\(indent)  - { \(body) }"
        }
        let written = stage.text.slice(pair.value.start, pair.value.end) ?? "true"
        return Candidate(kind: .replaceNever, edits: [TextEdit(start: pair.key.start, end: pair.value.end, replacement: replacement)],
                         message: Message(action.reason == nil ? "override.replace-never" : "override.replace-never-reason",
                                          ["role": role, "action": action.name, "grant": "{ \(body) }", "reason": action.reason.map { Term.texts($0, action.reasons) } ?? ""]),
                         from: "never: \(written)", to: "grants: [ { \(body) } ]", change: 0)
    }

    /// Adds the case's value to each failing matcher of a `when` (or moves `min`/`max`).
    func relaxWhen(_ when: Condition, grant: Grant, action: Action, role: String, facts: [String: FactValue], stage: Stage) -> [Candidate] {
        var out: [Candidate] = []
        for set in OverridePlanner.fixSets(when, facts) where !set.isEmpty {
            // A condition on a locked fact comes from law or contract: never relaxed.
            if set.contains(where: { stage.policy.fact($0.fact)?.locked == true }) { continue }
            var edits: [TextEdit] = []
            var changes: [String] = []
            var dropped: [String] = []
            for match in set {
                guard let relaxed = relax(match, value: facts[match.fact], stage: stage) else { edits = []; break }
                edits.append(relaxed.edit)
                changes.append(relaxed.description)
                if relaxed.drops { dropped.append(match.fact) }
            }
            guard !edits.isEmpty else { continue }
            let values = set.map { match in "\(match.fact): \(facts[match.fact]?.description ?? "")" }
            if !dropped.isEmpty {
                out.append(Candidate(kind: .dropCondition, edits: edits,
                                     message: Message("override.drop-condition", ["role": role, "action": action.name,
                                                                                   "value": values.joined(separator: ", "),
                                                                                   "facts": dropped.map { "`\($0)`" }.joined(separator: ", ")]),
                                     from: nil, to: nil, change: 0))
                continue
            }
            out.append(Candidate(kind: .relaxWhen, edits: edits,
                                 message: Message("override.relax-when", ["role": role, "action": action.name,
                                                                           "value": values.joined(separator: ", "),
                                                                           "change": changes.joined(separator: "`, `")]),
                                 from: nil, to: nil, change: 0))
        }
        return out
    }

    /// One matcher made to hold for the case's value: the edit, `from` → `to` text, and
    /// whether the edit drops the matcher (a list of every value of an enum is no
    /// condition at all, so it is removed instead and said so).
    func relax(_ match: FactMatch, value given: FactValue?, stage: Stage) -> (edit: TextEdit, description: String, drops: Bool)? {
        // A `many` fact's list: adding any one of its values makes the matcher hold.
        var value = given
        if case .set(let values)? = given { value = values.first.map { .enumeration($0) } }
        if case .enumeration(let name)? = value, case .enumeration(let all)? = stage.policy.fact(match.fact)?.type {
            let listed: [FactValue]
            switch match.matcher {
            case .equals(let one): listed = [one]
            case .anyOf(let many): listed = many
            default: listed = []
            }
            var names = Set(listed.compactMap { if case .enumeration(let n) = $0 { return n } else { return nil } })
            names.insert(name)
            if !listed.isEmpty, Set(all).isSubset(of: names) {
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
        case .bounds, .not:
            // Strict bounds are not widened by an override (yet): no candidate.
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
            return Candidate(kind: .discretion, edits: [edit],
                             message: Message("override.discretion-raise", ["role": role, "from": written ?? budget.upTo.value.description,
                                                                            "to": value, "per": budget.per.value.rawValue]),
                             from: "up-to: \(written ?? budget.upTo.value.description)", to: "up-to: \(value)", change: increase)
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
        return Candidate(kind: .discretion, edits: [edit],
                         message: Message("override.discretion-add", ["role": role, "to": money.description]),
                         from: "", to: "- \(body)", change: money.amount)
    }

    // MARK: - Helpers

    /// The case's facts as model values, from its compiled input.
    func factValues(_ evaluated: EvaluatedCase) -> [String: FactValue] {
        let explanation = Explanation(policy: evaluated.policy, language: .en)
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

    init(corpus: [Case], compiled: CompiledPolicy) {
        for source in corpus {
            let (bound, problems) = compiled.policy.bind(source)
            guard let bound, problems.isEmpty, case .success(let result) = Engine.evaluate(source, with: compiled, tracing: false) else { continue }
            let amounts: [Money?] = bound.wants.map { want in
                if case .money(let money)? = want.amount { return money }
                return nil
            }
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
