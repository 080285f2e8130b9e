import Foundation
import LeewayCore

/// How a report is rendered: its language, and whether the terminal takes colour.
public struct ReportOptions: Sendable {
    public var language: Language
    public var color: Bool

    public init(language: Language = .en, color: Bool = false) {
        self.language = language
        self.color = color
    }

    func text(_ key: String) -> String { Catalog.text(key, in: language) }

    /// `error`, `warning`, `note` in the report's language (looked up once: every finding says one).
    func severityText(_ severity: Severity) -> String {
        ReportOptions.severityTexts[Language.allCases.firstIndex(of: language)!][Severity.allCases.firstIndex(of: severity)!]
    }

    private static let severityTexts: [[String]] = Language.allCases.map { language in
        Severity.allCases.map { Catalog.text("severity.\($0.rawValue)", in: language) }
    }

    /// A label (`label.why`, `label.help`, `label.override`) in the report's language, looked up once.
    func label(_ key: String) -> String {
        let index = Language.allCases.firstIndex(of: language)!
        return ReportOptions.labels[index][key] ?? text(key)
    }

    private static let labels: [[String: String]] = Language.allCases.map { language in
        Dictionary(uniqueKeysWithValues: ["label.why", "label.help", "label.override"].map { ($0, Catalog.text($0, in: language)) })
    }
    func render(_ message: Message) -> String { message.render(language) }
    /// The message appended to a report's bytes.
    func render(_ message: Message, into out: inout [UInt8]) { Catalog.render(message, in: language, into: &out) }
}

/// ANSI styling, applied only when colour is on.
public struct Style: Sendable {
    public let enabled: Bool
    public init(enabled: Bool) { self.enabled = enabled }
    func bold(_ s: String) -> String { wrap(s, "1") }
    func red(_ s: String) -> String { wrap(s, "1;31") }
    func yellow(_ s: String) -> String { wrap(s, "1;33") }
    func cyan(_ s: String) -> String { wrap(s, "1;36") }
    func green(_ s: String) -> String { wrap(s, "1;32") }
    func dim(_ s: String) -> String { wrap(s, "2") }
    func severity(_ severity: Severity, _ s: String) -> String {
        switch severity {
        case .error: return red(s)
        case .warning: return yellow(s)
        case .note: return cyan(s)
        }
    }
    private func wrap(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
}

/// Serializes a JSON object with Foundation (sorted keys, so output is stable).
public enum JSONOutput {
    public static func string(_ object: Any, pretty: Bool = true) -> String {
        var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { options.insert(.prettyPrinted) }
        guard JSONSerialization.isValidJSONObject(object),
              let data = try? JSONSerialization.data(withJSONObject: object, options: options) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
