import Foundation
import Testing
import LeewayCore

/// The code of the DocC article `GettingStarted.md` (LeewayCore.docc), kept compiling
/// and working here: if the API changes, update the article with this test.
@Suite struct GettingStartedTests {
    @Test func theArticleCodeWorks() throws {
        var printed: [String] = []
        func print(_ text: Any) { printed.append("\(text)") }
        let root = Fixtures.root

        let loaded = PolicyLoader.load(path: root.appendingPathComponent("policies/acme-field-service.yaml").path)
        for finding in loaded.findings {
            print("\(finding.location): \(finding.severity.rawValue): \(finding.message.render())")
        }
        let policy = try #require(loaded.policy)

        for action in policy.actions {
            for grant in action.grants {
                let limit = grant.upTo.map { "up to \($0.value)" } ?? "any amount"
                print("\(grant.role.value) may \(action.name) \(limit) (\(grant.location))")
            }
        }
        if let window = policy.commitments.appointmentWindow {
            print("appointment window: \(window.value) at \(window.location)")
        }

        let cases = CaseLoader.load(path: root.appendingPathComponent("examples/cases/acme-late-technician.yaml").path)
        var bound = 0
        for input in cases.cases {
            let (boundCase, problems) = policy.bind(input)
            if let boundCase {
                print("\(input.id.value): \(boundCase.handledBy) handles \(boundCase.wants.map(\.action))")
                bound += 1
            }
            problems.forEach { print($0.message.render()) }
        }

        let finding = loaded.findings.first
        print(finding?.message.render(.es) ?? "sin problemas")
        print(Language.fromEnvironment())
        let schema = LeewaySchema.json(.policy)

        #expect(bound > 0)
        #expect(printed.contains { $0.hasPrefix("agent may issue-credit up to 25 USD") })
        #expect(printed.contains { $0.hasPrefix("appointment window: ") })
        #expect(schema.contains("\"$schema\""))
    }
}
