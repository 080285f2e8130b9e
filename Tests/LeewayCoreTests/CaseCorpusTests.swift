import Foundation
import LeewayCore
import Testing

/// Collecting case files as `leeway eval`, `leeway test` and `leeway diff` do.
@Suite struct CaseCorpusTests {
    func folder(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("leeway-corpus-\(UUID().uuidString)")
        for (name, text) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root.path
    }

    @Test func foldersAreSearchedAndFilesThatAreNotCasesPassedOver() throws {
        let root = try folder([
            "cases/a.yaml": "case: a\nhandled-by: agent\nwants: [{ action: x }]\n",
            "cases/deep/b.yml": "# notes first\ncase: b\nhandled-by: agent\nwants: [{ action: x }]\n",
            "cases/c.jsonl": #"{"case":"c","handled-by":"agent","wants":[{"action":"x"}]}"# + "\n",
            "policy.yaml": "leeway: 1\npolicy: p\nroles: {}\nactions: {}\n",
            "ci/workflow.yml": "name: ci\non: [push]\n",
            ".hidden/d.yaml": "case: d\nhandled-by: agent\nwants: [{ action: x }]\n",
            "notes.txt": "case: no\n",
        ])
        let found = CaseCorpus.files([root])
        #expect(found.problems.isEmpty)
        #expect(found.passedOver == 2)
        #expect(found.files.map { String($0.dropFirst(root.count + 1)) } == ["cases/a.yaml", "cases/c.jsonl", "cases/deep/b.yml"])
        let corpus = CaseCorpus.read([root])
        #expect(corpus.cases.map(\.id.value) == ["a", "c", "b"])
        #expect(corpus.passedOver == 2)
    }

    @Test func aFileNamedOnTheCommandLineIsAlwaysReadAsCases() throws {
        let root = try folder(["policy.yaml": "leeway: 1\npolicy: p\nroles: {}\nactions: {}\n"])
        let corpus = CaseCorpus.read([root + "/policy.yaml"])
        #expect(corpus.passedOver == 0)
        #expect(!corpus.errors.isEmpty)
    }

    @Test func caseFilesHaveNoSizeLimit() throws {
        var text = ""
        var index = 0
        while text.utf8.count <= SourceReading.maxFileSize {
            text += "---\ncase: c-\(index)\nhandled-by: agent\nfacts: { note: \(String(repeating: "x", count: 200)) }\nwants: [{ action: x }]\n"
            index += 1
        }
        let root = try folder(["big.yaml": text])
        let loaded = CaseLoader.load(path: root + "/big.yaml")
        #expect(loaded.findings.filter { $0.severity == .error }.isEmpty)
        #expect(loaded.cases.count == index)
    }

    @Test func aStreamedDocumentKeepsTheFileLineNumbers() {
        let piece = Array("---\ncase: x\nhandled-by: agent\nwants: [{ action: x }]\nbogus: 1\n".utf8)
        let loaded = CaseLoader.loadDocuments(bytes: piece, path: "cases.yaml", firstLine: 41)
        #expect(loaded.cases.isEmpty)
        #expect(loaded.findings.first?.location.line == 45)
        #expect(loaded.file?.line(45) == "bogus: 1")
        let good = CaseLoader.loadDocuments(bytes: Array(piece.dropLast(9)), path: "cases.yaml", firstLine: 41)
        #expect(good.cases.first?.id.location.line == 42)
        #expect(good.findings.isEmpty)
    }
}
