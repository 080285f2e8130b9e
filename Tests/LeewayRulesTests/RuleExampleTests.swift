import Testing
import LeewayCore
@testable import LeewayRules

@Suite struct RuleExampleTests {
    @Test func markersGiveLineAndColumn() {
        let example = RuleExample("a: 1\nb: ↓2\n↓c: 3\n")
        let (yaml, marks) = example.stripped
        #expect(yaml == "a: 1\nb: 2\nc: 3\n")
        #expect(marks == [SourcePosition(line: 2, column: 4), SourcePosition(line: 3, column: 1)])
    }
}
