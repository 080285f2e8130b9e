import Foundation
import LeewayCore
import LeewayEngine

/// The kinds of policy change an override makes, from the smallest to the largest:
/// without a case corpus, overrides rank in this order, then by the smallest change in
/// amount (docs/overrides.md).
public enum OverrideKind: String, CaseIterable, Sendable, Comparable {
    /// Raise the `up-to` of the handling role's approval-free grant whose `when` holds,
    /// or give the role its own limit when it has none.
    case raiseLimit = "raise-limit"
    /// Lower the `at-least` of the handling role's approval-free grant.
    case lowerAtLeast = "lower-at-least"
    /// Add the case's value to the `when` that excluded it, or move a `min`/`max`.
    case relaxWhen = "relax-when"
    /// Add an approval-free grant up to the amount, before the approval grant.
    case dropApproval = "drop-approval"
    /// Add a discretion budget for the handling role, or raise it (money actions).
    case discretion
    /// Replace `never: true` with a grant to the handling role, keeping the reason.
    case replaceNever = "replace-never"
    /// Drop a condition from a `when`: what adding the case's value does when the list
    /// would then name every value of the enum. The broadest change, ranked last.
    case dropCondition = "drop-condition"

    public var rank: Int { OverrideKind.allCases.firstIndex(of: self)! }

    public static func < (a: OverrideKind, b: OverrideKind) -> Bool { a.rank < b.rank }
}

/// How much wider a change makes the policy, without a corpus (docs/overrides.md
/// "Judgement"): every figure is better smaller.
public struct Breadth: Sendable, Equatable {
    /// Conditions no longer asked: matchers removed, approvals no longer needed, a
    /// `never` lifted or a new grant without `when`, a discretion budget (it holds for
    /// every money action and customer).
    public var conditionsDropped = 0
    /// Values added to a matcher (`issue: a` → `[a, b]`); a new grant under this case's
    /// facts opens one situation and counts as one.
    public var valuesAdded = 0
    /// `min`, `max`, `above` or `below` moved to the case's value.
    public var boundsMoved = 0
    /// How far a limit or budget moves, in the action's measure (money, seconds or a
    /// count), and as written (`15 USD`, `3h`, `1`; empty when nothing moves).
    public var amount: Decimal = 0
    public var amountText = ""

    public init() {}

    /// Two changes made one after the other.
    public static func + (a: Breadth, b: Breadth) -> Breadth {
        var out = a
        out.conditionsDropped += b.conditionsDropped
        out.valuesAdded += b.valuesAdded
        out.boundsMoved += b.boundsMoved
        if b.amount > a.amount { out.amount = b.amount; out.amountText = b.amountText }
        return out
    }
}

/// One edit of an override (an override has 1 to 3): its kind, what it does, and the
/// first line it changes before and after, on the text left by the edits before it.
public struct OverrideStep: Sendable {
    public var kind: OverrideKind
    public var message: Message
    public var line: Int
    public var from: String
    public var to: String
    public var breadth: Breadth
}

/// What an override would do across a corpus of cases (`--cases`).
public struct CorpusImpact: Sendable, Equatable {
    /// The corpus cases evaluated against the policy.
    public var cases = 0
    /// Cases in which some want goes from not allowed to allowed.
    public var helped = 0
    /// Wants that go from not allowed to allowed, and those of them that are not the
    /// want the override was asked for (what else the change lets through).
    public var wantsAllowed = 0
    public var otherWants = 0
    /// Cases that become first-contact resolutions.
    public var firstContact = 0
    /// The amounts newly allowed at the frontline, per currency.
    public var cost: [String: Decimal] = [:]

    public init() {}

    /// `120 USD, 40 EUR`, currencies in alphabetical order; `0` when nothing is money.
    public var costText: String {
        guard !cost.isEmpty else { return "0" }
        return cost.keys.sorted().map { Money(cost[$0]!, $0).description }.joined(separator: ", ")
    }
}

/// A policy change that lets the handling role do a wanted action at first contact,
/// verified: after its edits the policy loads cleanly and the want is `allowed`.
public struct Override: Sendable {
    public var kind: OverrideKind
    /// The case and the want (its position in the case) it is for.
    public var caseID: String
    public var want: Int
    public var action: String
    public var role: String
    /// What to change, in the user's terms (`override.*` in the catalogue).
    public var message: Message
    /// The policy file and the edits on its original text.
    public var file: String
    public var edits: [TextEdit]
    /// The first changed line, and the text there before and after (`at-least: 4h` →
    /// `at-least: 1h`); `from` is empty for an insertion.
    public var line: Int
    public var from: String
    public var to: String
    /// How much the change is worth in the action's measure (for ranking): money, seconds
    /// or a count; 0 for a change without an amount.
    public var change: Decimal
    /// Across the corpus, when one was given.
    public var impact: CorpusImpact?
    /// The edits in the order they were found (one for a single change), and how much
    /// wider they make the policy together.
    public var steps: [OverrideStep] = []
    public var breadth = Breadth()
    /// On the first override of a want: up to two other verified changes that it does
    /// not dominate, and why it comes first.
    public var alternatives: [Override] = []
    public var why: Message?
    /// The planner's record of its edits, to make the same override for another case in
    /// the same situation.
    var signatures: [OverridePlanner.Signature] = []

    /// The message of every step, joined: "relax … ; then let … ".
    public func text(_ language: Language) -> String {
        guard steps.count > 1 else { return message.render(language) }
        return steps.dropFirst().reduce(steps[0].message.render(language)) { text, step in
            Catalog.render(Message("override.then", ["first": text, "next": step.message.render(language)]), in: language)
        }
    }
}

/// A want for which no verified override was found, and why.
public struct NoChange: Sendable {
    public var want: Int
    public var action: String
    public var reason: Message
}

/// For a money want that is not allowed: the most the handling role may give now on
/// its own (its approval-free grants whose `when` holds, or its discretion budget left).
public struct CounterOffer: Sendable {
    public var want: Int
    public var action: String
    public var role: String
    public var upTo: Money
    public var message: Message { Message("override.counter-offer", ["role": role, "action": action, "amount": upTo.description]) }
}

/// The overrides for one evaluated case: the best for each want that is not allowed,
/// the wants no override could open, and what to tell the customer now.
public struct CaseAdvice: Sendable {
    public var overrides: [Override]
    /// Wants (positions in the case) for which no verified override was found, and
    /// their actions; the role handling the case.
    public var unresolved: [Int]
    public var unresolvedActions: [String] = []
    public var role: String = ""
    /// The message the frontline should send now when the case will be late or slow.
    public var notice: String?
    /// Why each unresolved want has no change (in the order of `unresolved`).
    public var noChange: [NoChange] = []
    /// What the role may give now on its own, for money wants not allowed.
    public var counterOffers: [CounterOffer] = []

    public init(overrides: [Override] = [], unresolved: [Int] = [], notice: String? = nil) {
        self.overrides = overrides
        self.unresolved = unresolved
        self.notice = notice
    }
}

/// Overrides for a batch of cases chained into one change of the policy file.
public struct PolicyPatch: Sendable {
    public var path: String
    public var original: String
    public var text: String
    /// The overrides applied, in order (each on the text left by the ones before).
    public var applied: [Override]
    /// (case, action) pairs no override could open.
    public var unresolved: [(caseID: String, action: String)]

    public var isEmpty: Bool { original == text }

    /// A unified diff that `git apply` accepts, with `a/` and `b/` prefixed to `displayPath`.
    public func diff(displayPath: String) -> String {
        UnifiedDiff.make(old: original, new: text, path: displayPath)
    }
}
