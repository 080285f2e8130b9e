import Foundation
import LeewayCore
@testable import LeewayRules

/// Shared helpers for the rule tests.
enum Fixture {
    /// The day tests judge exceptions on (the CLI tests use the same).
    static let today = CalendarDate(year: 2026, month: 11, day: 23)

    /// The package root.
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// Loads a policy from text, failing loudly when it is not valid.
    static func policy(_ yaml: String, path: String = "example.yaml") throws -> PolicySet {
        let loaded = PolicyLoader.load(text: yaml, path: path)
        guard let policy = loaded.policy else {
            let problems = loaded.findings.map { "\($0.location): \($0.message.render(.en))" }.joined(separator: "\n")
            throw FixtureError(description: "example does not load:\n\(problems)\n---\n\(yaml)")
        }
        return policy
    }

    /// The findings on a policy text with a configuration.
    static func findings(_ yaml: String, configuration: Configuration = .standard, today: CalendarDate = today) throws -> [Finding] {
        Linter(configuration: configuration, today: today).check(policy: try policy(yaml))
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
}
