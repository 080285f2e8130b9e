import Foundation
import LeewayCore
import LeewayEngine
import LeewayRules

/// The fixes for one policy file, as one change of its text.
public struct FixResult: Sendable {
    public var path: String
    public var original: String
    public var text: String
    /// The findings fixed (as they were reported on the original text).
    public var fixed: [Finding]
    /// The findings asked about that are still there (no mechanical fix, or a fix that
    /// did not verify).
    public var left: [Finding]

    public var isEmpty: Bool { original == text }
}

/// Applies the mechanical fixes (`Fixes`) for a policy's findings, ESLint-style: in
/// passes, each fix applied to the text left by the ones before, kept only when the
/// patched policy loads without errors and the finding it addresses is gone; then the
/// policy is checked again and the next pass fixes what is left (a fix may make another
/// possible: `window-without-remedy` after `wide-appointment-window`).
public struct FixPlanner: Sendable {
    public var linter: Linter
    public var maxPasses = 10

    public init(linter: Linter) {
        self.linter = linter
    }

    /// Fixes `findings` (the rule findings reported for this file) in the policy's text.
    public func fix(_ policy: PolicySet, findings: [Finding]) -> FixResult {
        let path = policy.file.path
        let original = policy.file.text
        let wanted = findings.filter { !$0.isInputError }
        var fixed = [Bool](repeating: false, count: wanted.count)
        var current = policy
        var attempted = Set<String>()
        for _ in 0..<(maxPasses + 2 * wanted.count) {
            var progressed = false
            for finding in linter.check(policy: current) {
                guard let index = wanted.indices.first(where: { !fixed[$0] && FixPlanner.same(wanted[$0], finding) }) else { continue }
                guard let edits = Fixes.edits(for: finding, in: current), !edits.isEmpty,
                      let text = try? TextEdit.apply(edits, to: current.file.text), text != current.file.text,
                      attempted.insert(text).inserted else { continue }
                let loaded = PolicyLoader.load(text: text, path: path)
                guard let next = loaded.policy, !loaded.findings.contains(where: { $0.severity == .error }) else { continue }
                guard !linter.check(policy: next).contains(where: { FixPlanner.same($0, finding) }) else { continue }
                fixed[index] = true
                current = next
                progressed = true
                // Positions moved: find the rest again on the new text.
                break
            }
            if !progressed { break }
        }
        let remaining = linter.check(policy: current)
        var done: [Finding] = [], left: [Finding] = []
        for (index, finding) in wanted.enumerated() {
            if remaining.contains(where: { FixPlanner.same($0, finding) }) {
                left.append(finding)
            } else if fixed[index] {
                done.append(finding)
            }
        }
        return FixResult(path: path, original: original, text: current.file.text, fixed: done, left: left)
    }

    /// Whether two findings are the same across edits: same rule and message, and the
    /// same key path or the same message values (lines move, list indexes shift, a
    /// narrowed window changes the values, but not both).
    static func same(_ a: Finding, _ b: Finding) -> Bool {
        guard a.rule == b.rule, a.message.key == b.message.key else { return false }
        return a.path == b.path || a.message.arguments == b.message.arguments
    }
}
