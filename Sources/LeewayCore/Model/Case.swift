/// What a decision comes to for one wanted action (SPEC §4).
public enum Outcome: String, CaseIterable, Sendable, Comparable {
    case allowed
    case needsApproval = "needs-approval"
    case escalate
    case blocked

    /// Better outcomes sort first: allowed < needs-approval < escalate < blocked.
    public static func < (a: Outcome, b: Outcome) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A customer case (SPEC §3), as written: facts and amounts stay untyped until the case
/// is bound to a policy set (`PolicySet.bind(_:)`), which types them against `facts:`.
public struct Case: Sendable {
    public var file: SourceFile?
    public var location: SourceLocation
    public var id: Located<String>
    public var title: String?
    public var policy: Located<String>?
    public var handledBy: Located<String>
    public var channel: Located<String>?
    public var customer: Customer?
    public var facts: [CaseFact]
    public var wants: [Want]
    public var expect: [Expectation]
    /// `policy-file:`: the policy set's file, relative to the case file, for `leeway
    /// test` when several files hold the policy set the case's `policy:` names.
    public var policyFile: Located<String>? = nil
    /// `expect-owed: [remedy ids]`: exactly which remedies are owed (language 1.1, `leeway test`).
    public var expectOwed: Located<[Located<String>]>? = nil
    /// `spent: { customer: 120 USD, day: 300 USD }`: what was already spent from budgets of
    /// each period before this case (language 1.1), as written; typed on binding.
    public var spent: [(period: Located<String>, amount: Located<String>)] = []
}

public struct Customer: Sendable {
    public var problem: String?
    public var goal: String?
    public var mood: Located<String>?
    /// Who the customer is, so a run over several cases tracks `per: customer` budgets.
    public var id: Located<String>? = nil
}

/// A fact as the case gives it: the raw text, typed on binding.
public struct CaseFact: Sendable {
    public var name: String
    public var text: String
    /// The values of a list (`issues: [late-payment, missed-appointment]`), for a fact with
    /// `many: true`; nil for a single value.
    public var items: [String]? = nil
    /// Quoted scalars are never read as booleans or numbers.
    public var quoted: Bool
    public var location: SourceLocation
    public var valueLocation: SourceLocation
}

public struct Want: Sendable {
    public var action: Located<String>
    /// The amount as written (`40 USD`, `1h`, `3`), typed on binding.
    public var amount: Located<String>?
    public var location: SourceLocation
    public var index: Int
}

public struct Expectation: Sendable {
    public var action: Located<String>
    public var outcome: Located<Outcome>
}

/// A case whose facts and amounts are typed against a policy set, ready to evaluate.
public struct BoundCase: Sendable {
    public var source: Case
    public var handledBy: String
    public var facts: [String: FactValue]
    public var wants: [BoundWant]
    /// What was already spent per budget period (language 1.1).
    public var spent: [BudgetPeriod: Money] = [:]
}

public struct BoundWant: Sendable {
    public var action: String
    public var amount: Quantity?
    public var source: Want
}
