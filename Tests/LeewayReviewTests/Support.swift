import Foundation
import Testing
import LeewayCore
import LeewayEngine
import LeewayReview
import LeewayRules

/// Paths and helpers shared by the review tests.
enum Fixtures {
    /// The package root (three levels above this file).
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    static let directory = "Tests/LeewayReviewTests/Fixtures"
    static let goldenDirectory = root.appendingPathComponent("Tests/LeewayReviewTests/Golden")

    /// A fixed day, so `expired-exception` findings do not change with the calendar.
    static let linter = Linter(today: CalendarDate(year: 2026, month: 11, day: 23))

    /// A linter with every rule off: for reports whose golden files should not change
    /// when a rule's wording does.
    static let silentLinter = Linter(configuration: Configuration(rules: Dictionary(uniqueKeysWithValues: RuleRegistry.ids.map {
        ($0, Configuration.RuleSettings(enabled: false))
    })), today: CalendarDate(year: 2026, month: 11, day: 23))

    /// A side of a review from text, named `path` in reports.
    static func side(_ text: String, path: String, linter: Linter = linter) throws -> PolicyDiff.Side {
        let loaded = PolicyLoader.load(text: text, path: path)
        let policy = try #require(loaded.policy, "\(path): \(loaded.findings.map { $0.message.render() })")
        return PolicyDiff.Side(source: .file(path), policy: CompiledPolicy(policy), findings: linter.check(policy: policy))
    }

    /// A side of a review from a fixture file (read from the package root, named by its
    /// path relative to it).
    static func side(fixture name: String, linter: Linter = linter) throws -> PolicyDiff.Side {
        let path = directory + "/" + name
        return try side(String(contentsOf: root.appendingPathComponent(path), encoding: .utf8), path: path, linter: linter)
    }

    static func cases(_ text: String, path: String = "cases.yaml") -> [Case] {
        let loaded = CaseLoader.load(text: text, path: path)
        #expect(loaded.findings.isEmpty, "\(loaded.findings.map { $0.message.render() })")
        return loaded.cases
    }

    static func cases(fixture name: String) throws -> [Case] {
        let path = directory + "/" + name
        return cases(try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8), path: path)
    }

    /// The demo review: the rigid Acme sample against its improved version, over the
    /// Acme cases (and a Brightline case, which is skipped).
    static func demo(linter: Linter = linter) throws -> PolicyDiff {
        Review.compare(old: try side(fixture: "acme-rigid.yaml", linter: linter), new: try side(fixture: "acme-improved.yaml", linter: linter),
                       cases: try cases(fixture: "cases.yaml"))
    }
}

/// Golden files: `Golden/<name>` holds the expected output. `LEEWAY_UPDATE_GOLDEN=1`
/// rewrites them; otherwise the test compares and fails naming that command.
enum Golden {
    static var updating: Bool { ProcessInfo.processInfo.environment["LEEWAY_UPDATE_GOLDEN"] == "1" }

    static func check(_ text: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = Fixtures.goldenDirectory.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: Fixtures.goldenDirectory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(name): run `LEEWAY_UPDATE_GOLDEN=1 swift test --filter LeewayReviewTests`",
                         sourceLocation: sourceLocation)
            return
        }
        #expect(text == expected,
                "\(name) differs from the golden file; if the change is intended, run `LEEWAY_UPDATE_GOLDEN=1 swift test --filter LeewayReviewTests` and review the diff",
                sourceLocation: sourceLocation)
    }
}
