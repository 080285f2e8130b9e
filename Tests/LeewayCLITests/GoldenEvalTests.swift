import Foundation
import Testing

/// What the people at the frontline read, whole, in both languages: `leeway eval` on the
/// late-technician case of the rigid sample (decisions, overrides, the customer message),
/// `leeway test` on the examples and the Spanish help of `eval`. Compared with the files
/// under `Fixtures/golden/`; regenerate with `LEEWAY_UPDATE_GOLDEN=1 swift test --filter
/// GoldenEvalTests` and review the diff.
@Suite struct GoldenEvalTests {
    struct Transcript: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var golden: String
        var testDescription: String { golden }
    }

    static let transcripts = [
        Transcript(arguments: ["eval", "policies/acme-field-service.yaml", "examples/cases/acme-late-technician.yaml"],
                   golden: "eval-late-technician.txt"),
        Transcript(arguments: ["eval", "--lang", "es", "policies/acme-field-service.yaml", "examples/cases/acme-late-technician.yaml"],
                   golden: "eval-late-technician.es.txt"),
        Transcript(arguments: ["eval", "--lang", "es", "--explain", "policies/acme-field-service.yaml", "examples/cases/acme-more.yaml"],
                   golden: "eval-more-explain.es.txt"),
        Transcript(arguments: ["test", "--lang", "es", "policies", "examples"], golden: "test-examples.es.txt"),
        Transcript(arguments: ["eval", "--help", "--lang", "es"], golden: "eval-help.es.txt"),
    ]

    @Test(arguments: transcripts)
    func matchesTheGoldenFile(_ transcript: Transcript) throws {
        let run = try CLI.run(transcript.arguments, environment: ["COLUMNS": "100"])
        #expect(run.status == 0, "\(run.stderr)")
        let url = CLI.root.appendingPathComponent("Tests/LeewayCLITests/Fixtures/golden/\(transcript.golden)")
        if ProcessInfo.processInfo.environment["LEEWAY_UPDATE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(run.stdout.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(run.stdout == expected, "differs from \(transcript.golden); LEEWAY_UPDATE_GOLDEN=1 regenerates it")
    }
}
