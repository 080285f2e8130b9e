import Foundation
import LeewayCore
import LeewayEngine
import LeewayOverrides
import LeewayReporters
import Testing

/// The `leeway tune` reports on the shipped sample history, against golden files
/// (`LEEWAY_UPDATE_GOLDEN=1 swift test --filter LeewayReportersTests` rewrites them).
@Suite struct TuneReportTests {
    static func result() throws -> Tune.Result {
        let path = "policies/acme-field-service.yaml"
        let loaded = PolicyLoader.load(text: try String(contentsOf: Fixtures.root.appendingPathComponent(path), encoding: .utf8), path: path)
        let policy = try #require(loaded.policy)
        let history = Fixtures.root.appendingPathComponent("examples/tune/.acme-history.jsonl").path
        guard case .success(let result) = Tune.run(CompiledPolicy(policy), text: policy.file.text, history: [history], options: Tune.Options()) else {
            Issue.record("tune failed")
            throw CancellationError()
        }
        return result
    }

    @Test func textEnglishAndSpanish() throws {
        let result = try Self.result()
        try Golden.check(TuneTextReporter(options: ReportOptions(language: .en)).report(result), "tune-acme.txt")
        try Golden.check(TuneTextReporter(options: ReportOptions(language: .es)).report(result), "tune-acme.es.txt")
    }

    @Test func jsonAndMarkdown() throws {
        let result = try Self.result()
        let json = TuneJSONReporter().report(result)
        try Golden.check(json, "tune-acme.json")
        try Golden.check(TuneMarkdownReporter().report(result), "tune-acme.md")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["baseline", "frontier", "history", "levers", "policy", "recommendation"])
    }

    @Test func htmlIsSelfContainedAndEscaped() throws {
        let result = try Self.result()
        let html = TuneHTMLReporter(toolVersion: "test").report(result)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(html.contains("<svg") && html.contains("<circle") && html.contains("class=\"recommended\""))
        #expect(!html.contains("src="))
        #expect(html.contains(TuneFormat.money(result.replay.cost, result.currency)))
    }

    @Test func markdownEscapesPolicyValues() throws {
        var result = try Self.result()
        result.policyID = "evil|id<b>"
        let markdown = TuneMarkdownReporter().report(result)
        #expect(markdown.contains("`evil\\|id<b>`"), "the id stays in a code span with its pipe escaped")
        let html = TuneHTMLReporter(toolVersion: "test").report(result)
        #expect(!html.contains("<b>"))
    }
}
