// Public initializers for the case model, so that other targets can build a case that
// was not read from a file (`leeway eval --as … --want …` types one on the shell).
// (Their labels come in another order than the internal memberwise initializers'.)

extension Case {
    public init(id: Located<String>, handledBy: Located<String>, wants: [Want], location: SourceLocation, file: SourceFile?,
                title: String? = nil, policy: Located<String>? = nil, channel: Located<String>? = nil,
                customer: Customer? = nil, facts: [CaseFact] = [], expect: [Expectation] = []) {
        self.file = file
        self.location = location
        self.id = id
        self.title = title
        self.policy = policy
        self.handledBy = handledBy
        self.channel = channel
        self.customer = customer
        self.facts = facts
        self.wants = wants
        self.expect = expect
    }
}

extension Customer {
    public init(mood: Located<String>?, problem: String? = nil, goal: String? = nil) {
        self.problem = problem
        self.goal = goal
        self.mood = mood
    }
}

extension CaseFact {
    public init(name: String, text: String, at location: SourceLocation, valueAt valueLocation: SourceLocation, quoted: Bool = false) {
        self.name = name
        self.text = text
        self.quoted = quoted
        self.location = location
        self.valueLocation = valueLocation
    }
}

extension Want {
    public init(action: Located<String>, amount: Located<String>?, index: Int, at location: SourceLocation) {
        self.action = action
        self.amount = amount
        self.location = location
        self.index = index
    }
}
