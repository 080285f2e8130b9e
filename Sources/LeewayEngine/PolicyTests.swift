import Foundation
import LeewayCore

/// `leeway test`: finds policy sets and cases under the given paths, runs every case
/// that has `expect:` against the policy its `policy:` names, and compares outcomes.
public struct PolicyTestRun: Sendable {
    public struct CaseResult: Sendable {
        public var source: Case
        public var evaluated: EvaluatedCase
        public var mismatches: [Mismatch]
        public var expectations: Int
        public var passed: Bool { mismatches.isEmpty }
    }

    /// An expectation that did not hold: what was expected, where, and what came out.
    public struct Mismatch: Sendable {
        public var expectation: Expectation
        public var actual: Outcome
        public var decision: Decision
    }

    public var results: [CaseResult] = []
    /// Inputs that could not be used: broken files, invalid policies or cases, cases
    /// naming a policy that was not found.
    public var errors: [Finding] = []
    /// Files that are neither a usable policy set nor a case file, and that no case
    /// needs (deliberately broken samples): noted, not failed.
    public var skipped: [Finding] = []
    public var sources: [String: SourceFile] = [:]

    public var failed: Int { results.filter { !$0.passed }.count }
    public var passed: Int { results.filter(\.passed).count }
    public var expectations: Int { results.reduce(0) { $0 + $1.expectations } }

    public init() {}
}

public enum PolicyTestRunner {
    public static let defaultPaths = ["policies", "examples"]

    public static func run(paths: [String]) -> PolicyTestRun {
        var run = PolicyTestRun()
        // Files and folders as `leeway eval` and `leeway diff` take them (`*.jsonl` too).
        let collected = PathCollector.collect(paths, extensions: CaseCorpus.extensions, code: Finding.invalidCase)
        run.errors += collected.problems
        for special in collected.specialFiles {
            run.skipped.append(Finding(rule: Finding.invalidCase, severity: .note, location: SourceLocation(file: special, position: nil),
                                       message: Message("input.special-file", ["path": special])))
        }
        var policies: [String: CompiledPolicy] = [:]
        var caseFiles: [(String, [UInt8])] = []
        var passedOver = 0

        var brokenPolicies: [String: [Finding]] = [:]
        for path in collected.files {
            if CaseLoader.isJSONLines(path) {
                caseFiles.append((path, []))
                continue
            }
            let bytes: [UInt8]
            switch SourceReading.bytes(path: path, code: Finding.invalidCase, limit: nil) {
            case .failure(let finding):
                run.errors.append(finding)
                continue
            case .success(let read):
                bytes = read
            }
            let display = path == "-" ? "<stdin>" : path
            let named = !collected.foundInFolders.contains(path)
            let (file, documents, problems) = SourceReading.documents(bytes: bytes, path: display, code: Finding.invalidCase)
            run.sources[display] = file
            let first = documents.first { $0.root?.mapping != nil }?.root
            if first?["case"] != nil {
                caseFiles.append((display, bytes))
            } else if first?["roles"] != nil || first?["actions"] != nil {
                // Only policy sets are held to the size limit; case files have none.
                if bytes.count > SourceReading.maxFileSize, case .failure(let finding) = SourceReading.bytes(path: path, code: Finding.invalidPolicy) {
                    run.errors.append(finding)
                    continue
                }
                let loaded = PolicyLoader.load(bytes: bytes, path: display)
                if let policy = loaded.policy {
                    if policies[policy.id.value] == nil { policies[policy.id.value] = CompiledPolicy(policy) }
                } else {
                    // A broken policy set matters only to the cases that name it.
                    let errors = loaded.findings.filter { $0.severity == .error }
                    if let id = first?["policy"]?.scalar {
                        brokenPolicies[id, default: []] += errors
                    }
                    // A file named on the command line is meant to be used: its errors are input errors.
                    if named { run.errors += errors } else { run.skipped.append(skippedNote(display, errors.count)) }
                }
            } else if !problems.isEmpty {
                // Not readable as YAML: neither a policy set nor a case we can run.
                if named { run.errors += problems } else { run.skipped.append(skippedNote(display, problems.count)) }
            } else if named {
                // Named on purpose, yet neither a policy set nor a case: an input error.
                run.errors.append(Finding(rule: Finding.invalidCase, severity: .error, location: SourceLocation(file: display, position: nil),
                                          message: Message("test.not-tested", ["path": display]), help: Message("test.not-tested.help")))
            } else {
                // Anything else (a configuration file, a CI workflow, notes) is not ours to test.
                passedOver += 1
            }
        }
        if passedOver > 0 {
            run.skipped.append(Finding(rule: Finding.invalidCase, severity: .note, location: SourceLocation(file: paths.joined(separator: " "), position: nil),
                                       message: Message("input.passed-over", ["count": String(passedOver)])))
        }

        for (path, bytes) in caseFiles {
            let loaded = CaseLoader.isJSONLines(path) ? CaseLoader.load(path: path) : CaseLoader.load(bytes: bytes, path: path)
            if CaseLoader.isJSONLines(path), let file = loaded.file { run.sources[file.path] = file }
            run.errors += loaded.findings.filter { $0.severity == .error }
            // A case with one mistake is still bound, so that its other mistakes show too.
            for reference in Set(loaded.rejected.compactMap { $0.policy?.value }) {
                if let policy = policies[reference]?.policy {
                    var only = loaded
                    only.rejected = loaded.rejected.filter { $0.policy?.value == reference }
                    run.errors += policy.bindingFindings(for: only)
                }
            }
            for source in loaded.cases where !source.expect.isEmpty {
                guard let reference = source.policy else {
                    run.errors.append(Finding(rule: Finding.invalidCase, severity: .error, location: source.id.location,
                                              message: Message("test.no-policy", ["case": source.id.value]), help: Message("test.no-policy.help")))
                    continue
                }
                if policies[reference.value] == nil, let errors = brokenPolicies[reference.value] {
                    run.errors += errors
                    continue
                }
                guard let policy = policies[reference.value] else {
                    let help = Suggest.closest(to: reference.value, in: Array(policies.keys)).map { Message("load.did-you-mean", ["suggestion": $0]) }
                        ?? Message("test.unknown-policy.help")
                    run.errors.append(Finding(rule: Finding.invalidCase, severity: .error, location: reference.location,
                                              message: Message("test.unknown-policy", ["case": source.id.value, "policy": reference.value]), help: help))
                    continue
                }
                switch Engine.evaluate(source, with: policy) {
                case .failure(let problems):
                    run.errors += problems.findings
                case .success(let evaluated):
                    run.results.append(check(evaluated))
                }
            }
        }
        run.errors = run.errors.sortedByLocation()
        return run
    }

    static func skippedNote(_ path: String, _ count: Int) -> Finding {
        Finding(rule: Finding.invalidCase, severity: .note, location: SourceLocation(file: path, position: nil),
                message: Message("test.skipped-file", ["path": path, "count": String(count)]), help: Message("test.skipped-file.help"))
    }

    /// Compares a case's expectations with its decisions.
    public static func check(_ evaluated: EvaluatedCase) -> PolicyTestRun.CaseResult {
        var mismatches: [PolicyTestRun.Mismatch] = []
        for expectation in evaluated.source.expect {
            guard let decision = evaluated.decisions.first(where: {
                evaluated.policy.actions[Int($0.action)].name == expectation.action.value
            }) else { continue }
            if decision.outcome != expectation.outcome.value {
                mismatches.append(PolicyTestRun.Mismatch(expectation: expectation, actual: decision.outcome, decision: decision))
            }
        }
        return PolicyTestRun.CaseResult(source: evaluated.source, evaluated: evaluated, mismatches: mismatches,
                                        expectations: evaluated.source.expect.count)
    }
}

/// `leeway test` as text, in the manner of `swift test`: one line per case, the failing
/// expectation with its location, want against got, and why.
public struct PolicyTestText: Sendable {
    public var language: Language
    public var color: Bool

    public init(language: Language = .en, color: Bool = false) {
        self.language = language
        self.color = color
    }

    func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        Catalog.render(Message(key, arguments), in: language)
    }

    private func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    public func report(_ run: PolicyTestRun) -> String {
        var out = "◇ " + text("test.started", ["count": String(run.results.count)]) + "\n"
        for result in run.results {
            let location = result.source.location.description
            if result.passed {
                out += paint("✔", "32") + " " + text("test.passed", ["case": result.source.id.value, "location": location]) + "\n"
                continue
            }
            out += paint("✘", "31") + " " + text("test.failed", ["case": result.source.id.value, "location": location]) + "\n"
            let explanation = Explanation(policy: result.evaluated.policy, language: language)
            for mismatch in result.mismatches {
                out += "    " + text("test.mismatch", [
                    "location": mismatch.expectation.outcome.location.description,
                    "action": mismatch.expectation.action.value,
                    "expected": paint(mismatch.expectation.outcome.value.rawValue, "32"),
                    "actual": paint(mismatch.actual.rawValue, "31"),
                ]) + "\n"
                let reasons = explanation.why(mismatch.decision, trace: result.evaluated.trace, input: result.evaluated.input)
                if !reasons.isEmpty {
                    out += "      " + text("label.why") + ": " + reasons.joined(separator: "; ") + "\n"
                }
            }
        }
        if run.results.isEmpty && run.errors.isEmpty {
            out += text("test.none") + "\n"
        } else if run.failed == 0 {
            out += paint("✔", "32") + " " + text("test.summary-passed", ["passed": String(run.passed), "expectations": String(run.expectations)]) + "\n"
        } else {
            out += paint("✘", "31") + " " + text("test.summary-failed", ["failed": String(run.failed), "total": String(run.results.count),
                                                                      "passed": String(run.passed)]) + "\n"
        }
        if !run.errors.isEmpty {
            out += text("test.skipped-errors", ["count": String(Set(run.errors.map(\.location.file)).count)]) + "\n"
        }
        return out
    }
}
