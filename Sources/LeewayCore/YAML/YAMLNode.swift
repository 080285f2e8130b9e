/// A YAML node that remembers where it was written.
///
/// Leeway composes its own tree from libyaml's events (see `YAMLReader`) instead of
/// using Yams' `Node`, so that every node keeps its start and end position, duplicate
/// keys are reported at the second occurrence without aborting the document, and alias
/// expansion is bounded.
public struct YAMLNode: Sendable {
    public enum Style: Sendable, Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded, flow, block
    }

    public enum Content: Sendable {
        case scalar(String)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var content: Content
    public var style: Style
    /// An explicit tag as written (`!!str`, `!custom`), or nil.
    public var tag: String?
    public var start: SourcePosition
    public var end: SourcePosition

    public init(content: Content, style: Style, tag: String? = nil, start: SourcePosition, end: SourcePosition) {
        self.content = content
        self.style = style
        self.tag = tag
        self.start = start
        self.end = end
    }

    /// The scalar's text, if this is a scalar.
    public var scalar: String? {
        if case .scalar(let text) = content { return text }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// A plain scalar that YAML reads as null: empty, `~`, `null`.
    public var isNull: Bool {
        guard style == .plain, tag == nil, let text = scalar else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// What kind of node this is, for messages (`a mapping`, `a list`, `a scalar`).
    public var kindName: String {
        switch content {
        case .scalar: return isNull ? "null" : "scalar"
        case .sequence: return "list"
        case .mapping: return "mapping"
        }
    }

    /// The value of a key in a mapping node (the first one, if written twice).
    public subscript(key: String) -> YAMLNode? {
        // In place: no copy of each key's text on the way (decoding looks keys up often).
        guard case .mapping(let pairs) = content else { return nil }
        for pair in pairs {
            if case .scalar(let text) = pair.key.content, text == key { return pair.value }
        }
        return nil
    }
}

public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }

    /// The key's text (keys are scalars in Leeway's language).
    public var name: String { key.scalar ?? "" }
}

/// One document of a YAML stream, with the problems found while composing it.
public struct YAMLDocument: Sendable {
    public var root: YAMLNode?
    /// Where the document starts (its `---`, or its first node).
    public var start: SourcePosition
    /// Problems that did not stop composition (duplicate keys, unsupported tags).
    public var problems: [YAMLProblem]
}

/// A problem with the YAML itself, located.
public struct YAMLProblem: Error, Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// libyaml could not read the text (reader, scanner or parser error).
        case syntax
        case duplicateKey
        case unsupportedTag
        case undefinedAlias
        case aliasExpansion
        /// More nodes in one document than `YAMLReader.maxNodes`.
        case tooManyNodes
        case tooDeep
        case notText
    }

    public var kind: Kind
    /// The message key in the catalogue, and its arguments.
    public var message: Message
    public var help: Message?
    public var position: SourcePosition?

    public init(kind: Kind, message: Message, help: Message? = nil, position: SourcePosition?) {
        self.kind = kind
        self.message = message
        self.help = help
        self.position = position
    }
}
