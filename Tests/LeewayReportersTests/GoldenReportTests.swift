import Foundation
import Testing
import LeewayCore
import LeewayReporters
import LeewayRules

/// Every report format on the sample policies (and on a broken fixture), compared with
/// the saved files under `Golden/`. Regenerate with
/// `LEEWAY_UPDATE_GOLDEN=1 swift test --filter LeewayReportersTests` and review the diff.
@Suite(.serialized) struct GoldenReportTests {
    static let samples = ["policies/acme-field-service.yaml", "policies/brightline-telecom.yaml", "policies/northwind-returns.yaml"]
    static let broken = ["Tests/LeewayReportersTests/Fixtures/policies/invalid-policy.yaml"]

    enum Format: String, CaseIterable {
        case text, json, sarif, junit, github, markdown

        var fileExtension: String {
            switch self {
            case .text: return "txt"
            case .json: return "json"
            case .sarif: return "sarif"
            case .junit: return "xml"
            case .github: return "github.txt"
            case .markdown: return "md"
            }
        }

        func render(_ result: CheckResult, language: Language = .en, inputs: [String]) -> String {
            let options = ReportOptions(language: language)
            let context = Fixtures.context(inputs: inputs)
            switch self {
            case .text: return CheckTextReporter(options: options).report(result)
            case .json: return CheckJSONReporter(options: options).report(result)
            case .sarif: return SARIFReporter(options: options, context: context).report(result)
            case .junit: return CheckJUnitReporter(options: options, context: context).report(result)
            case .github: return GitHubActionsReporter(options: options, context: context).report(result)
            case .markdown: return MarkdownReporter(options: options, context: context).report(result)
            }
        }
    }

    @Test(arguments: Format.allCases)
    func samples(_ format: Format) throws {
        let result = Fixtures.check(Self.samples)
        try Golden.check(format.render(result, inputs: ["policies"]), "samples.\(format.fileExtension)")
    }

    @Test(arguments: Format.allCases)
    func brokenPolicy(_ format: Format) throws {
        let result = Fixtures.check(Self.broken)
        try Golden.check(format.render(result, inputs: Self.broken), "invalid-policy.\(format.fileExtension)")
    }

    @Test(arguments: [Format.text, .markdown, .junit, .github])
    func rigidSampleInSpanish(_ format: Format) throws {
        let result = Fixtures.check([Self.samples[0]])
        try Golden.check(format.render(result, language: .es, inputs: [Self.samples[0]]), "acme-field-service.es.\(format.fileExtension)")
    }
}
