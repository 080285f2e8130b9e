/// The cases of one file and the problems found reading them. A bad case is reported
/// and skipped; the others are still returned.
public struct CaseLoadResult: Sendable {
    public var file: SourceFile?
    public var cases: [Case]
    public var findings: [Finding]
    /// Cases that were read but have problems (reported in `findings`). They are never
    /// evaluated; binding them to their policy (`PolicySet.bindingFindings(for:)`) still
    /// finds their other problems, so that one mistake does not hide the rest.
    public var rejected: [Case] = []

    public init(file: SourceFile?, cases: [Case], findings: [Finding], rejected: [Case] = []) {
        self.file = file
        self.cases = cases
        self.findings = findings
        self.rejected = rejected
    }
}

extension PolicySet {
    /// The problems binding finds in rejected cases, besides those already reported:
    /// every mistake in a case is reported at once, not one per run.
    public func bindingFindings(for result: CaseLoadResult) -> [Finding] {
        var known = Set(result.findings.map { "\($0.location)\u{1F}\($0.message.key)" })
        var extra: [Finding] = []
        for rejected in result.rejected where rejected.policy == nil || rejected.policy?.value == id.value {
            for finding in bind(rejected).1 where known.insert("\(finding.location)\u{1F}\(finding.message.key)").inserted {
                extra.append(finding)
            }
        }
        return extra
    }
}

/// Loads customer cases (SPEC §3): YAML files (several cases as a `---` stream) and
/// JSON Lines files (`*.jsonl`, one case object per line).
public enum CaseLoader {
    public static let caseKeys = ["leeway", "case", "title", "policy", "policy-file", "handled-by", "channel", "customer", "facts", "wants", "expect", "expect-owed", "spent"]

    public static func isJSONLines(_ path: String) -> Bool {
        path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson")
    }

    public static func load(path: String) -> CaseLoadResult {
        let display = path == "-" ? "<stdin>" : path
        // Case files have no size limit (a batch of cases is as large as it is); only
        // policy sets are held to `SourceReading.maxFileSize`.
        switch SourceReading.bytes(path: path, code: Finding.invalidCase, limit: nil) {
        case .failure(let finding):
            return CaseLoadResult(file: nil, cases: [], findings: [finding])
        case .success(let bytes):
            return isJSONLines(path) ? loadJSONLines(bytes: bytes, path: display) : load(bytes: bytes, path: display)
        }
    }

    public static func load(text: String, path: String) -> CaseLoadResult {
        isJSONLines(path) ? loadJSONLines(bytes: Array(text.utf8), path: path) : load(bytes: Array(text.utf8), path: path)
    }

    /// A YAML file of one or more cases.
    public static func load(bytes: [UInt8], path: String) -> CaseLoadResult {
        let (file, documents, yamlFindings) = SourceReading.documents(bytes: bytes, path: path, code: Finding.invalidCase)
        var findings = yamlFindings
        var cases: [Case] = []
        var rejected: [Case] = []
        for document in documents {
            guard let root = document.root, !root.isNull else { continue }
            var decoder = CaseDecoder(file: file, lineOffset: 0)
            decoder.reader.report(document.problems)
            let decoded = decoder.decode(root)
            findings += decoder.reader.findings
            if let decoded {
                if decoder.reader.findings.contains(where: { $0.severity == .error }) {
                    rejected.append(decoded)
                } else {
                    cases.append(decoded)
                }
            }
        }
        if documents.allSatisfy({ $0.root == nil || $0.root!.isNull }) && findings.isEmpty {
            findings.append(emptyFile(path: path))
        }
        return CaseLoadResult(file: file, cases: cases, findings: findings.sortedByLocation(), rejected: rejected)
    }

    /// One piece of a streamed YAML case file (one or more whole documents, cut at `---`
    /// lines) whose first line is line `firstLine` of the file. Cases and findings carry
    /// the file's line numbers; a piece with no document (blank, comments) yields nothing.
    public static func loadDocuments(bytes: [UInt8], path: String, firstLine: Int) -> CaseLoadResult {
        let file = SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self), firstLine: firstLine)
        let offset = firstLine - 1
        func shifted(_ finding: Finding) -> Finding {
            var finding = finding
            if let position = finding.location.position {
                finding.location.position = SourcePosition(line: position.line + offset, column: position.column)
            }
            return finding
        }
        if let problem = TextCheck.problem(in: bytes) {
            return CaseLoadResult(file: file, cases: [], findings: [shifted(Finding(
                rule: Finding.invalidCase, severity: .error, location: SourceLocation(file: path, position: problem.position),
                message: problem.message, help: problem.help))])
        }
        let (documents, error) = YAMLReader.documents(bytes: bytes)
        var findings: [Finding] = []
        if let error {
            findings.append(Finding(rule: Finding.invalidCase, severity: .error, location: SourceLocation(file: path, position: error.position),
                                    message: error.message, help: error.help))
        }
        var cases: [Case] = []
        for document in documents {
            guard let root = document.root, !root.isNull else { continue }
            var decoder = CaseDecoder(file: file, lineOffset: 0)
            decoder.reader.report(document.problems)
            let decoded = decoder.decode(root)
            findings += decoder.reader.findings
            if let decoded, !decoder.reader.findings.contains(where: { $0.severity == .error }) {
                cases.append(shiftCase(decoded, by: offset))
            }
        }
        return CaseLoadResult(file: file, cases: cases, findings: findings.map(shifted).sortedByLocation())
    }

    /// Where a YAML case stream may be cut: the start of each line that opens a document
    /// (`---` alone or followed by a space), after the first byte, unless it follows a
    /// directive (`%YAML 1.2`), which belongs with its document.
    public static func documentStarts(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts: [Int] = []
        var index = 0
        var previous = -1
        let count = bytes.count
        while index < count {
            if index > 0, count - index >= 3, bytes[index] == 0x2D, bytes[index + 1] == 0x2D, bytes[index + 2] == 0x2D,
               index + 3 == count || [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index + 3]),
               previous < 0 || bytes[previous] != 0x25 {
                starts.append(index)
            }
            previous = index
            while index < count, bytes[index] != 0x0A { index += 1 }
            index += 1
        }
        return starts
    }

    /// A JSON Lines file: each non-blank line is one case. A bad line is reported with
    /// its line number and skipped.
    public static func loadJSONLines(bytes: [UInt8], path: String) -> CaseLoadResult {
        let file = SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self))
        var cases: [Case] = []
        var findings: [Finding] = []
        forEachLine(in: bytes) { line, lineNumber in
            let (parsed, problems) = decodeLine(line, path: path, lineNumber: lineNumber, file: file)
            findings += problems
            if let parsed { cases.append(parsed) }
        }
        if cases.isEmpty && findings.isEmpty { findings.append(emptyFile(path: path)) }
        return CaseLoadResult(file: file, cases: cases, findings: findings)
    }

    /// Each line of a JSON Lines file that is not blank (only spaces, tabs and carriage
    /// returns), with its 1-based line number, as its bytes without the newline (a CRLF
    /// line keeps its carriage return, which JSON reads as space). Returns whether there
    /// was any such line.
    @discardableResult
    public static func forEachLine(in bytes: [UInt8], _ body: (_ line: [UInt8], _ number: Int) throws -> Void) rethrows -> Bool {
        var any = false
        var lineNumber = 0
        var start = 0
        let count = bytes.count
        while start < count {
            let (end, blank) = bytes.withUnsafeBufferPointer { buffer -> (Int, Bool) in
                var end = start
                var blank = true
                while end < count, buffer[end] != 0x0A {
                    let byte = buffer[end]
                    if byte != 0x20 && byte != 0x09 && byte != 0x0D { blank = false }
                    end += 1
                }
                return (end, blank)
            }
            lineNumber += 1
            defer { start = end + 1 }
            if blank { continue }
            any = true
            try body(Array(bytes[start..<end]), lineNumber)
        }
        return any
    }

    /// A case file with no case in it: an input error in every command and format.
    public static func emptyFile(path: String) -> Finding {
        Finding(rule: Finding.invalidCase, severity: .error, location: SourceLocation(file: path, line: 1, column: 1),
                message: Message("load.empty-case"), help: Message("load.empty-case.help"))
    }

    /// The longest JSON line read as a case (a case is a few hundred bytes): a longer one
    /// is a located error for that line, and memory stays bounded by it.
    public static let maxLineBytes = 1024 * 1024

    /// At most this many wants in one case (a customer asks for a few things): a case with
    /// more is a located error, so that evaluation and overrides stay fast.
    public static let maxWants = 1000

    public static func lineTooLong(path: String, lineNumber: Int, size: Int) -> Finding {
        Finding(rule: Finding.invalidCase, severity: .error, location: SourceLocation(file: path, line: lineNumber, column: 1),
                message: Message("load.line-too-long", ["size": SourceReading.byteCount(size), "limit": SourceReading.byteCount(maxLineBytes)]),
                help: Message("load.line-too-long.help"))
    }

    /// One JSON (or YAML flow) case on one line of a file.
    public static func decodeLine(_ line: [UInt8], path: String, lineNumber: Int, file: SourceFile) -> (Case?, [Finding]) {
        if line.count > maxLineBytes { return (nil, [lineTooLong(path: path, lineNumber: lineNumber, size: line.count)]) }
        func shifted(_ finding: Finding) -> Finding {
            var finding = finding
            if let position = finding.location.position {
                // The line is parsed on its own: a position past its end is its end.
                let column = position.line > 1 ? line.count + 1 : position.column
                finding.location.position = SourcePosition(line: lineNumber, column: column)
            } else {
                finding.location.position = SourcePosition(line: lineNumber, column: 1)
            }
            return finding
        }
        if let problem = TextCheck.problem(in: line) {
            return (nil, [shifted(Finding(rule: Finding.invalidCase, severity: .error, location: SourceLocation(file: path, position: problem.position),
                                          message: problem.message, help: problem.help))])
        }
        // A plain line (the common one) is read without libyaml, into the same tree.
        let root: YAMLNode
        var problems: [YAMLProblem] = []
        if let plain = JSONLineReader.root(line) {
            root = plain
        } else {
            let (documents, error) = YAMLReader.documents(bytes: line)
            if let error {
                return (nil, [shifted(Finding(rule: Finding.invalidCase, severity: .error, location: SourceLocation(file: path, position: error.position),
                                              message: Message("load.bad-json-line", ["problem": error.message.render()]),
                                              help: Message("load.bad-json-line.help")))])
            }
            guard let read = documents.first?.root else { return (nil, []) }
            root = read
            problems = documents.first?.problems ?? []
        }
        var decoder = CaseDecoder(file: file, lineOffset: lineNumber - 1)
        decoder.reader.report(problems)
        let decoded = decoder.decode(root)
        let findings = decoder.reader.findings.map(shifted)
        return (findings.contains { $0.severity == .error } ? nil : decoded.map { shiftCase($0, by: lineNumber - 1) }, findings)
    }

    static func shiftCase(_ value: Case, by lines: Int) -> Case {
        guard lines > 0 else { return value }
        func s(_ location: SourceLocation) -> SourceLocation {
            var location = location
            if let p = location.position { location.position = SourcePosition(line: p.line + lines, column: p.column) }
            return location
        }
        func s<T>(_ located: Located<T>) -> Located<T> { Located(located.value, at: s(located.location), end: located.end) }
        var c = value
        c.location = s(c.location)
        c.id = s(c.id)
        c.policy = c.policy.map { s($0) }
        c.policyFile = c.policyFile.map { s($0) }
        c.handledBy = s(c.handledBy)
        c.channel = c.channel.map { s($0) }
        c.spent = c.spent.map { (s($0.period), s($0.amount)) }
        if var customer = c.customer {
            customer.mood = customer.mood.map { s($0) }
            customer.id = customer.id.map { s($0) }
            c.customer = customer
        }
        c.facts = c.facts.map { f in var f = f; f.location = s(f.location); f.valueLocation = s(f.valueLocation); return f }
        c.wants = c.wants.map { w in var w = w; w.location = s(w.location); w.action = s(w.action); w.amount = w.amount.map { s($0) }; return w }
        c.expect = c.expect.map { e in Expectation(action: s(e.action), outcome: s(e.outcome)) }
        c.expectOwed = c.expectOwed.map { list in Located(list.value.map { s($0) }, at: s(list.location), end: list.end) }
        return c
    }
}

/// Turns one case document into a `Case` (structure only; typing happens on binding).
struct CaseDecoder {
    var reader: NodeReader
    let file: SourceFile

    init(file: SourceFile, lineOffset: Int) {
        self.file = file
        self.reader = NodeReader(file: file.path, code: Finding.invalidCase)
    }

    private func location(_ node: YAMLNode) -> SourceLocation { reader.location(node) }

    private func located(_ node: YAMLNode, _ text: String) -> Located<String> {
        Located(text, at: location(node), end: node.end)
    }

    mutating func decode(_ root: YAMLNode) -> Case? {
        guard let pairs = reader.mapping(root, Term.what("what.case")) else { return nil }
        reader.checkKeys(pairs, allowed: CaseLoader.caseKeys, in: Term.what("what.case"))
        reader.require(["case", "handled-by", "wants"], in: pairs, parent: root, what: Term.what("what.case"))
        if let node = root["leeway"], let version = reader.integer(node, Term.what("what.leeway-format-version")), version != Int64(PolicyLoader.formatVersion) {
            reader.error(at: node, "load.unsupported-version", ["version": String(version), "supported": String(PolicyLoader.formatVersion)],
                         help: Message("load.unsupported-version.help"))
        }
        guard let idNode = root["case"], let id = reader.string(idNode, Term.what("what.case-id")),
              let handledNode = root["handled-by"], let handledBy = reader.string(handledNode, "`handled-by`") else { return nil }
        let title = root["title"].flatMap { reader.string($0, Term.what("what.title")) }
        let policy = root["policy"].flatMap { n in reader.string(n, "`policy`").map { located(n, $0) } }
        let channel = root["channel"].flatMap { n in reader.string(n, "`channel`").map { located(n, $0) } }
        let policyFile = root["policy-file"].flatMap { n in reader.string(n, "`policy-file`").map { located(n, $0) } }

        var customer: Customer?
        if let node = root["customer"], let fields = reader.mapping(node, "`customer`") {
            reader.checkKeys(fields, allowed: ["id", "problem", "goal", "mood"], in: "`customer`")
            customer = Customer(problem: node["problem"].flatMap { reader.string($0, "`problem`") },
                                goal: node["goal"].flatMap { reader.string($0, "`goal`") },
                                mood: node["mood"].flatMap { n in reader.string(n, "`mood`").map { located(n, $0) } })
            customer?.id = node["id"].flatMap { n in reader.string(n, "`id`").map { located(n, $0) } }
        }

        var facts: [CaseFact] = []
        if let node = root["facts"], let fields = reader.mapping(node, "`facts`") {
            for pair in fields {
                guard let name = reader.string(pair.key, Term.what("what.fact-name")) else { continue }
                if let items = pair.value.sequence {
                    // A list, for a fact declared `many: true` (checked on binding).
                    let values = items.compactMap { reader.string($0, Term.what("what.value-of-fact", name)) }
                    guard values.count == items.count else { continue }
                    var fact = CaseFact(name: name, text: values.joined(separator: ", "), quoted: false,
                                        location: location(pair.key), valueLocation: location(pair.value))
                    fact.items = values
                    facts.append(fact)
                    continue
                }
                guard let text = reader.string(pair.value, Term.what("what.value-of-fact", name)) else { continue }
                facts.append(CaseFact(name: name, text: text, quoted: pair.value.style == .singleQuoted || pair.value.style == .doubleQuoted,
                                      location: location(pair.key), valueLocation: location(pair.value)))
            }
        }

        var wants: [Want] = []
        if let node = root["wants"], let items = reader.sequence(node, "`wants`") {
            if items.count > CaseLoader.maxWants {
                reader.error(at: node, "load.too-many-wants", ["count": String(items.count), "limit": String(CaseLoader.maxWants)],
                             help: Message("load.too-many-wants.help"))
                return nil
            }
            for (index, item) in items.enumerated() {
                guard let fields = reader.mapping(item, Term.what("what.want")) else { continue }
                reader.checkKeys(fields, allowed: ["action", "amount"], in: Term.what("what.want"))
                reader.require(["action"], in: fields, parent: item, what: Term.what("what.want"))
                guard let actionNode = item["action"], let action = reader.string(actionNode, "`action`") else { continue }
                let amount = item["amount"].flatMap { n in reader.string(n, "`amount`").map { located(n, $0) } }
                wants.append(Want(action: located(actionNode, action), amount: amount, location: location(item), index: index))
            }
            // `wants: []` is a case where the customer asks for nothing: what is owed
            // without asking (language 1.1) is still listed.
        }

        var expect: [Expectation] = []
        if let node = root["expect"], let fields = reader.mapping(node, "`expect`") {
            for pair in fields {
                guard let action = reader.string(pair.key, Term.what("what.action")),
                      let outcome = reader.enumValue(pair.value, Outcome.self, Term.what("what.expected-outcome")) else { continue }
                expect.append(Expectation(action: located(pair.key, action), outcome: Located(outcome, at: location(pair.value), end: pair.value.end)))
            }
        }

        var expectOwed: Located<[Located<String>]>?
        if let node = root["expect-owed"], let items = reader.sequence(node, "`expect-owed`") {
            let names = items.compactMap { item in reader.string(item, Term.what("what.remedy-name")).map { located(item, $0) } }
            expectOwed = Located(names, at: location(node), end: node.end)
        }

        var spent: [(period: Located<String>, amount: Located<String>)] = []
        if let node = root["spent"], let fields = reader.mapping(node, "`spent`") {
            let periods = BudgetPeriod.allCases.filter { $0 != .case }.map(\.rawValue)
            reader.checkKeys(fields, allowed: periods, in: "`spent`")
            for pair in fields where periods.contains(pair.name) {
                guard let text = reader.string(pair.value, "`spent`") else { continue }
                spent.append((located(pair.key, pair.name), located(pair.value, text)))
            }
        }

        var result = Case(file: file, location: location(root), id: located(idNode, id), title: title, policy: policy,
                          handledBy: located(handledNode, handledBy), channel: channel, customer: customer,
                          facts: facts, wants: wants, expect: expect, policyFile: policyFile)
        result.expectOwed = expectOwed
        result.spent = spent
        result.policyFile = policyFile
        return result
    }
}
