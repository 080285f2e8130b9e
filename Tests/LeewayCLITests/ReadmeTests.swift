import Foundation
import Testing

/// The README shows real output: every `$ leeway …` command in a ```console block runs,
/// and every line shown under it (`…` marks what the README leaves out) is printed by
/// it; a following `$ echo $?` gives its exit status. Commands that write files
/// (`--fix`, `--output`, `--write-baseline`) or use the shell (pipes, redirections) are
/// shown, not run.
@Suite struct ReadmeTests {
    struct Transcript: CustomStringConvertible {
        var command: [String]
        var expected: [String]
        var status: Int32?
        var description: String { command.joined(separator: " ") }
    }

    static func transcripts() -> [Transcript] {
        guard let text = try? String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8) else { return [] }
        var result: [Transcript] = []
        for block in text.components(separatedBy: "```console\n").dropFirst() {
            let body = block.components(separatedBy: "\n```")[0]
            var current: Transcript?
            var runnable = false
            var awaitingStatus = false
            for line in body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if line == "$ echo $?" {
                    awaitingStatus = true
                    continue
                }
                if awaitingStatus {
                    awaitingStatus = false
                    if let value = Int32(line) { current?.status = value }
                    continue
                }
                if line.hasPrefix("$ ") {
                    let command = String(line.dropFirst(2))
                    if let done = current, runnable { result.append(done) }
                    let shell = ["|", ">", "&&", "$(", "--fix", "--output", "--write-baseline", "cd "].contains { command.contains($0) }
                    runnable = command.hasPrefix("leeway ") && !shell
                    current = Transcript(command: command.split(separator: " ").dropFirst().map(String.init), expected: [])
                } else if line.trimmingCharacters(in: .whitespaces) != "…", !line.isEmpty {
                    current?.expected.append(line)
                }
            }
            if let done = current, runnable { result.append(done) }
        }
        return result
    }

    @Test func theReadmeHasTranscripts() {
        #expect(Self.transcripts().count >= 5)
    }

    @Test(arguments: transcripts())
    func commandPrintsWhatTheReadmeShows(_ transcript: Transcript) throws {
        let run = try CLI.run(transcript.command)
        let printed = Set((run.stdout + "\n" + run.stderr).split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) })
        for line in transcript.expected {
            let trimmed = line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            #expect(printed.contains(trimmed), "README shows a line `leeway \(transcript)` does not print: \(line)")
        }
        if let status = transcript.status {
            #expect(run.status == status)
        }
    }
}
