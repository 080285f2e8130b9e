import Foundation

extension YAMLNode {
    /// Where the node's own text ends: a block collection's end mark lies at the next
    /// token (often the start of a later line), so this looks at its last content.
    public var contentEnd: SourcePosition {
        guard style == .block else { return end }
        switch content {
        case .scalar: return end
        case .sequence(let items): return items.last?.contentEnd ?? end
        case .mapping(let pairs): return pairs.last?.value.contentEnd ?? end
        }
    }

    /// The node (this one or below) that starts at a position, preferring the outermost.
    public func node(startingAt position: SourcePosition) -> YAMLNode? {
        if start == position { return self }
        guard start <= position else { return nil }
        switch content {
        case .scalar: return nil
        case .sequence(let items):
            for item in items where item.start <= position && position < item.end || item.start == position {
                if let found = item.node(startingAt: position) { return found }
            }
        case .mapping(let pairs):
            for pair in pairs {
                if pair.key.start == position { return pair.key }
                if pair.value.start <= position && (position < pair.value.end || pair.value.start == position) {
                    if let found = pair.value.node(startingAt: position) { return found }
                }
            }
        }
        return nil
    }

    /// The node at a key path (`actions.issue-credit.grants[1]`).
    public func node(at path: KeyPath) -> YAMLNode? {
        var node: YAMLNode? = self
        for component in path.components {
            guard let current = node else { return nil }
            if component.hasPrefix("["), let index = Int(component.dropFirst().dropLast()) {
                guard let items = current.sequence, index < items.count else { return nil }
                node = items[index]
            } else {
                node = current[component]
            }
        }
        return node
    }

    /// The key/value pair named `key` in this mapping.
    public func pair(_ key: String) -> YAMLPair? {
        mapping?.first { $0.key.scalar == key }
    }
}
