import Foundation

/// A language Leeway speaks. English is the default.
public enum Language: String, CaseIterable, Sendable {
    case en, es

    /// The language asked for by the environment: `LEEWAY_LANG`, then `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` (`es_MX.UTF-8` → Spanish). English otherwise.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        resolve(configured: nil, environment: environment)
    }

    /// The language of a run, the same way for every command: `--lang` (`explicit`),
    /// then `LEEWAY_LANG`, then `lang:` in `.leeway.yml` (`configured`, read only when
    /// needed), then `LC_ALL`, `LC_MESSAGES` and `LANG`; English otherwise.
    public static func resolve(explicit: Language? = nil, configured: @autoclosure () -> Language?,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        if let explicit { return explicit }
        if let value = environment["LEEWAY_LANG"], let language = Language(rawValue: code(value)) { return language }
        if let configured = configured() { return configured }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            let code = code(value)
            if let language = Language(rawValue: code) { return language }
            // LC_ALL/LANG set to another language: that language is not ours, use English.
            if code != "c" && code != "posix" { return .en }
        }
        return .en
    }

    /// The language part of a locale name: `es_MX.UTF-8` → `es`.
    private static func code(_ value: String) -> String {
        value.prefix(while: { $0.isLetter }).lowercased()
    }
}

/// A user-facing message: a key into the catalogue of each language and the values to
/// fill in. The library builds messages; reporters render them in the user's language.
///
/// Templates name their arguments in braces (`unknown key {key}`); a value is inserted
/// as it is, so templates put backticks around user values themselves. A count takes its
/// noun's singular or plural form with `{count:case|cases}` (`1 case`, `2 cases`), and a
/// word that agrees with it with `{count|is|are}`.
public struct Message: Hashable, Sendable {
    public var key: String
    public var arguments: [String: String]

    public init(_ key: String, _ arguments: [String: String] = [:]) {
        self.key = key
        self.arguments = arguments
    }

    /// The message in a language (falling back to English, then to the key itself).
    public func render(_ language: Language = .en) -> String {
        Catalog.render(self, in: language)
    }
}

/// The message catalogues: one table per language, built from the files under
/// `Localization/en` and `Localization/es`. A test checks both have the same keys and
/// the same placeholders.
public enum Catalog {
    public static func table(_ language: Language) -> [String: String] {
        switch language {
        case .en: return english
        case .es: return spanish
        }
    }

    static let english: [String: String] = merge(English.tables)
    static let spanish: [String: String] = merge(Spanish.tables)

    private static func merge(_ tables: [[String: String]]) -> [String: String] {
        var result: [String: String] = [:]
        // Sized once: growing it table by table rehashed every key several times at start-up.
        result.reserveCapacity(tables.reduce(0) { $0 + $1.count })
        for table in tables {
            result.merge(table) { first, _ in first }
        }
        return result
    }

    /// The raw template for a key.
    public static func template(_ key: String, in language: Language) -> String? {
        table(language)[key] ?? english[key]
    }

    /// A template's text with no arguments (titles, labels).
    public static func text(_ key: String, in language: Language) -> String {
        template(key, in: language) ?? key
    }

    public static func render(_ message: Message, in language: Language) -> String {
        guard let template = template(message.key, in: language) else { return message.key }
        return fill(template, message.arguments, language: language)
    }

    /// Replaces each `{name}` with its argument; unknown names stay as written.
    public static func fill(_ template: String, _ arguments: [String: String]) -> String {
        guard template.utf8.contains(UInt8(ascii: "{")) else { return template }
        return fill(template, arguments, language: .en)
    }

    static func fill(_ template: String, _ arguments: [String: String], language: Language) -> String {
        guard template.utf8.contains(UInt8(ascii: "{")) else { return template }
        var out: [UInt8] = []
        fill(template, arguments, language: language, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The message in a language, appended to `out` as UTF-8 (reports write bytes: no
    /// string is made for the message only to be copied into the report).
    public static func render(_ message: Message, in language: Language, into out: inout [UInt8]) {
        guard let template = template(message.key, in: language) else {
            out += message.key.utf8
            return
        }
        fill(template, message.arguments, language: language, into: &out)
    }

    static func fill(_ template: String, _ arguments: [String: String], language: Language, into out: inout [UInt8]) {
        // Byte by byte on the template's contiguous UTF-8: `{` and `}` are ASCII, so the
        // text around them is copied whole (no Character or Foundation search, no element
        // by element copy, on the path of every message).
        var template = template
        template.withUTF8 { bytes in
            let count = bytes.count
            guard let base = bytes.baseAddress else { return }
            out.reserveCapacity(out.count + count + 64)
            var index = 0
            while index < count {
                var open = index
                while open < count, base[open] != UInt8(ascii: "{") { open += 1 }
                guard open < count else { break }
                out.append(contentsOf: UnsafeBufferPointer(start: base + index, count: open - index))
                var close = open + 1
                while close < count, base[close] != UInt8(ascii: "}") { close += 1 }
                guard close < count else {
                    index = open
                    break
                }
                let nameBytes = UnsafeBufferPointer(start: base + open + 1, count: close - open - 1)
                if let value = argument(named: nameBytes, in: arguments) {
                    append(value, to: &out, language: language)
                } else if let counted = counted(String(decoding: nameBytes, as: UTF8.self), arguments) {
                    out += counted.utf8
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(start: base + open, count: close - open + 1))
                }
                index = close + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(start: base + index, count: count - index))
        }
    }

    /// The argument whose name is these bytes. A message has a handful of arguments:
    /// comparing their names' bytes costs less than making the name a string to hash.
    private static func argument(named name: UnsafeBufferPointer<UInt8>, in arguments: [String: String]) -> String? {
        guard arguments.count <= 8 else { return arguments[String(decoding: name, as: UTF8.self)] }
        for (key, value) in arguments where key.utf8.count == name.count {
            // Names are short (small strings hold no contiguous storage to compare with):
            // compared through a copy of their bytes.
            var key = key
            if key.withUTF8({ $0.elementsEqual(name) }) { return value }
        }
        return nil
    }

    /// An argument's value as the message shows it: a term rendered in the language, user
    /// texts in several languages in the language's, anything else as it is.
    private static func append(_ value: String, to out: inout [UInt8], language: Language) {
        var value = value
        // A term starts with U+E000, texts with U+E001 (EE 80 80 / EE 80 81): only then
        // is the first Character worth working out.
        let marked = value.withUTF8 { bytes -> Bool in
            if bytes.count >= 3, bytes[0] == 0xEE, bytes[1] == 0x80, bytes[2] == 0x80 || bytes[2] == 0x81 { return true }
            out.append(contentsOf: bytes)
            return false
        }
        guard marked else { return }
        switch value.first {
        case Term.marker: out.append(contentsOf: Term.render(value, in: language).utf8)
        case Term.textsMarker: out.append(contentsOf: Term.renderTexts(value, in: language).utf8)
        default: out.append(contentsOf: value.utf8)
        }
    }

    /// A counted placeholder, `{count:case|cases}`: the number, a space, and the singular
    /// form when the number is 1, the plural form otherwise (`1 case`, `0 cases`, `3 cases`).
    /// English and Spanish both use the singular for exactly one.
    /// `{count|is|are}` gives the form alone, for words that agree with a count shown
    /// elsewhere (`{count:file|files} that {count|is|are} …`).
    private static func counted(_ placeholder: String, _ arguments: [String: String]) -> String? {
        guard let separator = placeholder.firstIndex(where: { $0 == ":" || $0 == "|" }) else { return nil }
        guard let value = arguments[String(placeholder[..<separator])] else { return nil }
        let forms = placeholder[placeholder.index(after: separator)...].split(separator: "|", omittingEmptySubsequences: false)
        guard forms.count == 2 else { return nil }
        let form = value.trimmingCharacters(in: .whitespaces) == "1" ? forms[0] : forms[1]
        return placeholder[separator] == ":" ? "\(value) \(form)" : String(form)
    }

    /// The placeholder names used by a template (for the catalogue parity test); a counted
    /// placeholder `{count:case|cases}` counts as `count`.
    public static func placeholders(_ template: String) -> Set<String> {
        var names = Set<String>()
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
            var name = rest[afterOpen..<close]
            if let separator = name.firstIndex(where: { $0 == ":" || $0 == "|" }) { name = name[..<separator] }
            if let first = name.first, first.isLetter, name.allSatisfy({ $0.isLetter || $0.isNumber }) {
                names.insert(String(name))
            }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

/// English tables. Each file under `Localization/en` adds one (see `tables`).
public enum English {}
/// Spanish tables, one per English table, same keys.
public enum Spanish {}

/// Terms: translatable nouns used inside messages ("role `agent`", "policy set").
/// A term travels as an encoded argument value and is rendered in the message's
/// language by `Catalog.fill`.
public enum Term {
    static let marker: Character = "\u{E000}"

    /// A catalogue key (`what.role`), optionally with the user value it names.
    public static func what(_ key: String, _ value: String? = nil) -> String {
        if let value { return "\(marker)\(key)\(marker)\(value)" }
        return "\(marker)\(key)"
    }

    static let textsMarker: Character = "\u{E001}"

    /// A user text written in several languages (a policy's `title: { en, es }` or
    /// `reason: { en, es }`): rendered in the message's language, else as `text`.
    public static func texts(_ text: String, _ translations: [Language: String]) -> String {
        guard !translations.isEmpty else { return text }
        var encoded = String(textsMarker) + text
        for language in Language.allCases {
            if let translated = translations[language] { encoded += "\(textsMarker)\(language.rawValue)=\(translated)" }
        }
        return encoded
    }

    static func renderTexts(_ encoded: String, in language: Language) -> String {
        let parts = encoded.dropFirst().split(separator: textsMarker, omittingEmptySubsequences: false)
        let prefix = language.rawValue + "="
        for part in parts.dropFirst() where part.hasPrefix(prefix) { return String(part.dropFirst(prefix.count)) }
        return parts.first.map(String.init) ?? ""
    }

    static func render(_ encoded: String, in language: Language) -> String {
        guard encoded.first == marker else { return encoded }
        let body = encoded.dropFirst()
        let parts = body.split(separator: marker, maxSplits: 1, omittingEmptySubsequences: false)
        let key = String(parts[0])
        let template = Catalog.template(key, in: language) ?? key
        let value = parts.count > 1 ? String(parts[1]) : ""
        return Catalog.fill(template, ["value": value])
    }
}
