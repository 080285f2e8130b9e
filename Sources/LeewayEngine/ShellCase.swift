import Foundation
import LeewayCore

/// A case typed on the shell: `--as ROLE --want ACTION[=AMOUNT] … --fact KEY=VALUE …
/// [--channel C] [--mood M]`. Its source is the command line itself, so every error
/// points at the argument that caused it (`<command line>:1:42`) with a caret under it.
public struct ShellCase: Sendable {
    public var role: String
    public var wants: [String]
    public var facts: [String]
    public var channel: String?
    public var mood: String?
    public var id: String

    public init(role: String, wants: [String], facts: [String] = [], channel: String? = nil, mood: String? = nil, id: String = "shell",
                language: Language = .en) {
        self.language = language
        self.role = role
        self.wants = wants
        self.facts = facts
        self.channel = channel
        self.mood = mood
        self.id = id
    }

    /// The language of the pseudo file name the case's locations carry.
    public var language: Language

    /// `<command line>` (`<línea de comandos>`): the file name of the case's locations.
    public var path: String { Catalog.text("engine.shell-path", in: language) }

    /// Builds the case, or the located problems with the written arguments.
    public func build() -> (Case?, SourceFile, [Finding]) {
        // The "source line": the options as a user would type them.
        var line = ""
        var findings: [Finding] = []
        func add(_ option: String, _ value: String) -> Int {
            if !line.isEmpty { line += " " }
            line += option + " "
            let column = line.unicodeScalars.count + 1
            line += value.contains(" ") ? "'\(value)'" : value
            return column + (value.contains(" ") ? 1 : 0)
        }
        func at(_ column: Int) -> SourceLocation { SourceLocation(file: path, line: 1, column: column) }

        let roleColumn = add("--as", role)
        var wantValues: [Want] = []
        for (index, written) in wants.enumerated() {
            let column = add("--want", written)
            let parts = written.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let action = String(parts[0]).trimmingCharacters(in: .whitespaces)
            guard !action.isEmpty else {
                findings.append(Finding(rule: Finding.invalidCase, severity: .error, location: at(column),
                                        message: Message("engine.bad-option", ["value": written, "option": "--want", "problem": Term.what("engine.bad-want")])))
                continue
            }
            var amount: Located<String>?
            if parts.count == 2 {
                let amountColumn = column + parts[0].unicodeScalars.count + 1
                amount = Located(ShellCase.spaced(String(parts[1])), at: at(amountColumn))
            }
            wantValues.append(Want(action: Located(action, at: at(column)), amount: amount, index: index, at: at(column)))
        }
        var factValues: [CaseFact] = []
        for written in facts {
            let column = add("--fact", written)
            let parts = written.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else {
                findings.append(Finding(rule: Finding.invalidCase, severity: .error, location: at(column),
                                        message: Message("engine.bad-option", ["value": written, "option": "--fact", "problem": Term.what("engine.bad-fact")])))
                continue
            }
            factValues.append(CaseFact(name: String(parts[0]), text: String(parts[1]), at: at(column),
                                       valueAt: at(column + parts[0].unicodeScalars.count + 1)))
        }
        var channelValue: Located<String>?
        if let channel { channelValue = Located(channel, at: at(add("--channel", channel))) }
        var customer: Customer?
        if let mood { customer = Customer(mood: Located(mood, at: at(add("--mood", mood)))) }
        let file = SourceFile(path: path, text: line)
        let value = Case(id: Located(id, at: at(1)), handledBy: Located(role, at: at(roleColumn)), wants: wantValues,
                         location: at(1), file: file, channel: channelValue, customer: customer, facts: factValues)
        return (findings.isEmpty ? value : nil, file, findings)
    }

    /// `40USD` → `40 USD` (an amount typed without its space).
    static func spaced(_ amount: String) -> String {
        let scalars = Array(amount.unicodeScalars)
        guard scalars.count > 3 else { return amount }
        let code = scalars.suffix(3)
        let before = scalars[scalars.count - 4]
        if code.allSatisfy({ $0.properties.isUppercase }) && ("0"..."9").contains(before) {
            return String(String.UnicodeScalarView(scalars.dropLast(3))) + " " + String(String.UnicodeScalarView(code))
        }
        return amount
    }
}
