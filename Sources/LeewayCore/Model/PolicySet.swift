import Foundation

/// A value and where it was written.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation
    /// Where the written value ends (for patches); equal to the start when unknown.
    public var end: SourcePosition?

    public init(_ value: Value, at location: SourceLocation, end: SourcePosition? = nil) {
        self.value = value
        self.location = location
        self.end = end
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

/// A dotted key path into a policy file (`actions.issue-credit.grants[1].approval.within`),
/// used by exceptions (`at:`) and for stable finding fingerprints.
public struct KeyPath: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var components: [String]

    public init(_ components: [String] = []) {
        self.components = components
    }

    /// Parses `actions.waive-late-fee` or `actions.issue-credit.grants[1]`.
    public init(parsing text: String) {
        var parts: [String] = []
        for piece in text.split(separator: ".", omittingEmptySubsequences: true) {
            var name = Substring(piece)
            var indexes: [String] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                indexes.insert(String(name[open...]), at: 0)
                name = name[..<open]
            }
            if !name.isEmpty { parts.append(String(name)) }
            parts.append(contentsOf: indexes)
        }
        components = parts
    }

    /// One new array each (every grant, budget and step of a policy keeps its path).
    public func appending(_ key: String) -> KeyPath {
        var next: [String] = []
        next.reserveCapacity(components.count + 1)
        next.append(contentsOf: components)
        next.append(key)
        return KeyPath(next)
    }

    public func appending(index: Int) -> KeyPath {
        appending(index >= 0 && index < KeyPath.indexTexts.count ? KeyPath.indexTexts[index] : "[\(index)]")
    }

    /// `[0]` … `[255]`, written once.
    private static let indexTexts: [String] = (0..<256).map { "[\($0)]" }

    /// True when `self` is `prefix` or lies under it.
    public func hasPrefix(_ prefix: KeyPath) -> Bool {
        prefix.components.count <= components.count && Array(components.prefix(prefix.components.count)) == prefix.components
    }

    public var description: String {
        // Bytes into one buffer (every SARIF result and fingerprint writes one).
        var out: [UInt8] = []
        out.reserveCapacity(components.count * 12)
        for component in components {
            // `[` first as a byte, then as a Character (a combining mark after it would
            // make the first Character another one).
            let index = component.utf8.first == UInt8(ascii: "[") && component.hasPrefix("[")
            if !index && !out.isEmpty { out.append(UInt8(ascii: ".")) }
            out += component.utf8
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func < (a: KeyPath, b: KeyPath) -> Bool { a.description < b.description }
}

/// A policy set (SPEC §2): who may do what for customers, and how.
public struct PolicySet: Sendable {
    public var file: SourceFile
    /// Where the document starts (used for findings about the whole policy).
    public var location: SourceLocation
    public var version: Int
    public var id: Located<String>
    public var title: String?
    /// The title in other languages (`title: { en: …, es: … }`); `title` is the default.
    public var titles: [Language: String] = [:]
    public var owner: String?
    public var currency: Located<String>?
    public var roles: [Role]
    public var facts: [FactDeclaration]
    public var actions: [Action]
    public var discretion: [DiscretionBudget]
    /// What the customer is owed without asking, in file order (language 1.1).
    public var remedies: [Remedy] = []
    public var processes: [Process]
    public var commitments: Commitments
    /// Where `commitments:` is written, or nil when absent.
    public var commitmentsLocation: SourceLocation?
    public var channels: [Channel]
    public var metrics: [Metric]
    /// Where `metrics:` is written, or nil when absent.
    public var metricsLocation: SourceLocation?
    public var exceptions: [PolicyException]
    /// The composed YAML tree, for rules and patches that need the original nodes.
    public var root: YAMLNode

    public func role(_ name: String) -> Role? { roles.first { $0.name == name } }
    public func action(_ name: String) -> Action? { actions.first { $0.name == name } }
    public func fact(_ name: String) -> FactDeclaration? { facts.first { $0.name == name } }
    public func channel(_ name: String) -> Channel? { channels.first { $0.name == name } }
    public func remedy(_ name: String) -> Remedy? { remedies.first { $0.name == name } }

    /// The title in `language` when the policy gives one, else the default title.
    public func title(in language: Language) -> String? { titles[language] ?? title }
}

public struct Role: Sendable {
    public var name: String
    public var title: String?
    /// The title in other languages (`title: { en: …, es: … }`); `title` is the default.
    public var titles: [Language: String] = [:]
    public var customerFacing: Bool
    public var reachableWithin: Located<Duration>?
    public var location: SourceLocation
    public var path: KeyPath

    /// The title in `language` when the policy gives one, else the default title.
    public func title(in language: Language) -> String? { titles[language] ?? title }
}

/// A fact's type (SPEC §2 `facts:`).
public enum FactType: Sendable, Equatable {
    case enumeration([String])
    case money
    case duration
    case count
    case bool

    public var name: String {
        switch self {
        case .enumeration: return "enum"
        case .money: return "money"
        case .duration: return "duration"
        case .count: return "count"
        case .bool: return "bool"
        }
    }
}

public struct FactDeclaration: Sendable {
    public var name: String
    public var type: FactType
    /// Nil for the built-in facts (`channel`, `mood`, `waited`, `contacts`).
    public var location: SourceLocation?
    public var isBuiltIn: Bool { location == nil }
    /// Conditions on this fact come from law or contract (language 1.1): overrides and
    /// fixes never relax them.
    public var locked = false
    /// An enum fact a case may give several values of (`many: true`, language 1.1).
    public var many = false

    public static let moods = ["calm", "anxious", "frustrated", "angry"]
}

/// A typed fact value, in a condition or a case.
public enum FactValue: Hashable, Sendable, CustomStringConvertible {
    case enumeration(String)
    case money(Money)
    case duration(Duration)
    case count(Int64)
    case bool(Bool)
    /// The values a case gives for a `many` fact, in the order of the fact's declaration.
    case set([String])

    public var description: String {
        switch self {
        case .set(let values): return "[" + values.joined(separator: ", ") + "]"
        case .enumeration(let value): return value
        case .money(let money): return money.description
        case .duration(let duration): return duration.description
        case .count(let count): return String(count)
        case .bool(let bool): return bool ? "true" : "false"
        }
    }
}

public struct Action: Sendable {
    public var name: String
    public var title: String?
    /// The title in other languages (`title: { en: …, es: … }`); `title` is the default.
    public var titles: [Language: String] = [:]
    public var measure: Measure
    public var grants: [Grant]
    public var aboveLimit: AboveLimit?
    public var never: Located<Bool>?
    public var reason: String?
    /// `reason` in other languages (`reason: { en: …, es: … }`); `reason` is the default.
    public var reasons: [Language: String] = [:]
    public var location: SourceLocation
    public var path: KeyPath

    public var isNever: Bool { never?.value == true }

    /// The reason in `language` when the policy gives one, else the default reason.
    public func reason(in language: Language) -> String? { reasons[language] ?? reason }

    /// The title in `language` when the policy gives one, else the default title.
    public func title(in language: Language) -> String? { titles[language] ?? title }
}

public struct Grant: Sendable {
    public var role: Located<String>
    /// The limits when written as values; an amount rule is in `upToRule`/`atLeastRule`.
    public var upTo: Located<Quantity>?
    public var atLeast: Located<Quantity>?
    /// The limits when written as amount rules (`up-to: 10% of order-value`).
    public var upToRule: Located<AmountRule>? = nil
    public var atLeastRule: Located<AmountRule>? = nil
    public var when: Condition?
    public var approval: Approval?
    /// The grant's item in the list (its `-` or flow mapping).
    public var location: SourceLocation
    public var index: Int
    public var path: KeyPath

    /// The `up-to` a static rule may judge: the value, or an amount rule's `max`.
    public var staticUpTo: Quantity? { upTo?.value ?? upToRule?.value.max }
    /// The `at-least` a static rule may judge: the value, or an amount rule's `max`.
    public var staticAtLeast: Quantity? { atLeast?.value ?? atLeastRule?.value.max }
    /// Whether some limit is an amount rule.
    public var hasAmountRule: Bool { upToRule != nil || atLeastRule != nil }
}

public struct Approval: Sendable {
    public var by: Located<String>
    public var within: Located<Duration>?
    public var location: SourceLocation
    public var path: KeyPath
}

public struct AboveLimit: Sendable {
    public var approval: Approval?
    /// The path counts only when this holds (language 1.1: an exemption from the approval).
    public var when: Condition? = nil
    public var location: SourceLocation
    public var path: KeyPath
}

public enum BudgetPeriod: String, CaseIterable, Sendable {
    case `case`, customer, day, week, month, year
}

public enum Review: String, CaseIterable, Sendable {
    case afterTheFact = "after-the-fact"
    case none
}

/// A free budget a role may spend at its own judgement (the Ritz-Carlton pattern).
public struct DiscretionBudget: Sendable {
    public var role: Located<String>
    /// The budget as a value; for an amount rule, the rule's `max` (zero without one).
    public var upTo: Located<Money>
    /// The budget when written as an amount rule (`up-to: 10% of order-value`).
    public var upToRule: Located<AmountRule>? = nil
    public var per: Located<BudgetPeriod>
    public var review: Located<Review>?
    public var location: SourceLocation
    public var path: KeyPath
}

public struct Process: Sendable {
    public var name: String
    public var when: Condition?
    public var steps: [Step]
    public var location: SourceLocation
    public var path: KeyPath
}

public struct Step: Sendable {
    public enum Kind: Sendable {
        /// Asks the customer for items (`account-number`, …).
        case ask([Located<String>])
        /// Passes the case to another role, which may take `wait`; `notes: false` means
        /// the notes do not travel with it.
        case handoff(to: Located<String>, wait: Located<Duration>?, notes: Located<Bool>?)
        case approval(Approval)
        case wait(Located<Duration>)
        /// Sends the customer to another channel or place ("call us", "visit a store").
        case redirect(Located<String>)
        /// Requires a script to be read; `verbatim: true` is a smell.
        case script(verbatim: Located<Bool>)
    }

    public var kind: Kind
    public var location: SourceLocation
    public var index: Int
    public var path: KeyPath
}

public struct Commitments: Sendable {
    public var appointmentWindow: Located<Duration>?
    /// The automatic remedy when the window is missed (`remedy: 20 USD`), if any.
    public var missedWindowRemedy: Located<Money>?
    public var delayNotice: DelayNotice?
    public var firstResponse: [FirstResponse]

    public init(appointmentWindow: Located<Duration>? = nil, missedWindowRemedy: Located<Money>? = nil,
                delayNotice: DelayNotice? = nil, firstResponse: [FirstResponse] = []) {
        self.appointmentWindow = appointmentWindow
        self.missedWindowRemedy = missedWindowRemedy
        self.delayNotice = delayNotice
        self.firstResponse = firstResponse
    }
}

public struct DelayNotice: Sendable {
    public var lead: Located<Duration>?
    public var location: SourceLocation
}

public struct FirstResponse: Sendable {
    public var channel: String
    public var within: Located<Duration>
}

public enum ChannelState: String, CaseIterable, Sendable {
    case open, closed
}

public struct Channel: Sendable {
    public var name: String
    public var state: Located<ChannelState>
    public var location: SourceLocation
}

public struct Metric: Sendable {
    public var name: Located<String>
    /// The target as written (`6m`, `80%`, `0.9`).
    public var target: Located<String>?
    public var max: Located<String>?
    public var affects: [Located<String>]
    public var location: SourceLocation
    public var path: KeyPath
}

/// An accepted finding: silences `rule` (optionally only at or under `at`) until `until`.
public struct PolicyException: Sendable {
    public var rule: Located<String>
    public var at: Located<KeyPath>?
    public var reason: Located<String>
    /// The last day the exception applies (inclusive), as `YYYY-MM-DD`.
    public var until: Located<CalendarDate>?
    public var location: SourceLocation
    public var index: Int
    public var path: KeyPath
}

/// A calendar day, compared without time zones.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `2027-06-30`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= CalendarDate.days(inMonth: m, year: y) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Today in UTC, or the day given by `LEEWAY_TODAY` (for reproducible tests).
    public static func today(environment: [String: String] = ProcessInfo.processInfo.environment) -> CalendarDate {
        if let text = environment["LEEWAY_TODAY"], let date = CalendarDate(parsing: text) { return date }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

extension PolicySet {
    /// Whether any duration the policy writes for a path or a process is in working days.
    public var countsWorkingDays: Bool {
        if roles.contains(where: { $0.reachableWithin?.value.inWorkingDays == true }) { return true }
        for action in actions {
            if action.aboveLimit?.approval?.within?.value.inWorkingDays == true { return true }
            if action.grants.contains(where: { $0.approval?.within?.value.inWorkingDays == true }) { return true }
        }
        for process in processes {
            for step in process.steps {
                switch step.kind {
                case .handoff(_, let wait?, _) where wait.value.inWorkingDays: return true
                case .approval(let approval) where approval.within?.value.inWorkingDays == true: return true
                case .wait(let wait) where wait.value.inWorkingDays: return true
                default: continue
                }
            }
        }
        return false
    }
}
