import Foundation
import LeewayCore
import LeewayEngine
import LeewayOverrides

extension EvalJSON {
    /// The `--format json` document: `{"cases": [...], "errors": [...]}`.
    public static func document(_ cases: [EvaluatedCase], errors: [Finding], language: Language, advice: [CaseAdvice]? = nil) -> String {
        var writer = JSONWriter(pretty: true, capacity: 4096)
        writer.beginObject()
        writer.key(ascii: "cases")
        writer.beginArray()
        for (index, evaluated) in cases.enumerated() {
            writeCase(id: Array(evaluated.source.id.value.utf8), policy: evaluated.policy, input: evaluated.input,
                      decisions: evaluated.decisions, resolution: evaluated.resolution, trace: evaluated.trace,
                      explanation: Explanation(policy: evaluated.policy, language: language, keeping: false),
                      location: evaluated.source.location, into: &writer,
                      overrides: { OverrideJSON.write(advice.flatMap { index < $0.count ? $0[index] : nil }, into: &$0, language: language) },
                      owed: evaluated.owed, notes: evaluated.notes, language: language)
        }
        writer.endArray()
        writer.key(ascii: "errors")
        writer.beginArray()
        for finding in errors {
            writeFinding(finding, language: language, into: &writer)
        }
        writer.endArray()
        writer.endObject()
        writer.newline()
        return writer.string
    }
}
