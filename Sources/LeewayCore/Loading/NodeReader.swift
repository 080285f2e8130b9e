/// Reads typed values out of located YAML nodes, collecting every problem as a located
/// `Finding` instead of stopping at the first. Shared by the policy, case and
/// configuration loaders.
public struct NodeReader {
    public let file: String
    /// `invalid-policy`, `invalid-case` or `invalid-config`.
    public let code: String
    public var findings: [Finding] = []

    public init(file: String, code: String) {
        self.file = file
        self.code = code
    }

    public func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, position: node.start)
    }

    public func location(_ position: SourcePosition) -> SourceLocation {
        SourceLocation(file: file, position: position)
    }

    public mutating func error(at node: YAMLNode, _ key: String, _ arguments: [String: String] = [:], help: Message? = nil, path: KeyPath? = nil) {
        error(at: node.start, key, arguments, help: help, end: node.end, path: path)
    }

    public mutating func error(at position: SourcePosition, _ key: String, _ arguments: [String: String] = [:], help: Message? = nil,
                        end: SourcePosition? = nil, path: KeyPath? = nil) {
        findings.append(Finding(rule: code, severity: .error, location: location(position), end: end,
                                message: Message(key, arguments), help: help, path: path))
    }

    // MARK: - Structure

    /// The pairs of a mapping node, or an error naming what was expected.
    public mutating func mapping(_ node: YAMLNode, _ what: @autoclosure () -> String) -> [YAMLPair]? {
        if let pairs = node.mapping { return pairs }
        error(at: node, "load.expected-mapping", ["what": what(), "found": Term.what("kind.\(node.kindName)")], help: Message("load.expected-mapping.help"))
        return nil
    }

    public mutating func sequence(_ node: YAMLNode, _ what: @autoclosure () -> String) -> [YAMLNode]? {
        if let items = node.sequence { return items }
        error(at: node, "load.expected-list", ["what": what(), "found": Term.what("kind.\(node.kindName)")], help: Message("load.expected-list.help"))
        return nil
    }

    /// Reports keys not in `allowed`, with a "did you mean" when one is close.
    public mutating func checkKeys(_ pairs: [YAMLPair], allowed: [String], in what: @autoclosure () -> String) {
        for pair in pairs {
            guard let name = pair.key.scalar else {
                error(at: pair.key, "load.key-not-scalar", ["what": what()])
                continue
            }
            if allowed.contains(name) { continue }
            if let suggestion = Suggest.closest(to: name, in: allowed) {
                error(at: pair.key, "load.unknown-key", ["key": name, "what": what()],
                      help: Message("load.did-you-mean", ["suggestion": suggestion]))
            } else {
                error(at: pair.key, "load.unknown-key", ["key": name, "what": what()],
                      help: Message("load.allowed-keys", ["keys": allowed.map { "`\($0)`" }.joined(separator: ", ")]))
            }
        }
    }

    /// Reports required keys that are missing, at the mapping that should hold them.
    public mutating func require(_ keys: [String], in pairs: [YAMLPair], parent: YAMLNode, what: @autoclosure () -> String) {
        for key in keys where !pairs.contains(where: { $0.name == key }) {
            error(at: parent, "load.missing-key", ["key": key, "what": what()], help: Message("load.missing-key.help", ["key": key]))
        }
    }

    // MARK: - Scalars

    /// A non-null scalar's text.
    public mutating func string(_ node: YAMLNode, _ what: @autoclosure () -> String) -> String? {
        guard let text = node.scalar, !node.isNull else {
            error(at: node, "load.expected-text", ["what": what(), "found": Term.what("kind.\(node.kindName)")])
            return nil
        }
        return text
    }

    /// A title: one text (`title: Apply an account credit`), or one per language
    /// (`title: { en: Apply an account credit, es: Aplicar un abono en la cuenta }`) for a
    /// team that reads Leeway in several. The default text is the English one when given,
    /// else the first written; the others are kept per language.
    public mutating func title(_ node: YAMLNode, _ what: @autoclosure () -> String) -> (text: String, translations: [Language: String])? {
        guard let pairs = node.mapping else {
            guard let text = string(node, what()) else { return nil }
            return (text, [:])
        }
        checkKeys(pairs, allowed: Language.allCases.map(\.rawValue), in: what())
        var first: String?
        var translations: [Language: String] = [:]
        for pair in pairs {
            guard let name = pair.key.scalar, let language = Language(rawValue: name),
                  let text = string(pair.value, what()) else { continue }
            translations[language] = text
            if first == nil { first = text }
        }
        if pairs.isEmpty {
            error(at: node, "load.empty-title", ["what": what()], help: Message("load.empty-title.help"))
        }
        guard let text = translations[.en] ?? first else { return nil }
        return (text, translations)
    }

    /// A kebab-case identifier (`issue-credit`).
    public mutating func identifier(_ node: YAMLNode, _ what: @autoclosure () -> String) -> String? {
        guard let text = string(node, what()) else { return nil }
        if !NodeReader.isIdentifier(text) {
            error(at: node, "load.bad-identifier", ["what": what(), "value": text], help: Message("load.bad-identifier.help"))
            return nil
        }
        return text
    }

    public static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 95 }
    }

    /// `true` / `false`. YAML 1.1 spellings (`yes`, `on`, …) are an error with a hint.
    public mutating func bool(_ node: YAMLNode, _ what: @autoclosure () -> String) -> Bool? {
        guard let text = string(node, what()) else { return nil }
        if let value = NodeReader.boolValue(text) { return value }
        if let meant = NodeReader.yaml11Bool(text) {
            error(at: node, "load.yaml11-bool", ["value": text, "what": what()], help: Message("load.yaml11-bool.help", ["value": meant ? "true" : "false"]))
        } else {
            error(at: node, "load.expected-bool", ["value": text, "what": what()], help: Message("load.expected-bool.help"))
        }
        return nil
    }

    public static func boolValue(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    public static func yaml11Bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "y", "on": return true
        case "no", "n", "off": return false
        default: return nil
        }
    }

    public mutating func integer(_ node: YAMLNode, _ what: @autoclosure () -> String) -> Int64? {
        guard let text = string(node, what()) else { return nil }
        guard let value = Int64(text) else {
            error(at: node, "load.expected-count", ["value": text, "what": what()], help: Message("load.expected-count.help"))
            return nil
        }
        if value < 0 {
            error(at: node, "load.negative", ["value": text, "what": what()], help: Message("load.negative.help"))
            return nil
        }
        return value
    }

    public mutating func duration(_ node: YAMLNode, _ what: @autoclosure () -> String) -> Located<Duration>? {
        guard let text = string(node, what()) else { return nil }
        if text.hasPrefix("-") {
            error(at: node, "load.negative", ["value": text, "what": what()], help: Message("load.negative.help"))
            return nil
        }
        guard let value = Duration(parsing: text) else {
            if Duration.mixesWorkingDays(text) {
                error(at: node, "load.working-days-alone", ["value": text, "what": what()], help: Message("load.working-days-alone.help"))
                return nil
            }
            error(at: node, "load.bad-duration", ["value": text, "what": what()], help: Message("load.bad-duration.help"))
            return nil
        }
        return Located(value, at: location(node), end: node.end)
    }

    /// Money in the policy's currency. A bare number takes `currency`; another
    /// currency than the policy's is an error (Leeway never converts).
    public mutating func money(_ node: YAMLNode, _ what: @autoclosure () -> String, currency: String?) -> Located<Money>? {
        guard let text = string(node, what()) else { return nil }
        guard let value = Money(parsing: text, defaultCurrency: currency) else {
            if currency == nil, Money.decimal(text.trimmingASCIISpaces) != nil {
                error(at: node, "load.money-needs-currency", ["value": text, "what": what()], help: Message("load.money-needs-currency.help"))
            } else {
                error(at: node, "load.bad-money", ["value": text, "what": what()], help: Message("load.bad-money.help"))
            }
            return nil
        }
        if value.isNegative {
            error(at: node, "load.negative", ["value": text, "what": what()], help: Message("load.negative.help"))
            return nil
        }
        if let currency, value.currency != currency {
            error(at: node, "load.mixed-currency", ["value": text, "currency": currency, "what": what()],
                  help: Message("load.mixed-currency.help", ["currency": currency]))
            return nil
        }
        return Located(value, at: location(node), end: node.end)
    }

    /// An amount in a measure (`up-to`, `at-least`, a want's `amount`).
    public mutating func quantity(_ node: YAMLNode, measure: Measure, _ what: @autoclosure () -> String, currency: String?) -> Located<Quantity>? {
        switch measure {
        case .money:
            return money(node, what(), currency: currency).map { Located(.money($0.value), at: $0.location, end: $0.end) }
        case .duration:
            return duration(node, what()).map { Located(.duration($0.value), at: $0.location, end: $0.end) }
        case .count:
            return integer(node, what()).map { Located(.count($0), at: location(node), end: node.end) }
        case .none:
            error(at: node, "load.amount-on-none", ["what": what()], help: Message("load.amount-on-none.help"))
            return nil
        }
    }

    /// A value of a declared enum, with "did you mean" for a typo.
    public mutating func enumValue<E: RawRepresentable & CaseIterable>(_ node: YAMLNode, _ type: E.Type, _ what: @autoclosure () -> String) -> E? where E.RawValue == String {
        guard let text = string(node, what()) else { return nil }
        if let value = E(rawValue: text) { return value }
        unknownValue(node, text, allowed: E.allCases.map(\.rawValue), what: what())
        return nil
    }

    public mutating func unknownValue(_ node: YAMLNode, _ text: String, allowed: [String], what: @autoclosure () -> String) {
        if let suggestion = Suggest.closest(to: text, in: allowed) {
            error(at: node, "load.unknown-value", ["value": text, "what": what()], help: Message("load.did-you-mean", ["suggestion": suggestion]))
        } else {
            error(at: node, "load.unknown-value", ["value": text, "what": what()],
                  help: Message("load.allowed-values", ["values": allowed.map { "`\($0)`" }.joined(separator: ", ")]))
        }
    }

    /// Reports YAML-level problems (duplicate keys, tags) collected while composing.
    public mutating func report(_ problems: [YAMLProblem]) {
        for problem in problems {
            findings.append(Finding(rule: code, severity: .error,
                                    location: SourceLocation(file: file, position: problem.position),
                                    message: problem.message, help: problem.help))
        }
    }
}
