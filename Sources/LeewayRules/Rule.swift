import LeewayCore

/// A configurable threshold of a rule (`max-window: 4h`).
public struct Threshold: Sendable {
    public var name: String
    /// The default, as written in `.leeway.yml`.
    public var defaultValue: String
    /// What the threshold means (a catalogue key).
    public var summary: Message

    public init(name: String, defaultValue: String, summary: Message) {
        self.name = name
        self.defaultValue = defaultValue
        self.summary = summary
    }
}

/// A rule's static description (STYLE habit 1): everything `leeway rules`, the SARIF
/// `rules[]`, and `docs/rules.md` show, plus the examples that become its tests.
///
/// Examples are policy YAML. In a triggering example, a line ending with a comment
/// `# ↑` marks nothing; instead the marker `↓` placed immediately before a value or key
/// (see `RuleExample`) says exactly where a finding must land.
public struct RuleDescription: Sendable {
    /// Kebab-case id, stable forever (SPEC §5).
    public var id: String
    /// A short title (catalogue key `rule.<id>.title`).
    public var title: Message
    /// What the rule checks, in one sentence (catalogue key `rule.<id>.summary`).
    public var summary: Message
    public var severity: Severity
    /// Why it matters, with its evidence (catalogue key `rule.<id>.rationale`).
    public var rationale: Message
    /// The evidence's source, as cited in RESEARCH.md.
    public var source: String
    /// The override the rule suggests, in general terms (catalogue key `rule.<id>.override`).
    public var override: Message
    public var thresholds: [Threshold]
    public var triggering: [RuleExample]
    public var nonTriggering: [RuleExample]

    public init(id: String, severity: Severity, source: String, thresholds: [Threshold] = [],
                triggering: [RuleExample], nonTriggering: [RuleExample]) {
        self.id = id
        self.title = Message("rule.\(id).title")
        self.summary = Message("rule.\(id).summary")
        self.severity = severity
        self.rationale = Message("rule.\(id).rationale")
        self.source = source
        self.override = Message("rule.\(id).override")
        self.thresholds = thresholds
        self.triggering = triggering
        self.nonTriggering = nonTriggering
    }
}

/// A YAML policy example for a rule. In triggering examples, `↓` immediately before a
/// token marks where a finding must start (line and column of the token); the marker
/// is removed before the example is loaded.
public struct RuleExample: Sendable {
    public var yaml: String

    public init(_ yaml: String) {
        self.yaml = yaml
    }

    public static let marker: Character = "↓"

    /// The example without markers, and the marked positions.
    public var stripped: (yaml: String, marks: [SourcePosition]) {
        var out = ""
        var marks: [SourcePosition] = []
        var line = 1
        var column = 1
        for char in yaml {
            if char == RuleExample.marker {
                marks.append(SourcePosition(line: line, column: column))
                continue
            }
            out.append(char)
            if char == "\n" {
                line += 1
                column = 1
            } else {
                column += char.unicodeScalars.count
            }
        }
        return (out, marks)
    }
}
