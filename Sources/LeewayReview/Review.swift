import Foundation
import LeewayCore
import LeewayEngine
import LeewayRules

/// `leeway diff` as a library call: load both versions of a policy set, lint both,
/// evaluate every case under both, and compare.
public enum Review {
    /// Why a review could not run: a version that could not be read or is not a valid
    /// policy set. The findings are located (at `REV:PATH` for git versions).
    public struct Failure: Error, Sendable {
        public var findings: [Finding]
        public var sources: [String: SourceFile]
    }

    /// Loads and lints both versions, then compares them over `cases`.
    public static func run(old: PolicySource, new: PolicySource, cases: [Case], linter: Linter,
                           directory: String = FileManager.default.currentDirectoryPath) -> Result<PolicyDiff, Failure> {
        load(old: old, new: new, linter: linter, directory: directory).map { compare(old: $0.old, new: $0.new, cases: cases) }
    }

    /// Loads and lints both versions.
    public static func load(old: PolicySource, new: PolicySource, linter: Linter,
                            directory: String = FileManager.default.currentDirectoryPath) -> Result<(old: PolicyDiff.Side, new: PolicyDiff.Side), Failure> {
        var problems: [Finding] = []
        var sources: [String: SourceFile] = [:]
        var sides: [PolicyDiff.Side] = []
        for source in [old, new] {
            let loaded = source.load(in: directory)
            if let file = loaded.file { sources[file.path] = file }
            guard let policy = loaded.policy else {
                problems += loaded.findings.filter { $0.severity == .error }
                continue
            }
            sides.append(PolicyDiff.Side(source: source, policy: CompiledPolicy(policy), findings: linter.check(policy: policy)))
        }
        guard problems.isEmpty, sides.count == 2 else { return .failure(Failure(findings: problems, sources: sources)) }
        return .success((sides[0], sides[1]))
    }

    /// Compares two loaded versions over `cases`. Cases naming another policy set (by
    /// `policy:`, neither version's id) are skipped and counted. A case the old version
    /// cannot evaluate is bad input (`rejected`, left out of the review); one only the new
    /// version cannot evaluate is a result of the change (`invalid`).
    public static func compare(old: PolicyDiff.Side, new: PolicyDiff.Side, cases: [Case]) -> PolicyDiff {
        var comparer = Comparer(old: old, new: new)
        for source in cases { comparer.add(source) }
        return comparer.finish()
    }

    /// A review case by case (`compare` over a stream of cases). Memory stays bounded by
    /// what the report shows: every case adds to running totals, and only a case that
    /// changes is kept, its traces cut to the steps that decide its wants.
    public struct Comparer {
        let old: PolicyDiff.Side
        let new: PolicyDiff.Side
        let ids: Set<String>
        var changed: [CaseComparison] = []
        var evaluated = 0
        var oldTotals = Totals.Builder(), newTotals = Totals.Builder()
        var money = FrontlineMoney.Builder()
        var invalid: [InvalidCase] = []
        var rejected: [InvalidCase] = []
        var skipped = 0
        /// `per: customer` budgets follow each customer through the review, per version.
        let oldLedger = CustomerLedger(), newLedger = CustomerLedger()

        public init(old: PolicyDiff.Side, new: PolicyDiff.Side) {
            self.old = old
            self.new = new
            ids = [old.policy.id, new.policy.id]
        }

        public mutating func add(_ source: Case) {
            if let named = source.policy?.value, !ids.contains(named) {
                skipped += 1
                return
            }
            // A change that renames the policy set reviews the same cases under both ids.
            var evaluable = source
            if ids.count > 1 { evaluable.policy = nil }
            let before = Engine.evaluate(evaluable, with: old.policy, tracing: true, ledger: oldLedger)
            let after = Engine.evaluate(evaluable, with: new.policy, tracing: true, ledger: newLedger)
            switch (before, after) {
            case let (.success(a), .success(b)):
                let comparison = CaseComparison(old: a, new: b)
                evaluated += 1
                oldTotals.add(a)
                newTotals.add(b)
                money.add(comparison)
                if comparison.isChanged { changed.append(comparison.trimmed()) }
            case (.success, .failure):
                invalid.append(InvalidCase(source: source, old: nil, new: after.problems))
            case (.failure, _):
                rejected.append(InvalidCase(source: source, old: before.problems, new: after.problems))
            }
        }

        public func finish() -> PolicyDiff {
            PolicyDiff(old: old, new: new, findings: FindingChanges(old: old.findings, new: new.findings),
                       changed: changed, evaluated: evaluated, skippedOtherPolicy: skipped, invalid: invalid, rejected: rejected,
                       totals: (old: oldTotals.finish(), new: newTotals.finish()), money: money.rows)
        }
    }

    /// Money allowed at the frontline per action and currency, before and after.
    static func frontlineMoney(_ comparisons: [CaseComparison]) -> [FrontlineMoney] {
        var builder = FrontlineMoney.Builder()
        for comparison in comparisons { builder.add(comparison) }
        return builder.rows
    }

    /// A money want's amount and currency, or nil for other measures.
    static func money(_ evaluated: EvaluatedCase, _ index: Int) -> Money? {
        let want = evaluated.input.wants[index]
        let action = evaluated.policy.actions[Int(want.action)]
        guard action.measure == .money, want.hasAmount else { return nil }
        return Money(want.decimal, action.currency ?? evaluated.policy.currency ?? "")
    }
}

extension FrontlineMoney {
    /// Sums money wants case by case.
    struct Builder {
        var table: [String: FrontlineMoney] = [:]

        mutating func add(_ comparison: CaseComparison) {
            for want in comparison.wants {
                guard let oldMoney = Review.money(comparison.old, want.index), let newMoney = Review.money(comparison.new, want.index) else { continue }
                let key = want.action + " " + newMoney.currency
                var row = table[key] ?? FrontlineMoney(action: want.action, currency: newMoney.currency, before: 0, after: 0,
                                                       newlyAllowed: 0, noLongerAllowed: 0, newlyAllowedWants: 0)
                let allowedBefore = want.old.outcome == .allowed, allowedAfter = want.new.outcome == .allowed
                if allowedBefore { row.before += oldMoney.amount }
                if allowedAfter { row.after += newMoney.amount }
                if allowedAfter && !allowedBefore {
                    row.newlyAllowed += newMoney.amount
                    row.newlyAllowedWants += 1
                }
                if allowedBefore && !allowedAfter { row.noLongerAllowed += oldMoney.amount }
                table[key] = row
            }
        }

        var rows: [FrontlineMoney] { table.values.sorted { ($0.action, $0.currency) < ($1.action, $1.currency) } }
    }
}

extension Result where Success == EvaluatedCase, Failure == CaseErrors {
    var problems: [Finding]? {
        if case .failure(let errors) = self { return errors.findings }
        return nil
    }
}
