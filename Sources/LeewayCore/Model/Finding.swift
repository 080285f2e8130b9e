/// How serious a finding is.
public enum Severity: String, CaseIterable, Sendable, Comparable, Codable {
    case note, warning, error

    var rank: Int {
        switch self {
        case .note: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A problem Leeway reports: a rule's finding in a policy (rigid process, mistake), or
/// a problem with the input itself (`invalid-policy`, `invalid-case`: bad YAML, unknown
/// keys, type errors). Both carry a location and say what to do.
public struct Finding: Sendable, Error {
    public var rule: String
    public var severity: Severity
    public var location: SourceLocation
    /// Where the offending node ends, when known (for SARIF regions and patches).
    public var end: SourcePosition?
    public var message: Message
    /// What to do about it: a fix hint for input errors, the override for rule findings.
    public var help: Message?
    /// Why it matters, with its source (rule findings).
    public var rationale: Message?
    /// Where the finding lies in the policy's key structure (for exceptions, fingerprints).
    public var path: KeyPath?

    public init(rule: String, severity: Severity, location: SourceLocation, end: SourcePosition? = nil,
                message: Message, help: Message? = nil, rationale: Message? = nil, path: KeyPath? = nil) {
        self.rationale = rationale
        self.rule = rule
        self.severity = severity
        self.location = location
        self.end = end
        self.message = message
        self.help = help
        self.path = path
    }

    /// The rule ids of input problems: the input could not be used (exit code 2).
    public static let invalidPolicy = "invalid-policy"
    public static let invalidCase = "invalid-case"
    public static let invalidConfig = "invalid-config"
    /// The command line itself (`leeway chek`).
    public static let invalidArguments = "invalid-arguments"

    public var isInputError: Bool {
        rule == Finding.invalidPolicy || rule == Finding.invalidCase || rule == Finding.invalidConfig
            || rule == Finding.invalidArguments
    }
}

extension Array where Element == Finding {
    /// Sorted by file, line, column, then rule id: the order every report uses.
    public func sortedByLocation() -> [Finding] {
        sorted {
            if $0.location != $1.location { return $0.location < $1.location }
            return $0.rule < $1.rule
        }
    }
}
