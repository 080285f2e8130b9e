import Foundation
import LeewayCore

/// A case evaluated against a policy set, with everything reports need: the case as
/// written, its compiled input, the decisions, the trace and the resolution.
public struct EvaluatedCase: Sendable {
    public var source: Case
    public var policy: CompiledPolicy
    public var input: CaseInput
    public var decisions: [Decision]
    public var trace: [TraceStep]
    /// Indexes of the processes whose `when` holds.
    public var triggered: [Int32]
    public var resolution: Resolution
    /// Remedies owed without asking, in file order, and notes on the result (language 1.1).
    public var owed: [OwedRemedy] = []
    public var notes: [CaseNote] = []
    /// The case bound to `policy` (what the evaluation read), kept for whoever reads the
    /// case against the same policy next (the override planner), so it is not bound again.
    public var bound: BoundCase?
}

/// The evaluator's front door (SPEC §3–4): bind a case to a policy set, compile it, and
/// decide every want with a full trace. The batch path (`BatchEvaluator`) uses the same
/// `Evaluator` without the trace.
public enum Engine {
    /// Evaluates a case; the findings are `invalid-case` problems (unknown role, action,
    /// fact or value, with "did you mean"), in which case nothing is evaluated.
    /// `ledger` carries what a run already gave each customer from `per: customer` budgets
    /// (language 1.1): pass the same one for every case of a run, in input order.
    public static func evaluate(_ source: Case, with policy: CompiledPolicy, tracing: Bool = true,
                                ledger: CustomerLedger? = nil) -> Result<EvaluatedCase, CaseErrors> {
        let (bound, findings) = policy.policy.bind(source)
        guard let bound, findings.isEmpty else { return .failure(CaseErrors(findings: findings)) }
        let (input, problems) = policy.input(for: bound)
        guard let input else { return .failure(CaseErrors(findings: problems)) }
        var evaluator = Evaluator(policy: policy, tracing: tracing)
        evaluator.ledger = ledger
        evaluator.evaluate(input)
        return .success(EvaluatedCase(source: source, policy: policy, input: input, decisions: evaluator.decisions,
                                      trace: evaluator.trace, triggered: evaluator.triggered, resolution: evaluator.resolution,
                                      owed: evaluator.owed, notes: evaluator.notes, bound: bound))
    }
}

/// The problems that kept a case from being evaluated.
public struct CaseErrors: Error, Sendable {
    public var findings: [Finding]
}
