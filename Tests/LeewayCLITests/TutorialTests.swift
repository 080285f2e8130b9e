import Foundation
import Testing

/// docs/tutorial.md ("your first policy in ten minutes") holds: each step, run on a
/// folder `leeway init` wrote, does what the page says.
@Suite struct TutorialTests {
    @Test func theTutorialHolds() throws {
        let folder = try CLI.temporaryDirectory()
        #expect(try CLI.run(["init"], directory: folder).status == 0)
        let policyURL = folder.appendingPathComponent("policies/my-service.yaml")
        let starter = try String(contentsOf: policyURL, encoding: .utf8)

        // 2. Lint it: clean; a one-day approval is a slow-approval warning with its override.
        let clean = try CLI.run(["check"], directory: folder)
        #expect(clean.status == 0)
        #expect(clean.stdout.contains("checked 1 file: 0 errors, 0 warnings, 0 notes"))
        let slow = starter.replacingOccurrences(of: "        up-to: 100 USD          # the agent decides alone up to here\n",
                                                with: "        up-to: 100 USD\n        approval: { by: supervisor, within: 1d }\n")
        #expect(slow != starter)
        try slow.write(to: policyURL, atomically: true, encoding: .utf8)
        let warned = try CLI.run(["check"], directory: folder)
        #expect(warned.stdout.contains("[slow-approval]"), "\(warned.stdout)")
        #expect(warned.stdout.contains("override: decide during the contact"), "\(warned.stdout)")
        try starter.replacingOccurrences(of: "customer-facing: true", with: "customer-facing: yes").write(to: policyURL, atomically: true, encoding: .utf8)
        let broken = try CLI.run(["check"], directory: folder)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("`yes` is not a boolean"), "\(broken.stderr)")
        try starter.write(to: policyURL, atomically: true, encoding: .utf8)

        // 3. Ask it about a customer.
        let eval = try CLI.run(["eval", "policies/my-service.yaml", "examples/cases/first-case.yaml"], directory: folder)
        #expect(eval.stdout.contains("✓ issue-credit 30 USD — allowed"), "\(eval.stdout)")
        #expect(eval.stdout.contains("✗ replace-item 1 — blocked"), "\(eval.stdout)")
        let typed = try CLI.run(["eval", "policies/my-service.yaml", "--as", "agent", "--want", "issue-credit=150", "--fact", "issue=late-delivery"],
                                directory: folder)
        #expect(typed.stdout.contains("↑ issue-credit 150 USD — escalate to `supervisor`, within 15m"), "\(typed.stdout)")

        // 4. Pin it down: passes, then fails when a replacement is allowed for late deliveries.
        let test = try CLI.run(["test"], directory: folder)
        #expect(test.status == 0)
        #expect(test.stdout.contains("✔ 1 case passed"))
        let wider = starter.replacingOccurrences(of: "when: { issue: [damaged-item] }", with: "when: { issue: [damaged-item, late-delivery] }")
        #expect(wider != starter)
        try wider.write(to: policyURL, atomically: true, encoding: .utf8)
        let failing = try CLI.run(["test"], directory: folder)
        #expect(failing.status == 1, "\(failing.stdout)")
        #expect(failing.stdout.contains("`replace-item`: expected blocked, got allowed"), "\(failing.stdout)")

        // 5. Review a change.
        let before = folder.appendingPathComponent("before.yaml")
        try starter.write(to: before, atomically: true, encoding: .utf8)
        let diff = try CLI.run(["diff", "before.yaml", "policies/my-service.yaml", "--cases", "examples/"], directory: folder)
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("policy review:"))
    }
}
