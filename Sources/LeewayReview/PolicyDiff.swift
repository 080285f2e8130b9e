import Foundation
import LeewayCore
import LeewayEngine

/// What a policy change does: to the linter's findings, and to real customers' cases.
/// Built by `Review.compare`; reporters in `LeewayReporters/Diff` render it. No text
/// here is in a language: reporters render messages and traces in the user's.
public struct PolicyDiff: Sendable {
    /// One version of the policy set.
    public struct Side: Sendable {
        /// Where it came from, as the user named it (`policies/a.yaml`, `main:policies/a.yaml`).
        public var source: PolicySource
        public var policy: CompiledPolicy
        /// The linter's findings on this version.
        public var findings: [Finding]

        public init(source: PolicySource, policy: CompiledPolicy, findings: [Finding]) {
            self.source = source
            self.policy = policy
            self.findings = findings
        }
    }

    public var old: Side
    public var new: Side
    public var findings: FindingChanges
    /// The cases whose decisions or resolution differ, in input order (their traces cut
    /// to the steps that decide their wants: `CaseComparison.trimmed`).
    public var changed: [CaseComparison]
    /// How many cases both versions evaluated.
    public var evaluated: Int
    /// Cases whose `policy:` names another policy set.
    public var skippedOtherPolicy: Int
    /// Cases the old version evaluates and the new one cannot (an action, role, fact or
    /// value the change removed): a result of the change.
    public var invalid: [InvalidCase]
    /// Cases the old version cannot evaluate (nor, perhaps, the new): not valid cases,
    /// left out of the review and reported as input errors.
    public var rejected: [InvalidCase] = []
    public var totals: (old: Totals, new: Totals)
    /// Money allowed at the frontline, per action and currency, before and after.
    public var money: [FrontlineMoney]

    public var verdict: Verdict { Verdict(self) }

    /// The error-level findings the change adds.
    /// (A finding that becomes an error counts: it was not one before.)
    public var addedErrors: [Finding] {
        findings.added.filter { $0.severity == .error }
            + findings.changed.filter { $0.new.severity == .error && $0.old.severity != .error }.map(\.new)
    }

    /// What `--fail-on-regression` fails on: a case gets a worse outcome or a longer time
    /// (or can no longer be evaluated), or the change adds an error-level finding.
    public var isRegression: Bool {
        changed.contains(where: \.isRegression)
            || invalid.contains { $0.new != nil && $0.old == nil }
            || !addedErrors.isEmpty
    }
}

/// Findings matched across versions by a fingerprint that leaves out the file name
/// (`Finding.reviewFingerprint`), so a finding that only moved lines is unchanged. A
/// finding that is left with the same rule at the same place (key path) but another
/// message or severity (25 USD → 50 USD, an 8h error that becomes a 3h warning) is
/// `changed`, not added plus removed.
public struct FindingChanges: Sendable {
    /// One finding in both versions, with other values.
    public struct Change: Sendable {
        public var old: Finding
        public var new: Finding
    }

    /// The same rule at the same place in both versions, with another message or severity.
    public var changed: [Change] = []
    /// In the new version only.
    public var added: [Finding]
    /// In the old version only.
    public var removed: [Finding]
    /// In both (as the new version reports them).
    public var unchanged: [Finding]

    public init(old: [Finding], new: [Finding]) {
        var remaining: [String: Int] = [:]
        for finding in old { remaining[finding.reviewFingerprint, default: 0] += 1 }
        var added: [Finding] = []
        var unchanged: [Finding] = []
        for finding in new {
            let key = finding.reviewFingerprint
            if let count = remaining[key], count > 0 {
                remaining[key] = count - 1
                unchanged.append(finding)
            } else {
                added.append(finding)
            }
        }
        var removed: [Finding] = []
        for finding in old.reversed() {
            let key = finding.reviewFingerprint
            if let count = remaining[key], count > 0 {
                remaining[key] = count - 1
                removed.append(finding)
            }
        }
        // Pair what is left by rule and place, in order.
        var left = removed.reversed() as [Finding]
        var stillAdded: [Finding] = []
        var changed: [Change] = []
        for finding in added {
            guard let path = finding.path?.description,
                  let index = left.firstIndex(where: { $0.rule == finding.rule && $0.path?.description == path }) else {
                stillAdded.append(finding)
                continue
            }
            changed.append(Change(old: left.remove(at: index), new: finding))
        }
        self.added = stillAdded.sortedByLocation()
        self.removed = left.sortedByLocation()
        self.unchanged = unchanged.sortedByLocation()
        let order = changed.map(\.new).sortedByLocation().map(\.reviewFingerprint)
        self.changed = changed.sorted { a, b in
            (order.firstIndex(of: a.new.reviewFingerprint) ?? 0) < (order.firstIndex(of: b.new.reviewFingerprint) ?? 0)
        }
    }
}

extension Finding {
    /// `fingerprint` with the file name left out: the rule, the key path (or the
    /// position, for a finding without one) and the message with its values. The two
    /// versions of a policy under review live at different paths (or revisions).
    public var reviewFingerprint: String { fingerprint(file: "") }
}

/// How something changed for the customer. A want's outcome is judged in three tiers
/// (allowed; needs approval or escalate; blocked), then by time: needing `finance`'s
/// approval within 3d is worse than escalating to a supervisor within 15m.
public enum Change: String, Sendable, CaseIterable {
    /// A better outcome, or the same outcome sooner.
    case better
    /// A worse outcome, or the same outcome later.
    case worse
    /// Better for some wants, worse for others.
    case mixed
    /// Different but neither better nor worse (another approver, the same time).
    case different
    case same
}

/// A time in seconds, or unknown (a role without `reachable-within`).
public struct ReviewTime: Sendable, Equatable, Comparable {
    public var seconds: Int64?

    public init(_ seconds: Int64, known: Bool = true) {
        self.seconds = known && seconds >= 0 ? seconds : nil
    }

    public init(unknown: Void) { seconds = nil }

    /// Known times sort before unknown ones (an unknown wait is the worst kind).
    public static func < (a: ReviewTime, b: ReviewTime) -> Bool {
        switch (a.seconds, b.seconds) {
        case let (x?, y?): return x < y
        case (_?, nil): return true
        default: return false
        }
    }

    /// `15m`, `1d4h`, or nil when unknown.
    public var text: String? { seconds.map { Duration(seconds: $0).description } }
}

/// One want of a case, decided under both versions.
public struct WantComparison: Sendable {
    public var index: Int
    public var action: String
    /// The amount as YAML writes it (`40 USD`, `2h`), if the want has one.
    public var amount: String?
    public var old: Decision
    public var new: Decision
    public var change: Change

    public var isChanged: Bool { change != .same }

    init(index: Int, old: EvaluatedCase, new: EvaluatedCase) {
        self.index = index
        let oldDecision = old.decisions[index]
        let newDecision = new.decisions[index]
        self.old = oldDecision
        self.new = newDecision
        action = new.policy.actions[Int(newDecision.action)].name
        amount = new.policy.amountText(new.input.wants[index])
        change = WantComparison.compare(oldDecision, old.policy, newDecision, new.policy)
    }

    /// Outcomes as the customer feels them: done now, done by someone else (an approval
    /// or a hand-off, judged by time), not done.
    static func tier(_ outcome: Outcome) -> Int {
        switch outcome {
        case .allowed: return 0
        case .needsApproval, .escalate: return 1
        case .blocked: return 2
        }
    }

    static func compare(_ a: Decision, _ oldPolicy: CompiledPolicy, _ b: Decision, _ newPolicy: CompiledPolicy) -> Change {
        if tier(b.outcome) < tier(a.outcome) { return .better }
        if tier(a.outcome) < tier(b.outcome) { return .worse }
        let before = ReviewTime(a.within), after = ReviewTime(b.within)
        if after < before { return .better }
        if before < after { return .worse }
        let oldBy = a.by >= 0 ? oldPolicy.roles[Int(a.by)].name : nil
        let newBy = b.by >= 0 ? newPolicy.roles[Int(b.by)].name : nil
        if oldBy != newBy || a.outcome != b.outcome || a.viaDiscretion != b.viaDiscretion || a.handoffs != b.handoffs || a.approval != b.approval {
            return .different
        }
        return .same
    }
}

/// A case evaluated under both versions.
public struct CaseComparison: Sendable {
    public var old: EvaluatedCase
    public var new: EvaluatedCase
    public var wants: [WantComparison]

    public var source: Case { new.source }
    public var oldTime: ReviewTime { ReviewTime(old.resolution.time, known: old.resolution.timeKnown) }
    public var newTime: ReviewTime { ReviewTime(new.resolution.time, known: new.resolution.timeKnown) }

    init(old: EvaluatedCase, new: EvaluatedCase) {
        self.old = old
        self.new = new
        wants = old.decisions.indices.map { WantComparison(index: $0, old: old, new: new) }
    }

    /// Remedies owed without asking (language 1.1) under each version, by id in file order.
    public var owedBefore: [String] { CaseComparison.owedNames(old) }
    public var owedAfter: [String] { CaseComparison.owedNames(new) }
    /// Remedies the new version owes that the old did not, and the other way round.
    public var owedGained: [String] { let before = Set(owedBefore); return owedAfter.filter { !before.contains($0) } }
    public var owedLost: [String] { let after = Set(owedAfter); return owedBefore.filter { !after.contains($0) } }

    static func owedNames(_ evaluated: EvaluatedCase) -> [String] {
        evaluated.owed.map { evaluated.policy.policy.remedies[Int($0.remedy)].name }
    }

    public var gainsFirstContact: Bool { !old.resolution.firstContact && new.resolution.firstContact }
    public var losesFirstContact: Bool { old.resolution.firstContact && !new.resolution.firstContact }
    /// Whether any want's outcome kind changed (then time alone does not judge the case:
    /// a blocked want that now has a path makes the case longer, and better).
    public var outcomeChanged: Bool { wants.contains { WantComparison.tier($0.old.outcome) != WantComparison.tier($0.new.outcome) } }
    public var isSlower: Bool { !outcomeChanged && oldTime < newTime }
    public var isFaster: Bool { !outcomeChanged && newTime < oldTime }
    /// Whether some want moves to a better tier (allowed; approval or escalate; blocked).
    public var betterOutcome: Bool { wants.contains { WantComparison.tier($0.new.outcome) < WantComparison.tier($0.old.outcome) } }
    /// Whether some want moves to a worse tier.
    public var worseOutcome: Bool { wants.contains { WantComparison.tier($0.old.outcome) < WantComparison.tier($0.new.outcome) } }

    /// The verdict's part for the case's good side: first contact gained, a want in a
    /// better tier, else faster (a want or the case sooner, in the same tiers); nil when
    /// nothing gets better.
    public var gain: Verdict.Kind? {
        switch change {
        case .better, .mixed: return gainsFirstContact ? .firstContactGained : betterOutcome ? .better : .faster
        default: return nil
        }
    }

    /// The verdict's part for the case's bad side: first contact lost, a want in a worse
    /// tier, else slower (a want or the case later, in the same tiers; a known time
    /// becoming unknown); nil when nothing gets worse.
    public var loss: Verdict.Kind? {
        switch change {
        case .worse, .mixed: return losesFirstContact ? .firstContactLost : worseOutcome ? .worse : .slower
        default: return nil
        }
    }

    /// The case as a whole: its wants' changes, then its first-contact resolution and time.
    public var change: Change {
        // A remedy owed without asking that appears is better for the customer; one that disappears, worse.
        var better = wants.contains { $0.change == .better } || gainsFirstContact || isFaster || !owedGained.isEmpty
        var worse = wants.contains { $0.change == .worse } || losesFirstContact || isSlower || !owedLost.isEmpty
        if gainsFirstContact { worse = false }
        if losesFirstContact { better = false }
        switch (better, worse) {
        case (true, true): return .mixed
        case (true, false): return .better
        case (false, true): return .worse
        default:
            let differs = wants.contains(where: \.isChanged) || old.resolution != new.resolution || old.owed != new.owed
            return differs ? .different : .same
        }
    }

    public var isChanged: Bool { change != .same }

    /// The comparison with both traces cut to the steps that decide a want (what the
    /// reports show), so a review of many cases keeps little of each.
    public func trimmed() -> CaseComparison {
        var copy = self
        copy.old = CaseComparison.trim(old)
        copy.new = CaseComparison.trim(new)
        for index in copy.wants.indices {
            copy.wants[index].old.step = copy.old.decisions[index].step
            copy.wants[index].new.step = copy.new.decisions[index].step
        }
        return copy
    }

    static func trim(_ evaluated: EvaluatedCase) -> EvaluatedCase {
        var keep = Set<Int>()
        for index in evaluated.decisions.indices {
            let step = Int(evaluated.decisions[index].step)
            guard step >= 0, step < evaluated.trace.count else { continue }
            keep.insert(step)
            if let own = evaluated.ownGrantStep(want: index) { keep.insert(own) }
        }
        let kept = keep.sorted()
        var renumbered: [Int: Int32] = [:]
        for (new, old) in kept.enumerated() { renumbered[old] = Int32(new) }
        var copy = evaluated
        copy.trace = kept.map { evaluated.trace[$0] }
        for index in copy.decisions.indices {
            copy.decisions[index].step = renumbered[Int(copy.decisions[index].step)] ?? -1
        }
        return copy
    }

    /// A worse outcome or a longer time for the customer (what the gate fails on).
    public var isRegression: Bool {
        wants.contains { $0.change == .worse } || losesFirstContact || isSlower || !owedLost.isEmpty
    }
}

/// A case that one version (or both) could not evaluate: an action, role, fact or value
/// that version does not know. `old`/`new` hold the problems under each.
public struct InvalidCase: Sendable {
    public var source: Case
    public var old: [Finding]?
    public var new: [Finding]?
}

/// Money allowed at the frontline (the handling role acts on its own, from a grant or
/// its discretion budget) for one action: the cost side of empowerment.
public struct FrontlineMoney: Sendable, Equatable {
    public var action: String
    public var currency: String
    public var before: Decimal
    public var after: Decimal
    /// Allowed after, not before: money the frontline now hands out without asking.
    public var newlyAllowed: Decimal
    /// Allowed before, not after.
    public var noLongerAllowed: Decimal
    /// How many wants are newly allowed.
    public var newlyAllowedWants: Int

    public init(action: String, currency: String, before: Decimal, after: Decimal, newlyAllowed: Decimal,
                noLongerAllowed: Decimal, newlyAllowedWants: Int) {
        self.action = action
        self.currency = currency
        self.before = before
        self.after = after
        self.newlyAllowed = newlyAllowed
        self.noLongerAllowed = noLongerAllowed
        self.newlyAllowedWants = newlyAllowedWants
    }
}

extension EvaluatedCase {
    /// The step that decides a want, as the reports show it: the deciding step, except
    /// that for "no path" the handling role's own grant that fell short says why.
    public func decidingStep(want index: Int) -> TraceStep? {
        let decision = decisions[index]
        guard decision.step >= 0, Int(decision.step) < trace.count else { return nil }
        let step = trace[Int(decision.step)]
        if step.kind == .noPath, let own = ownGrantStep(want: index) { return trace[own] }
        return step
    }

    /// For a want no path gets done, the index of the handling role's own grant step.
    func ownGrantStep(want index: Int) -> Int? {
        let decision = decisions[index]
        guard decision.step >= 0, Int(decision.step) < trace.count, trace[Int(decision.step)].kind == .noPath else { return nil }
        return trace.firstIndex { $0.want == Int32(index) && $0.kind == .grant && policy.grantRole(Int($0.grant)) == Int(input.role) }
    }
}
