import Testing
import LeewayCore

@Suite struct OutcomeTests {
    @Test func outcomesOrderFromBestToWorst() {
        #expect(Outcome.allowed < Outcome.needsApproval)
        #expect(Outcome.needsApproval < Outcome.escalate)
        #expect(Outcome.escalate < Outcome.blocked)
        #expect(Outcome(rawValue: "needs-approval") == .needsApproval)
    }
}
