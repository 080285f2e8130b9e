import Foundation
import Testing
import LeewayCore
import LeewayEngine
import LeewayReporters
import LeewayReview

/// The `leeway diff` reports on the demo review, compared with the saved files under
/// `Golden/`. Regenerate with `LEEWAY_UPDATE_GOLDEN=1 swift test --filter LeewayReviewTests`
/// and review the diff.
@Suite struct DiffReportTests {
    @Test func text() throws {
        try Golden.check(DiffTextReporter().report(try Fixtures.demo()), "acme.txt")
    }

    /// In Spanish, the review's own words (rules off: their wording has its own goldens).
    @Test func textInSpanish() throws {
        let diff = try Fixtures.demo(linter: Fixtures.silentLinter)
        #expect(diff.findings.added.isEmpty && diff.findings.removed.isEmpty)
        try Golden.check(DiffTextReporter(options: ReportOptions(language: .es)).report(diff), "acme.es.txt")
    }

    @Test func json() throws {
        let text = DiffJSONReporter().report(try Fixtures.demo())
        try Golden.check(text, "acme.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        for key in ["old", "new", "verdict", "regression", "findings", "cases", "changes", "totals", "money"] {
            #expect(object[key] != nil, "missing \(key)")
        }
    }

    @Test func markdown() throws {
        try Golden.check(DiffMarkdownReporter().report(try Fixtures.demo()), "acme.md")
    }

    @Test func htmlIsSelfContained() throws {
        let html = DiffHTMLReporter(toolVersion: "0.0.0-test").report(try Fixtures.demo())
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        for forbidden in ["<script", "src=", "href=", "@import", "url(", "<link"] {
            #expect(!html.contains(forbidden), "the report must not load anything: found \(forbidden)")
        }
        #expect(html.contains("<svg"))
        #expect(html.contains("@media print"))
        #expect(html.contains("C-1042"))
    }

    @Test func htmlEscapesUserText() throws {
        let old = try Fixtures.side(ReviewTests.base.replacingOccurrences(of: "LIMIT", with: "25 USD"), path: "old.yaml")
        let new = try Fixtures.side(ReviewTests.base.replacingOccurrences(of: "LIMIT", with: "50 USD"), path: "new.yaml")
        let cases = Fixtures.cases("""
        leeway: 1
        case: "<img src=x onerror=alert(1)>"
        title: "Tom & Jerry's \\"refund\\" </td></table><script>alert(1)</script>"
        handled-by: agent
        wants:
          - { action: refund, amount: 40 USD }
        """)
        let diff = Review.compare(old: old, new: new, cases: cases)
        #expect(diff.changed.count == 1)
        let html = DiffHTMLReporter(toolVersion: "0").report(diff)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("Tom &amp; Jerry"))
        // Markdown escapes `<` with a backslash: no raw tag survives.
        let markdown = DiffMarkdownReporter().report(diff)
        #expect(markdown.contains("\\<script"))
        #expect(markdown.range(of: "(^|[^\\\\])<(script|img)", options: .regularExpression) == nil)
    }

    @Test func htmlBuilderEscapesAttributes() {
        let node = HTML.element("a", [("title", "\"><b onclick='x'>&")], [.text("<b>")])
        #expect(node.render() == "<a title=\"&quot;&gt;&lt;b onclick=&#39;x&#39;&gt;&amp;\">&lt;b&gt;</a>")
    }
}
