import Foundation
import LeewayCore
import LeewayEngine
import Testing

/// Loads a policy set from YAML text, failing the test on any load error.
func compile(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> CompiledPolicy {
    let loaded = PolicyLoader.load(text: yaml, path: "policy.yaml")
    let errors = loaded.findings.filter { $0.severity == .error }.map { "\($0.location): \($0.message.render())" }
    #expect(errors.isEmpty, "policy errors: \(errors)", sourceLocation: sourceLocation)
    return CompiledPolicy(try #require(loaded.policy, sourceLocation: sourceLocation))
}

/// Evaluates one YAML case against a policy, failing the test on any case error.
func evaluate(_ caseYAML: String, _ policy: CompiledPolicy, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> EvaluatedCase {
    let loaded = CaseLoader.load(text: caseYAML, path: "case.yaml")
    #expect(loaded.findings.filter { $0.severity == .error }.isEmpty, "case errors: \(loaded.findings.map { $0.message.render() })",
            sourceLocation: sourceLocation)
    let source = try #require(loaded.cases.first, sourceLocation: sourceLocation)
    switch Engine.evaluate(source, with: policy) {
    case .success(let result): return result
    case .failure(let errors):
        Issue.record("case could not be evaluated: \(errors.findings.map { $0.message.render() })", sourceLocation: sourceLocation)
        throw errors
    }
}

/// A one-line case: `handled-by`, facts and wants in YAML flow style.
func caseText(_ role: String, facts: String = "{}", wants: String) -> String {
    """
    leeway: 1
    case: T-1
    handled-by: \(role)
    facts: \(facts)
    wants: \(wants)
    """
}

extension EvaluatedCase {
    func decision(_ action: String) -> Decision? {
        decisions.first { policy.actions[Int($0.action)].name == action }
    }

    func outcome(_ action: String) -> Outcome? { decision(action)?.outcome }

    func by(_ action: String) -> String? {
        guard let decision = decision(action), decision.by >= 0 else { return nil }
        return policy.roles[Int(decision.by)].name
    }

    /// The JSON case object as Foundation values.
    func json() throws -> [String: Any] {
        var writer = JSONWriter()
        EvalJSON.writeCase(id: Array(source.id.value.utf8), policy: policy, input: input, decisions: decisions,
                           resolution: resolution, trace: trace, explanation: Explanation(policy: policy, language: .en),
                           location: source.location, into: &writer, owed: owed, notes: notes)
        return try #require(try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: Any])
    }
}

/// The SPEC §2 policy, shortened to what evaluation needs.
let specPolicy = """
leeway: 1
policy: acme-field-service
currency: USD
roles:
  agent:      { title: Contact-center agent, customer-facing: true }
  technician: { title: Field technician, customer-facing: true }
  supervisor: { title: Shift supervisor, reachable-within: 15m }
  finance:    { title: Finance back office, reachable-within: 2d }
facts:
  issue:  { type: enum, values: [late-arrival, missed-appointment, billing-error, broken-product, outage] }
  tier:   { type: enum, values: [standard, plus, business] }
  order-value: { type: money }
actions:
  issue-credit:
    measure: money
    grants:
      - role: agent
        up-to: 25 USD
        when: { issue: [late-arrival, missed-appointment] }
      - role: agent
        up-to: 100 USD
        approval: { by: supervisor, within: 4h }
      - role: supervisor
        up-to: 200 USD
    above-limit:
      approval: { by: finance, within: 3d }
  waive-late-fee:
    measure: none
    never: true
    reason: Fees are non-negotiable
  reschedule-visit:
    measure: duration
    grants:
      - { role: agent, at-least: 4h }
discretion:
  - { role: technician, up-to: 50 USD, per: case, review: after-the-fact }
processes:
  billing-dispute:
    when: { issue: billing-error }
    steps:
      - ask: [account-number, invoice-id]
      - handoff: { to: finance, wait: 2d }
      - approval: { by: supervisor, within: 1d }
      - ask: [account-number]
"""

let specCase = """
leeway: 1
case: C-1042
title: Technician 4.5 hours late, second visit
policy: acme-field-service
handled-by: agent
channel: phone
customer:
  problem: No internet since Monday
  goal: Working internet before Friday's exam
  mood: frustrated
facts: { issue: late-arrival, tier: standard, waited: 4h30m, contacts: 2 }
wants:
  - { action: issue-credit, amount: 40 USD }
  - { action: reschedule-visit, amount: 1h }
"""

/// Runs JSON Lines through the fast batch path and each line through the general loader
/// and `Engine`, and expects the same JSON for every line, field by field.
func expectFastPathAgrees(_ lines: [String], policy: CompiledPolicy, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let (fast, findings, _) = runBatch(lines.joined(separator: "\n") + "\n", policy: policy)
    #expect(findings.isEmpty, "\(findings.map { $0.message.render() })", sourceLocation: sourceLocation)
    #expect(fast.count == lines.count, sourceLocation: sourceLocation)
    for (index, line) in lines.enumerated() where index < fast.count {
        let loaded = CaseLoader.load(text: line, path: "case.jsonl")
        let source = try #require(loaded.cases.first, sourceLocation: sourceLocation)
        guard case .success(let evaluated) = Engine.evaluate(source, with: policy, tracing: false) else {
            Issue.record("case \(index) did not evaluate", sourceLocation: sourceLocation)
            continue
        }
        var writer = JSONWriter()
        EvalJSON.writeCase(id: Array(evaluated.source.id.value.utf8), policy: policy, input: evaluated.input,
                           decisions: evaluated.decisions, resolution: evaluated.resolution, trace: nil, explanation: nil,
                           location: nil, into: &writer, owed: evaluated.owed, notes: evaluated.notes)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == fast[index], "line \(index + 1)", sourceLocation: sourceLocation)
    }
}
