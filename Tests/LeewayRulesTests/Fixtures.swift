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

/// Golden files under `Tests/LeewayRulesTests/Golden`. `LEEWAY_UPDATE_GOLDEN=1`
/// rewrites them; otherwise the test compares and fails naming that command.
enum Golden {
    static let directory = Fixture.root.appendingPathComponent("Tests/LeewayRulesTests/Golden")
    static var updating: Bool { ProcessInfo.processInfo.environment["LEEWAY_UPDATE_GOLDEN"] == "1" }

    static func check(_ actual: String, _ name: String) throws {
        let url = directory.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            throw FixtureError(description: "missing golden file \(name): run `LEEWAY_UPDATE_GOLDEN=1 swift test --filter LeewayRulesTests`")
        }
        if actual != expected {
            throw FixtureError(description: "\(name) differs from the findings; if the change is intended, run `LEEWAY_UPDATE_GOLDEN=1 swift test --filter LeewayRulesTests`\n--- expected\n\(expected)\n--- actual\n\(actual)")
        }
    }

    /// Findings as plain text: location, severity, message and rule; why, override and key path.
    static func text(_ findings: [Finding], language: Language = .en) -> String {
        var out = ""
        for finding in findings {
            out += "\(finding.location): \(finding.severity.rawValue): \(finding.message.render(language)) [\(finding.rule)]\n"
            if let rationale = finding.rationale { out += "  why: \(rationale.render(language))\n" }
            if let help = finding.help { out += "  override: \(help.render(language))\n" }
            if let path = finding.path { out += "  at: \(path)\n" }
        }
        return out
    }
}
