/// What the company owes the customer when it fails, without a claim (language 1.1,
/// docs/language.md#remedies): Ofgem's guaranteed payments, the US DOT's automatic refunds.
public struct Remedy: Sendable {
    public var name: String
    public var title: String?
    /// The title in other languages (`title: { en: …, es: … }`); `title` is the default.
    public var titles: [Language: String] = [:]
    /// When the company owes it.
    public var when: Condition?
    /// The declared action it is given through.
    public var action: Located<String>
    /// In the action's measure; nil for `measure: none`.
    public var amount: Located<Amount>?
    /// Given without a claim (the default); false: only when the customer claims it.
    public var automatic: Located<Bool>?
    /// The deadline to give it.
    public var within: Located<Duration>?
    /// The role that gives it; nil: whoever handles the case.
    public var by: Located<String>?
    /// The commitment this remedy makes good.
    public var backs: Located<Commitment>?
    public var location: SourceLocation
    public var path: KeyPath

    public init(name: String, action: Located<String>, location: SourceLocation, path: KeyPath) {
        self.name = name
        self.action = action
        self.location = location
        self.path = path
    }

    public var isAutomatic: Bool { automatic?.value ?? true }

    /// The title in `language` when the policy gives one, else the default title.
    public func title(in language: Language) -> String? { titles[language] ?? title }

    /// The service commitments a remedy may back.
    public enum Commitment: String, CaseIterable, Sendable {
        case appointmentWindow = "appointment-window"
        case delayNotice = "delay-notice"
        case firstResponse = "first-response"
    }
}
