import Foundation
import LeewayCore
import LeewayEngine

/// The case history `leeway tune` replays: the same inputs as `leeway eval --cases`
/// (files or folders, YAML streams or JSON Lines). Cases are read one at a time and
/// compiled against one policy; nothing but the compiled input reaches the caller.
public struct TuneHistoryReader {
    public let compiled: CompiledPolicy
    public let paths: [String]
    /// Problems reading the history (located; exit 2), cases naming another policy,
    /// and YAML files in folders that hold no case.
    public private(set) var errors: [Finding] = []
    public private(set) var otherPolicy = 0
    public private(set) var passedOver = 0
    public private(set) var files = 0

    public init(compiled: CompiledPolicy, paths: [String]) {
        self.compiled = compiled
        self.paths = paths
    }

    /// Reads every case in input order and hands its compiled input to `each`.
    public mutating func read(_ each: (CaseInput) -> Void) {
        let found = CaseCorpus.files(paths)
        errors = found.problems
        passedOver = found.passedOver
        files = found.files.count
        let parser = FastLineParser(policy: compiled)
        var input = CaseInput(for: compiled)
        for path in found.files {
            let display = path == "-" ? "<stdin>" : path
            let bytes: [UInt8]
            switch SourceReading.bytes(path: path, code: Finding.invalidCase, limit: nil) {
            case .failure(let finding):
                errors.append(finding)
                continue
            case .success(let read):
                bytes = read
            }
            let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
            if CaseLoader.isJSONLines(path) || (path == "-" && first == UInt8(ascii: "{")) {
                var file: SourceFile?
                var lineNumber = 0
                var start = 0
                bytes.withUnsafeBufferPointer { buffer in
                    while start < buffer.count {
                        var end = start
                        while end < buffer.count, buffer[end] != 0x0A { end += 1 }
                        lineNumber += 1
                        var stop = end
                        if stop > start && buffer[stop - 1] == 0x0D { stop -= 1 }
                        let line = UnsafeBufferPointer(rebasing: buffer[start..<stop])
                        let lineStart = start
                        start = end + 1
                        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                        if parser.parse(line, into: &input) != nil {
                            each(input)
                            continue
                        }
                        if file == nil { file = SourceFile(path: display, text: String(decoding: bytes, as: UTF8.self)) }
                        let (decoded, problems) = CaseLoader.decodeLine(Array(buffer[lineStart..<stop]), path: display,
                                                                        lineNumber: lineNumber, file: file!)
                        let bad = problems.filter { $0.severity == .error }
                        guard let decoded, bad.isEmpty else {
                            errors += bad.isEmpty ? [Finding(rule: Finding.invalidCase, severity: .error,
                                                             location: SourceLocation(file: display, line: lineNumber, column: 1),
                                                             message: Message("load.empty-case"), help: Message("load.empty-case.help"))] : bad
                            continue
                        }
                        take(decoded, each)
                    }
                }
                continue
            }
            let result = CaseLoader.load(bytes: bytes, path: display)
            errors += result.findings.filter { $0.severity == .error }
            for source in result.cases { take(source, each) }
        }
        errors = errors.sortedByLocation()
    }

    private mutating func take(_ source: Case, _ each: (CaseInput) -> Void) {
        if let named = source.policy?.value, named != compiled.id {
            otherPolicy += 1
            return
        }
        let (bound, findings) = compiled.policy.bind(source)
        guard let bound, findings.isEmpty else {
            errors += findings.filter { $0.severity == .error }
            return
        }
        let (input, problems) = compiled.input(for: bound)
        guard let input else {
            errors += problems.filter { $0.severity == .error }
            return
        }
        each(input)
    }
}
