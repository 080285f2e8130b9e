import LibYAML

/// Reads a YAML stream, document by document, into located `YAMLNode` trees.
///
/// Built on libyaml's event parser (bundled by Yams) with an explicit stack, so that
/// deep input cannot overflow the call stack. Bounded on every axis that hostile input
/// can stretch: nesting depth (libyaml's limit, `maxDepth`), alias expansion
/// (`maxAliasNodes` nodes copied through aliases per document), and tags (only the
/// YAML core schema's are accepted; `!!python/object` and friends are refused).
public final class YAMLReader {
    /// Deepest nesting accepted; libyaml stops with an error past it.
    public static let maxDepth = 1000
    /// Nodes that aliases may copy into one document ("billion laughs" stops here).
    public static let maxAliasNodes = 100_000
    /// Nodes in one document, aliases aside (a policy set has a few thousand, a case a few
    /// dozen): past this the document is refused where the limit is crossed, so memory
    /// stays bounded whatever the size of the file (a case with a million wants).
    public static let maxNodes = 250_000

    /// libyaml's parser, behind a pointer: a stored struct of a class is checked for
    /// exclusive access at every use, twice per event.
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private var finished = false
    private var started = false

    /// - Parameter bytes: the file's bytes, already checked to be UTF-8 text.
    public init(bytes: [UInt8]) {
        buffer = .allocate(capacity: max(bytes.count, 1))
        _ = buffer.initialize(from: bytes)
        parser.initialize(to: yaml_parser_t())
        yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, buffer.baseAddress, bytes.count)
    }

    public convenience init(text: String) {
        self.init(bytes: Array(text.utf8))
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deinitialize(count: 1)
        parser.deallocate()
        event.deallocate()
        buffer.deallocate()
    }

    /// Reads every document of the stream. A syntax error ends the stream: it is
    /// returned after the documents read before it.
    public static func documents(bytes: [UInt8]) -> (documents: [YAMLDocument], error: YAMLProblem?) {
        let reader = YAMLReader(bytes: bytes)
        var documents: [YAMLDocument] = []
        while true {
            do {
                guard let document = try reader.next() else { return (documents, nil) }
                documents.append(document)
            } catch let problem as YAMLProblem {
                return (documents, problem)
            } catch {
                return (documents, YAMLProblem(kind: .syntax, message: Message("yaml.syntax", ["problem": "\(error)"]), position: nil))
            }
        }
    }

    /// The next document, nil at the end of the stream. Throws a `YAMLProblem` for
    /// syntax errors, undefined aliases and runaway alias expansion; other problems
    /// are collected in the document.
    public func next() throws -> YAMLDocument? {
        if finished { return nil }
        if !started {
            started = true
            let event = try parse()
            let type = event.pointee.type
            done(event)
            guard type == YAML_STREAM_START_EVENT else { return nil }
        }
        let event = try parse()
        let type = event.pointee.type
        let start = position(event.pointee.start_mark)
        done(event)
        switch type {
        case YAML_STREAM_END_EVENT:
            finished = true
            return nil
        case YAML_DOCUMENT_START_EVENT:
            return try composeDocument(start: start)
        default:
            finished = true
            return nil
        }
    }

    // MARK: - Composition

    /// An open collection. Its children wait on the composer's one shared stack of nodes
    /// (`values`, from `base` on; a mapping's as key, value, key, value…) and are moved into
    /// an array of exactly their number when it closes: no array per frame that grows
    /// child by child, no list of key names per mapping.
    private struct Frame {
        var isMapping: Bool
        var start: SourcePosition
        var style: YAMLNode.Style
        var tag: String?
        var anchor: String?
        /// Where the frame's children start in `values`.
        var base: Int
        /// A mapping's key is on the stack, waiting for its value.
        var keyPending = false
        var skipValue = false
        var weight = 1
        var merges: [YAMLNode] = []
        /// Keys kept, `<<` aside; past `tableThreshold` they are also in `table`.
        var keyCount = 0
        var table: [String: SourcePosition]?
        /// Where the last `<<` key that was not a duplicate was written.
        var mergeKeyStart: SourcePosition?
    }

    /// Keys of a mapping searched in turn on the stack up to this many, in a table past it.
    private static let tableThreshold = 12

    private func composeDocument(start: SourcePosition) throws -> YAMLDocument {
        var problems: [YAMLProblem] = []
        var anchors: [String: (node: YAMLNode, weight: Int)] = [:]
        var stack: [Frame] = []
        let values = NodeStack()
        var root: YAMLNode?
        var aliasNodes = 0
        var nodes = 0

        /// Where a key of the open mapping was first written, if it was.
        func firstPosition(of name: String, in top: Int) -> SourcePosition? {
            if name == "<<" { return stack[top].mergeKeyStart }
            if let table = stack[top].table { return table[name] }
            var index = stack[top].base
            // Keys are every other node; the last one may be a key waiting for its value.
            while index < values.count {
                if values.scalar(at: index) == name { return values.start(at: index) }
                index += 2
            }
            return nil
        }

        /// Records a key of the open mapping (it is about to go on the stack).
        func record(_ name: String, at position: SourcePosition, in top: Int) {
            if name == "<<" {
                stack[top].mergeKeyStart = position
                return
            }
            stack[top].keyCount += 1
            if stack[top].table != nil {
                stack[top].table![name] = position
            } else if stack[top].keyCount > Self.tableThreshold {
                var table: [String: SourcePosition] = [name: position]
                var index = stack[top].base
                while index < values.count {
                    if let key = values.scalar(at: index), key != "<<", table[key] == nil { table[key] = values.start(at: index) }
                    index += 2
                }
                stack[top].table = table
            }
        }

        /// Hands a finished node to its parent (or makes it the root).
        func attach(_ node: consuming YAMLNode, weight: Int) {
            guard !stack.isEmpty else {
                root = consume node
                return
            }
            let top = stack.count - 1
            stack[top].weight += weight
            if !stack[top].isMapping {
                values.append(consume node)
                return
            }
            guard stack[top].keyPending else {
                // This node is a key.
                if let name = node.scalar {
                    if let first = firstPosition(of: name, in: top), !(name == "<<" && node.style == .plain) {
                        problems.append(YAMLProblem(
                            kind: .duplicateKey,
                            message: Message("yaml.duplicate-key", ["key": name, "line": String(first.line)]),
                            help: Message("yaml.duplicate-key.help"),
                            position: node.start))
                        stack[top].skipValue = true
                    } else {
                        record(name, at: node.start, in: top)
                    }
                }
                stack[top].keyPending = true
                values.append(consume node)
                return
            }
            stack[top].keyPending = false
            if stack[top].skipValue {
                stack[top].skipValue = false
                values.removeLast()
                return
            }
            if values.isPlainMergeKey(at: values.count - 1) {
                values.removeLast()
                stack[top].merges.append(consume node)
                return
            }
            values.append(consume node)
        }

        func checkTag(_ raw: UnsafeMutablePointer<yaml_char_t>?, at position: SourcePosition) -> String? {
            guard let raw else { return nil }
            let tag = String(cString: raw)
            if tag == "!" || Self.coreTags.contains(tag) { return tag }
            problems.append(YAMLProblem(
                kind: .unsupportedTag,
                message: Message("yaml.unsupported-tag", ["tag": Self.shortTag(tag)]),
                help: Message("yaml.unsupported-tag.help"),
                position: position))
            return tag
        }

        while true {
            let event = try parse()
            defer { done(event) }
            let e = event.pointee
            let startPosition = position(e.start_mark)
            if e.type == YAML_SCALAR_EVENT || e.type == YAML_SEQUENCE_START_EVENT || e.type == YAML_MAPPING_START_EVENT {
                nodes += 1
                if nodes > Self.maxNodes {
                    throw YAMLProblem(kind: .tooManyNodes, message: Message("yaml.too-many-nodes", ["limit": String(Self.maxNodes)]),
                                      help: Message("yaml.too-many-nodes.help"), position: startPosition)
                }
            }
            switch e.type {
            case YAML_DOCUMENT_END_EVENT:
                return YAMLDocument(root: root, start: start, problems: problems)
            case YAML_SCALAR_EVENT:
                let s = e.data.scalar
                let text = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self) } ?? ""
                let style: YAMLNode.Style
                switch s.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: style = .literal
                case YAML_FOLDED_SCALAR_STYLE: style = .folded
                default: style = .plain
                }
                let tag = checkTag(s.tag, at: startPosition)
                let node = YAMLNode(content: .scalar(text), style: style, tag: tag, start: startPosition, end: position(e.end_mark))
                if let anchor = s.anchor { anchors[String(cString: anchor)] = (node, 1) }
                attach(consume node, weight: 1)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = e.type == YAML_MAPPING_START_EVENT
                let anchor = isMapping ? e.data.mapping_start.anchor : e.data.sequence_start.anchor
                let rawTag = isMapping ? e.data.mapping_start.tag : e.data.sequence_start.tag
                let flow = isMapping
                    ? e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                    : e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                stack.append(Frame(
                    isMapping: isMapping, start: startPosition, style: flow ? .flow : .block,
                    tag: checkTag(rawTag, at: startPosition), anchor: anchor.map { String(cString: $0) }, base: values.count))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = stack.removeLast()
                let end = position(e.end_mark)
                let node: YAMLNode
                if frame.isMapping {
                    // A key without its value cannot reach here (libyaml gives an empty value).
                    var pairs = values.movePairs(from: frame.base)
                    if !frame.merges.isEmpty {
                        // Merged keys come after the mapping's own, each once, the first
                        // source that has a key giving its value.
                        var keys: [String: SourcePosition] = [:]
                        for pair in pairs {
                            if let name = pair.key.scalar, keys[name] == nil { keys[name] = pair.key.start }
                        }
                        if let position = frame.mergeKeyStart { keys["<<"] = position }
                        for merge in frame.merges {
                            let sources = merge.sequence ?? [merge]
                            for source in sources {
                                for pair in source.mapping ?? [] where keys[pair.name] == nil {
                                    keys[pair.name] = pair.key.start
                                    pairs.append(pair)
                                }
                            }
                        }
                    }
                    node = YAMLNode(content: .mapping(pairs), style: frame.style, tag: frame.tag, start: frame.start, end: end)
                } else {
                    let items = values.moveItems(from: frame.base)
                    node = YAMLNode(content: .sequence(items), style: frame.style, tag: frame.tag, start: frame.start, end: end)
                }
                if let anchor = frame.anchor { anchors[anchor] = (node, frame.weight) }
                attach(consume node, weight: frame.weight)
            case YAML_ALIAS_EVENT:
                let name = e.data.alias.anchor.map { String(cString: $0) } ?? ""
                guard let (node, weight) = anchors[name] else {
                    throw YAMLProblem(kind: .undefinedAlias, message: Message("yaml.undefined-alias", ["alias": name]),
                                      help: Message("yaml.undefined-alias.help"), position: startPosition)
                }
                aliasNodes += weight
                if aliasNodes > Self.maxAliasNodes {
                    throw YAMLProblem(kind: .aliasExpansion,
                                      message: Message("yaml.alias-expansion", ["limit": String(Self.maxAliasNodes)]),
                                      help: Message("yaml.alias-expansion.help"), position: startPosition)
                }
                attach(node, weight: weight)
            default:
                break
            }
        }
    }

    /// The composer's stack of finished nodes waiting for their collection to close.
    /// Nodes are moved in and moved out (into the collection's array) without a copy:
    /// an `Array` would retain every node when the collection's array is made and release
    /// it again when the stack shrinks, two reference-count updates per node of the file.
    final class NodeStack {
        private var base: UnsafeMutablePointer<YAMLNode>
        private var capacity: Int
        private(set) var count = 0

        init() {
            capacity = 64
            base = .allocate(capacity: capacity)
        }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }

        func append(_ node: consuming YAMLNode) {
            if count == capacity {
                let grown = UnsafeMutablePointer<YAMLNode>.allocate(capacity: capacity * 2)
                grown.moveInitialize(from: base, count: count)
                base.deallocate()
                base = grown
                capacity *= 2
            }
            (base + count).initialize(to: consume node)
            count += 1
        }

        func removeLast() {
            precondition(count > 0)
            count -= 1
            (base + count).deinitialize(count: 1)
        }

        func scalar(at index: Int) -> String? {
            if case .scalar(let text) = base[index].content { return text }
            return nil
        }

        func start(at index: Int) -> SourcePosition { base[index].start }

        /// A plain, untagged `<<`: YAML's merge key.
        func isPlainMergeKey(at index: Int) -> Bool {
            let node = base + index
            guard node.pointee.style == .plain, node.pointee.tag == nil,
                  case .scalar(let text) = node.pointee.content else { return false }
            return text == "<<"
        }

        /// The nodes from `start` on, moved out into an array; the stack ends at `start`.
        func moveItems(from start: Int) -> [YAMLNode] {
            let moved = count - start
            precondition(moved >= 0)
            let items = [YAMLNode](unsafeUninitializedCapacity: moved) { buffer, initialized in
                if moved > 0 { buffer.baseAddress!.moveInitialize(from: base + start, count: moved) }
                initialized = moved
            }
            count = start
            return items
        }

        /// The nodes from `start` on taken two by two as key and value (an odd one out,
        /// which libyaml never leaves, is dropped); the stack ends at `start`.
        func movePairs(from start: Int) -> [YAMLPair] {
            let pairCount = (count - start) / 2
            precondition(pairCount >= 0)
            let pairs = [YAMLPair](unsafeUninitializedCapacity: pairCount) { buffer, initialized in
                var from = base + start
                for index in 0..<pairCount {
                    (buffer.baseAddress! + index).initialize(to: YAMLPair(key: from.move(), value: (from + 1).move()))
                    from += 2
                }
                initialized = pairCount
            }
            let rest = count - start - pairCount * 2
            if rest > 0 { (base + start + pairCount * 2).deinitialize(count: rest) }
            count = start
            return pairs
        }
    }

    // MARK: - libyaml plumbing

    /// The next event, in the reader's one event buffer (reused: the caller deletes the
    /// event's contents with `done(_:)` before parsing the next).
    private func parse() throws -> UnsafeMutablePointer<yaml_event_t> {
        event.initialize(to: yaml_event_t())
        guard yaml_parser_parse(parser, event) == 1 else {
            finished = true
            throw problem()
        }
        return event
    }

    private func done(_ event: UnsafeMutablePointer<yaml_event_t>) {
        yaml_event_delete(event)
    }

    private func position(_ mark: yaml_mark_t) -> SourcePosition {
        SourcePosition(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    /// libyaml's error, as a located problem with a hint for the common causes.
    private func problem() -> YAMLProblem {
        let text = parser.pointee.problem.map { String(cString: $0) } ?? "unknown error"
        var position: SourcePosition?
        switch parser.pointee.error {
        case YAML_READER_ERROR:
            position = positionOfByte(Int(parser.pointee.problem_offset))
        default:
            position = self.position(parser.pointee.problem_mark)
        }
        if parser.pointee.error == YAML_MEMORY_ERROR || text.contains("Maximum nesting level") {
            // libyaml reports its nesting limit as a memory error, without a mark.
            return YAMLProblem(kind: .tooDeep, message: Message("yaml.too-deep", ["limit": String(Self.maxDepth)]),
                               help: Message("yaml.too-deep.help"),
                               position: parser.pointee.error == YAML_MEMORY_ERROR ? self.position(parser.pointee.mark) : position)
        }
        var arguments = ["problem": Self.term(text)]
        if let context = parser.pointee.context.map({ String(cString: $0) }) {
            arguments["context"] = Self.term(context)
        }
        var help: Message?
        if let position, let byte = byte(at: position), byte == UInt8(ascii: "\t") {
            help = Message("yaml.tab.help")
        } else if text.contains("mapping values are not allowed") {
            help = Message("yaml.mapping-values.help")
        } else if text.contains("could not find expected ':'") || text.contains("did not find expected key") {
            help = Message("yaml.indentation.help")
        }
        let key = arguments["context"] == nil ? "yaml.syntax" : "yaml.syntax-context"
        return YAMLProblem(kind: .syntax, message: Message(key, arguments), help: help, position: position)
    }

    /// The line and column (in Unicode scalars) of a byte offset.
    private func positionOfByte(_ offset: Int) -> SourcePosition {
        var line = 1
        var column = 1
        var index = 0
        let limit = min(offset, buffer.count)
        while index < limit {
            let byte = buffer[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return SourcePosition(line: line, column: column)
    }

    /// The byte at a position, if the position is inside the buffer and ASCII-reachable.
    private func byte(at position: SourcePosition) -> UInt8? {
        var line = 1
        var index = 0
        while line < position.line, index < buffer.count {
            if buffer[index] == 0x0A { line += 1 }
            index += 1
        }
        var column = 1
        while column < position.column, index < buffer.count, buffer[index] != 0x0A {
            if buffer[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
            while index < buffer.count, buffer[index] & 0xC0 == 0x80 { index += 1 }
        }
        return index < buffer.count ? buffer[index] : nil
    }

    /// libyaml's texts that the catalogues translate, and their keys.
    static let libyamlKeys: [String: String] = [
        "block sequence entries are not allowed in this context": "libyaml.block-sequence-entries-are-not-allowed-in-this-context",
        "control characters are not allowed": "libyaml.control-characters-are-not-allowed",
        "could not find expected ':'": "libyaml.could-not-find-expected",
        "did not find expected ',' or ']'": "libyaml.did-not-find-expected-comma-or-bracket",
        "did not find expected ',' or '}'": "libyaml.did-not-find-expected-comma-or-brace",
        "did not find expected '-' indicator": "libyaml.did-not-find-expected-indicator",
        "did not find expected <document start>": "libyaml.did-not-find-expected-document-start",
        "did not find expected alphabetic or numeric character": "libyaml.did-not-find-expected-alphabetic-or-numeric-character",
        "did not find expected comment or line break": "libyaml.did-not-find-expected-comment-or-line-break",
        "did not find expected key": "libyaml.did-not-find-expected-key",
        "did not find expected node content": "libyaml.did-not-find-expected-node-content",
        "did not find expected whitespace or line break": "libyaml.did-not-find-expected-whitespace-or-line-break",
        "found a tab character that violates indentation": "libyaml.found-a-tab-character-that-violates-indentation",
        "found a tab character where an indentation space is expected": "libyaml.found-a-tab-character-where-an-indentation-space-is-expected",
        "found character that cannot start any token": "libyaml.found-character-that-cannot-start-any-token",
        "found incompatible YAML document": "libyaml.found-incompatible-yaml-document",
        "found undefined tag handle": "libyaml.found-undefined-tag-handle",
        "found unexpected ':'": "libyaml.found-unexpected",
        "found unexpected document indicator": "libyaml.found-unexpected-document-indicator",
        "found unexpected end of stream": "libyaml.found-unexpected-end-of-stream",
        "found unknown escape character": "libyaml.found-unknown-escape-character",
        "mapping keys are not allowed in this context": "libyaml.mapping-keys-are-not-allowed-in-this-context",
        "mapping values are not allowed in this context": "libyaml.mapping-values-are-not-allowed-in-this-context",
        "invalid Unicode character": "libyaml.invalid-unicode-character",
        "found unknown directive name": "libyaml.found-unknown-directive-name",
        "while parsing a block collection": "libyaml.while-parsing-a-block-collection",
        "while parsing a block mapping": "libyaml.while-parsing-a-block-mapping",
        "while parsing a block node": "libyaml.while-parsing-a-block-node",
        "while parsing a flow mapping": "libyaml.while-parsing-a-flow-mapping",
        "while parsing a flow node": "libyaml.while-parsing-a-flow-node",
        "while parsing a flow sequence": "libyaml.while-parsing-a-flow-sequence",
        "while parsing a node": "libyaml.while-parsing-a-node",
        "while parsing": "libyaml.while-parsing",
        "while scanning a block scalar": "libyaml.while-scanning-a-block-scalar",
        "while scanning a plain scalar": "libyaml.while-scanning-a-plain-scalar",
        "while scanning a quoted scalar": "libyaml.while-scanning-a-quoted-scalar",
        "while scanning a simple key": "libyaml.while-scanning-a-simple-key",
        "while scanning a tag": "libyaml.while-scanning-a-tag",
        "while scanning an alias": "libyaml.while-scanning-an-alias",
        "while scanning an anchor": "libyaml.while-scanning-an-anchor",
        "while scanning for the next token": "libyaml.while-scanning-for-the-next-token",
        "while parsing a quoted scalar": "libyaml.while-parsing-a-quoted-scalar",
    ]

    /// A libyaml text as a translatable term when the catalogues know it.
    static func term(_ text: String) -> String {
        libyamlKeys[text].map { Term.what($0) } ?? text
    }

    static let coreTags: Set<String> = [
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
        "tag:yaml.org,2002:seq",
    ]

    static func shortTag(_ tag: String) -> String {
        tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
    }
}
