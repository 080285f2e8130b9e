import Foundation

extension Language {
    /// The language of `--help`, usage and argument errors, known before the arguments
    /// are parsed: the last `--lang L` or `--lang=L` naming a language Leeway speaks, then
    /// `LEEWAY_LANG`, then `LC_ALL`, `LC_MESSAGES` and `LANG`; English otherwise.
    /// `lang:` in `.leeway.yml` is not read: help must not depend on a file being valid.
    public static func forArguments(_ arguments: [String],
                                    environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        resolve(explicit: languageOption(in: arguments).language, configured: nil, environment: environment)
    }

    /// The last `--lang L` / `--lang=L` naming a language Leeway speaks (before `--`), and
    /// the arguments without any `--lang` option: argument-parser's own `help` command
    /// takes no options, so `leeway help check --lang es` is parsed without it.
    public static func languageOption(in arguments: [String]) -> (language: Language?, rest: [String]) {
        var explicit: Language?
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                rest += arguments[index...]
                break
            }
            if argument == "--lang" {
                if index + 1 < arguments.count, let language = Language(rawValue: arguments[index + 1]) { explicit = language }
                index += 2
                continue
            }
            if argument.hasPrefix("--lang=") {
                if let language = Language(rawValue: String(argument.dropFirst("--lang=".count))) { explicit = language }
                index += 1
                continue
            }
            rest.append(argument)
            index += 1
        }
        return (explicit, rest)
    }
}

/// What swift-argument-parser prints in its own words (help headers, the annotations of
/// option help, usage lines, argument errors), put into a language. The English texts
/// are the patterns (`English.argumentParser`, exactly as argument-parser 1.8.2 writes
/// them); anything not recognised is left as it is. English text comes back unchanged.
public enum ArgumentParserText {
    public static func translate(_ text: String, to language: Language) -> String {
        guard language != .en else { return text }
        func word(_ key: String) -> String { Catalog.text(key, in: language) }
        func english(_ key: String) -> String { Catalog.text(key, in: .en) }

        // Labels that start a line; the text after them keeps its own words.
        let prefixes: [(from: String, to: String, hanging: Bool)] = [
            (english("help.parser.overview") + " ", word("help.parser.overview") + " ", false),
            (english("help.parser.usage-header") + " ", word("help.parser.usage-header") + " ", true),
            (english("help.parser.usage") + " ", word("help.parser.usage") + " ", true),
            (english("help.parser.help-line") + "  ", word("help.parser.help-line") + "  ", false),
        ]
        let headers = ["help.parser.arguments", "help.parser.options", "help.parser.subcommands"]
        let flagTexts = ["help.parser.help-flag", "help.parser.version-flag", "help.parser.help-command"]
        let errorPrefix = english("help.parser.error") + " "

        var out: [String] = []
        // A usage line's continuation lines hang under its first word; when the label
        // changes length they move with it.
        var hangingShift: Int?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let shift = hangingShift, line.hasPrefix("       ") {
                out.append(shift < 0 ? String(line.dropFirst(-shift)) : String(repeating: " ", count: shift) + line)
                continue
            }
            hangingShift = nil
            if let prefix = prefixes.first(where: { line.hasPrefix($0.from) }) {
                var rest = String(line.dropFirst(prefix.from.count))
                if prefix.hanging {
                    for key in ["help.parser.subcommand-placeholder", "help.parser.options-placeholder"] {
                        rest = rest.replacingOccurrences(of: english(key), with: word(key))
                    }
                }
                out.append(prefix.to + rest)
                if prefix.hanging { hangingShift = prefix.to.count - prefix.from.count }
                continue
            }
            if line.hasPrefix(errorPrefix) {
                let message = String(line.dropFirst(errorPrefix.count))
                out.append(word("help.parser.error") + " " + (sentence(message, language: language) ?? message))
                continue
            }
            if let header = headers.first(where: { line == english($0) }) {
                out.append(word(header))
                continue
            }
            if let flag = flagTexts.first(where: { line.hasSuffix(english($0)) }) {
                out.append(line.dropLast(english(flag).count) + word(flag))
                continue
            }
            let indent = String(line.prefix(while: { $0 == " " }))
            if !indent.isEmpty, let translated = sentence(String(line.dropFirst(indent.count)), language: language,
                                                         keys: ["help.parser.more-information", "help.parser.detailed-help"]) {
                out.append(indent + translated)
                continue
            }
            out.append(line)
        }
        var result = out.joined(separator: "\n")
        // "(values: a, b; default: c)": wrapped text, so a word may end a line.
        result = replace("(\\()" + NSRegularExpression.escapedPattern(for: english("help.parser.values")) + "(\\s)",
                         in: result, with: word("help.parser.values"))
        result = replace("(\\(|;\\s+)" + NSRegularExpression.escapedPattern(for: english("help.parser.default")) + "(\\s)",
                         in: result, with: word("help.parser.default"))
        return result
    }

    /// `text` with each match of `pattern` (two groups: before and after the word)
    /// holding `word` between the groups.
    private static func replace(_ pattern: String, in text: String, with word: String) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text),
                                              withTemplate: "$1" + NSRegularExpression.escapedTemplate(for: word) + "$2")
    }

    /// The sentences of argument errors, most specific first.
    static let sentenceKeys = [
        "help.parser.unknown-option-suggestion", "help.parser.unknown-option", "help.parser.invalid-option",
        "help.parser.missing-value", "help.parser.missing-argument", "help.parser.missing-one-of",
        "help.parser.invalid-value-list", "help.parser.invalid-value-one-of", "help.parser.invalid-value-reason",
        "help.parser.invalid-value", "help.parser.unexpected-argument", "help.parser.unexpected-arguments",
        "help.parser.flag-takes-no-value",
    ]

    /// One of argument-parser's sentences in `language`, or nil when `text` is none of them.
    static func sentence(_ text: String, language: Language, keys: [String] = sentenceKeys) -> String? {
        for key in keys {
            guard let arguments = match(text, Catalog.text(key, in: .en)) else { continue }
            var values = arguments
            // Lists of quoted values: `'a', 'b' or 'c'` reads "`a`, `b` o `c`".
            for name in ["values", "arguments"] {
                guard let list = arguments[name] else { continue }
                let items = quoted(list)
                guard !items.isEmpty else { continue }
                let ticked = items.map { "`\($0)`" }
                if name == "values", ticked.count > 1 {
                    values[name] = ticked.dropLast().joined(separator: ", ") + " " + Catalog.text("help.parser.or", in: language) + " " + ticked.last!
                } else {
                    values[name] = ticked.joined(separator: ", ")
                }
            }
            return Catalog.fill(Catalog.text(key, in: language), values)
        }
        return nil
    }

    /// The values of a template's `{name}`s when `text` is the template, else nil.
    static func match(_ text: String, _ template: String) -> [String: String]? {
        var pattern = "^"
        var names: [String] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            pattern += NSRegularExpression.escapedPattern(for: String(rest[..<open])) + "(.+?)"
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        pattern += NSRegularExpression.escapedPattern(for: String(rest)) + "$"
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
              let found = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        var values: [String: String] = [:]
        for (index, name) in names.enumerated() {
            guard let range = Range(found.range(at: index + 1), in: text) else { return nil }
            values[name] = String(text[range])
        }
        return values
    }

    /// The items between single quotes: `'a', 'b' or 'c'` → a, b, c.
    static func quoted(_ list: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: "'([^']*)'") else { return [] }
        return regex.matches(in: list, range: NSRange(list.startIndex..., in: list)).compactMap { found in
            Range(found.range(at: 1), in: list).map { String(list[$0]) }
        }
    }
}
