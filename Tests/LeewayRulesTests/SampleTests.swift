import Foundation
import Testing
import LeewayCore
@testable import LeewayRules

/// The sample policies are fixtures (STYLE habit 9): each lints as policies/README.md
/// says, and golden files hold their full findings.
@Suite struct SampleTests {
    static let samples = ["acme-field-service", "brightline-telecom", "northwind-returns", "northstar-energy"]

    static func findings(_ name: String) -> [Finding] {
        let path = Fixture.root.appendingPathComponent("policies/\(name).yaml").path
        let result = Linter(today: Fixture.today).check(paths: [path])
        return result.findings.map { finding in
            var finding = finding
            finding.location.file = "policies/\(name).yaml"
            return finding
        }
    }

    @Test(arguments: samples)
    func goldenFindings(name: String) throws {
        try Golden.check(Golden.text(Self.findings(name)), "\(name).txt")
    }

    @Test func goldenFindingsInSpanish() throws {
        try Golden.check(Golden.text(Self.findings("acme-field-service"), language: .es), "acme-field-service.es.txt")
    }

    /// The rules policies/README.md lists for each sample, with the lines they fire on.
    static let documented: [String: [String]] = [
        "acme-field-service": [
            "no-frontline-discretion@17", "unreachable-approver@20", "approval-for-small-amounts@37", "slow-approval@41",
            "absolute-prohibition@45", "wide-appointment-window@51", "slow-approval@58", "slow-handoff@65", "slow-approval@66",
            "handoff-chain@68", "handoff-without-notes@68", "repeated-ask@69", "verbatim-script@73",
            "forced-channel-switch@74", "no-delay-notice@76", "wide-appointment-window@77", "window-without-remedy@77",
            "channel-abandonment@78", "channel-abandonment@78", "channel-abandonment@80", "no-customer-outcome-metric@82",
            "handle-time-target@83", "call-length-cap@84", "expired-exception@87", "unused-exception@88",
        ],
        "brightline-telecom": [],
        "northstar-energy": [],
        "northwind-returns": [
            "no-frontline-discretion@13", "approval-for-small-amounts@31", "forced-channel-switch@67", "window-without-remedy@70",
        ],
    ]

    @Test(arguments: samples)
    func samplesProduceTheDocumentedFindings(name: String) throws {
        let actual = Self.findings(name).map { "\($0.rule)@\($0.location.line ?? 0)" }
        #expect(actual == Self.documented[name])
        #expect(!Self.findings(name).contains { $0.isInputError })
    }

    @Test func theRigidSampleTriggersMostRules() {
        let fired = Set(Self.findings("acme-field-service").map(\.rule))
        #expect(fired.count * 4 >= RuleRegistry.ids.count * 3, "acme fires only \(fired.sorted())")
    }

    @Test func theReadmeListsEveryFindingOfEverySample() throws {
        let readme = try String(contentsOf: Fixture.root.appendingPathComponent("policies/README.md"), encoding: .utf8)
        for (name, findings) in Self.documented {
            #expect(readme.contains(name))
            for entry in Set(findings) {
                let parts = entry.split(separator: "@")
                #expect(readme.contains("`\(parts[0])` | \(parts[1])") || readme.contains("| \(parts[1]) | `\(parts[0])`"),
                        "policies/README.md does not list \(entry) for \(name)")
            }
        }
    }
}
