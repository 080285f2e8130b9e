import Foundation
import LeewayCore
import LeewayEngine
import Testing

// The engine's test helpers the override tests need (Tests/LeewayEngineTests/Support.swift
// has the rest).

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

extension EvaluatedCase {
    func decision(_ action: String) -> Decision? {
        decisions.first { policy.actions[Int($0.action)].name == action }
    }

    func outcome(_ action: String) -> Outcome? { decision(action)?.outcome }
}
