/// The result of loading one policy file: the policy set when it is usable, and every
/// problem found (a usable policy has no `invalid-policy` errors).
public struct PolicyLoadResult: Sendable {
    public var file: SourceFile?
    public var policy: PolicySet?
    public var findings: [Finding]
    /// The file did not load and is plainly something else than a policy set (a case,
    /// a CI workflow): see `PolicyLoader.isPlainlyNotAPolicy(_:)`.
    public var isPlainlyNotAPolicy = false
    /// Where a file that did not load says `case:`: it is a case file, for `leeway eval`
    /// and `leeway test`, not a broken policy set.
    public var caseKey: SourcePosition?
}

/// Loads policy sets (SPEC §2) from YAML, checking structure, types and references,
/// and collecting every problem with its location.
public enum PolicyLoader {
    public static let formatVersion = 1

    /// Whether a YAML document found in a folder is plainly something else than a policy
    /// set — a case file (`case:`), a CI workflow, a note — so `leeway check` passes over
    /// it instead of reporting it as a broken policy. Only a mapping with `case:`, or with
    /// none of `policy`, `roles`, `actions` and no `leeway:` value, counts; a file that
    /// fails to parse or is not a mapping is still reported.
    public static func isPlainlyNotAPolicy(_ root: YAMLNode) -> Bool {
        guard root.mapping != nil else { return false }
        if root["case"] != nil { return true }
        if root["policy"] != nil || root["roles"] != nil || root["actions"] != nil { return false }
        // `leeway: 1` marks a Leeway file; a GitLab job called `leeway:` is a mapping.
        if let version = root["leeway"], version.scalar != nil { return false }
        return true
    }

    public static let topLevelKeys = [
        "leeway", "policy", "title", "owner", "currency", "description", "roles", "facts", "actions",
        "discretion", "remedies", "processes", "commitments", "channels", "metrics", "exceptions",
    ]

    /// Loads a file (or `-` for standard input).
    public static func load(path: String) -> PolicyLoadResult {
        switch SourceReading.bytes(path: path, code: Finding.invalidPolicy) {
        case .failure(let finding):
            return PolicyLoadResult(file: nil, policy: nil, findings: [finding])
        case .success(let bytes):
            return load(bytes: bytes, path: path == "-" ? "<stdin>" : path)
        }
    }

    public static func load(text: String, path: String) -> PolicyLoadResult {
        load(bytes: Array(text.utf8), path: path)
    }

    public static func load(bytes: [UInt8], path: String) -> PolicyLoadResult {
        let (file, documents, yamlFindings) = SourceReading.documents(bytes: bytes, path: path, code: Finding.invalidPolicy)
        var findings = yamlFindings
        guard findings.isEmpty || !documents.isEmpty else {
            return PolicyLoadResult(file: file, policy: nil, findings: findings)
        }
        guard let document = documents.first, let root = document.root, !root.isNull else {
            if findings.isEmpty {
                findings.append(Finding(rule: Finding.invalidPolicy, severity: .error,
                                        location: SourceLocation(file: path, line: 1, column: 1),
                                        message: Message("load.empty-policy"), help: Message("load.empty-policy.help")))
            }
            return PolicyLoadResult(file: file, policy: nil, findings: findings)
        }
        if documents.count > 1 {
            findings.append(Finding(rule: Finding.invalidPolicy, severity: .error,
                                    location: SourceLocation(file: path, position: documents[1].start),
                                    message: Message("load.several-policies"), help: Message("load.several-policies.help")))
        }
        var decoder = PolicyDecoder(file: file)
        decoder.reader.report(document.problems)
        let policy = decoder.decode(root)
        findings += decoder.reader.findings
        let valid = !findings.contains { $0.severity == .error }
        var result = PolicyLoadResult(file: file, policy: valid ? policy : nil, findings: findings.sortedByLocation())
        // Judged on the tree already composed, and only for a file that parsed cleanly.
        result.isPlainlyNotAPolicy = !valid && yamlFindings.isEmpty && isPlainlyNotAPolicy(root)
        if result.isPlainlyNotAPolicy {
            result.caseKey = root.mapping?.first { $0.name == "case" }?.key.start
        }
        return result
    }
}

/// Turns a located YAML tree into a `PolicySet`.
struct PolicyDecoder {
    var reader: NodeReader
    let file: SourceFile
    var currency: String?
    var roleNames: [String] = []
    var channelNames: [String] = []
    var facts: [FactDeclaration] = []
    /// Actions whose `measure:` was written but could not be read: their amounts are not
    /// judged against a measure nobody meant (no consequential errors).
    var unreadMeasures: Set<String> = []

    init(file: SourceFile) {
        self.file = file
        self.reader = NodeReader(file: file.path, code: Finding.invalidPolicy)
    }

    private func location(_ node: YAMLNode) -> SourceLocation { reader.location(node) }

    mutating func decode(_ root: YAMLNode) -> PolicySet? {
        guard let pairs = reader.mapping(root, Term.what("what.policy-set")) else { return nil }
        reader.checkKeys(pairs, allowed: PolicyLoader.topLevelKeys, in: Term.what("what.policy-set"))
        reader.require(["leeway", "policy", "roles"], in: pairs, parent: root, what: Term.what("what.policy-set"))

        var version = PolicyLoader.formatVersion
        if let node = root["leeway"], let value = reader.integer(node, Term.what("what.leeway-format-version")) {
            if value != Int64(PolicyLoader.formatVersion) {
                reader.error(at: node, "load.unsupported-version", ["version": String(value), "supported": String(PolicyLoader.formatVersion)],
                             help: Message("load.unsupported-version.help"))
            }
            version = Int(value)
        }
        var id = Located("", at: location(root))
        if let node = root["policy"], let value = reader.identifier(node, Term.what("what.policy-id")) {
            id = Located(value, at: location(node), end: node.end)
        }
        let title = root["title"].flatMap { reader.title($0, Term.what("what.title")) }
        let owner = root["owner"].flatMap { reader.string($0, Term.what("what.owner")) }
        _ = root["description"].flatMap { reader.string($0, Term.what("what.description")) }
        var currencyValue: Located<String>?
        if let node = root["currency"], let code = reader.string(node, Term.what("what.currency")) {
            if Money.isCurrencyCode(code) {
                currency = code
                currencyValue = Located(code, at: location(node), end: node.end)
            } else {
                reader.error(at: node, "load.bad-currency", ["value": code], help: Message("load.bad-currency.help"))
            }
        }

        // Declarations first, so that references anywhere can be checked.
        let roles = decodeRoles(root["roles"])
        roleNames = roles.map(\.name)
        let channels = decodeChannels(root["channels"])
        channelNames = channels.map(\.name)
        facts = decodeFacts(root["facts"])
        let actions = decodeActions(root["actions"])
        let discretion = decodeDiscretion(root["discretion"])
        let remedies = decodeRemedies(root["remedies"], actions: actions)
        let processes = decodeProcesses(root["processes"])
        let commitments = decodeCommitments(root["commitments"])
        let metrics = decodeMetrics(root["metrics"])
        let exceptions = decodeExceptions(root["exceptions"])

        var policy = PolicySet(
            file: file, location: location(root), version: version, id: id, title: title?.text, titles: title?.translations ?? [:], owner: owner,
            currency: currencyValue, roles: roles, facts: facts, actions: actions, discretion: discretion,
            processes: processes, commitments: commitments,
            commitmentsLocation: root.mapping?.first(where: { $0.name == "commitments" }).map { location($0.key) },
            channels: channels, metrics: metrics,
            metricsLocation: root.mapping?.first(where: { $0.name == "metrics" }).map { location($0.key) },
            exceptions: exceptions, root: root)
        policy.remedies = remedies
        return policy
    }

    // MARK: - Roles

    mutating func decodeRoles(_ node: YAMLNode?) -> [Role] {
        guard let node, let pairs = reader.mapping(node, "`roles`") else { return [] }
        var roles: [Role] = []
        // A `customer-facing:` that failed to load already has its error: it does not
        // also make "no role is customer-facing".
        var unreadCustomerFacing = false
        for pair in pairs {
            guard let name = reader.identifier(pair.key, Term.what("what.role-name")) else { continue }
            let path = KeyPath(["roles", name])
            var role = Role(name: name, title: nil, customerFacing: false, reachableWithin: nil, location: location(pair.key), path: path)
            if pair.value.isNull {
                roles.append(role)
                continue
            }
            guard let fields = reader.mapping(pair.value, Term.what("what.role", name)) else { continue }
            reader.checkKeys(fields, allowed: ["title", "customer-facing", "reachable-within"], in: Term.what("what.role", name))
            if let title = pair.value["title"].flatMap({ reader.title($0, Term.what("what.title")) }) {
                role.title = title.text
                role.titles = title.translations
            }
            if let node = pair.value["customer-facing"] {
                if let value = reader.bool(node, "`customer-facing`") { role.customerFacing = value } else { unreadCustomerFacing = true }
            }
            role.reachableWithin = pair.value["reachable-within"].flatMap { reader.duration($0, "`reachable-within`") }
            roles.append(role)
        }
        if roles.isEmpty {
            reader.error(at: node, "load.no-roles", help: Message("load.no-roles.help"))
        } else if !roles.contains(where: \.customerFacing) && !unreadCustomerFacing {
            reader.error(at: node, "load.no-customer-facing-role", help: Message("load.no-customer-facing-role.help"))
        }
        return roles
    }

    /// Checks a role reference; reports unknown roles with "did you mean".
    mutating func roleReference(_ node: YAMLNode, _ what: @autoclosure () -> String) -> Located<String>? {
        guard let name = reader.string(node, what()) else { return nil }
        if !roleNames.contains(name) {
            if let suggestion = Suggest.closest(to: name, in: roleNames) {
                reader.error(at: node, "load.unknown-role", ["role": name, "what": what()], help: Message("load.did-you-mean", ["suggestion": suggestion]))
            } else {
                reader.error(at: node, "load.unknown-role", ["role": name, "what": what()],
                             help: Message("load.declare-role", ["role": name]))
            }
            return nil
        }
        return Located(name, at: location(node), end: node.end)
    }

    // MARK: - Channels

    mutating func decodeChannels(_ node: YAMLNode?) -> [Channel] {
        guard let node, let pairs = reader.mapping(node, "`channels`") else { return [] }
        var channels: [Channel] = []
        for pair in pairs {
            guard let name = reader.identifier(pair.key, Term.what("what.channel-name")) else { continue }
            guard let state = reader.enumValue(pair.value, ChannelState.self, Term.what("what.channel-state", name)) else { continue }
            channels.append(Channel(name: name, state: Located(state, at: location(pair.value), end: pair.value.end), location: location(pair.key)))
        }
        return channels
    }

    // MARK: - Facts

    mutating func decodeFacts(_ node: YAMLNode?) -> [FactDeclaration] {
        var facts: [FactDeclaration] = []
        if let node, let pairs = reader.mapping(node, "`facts`") {
            for pair in pairs {
                guard let name = reader.identifier(pair.key, Term.what("what.fact-name")) else { continue }
                if PolicyDecoder.builtInFactNames.contains(name) {
                    reader.error(at: pair.key, "load.builtin-fact", ["fact": name], help: Message("load.builtin-fact.help"))
                    continue
                }
                guard let fields = reader.mapping(pair.value, Term.what("what.fact", name)) else { continue }
                reader.checkKeys(fields, allowed: ["type", "values", "description", "locked", "many"], in: Term.what("what.fact", name))
                reader.require(["type"], in: fields, parent: pair.value, what: Term.what("what.fact", name))
                guard let typeNode = pair.value["type"], let typeName = reader.string(typeNode, Term.what("what.fact-type")) else { continue }
                let type: FactType
                switch typeName {
                case "enum":
                    guard let valuesNode = pair.value["values"] else {
                        reader.error(at: pair.value, "load.enum-needs-values", ["fact": name], help: Message("load.enum-needs-values.help"))
                        continue
                    }
                    guard let items = reader.sequence(valuesNode, Term.what("what.values-of-fact", name)) else { continue }
                    var values: [String] = []
                    for item in items {
                        guard let value = reader.string(item, Term.what("what.enum-value")) else { continue }
                        if values.contains(value) {
                            reader.error(at: item, "load.duplicate-value", ["value": value])
                        } else {
                            values.append(value)
                        }
                    }
                    type = .enumeration(values)
                case "money": type = .money
                case "duration": type = .duration
                case "count": type = .count
                case "bool": type = .bool
                default:
                    reader.unknownValue(typeNode, typeName, allowed: ["enum", "money", "duration", "count", "bool"], what: Term.what("what.fact-type"))
                    continue
                }
                if case .enumeration = type {} else if let values = pair.value["values"] {
                    reader.error(at: values, "load.values-without-enum", ["fact": name])
                }
                var declaration = FactDeclaration(name: name, type: type, location: location(pair.key))
                declaration.locked = pair.value["locked"].flatMap { reader.bool($0, "`locked`") } ?? false
                if let manyNode = pair.value["many"], let many = reader.bool(manyNode, "`many`"), many {
                    if case .enumeration(let values) = type {
                        if values.count > 64 {
                            reader.error(at: manyNode, "load.many-too-many-values", ["fact": name, "count": String(values.count)],
                                         help: Message("load.many-too-many-values.help"))
                        }
                        declaration.many = true
                    } else {
                        reader.error(at: manyNode, "load.many-needs-enum", ["fact": name, "type": type.name], help: Message("load.many-needs-enum.help"))
                    }
                }
                facts.append(declaration)
            }
        }
        facts.append(FactDeclaration(name: "channel", type: .enumeration(channelNames.isEmpty ? PolicyDecoder.defaultChannels : channelNames), location: nil))
        facts.append(FactDeclaration(name: "mood", type: .enumeration(FactDeclaration.moods), location: nil))
        facts.append(FactDeclaration(name: "waited", type: .duration, location: nil))
        facts.append(FactDeclaration(name: "contacts", type: .count, location: nil))
        return facts
    }

    static let builtInFactNames = ["channel", "mood", "waited", "contacts"]
    static let defaultChannels = ["phone", "chat", "email", "social", "sms", "store", "web"]

    // MARK: - Conditions

    mutating func decodeCondition(_ node: YAMLNode, depth: Int = 0) -> Condition? {
        guard depth < 32 else {
            reader.error(at: node, "load.condition-too-deep")
            return nil
        }
        guard let pairs = reader.mapping(node, Term.what("what.condition-when")) else { return nil }
        var parts: [Condition] = []
        parts.reserveCapacity(pairs.count)
        for pair in pairs {
            let name = pair.name
            if name == "any" || name == "all" {
                guard let items = reader.sequence(pair.value, "`\(name)`") else { continue }
                let inner = items.compactMap { decodeCondition($0, depth: depth + 1) }
                parts.append(name == "any" ? .any(inner, location: location(pair.key)) : .all(inner, location: location(pair.key)))
                continue
            }
            guard let fact = facts.first(where: { $0.name == name }) else {
                if let suggestion = Suggest.closest(to: name, in: facts.map(\.name) + ["any", "all"]) {
                    reader.error(at: pair.key, "load.unknown-fact", ["fact": name], help: Message("load.did-you-mean", ["suggestion": suggestion]))
                } else {
                    reader.error(at: pair.key, "load.unknown-fact", ["fact": name], help: Message("load.declare-fact", ["fact": name]))
                }
                continue
            }
            guard let matcher = decodeMatcher(pair.value, fact: fact) else { continue }
            parts.append(.fact(FactMatch(fact: name, matcher: matcher, location: location(pair.key),
                                         valueLocation: location(pair.value), valueEnd: pair.value.end)))
        }
        if parts.count == 1 { return parts[0] }
        return .all(parts, location: location(node))
    }

    mutating func decodeMatcher(_ node: YAMLNode, fact: FactDeclaration, depth: Int = 0) -> Matcher? {
        if let items = node.sequence {
            // Every item is read (each bad one is reported), into an array of their number.
            var values: [FactValue] = []
            values.reserveCapacity(items.count)
            for item in items {
                if let value = factValue(item, fact: fact) { values.append(value) }
            }
            return values.count == items.count ? .anyOf(values) : nil
        }
        if let pairs = node.mapping {
            reader.checkKeys(pairs, allowed: ["min", "max", "above", "below", "not"], in: Term.what("what.matcher"))
            if let inner = node["not"] {
                if pairs.count > 1 {
                    reader.error(at: node, "load.not-alone")
                }
                guard depth < 8 else { return nil }
                return decodeMatcher(inner, fact: fact, depth: depth + 1).map { .not($0) }
            }
            let minNode = node["min"]
            let maxNode = node["max"]
            let aboveNode = node["above"]
            let belowNode = node["below"]
            guard minNode != nil || maxNode != nil || aboveNode != nil || belowNode != nil else {
                reader.error(at: node, "load.empty-matcher", help: Message("load.empty-matcher.help"))
                return nil
            }
            switch fact.type {
            case .money, .duration, .count: break
            default:
                reader.error(at: node, "load.range-on-unordered", ["fact": fact.name, "type": fact.type.name],
                             help: Message("load.range-on-unordered.help"))
                return nil
            }
            let min = minNode.flatMap { factValue($0, fact: fact) }
            let max = maxNode.flatMap { factValue($0, fact: fact) }
            if (minNode != nil && min == nil) || (maxNode != nil && max == nil) { return nil }
            if let min, let max, let order = FactValue.compare(min, max), order > 0, let maxNode {
                reader.error(at: maxNode, "load.empty-range", ["min": min.description, "max": max.description])
            }
            guard aboveNode != nil || belowNode != nil else { return .range(min: min, max: max) }
            let above = aboveNode.flatMap { factValue($0, fact: fact) }
            let below = belowNode.flatMap { factValue($0, fact: fact) }
            if (aboveNode != nil && above == nil) || (belowNode != nil && below == nil) { return nil }
            let bounds = Matcher.Bounds(min: min, max: max, above: above, below: below)
            if bounds.neverHolds {
                // Still a usable policy: the condition is simply never true.
                reader.findings.append(Finding(rule: Finding.invalidPolicy, severity: .warning, location: reader.location(node), end: node.end,
                                               message: Message("load.bounds-never-hold", ["bounds": Matcher.bounds(bounds).description, "fact": fact.name]),
                                               help: Message("load.bounds-never-hold.help")))
            }
            return .bounds(bounds)
        }
        return factValue(node, fact: fact).map { .equals($0) }
    }

    /// A value of a fact's type, as written in a condition.
    mutating func factValue(_ node: YAMLNode, fact: FactDeclaration) -> FactValue? {
        // Named only in a message (built when one is).
        func what() -> String { Term.what("what.value-of-fact", fact.name) }
        switch fact.type {
        case .enumeration(let values):
            guard let text = reader.string(node, what()) else { return nil }
            guard values.contains(text) else {
                reader.unknownValue(node, text, allowed: values, what: what())
                return nil
            }
            return .enumeration(text)
        case .money:
            return reader.money(node, what(), currency: currency).map { .money($0.value) }
        case .duration:
            return reader.duration(node, what()).map { .duration($0.value) }
        case .count:
            return reader.integer(node, what()).map { .count($0) }
        case .bool:
            return reader.bool(node, what()).map { .bool($0) }
        }
    }

    // MARK: - Actions

    mutating func decodeActions(_ node: YAMLNode?) -> [Action] {
        guard let node, let pairs = reader.mapping(node, "`actions`") else { return [] }
        var actions: [Action] = []
        for pair in pairs {
            guard let name = reader.identifier(pair.key, Term.what("what.action-name")) else { continue }
            let path = KeyPath(["actions", name])
            guard let fields = reader.mapping(pair.value, Term.what("what.action-named", name)) else { continue }
            reader.checkKeys(fields, allowed: ["title", "description", "measure", "grants", "above-limit", "never", "reason"], in: Term.what("what.action-named", name))
            let readMeasure = pair.value["measure"].flatMap { reader.enumValue($0, Measure.self, "`measure`") }
            if pair.value["measure"] != nil && readMeasure == nil { unreadMeasures.insert(name) }
            let measure = readMeasure ?? .none
            let title = pair.value["title"].flatMap { reader.title($0, Term.what("what.title")) }
            var action = Action(name: name, title: title?.text, titles: title?.translations ?? [:], measure: measure,
                                grants: [], aboveLimit: nil, never: nil, reason: nil, location: location(pair.key), path: path)
            _ = pair.value["description"].flatMap { reader.string($0, Term.what("what.description")) }
            if let neverNode = pair.value["never"], let never = reader.bool(neverNode, "`never`") {
                action.never = Located(never, at: location(neverNode), end: neverNode.end)
            }
            if let reason = pair.value["reason"].flatMap({ reader.title($0, "`reason`") }) {
                action.reason = reason.text
                action.reasons = reason.translations
            }
            if let grantsNode = pair.value["grants"] {
                if action.isNever {
                    reader.error(at: grantsNode, "load.never-with-grants", ["action": name], help: Message("load.never-with-grants.help"))
                }
                if let items = reader.sequence(grantsNode, Term.what("what.grants-of", name)) {
                    // The grant reads only these of its action: passing the action itself
                    // copied it (with the grants so far) for every grant.
                    let measure = action.measure
                    action.grants.reserveCapacity(items.count)
                    for (index, item) in items.enumerated() {
                        if let grant = decodeGrant(item, index: index, actionName: name, measure: measure, actionPath: path) {
                            action.grants.append(grant)
                        }
                    }
                }
            }
            if let aboveNode = pair.value["above-limit"], let aboveFields = reader.mapping(aboveNode, "`above-limit`") {
                reader.checkKeys(aboveFields, allowed: ["approval", "when"], in: "`above-limit`")
                let abovePath = path.appending("above-limit")
                let approval = aboveNode["approval"].flatMap { decodeApproval($0, path: abovePath.appending("approval")) }
                action.aboveLimit = AboveLimit(approval: approval, location: location(aboveNode), path: abovePath)
                // Conditional escalation (language 1.1): the path counts only when `when` holds.
                if let when = aboveNode["when"] { action.aboveLimit?.when = decodeCondition(when) }
                if action.isNever {
                    reader.error(at: aboveNode, "load.never-with-grants", ["action": name], help: Message("load.never-with-grants.help"))
                }
            }
            actions.append(action)
        }
        return actions
    }

    mutating func decodeGrant(_ node: YAMLNode, index: Int, actionName: String, measure: Measure, actionPath: KeyPath) -> Grant? {
        func what() -> String { Term.what("what.grant-of", actionName) }
        guard let fields = reader.mapping(node, what()) else { return nil }
        reader.checkKeys(fields, allowed: ["role", "up-to", "at-least", "when", "approval"], in: what())
        reader.require(["role"], in: fields, parent: node, what: what())
        let path = actionPath.appending("grants").appending(index: index)
        // An unknown role does not stop the rest of the grant from being checked.
        let role = node["role"].flatMap { roleReference($0, Term.what("what.grant-role")) }
        var grant = Grant(role: role ?? Located("", at: location(node)), upTo: nil, atLeast: nil, when: nil, approval: nil, location: location(node), index: index, path: path)
        let measureKnown = !unreadMeasures.contains(actionName)
        if let upTo = node["up-to"], measureKnown, let value = amount(upTo, measure: measure, "`up-to`") {
            switch value.value {
            case .value(let quantity): grant.upTo = Located(quantity, at: value.location, end: value.end)
            case .rule(let rule): grant.upToRule = Located(rule, at: value.location, end: value.end)
            }
        }
        if let atLeast = node["at-least"], measureKnown, let value = amount(atLeast, measure: measure, "`at-least`") {
            switch value.value {
            case .value(let quantity): grant.atLeast = Located(quantity, at: value.location, end: value.end)
            case .rule(let rule): grant.atLeastRule = Located(rule, at: value.location, end: value.end)
            }
        }
        if let upTo = grant.upTo, let atLeast = grant.atLeast, upTo.value.compare(atLeast.value) == .orderedAscending, let upToNode = node["up-to"] {
            reader.error(at: upToNode, "load.empty-limits", ["upTo": upTo.value.description, "atLeast": atLeast.value.description])
        }
        if let when = node["when"] { grant.when = decodeCondition(when) }
        if let approval = node["approval"] { grant.approval = decodeApproval(approval, path: path.appending("approval")) }
        return role == nil ? nil : grant
    }

    mutating func decodeApproval(_ node: YAMLNode, path: KeyPath) -> Approval? {
        guard let fields = reader.mapping(node, "`approval`") else { return nil }
        reader.checkKeys(fields, allowed: ["by", "within"], in: "`approval`")
        reader.require(["by"], in: fields, parent: node, what: "`approval`")
        let by = node["by"].flatMap { roleReference($0, Term.what("what.approver")) }
        let within = node["within"].flatMap { reader.duration($0, "`within`") }
        guard let by else { return nil }
        return Approval(by: by, within: within, location: location(node), path: path)
    }

    // MARK: - Discretion

    mutating func decodeDiscretion(_ node: YAMLNode?) -> [DiscretionBudget] {
        guard let node, let items = reader.sequence(node, "`discretion`") else { return [] }
        var budgets: [DiscretionBudget] = []
        for (index, item) in items.enumerated() {
            guard let fields = reader.mapping(item, Term.what("what.discretion-budget")) else { continue }
            reader.checkKeys(fields, allowed: ["role", "up-to", "per", "review"], in: Term.what("what.discretion-budget"))
            reader.require(["role", "up-to"], in: fields, parent: item, what: Term.what("what.discretion-budget"))
            let role = item["role"].flatMap { roleReference($0, Term.what("what.discretion-role")) }
            var upTo: Located<Money>?
            var upToRule: Located<AmountRule>?
            if let upToNode = item["up-to"], let value = amount(upToNode, measure: .money, "`up-to`") {
                switch value.value {
                case .value(.money(let money)): upTo = Located(money, at: value.location, end: value.end)
                case .value: break
                case .rule(let rule):
                    upToRule = Located(rule, at: value.location, end: value.end)
                    let ceiling = rule.max.flatMap { quantity -> Money? in if case .money(let m) = quantity { return m } else { return nil } }
                    upTo = Located(ceiling ?? Money(0, currency ?? "XXX"), at: value.location, end: value.end)
                }
            }
            guard let role, let upTo else { continue }
            var per = Located(BudgetPeriod.case, at: location(item))
            if let perNode = item["per"], let value = reader.enumValue(perNode, BudgetPeriod.self, "`per`") {
                per = Located(value, at: location(perNode), end: perNode.end)
            }
            var review: Located<Review>?
            if let reviewNode = item["review"], let value = reader.enumValue(reviewNode, Review.self, "`review`") {
                review = Located(value, at: location(reviewNode), end: reviewNode.end)
            }
            var budget = DiscretionBudget(role: role, upTo: upTo, per: per, review: review, location: location(item),
                                          path: KeyPath(["discretion"]).appending(index: index))
            budget.upToRule = upToRule
            budgets.append(budget)
        }
        return budgets
    }

    // MARK: - Processes

    static let stepKinds = ["ask", "handoff", "approval", "wait", "redirect", "script"]

    mutating func decodeProcesses(_ node: YAMLNode?) -> [Process] {
        guard let node, let pairs = reader.mapping(node, "`processes`") else { return [] }
        var processes: [Process] = []
        for pair in pairs {
            guard let name = reader.identifier(pair.key, Term.what("what.process-name")) else { continue }
            let path = KeyPath(["processes", name])
            guard let fields = reader.mapping(pair.value, Term.what("what.process", name)) else { continue }
            reader.checkKeys(fields, allowed: ["title", "when", "steps"], in: Term.what("what.process", name))
            var process = Process(name: name, when: nil, steps: [], location: location(pair.key), path: path)
            // Checked like every title; no report names a process by its title yet.
            _ = pair.value["title"].flatMap { reader.title($0, Term.what("what.title")) }
            if let when = pair.value["when"] { process.when = decodeCondition(when) }
            if let stepsNode = pair.value["steps"], let items = reader.sequence(stepsNode, "`steps`") {
                for (index, item) in items.enumerated() {
                    if let step = decodeStep(item, index: index, path: path.appending("steps").appending(index: index)) {
                        process.steps.append(step)
                    }
                }
            }
            processes.append(process)
        }
        return processes
    }

    mutating func decodeStep(_ node: YAMLNode, index: Int, path: KeyPath) -> Step? {
        guard let fields = reader.mapping(node, Term.what("what.process-step")) else { return nil }
        guard fields.count == 1, let pair = fields.first else {
            reader.error(at: node, "load.step-one-key", help: Message("load.step-kinds", ["kinds": PolicyDecoder.stepKinds.map { "`\($0)`" }.joined(separator: ", ")]))
            return nil
        }
        let kind: Step.Kind
        switch pair.name {
        case "ask":
            let items = pair.value.sequence ?? [pair.value]
            let asked = items.compactMap { item in reader.string(item, Term.what("what.asked-item")).map { Located($0, at: location(item), end: item.end) } }
            kind = .ask(asked)
        case "handoff":
            guard let handoff = reader.mapping(pair.value, "`handoff`") else { return nil }
            reader.checkKeys(handoff, allowed: ["to", "wait", "notes"], in: "`handoff`")
            reader.require(["to"], in: handoff, parent: pair.value, what: "`handoff`")
            let to = pair.value["to"].flatMap { roleReference($0, Term.what("what.hand-off-target")) }
            let wait = pair.value["wait"].flatMap { reader.duration($0, "`wait`") }
            var notes: Located<Bool>?
            if let notesNode = pair.value["notes"], let value = reader.bool(notesNode, "`notes`") {
                notes = Located(value, at: location(notesNode), end: notesNode.end)
            }
            guard let to else { return nil }
            kind = .handoff(to: to, wait: wait, notes: notes)
        case "approval":
            guard let approval = decodeApproval(pair.value, path: path.appending("approval")) else { return nil }
            kind = .approval(approval)
        case "wait":
            guard let wait = reader.duration(pair.value, "`wait`") else { return nil }
            kind = .wait(wait)
        case "redirect":
            guard let target = reader.string(pair.value, "`redirect`") else { return nil }
            kind = .redirect(Located(target, at: location(pair.value), end: pair.value.end))
        case "script":
            guard let script = reader.mapping(pair.value, "`script`") else { return nil }
            reader.checkKeys(script, allowed: ["verbatim"], in: "`script`")
            var verbatim = Located(false, at: location(pair.value))
            if let node = pair.value["verbatim"], let value = reader.bool(node, "`verbatim`") {
                verbatim = Located(value, at: location(node), end: node.end)
            }
            kind = .script(verbatim: verbatim)
        default:
            reader.checkKeys(fields, allowed: PolicyDecoder.stepKinds, in: Term.what("what.process-step"))
            return nil
        }
        return Step(kind: kind, location: location(pair.key), index: index, path: path)
    }

    // MARK: - Commitments, metrics, exceptions

    mutating func decodeCommitments(_ node: YAMLNode?) -> Commitments {
        var commitments = Commitments()
        guard let node, let fields = reader.mapping(node, "`commitments`") else { return commitments }
        reader.checkKeys(fields, allowed: ["appointment-window", "delay-notice", "first-response"], in: "`commitments`")
        if let window = node["appointment-window"] {
            if window.mapping != nil {
                reader.checkKeys(window.mapping ?? [], allowed: ["window", "remedy"], in: "`appointment-window`")
                reader.require(["window"], in: window.mapping ?? [], parent: window, what: "`appointment-window`")
                commitments.appointmentWindow = window["window"].flatMap { reader.duration($0, "`window`") }
                commitments.missedWindowRemedy = window["remedy"].flatMap { reader.money($0, "`remedy`", currency: currency) }
            } else {
                commitments.appointmentWindow = reader.duration(window, "`appointment-window`")
            }
        }
        if let notice = node["delay-notice"] {
            if let noticeFields = reader.mapping(notice, "`delay-notice`") {
                reader.checkKeys(noticeFields, allowed: ["lead"], in: "`delay-notice`")
                commitments.delayNotice = DelayNotice(lead: notice["lead"].flatMap { reader.duration($0, "`lead`") }, location: location(notice))
            }
        }
        if let response = node["first-response"], let pairs = reader.mapping(response, "`first-response`") {
            for pair in pairs {
                guard let channel = reader.string(pair.key, Term.what("what.channel")) else { continue }
                if !channelNames.isEmpty && !channelNames.contains(channel) {
                    reader.unknownValue(pair.key, channel, allowed: channelNames, what: Term.what("what.channel"))
                    continue
                }
                if let within = reader.duration(pair.value, Term.what("what.first-response-on", channel)) {
                    commitments.firstResponse.append(FirstResponse(channel: channel, within: within))
                }
            }
        }
        return commitments
    }

    mutating func decodeMetrics(_ node: YAMLNode?) -> [Metric] {
        guard let node, let items = reader.sequence(node, "`metrics`") else { return [] }
        var metrics: [Metric] = []
        for (index, item) in items.enumerated() {
            guard let fields = reader.mapping(item, Term.what("what.metric")) else { continue }
            reader.checkKeys(fields, allowed: ["name", "target", "max", "affects", "description"], in: Term.what("what.metric"))
            reader.require(["name"], in: fields, parent: item, what: Term.what("what.metric"))
            guard let nameNode = item["name"], let name = reader.identifier(nameNode, Term.what("what.metric-name")) else { continue }
            let target = item["target"].flatMap { n in reader.string(n, "`target`").map { Located($0, at: location(n), end: n.end) } }
            let max = item["max"].flatMap { n in reader.string(n, "`max`").map { Located($0, at: location(n), end: n.end) } }
            var affects: [Located<String>] = []
            if let affectsNode = item["affects"] {
                let list = affectsNode.sequence ?? [affectsNode]
                affects = list.compactMap { n in reader.string(n, "`affects`").map { Located($0, at: location(n), end: n.end) } }
            }
            metrics.append(Metric(name: Located(name, at: location(nameNode), end: nameNode.end), target: target, max: max,
                                  affects: affects, location: location(item), path: KeyPath(["metrics"]).appending(index: index)))
        }
        return metrics
    }

    mutating func decodeExceptions(_ node: YAMLNode?) -> [PolicyException] {
        guard let node, let items = reader.sequence(node, "`exceptions`") else { return [] }
        var exceptions: [PolicyException] = []
        for (index, item) in items.enumerated() {
            guard let fields = reader.mapping(item, Term.what("what.exception")) else { continue }
            reader.checkKeys(fields, allowed: ["rule", "at", "reason", "until"], in: Term.what("what.exception"))
            reader.require(["rule", "reason"], in: fields, parent: item, what: Term.what("what.exception"))
            guard let ruleNode = item["rule"], let rule = reader.identifier(ruleNode, Term.what("what.rule-id")) else { continue }
            guard let reasonNode = item["reason"], let reason = reader.string(reasonNode, "`reason`") else { continue }
            if reason.trimmingASCIISpaces.isEmpty {
                reader.error(at: reasonNode, "load.empty-reason", help: Message("load.empty-reason.help"))
                continue
            }
            var at: Located<KeyPath>?
            if let atNode = item["at"], let text = reader.string(atNode, "`at`") {
                at = Located(KeyPath(parsing: text), at: location(atNode), end: atNode.end)
            }
            var until: Located<CalendarDate>?
            if let untilNode = item["until"], let text = reader.string(untilNode, "`until`") {
                if let date = CalendarDate(parsing: text) {
                    until = Located(date, at: location(untilNode), end: untilNode.end)
                } else {
                    reader.error(at: untilNode, "load.bad-date", ["value": text], help: Message("load.bad-date.help"))
                }
            }
            exceptions.append(PolicyException(rule: Located(rule, at: location(ruleNode), end: ruleNode.end), at: at,
                                              reason: Located(reason, at: location(reasonNode), end: reasonNode.end), until: until,
                                              location: location(item), index: index, path: KeyPath(["exceptions"]).appending(index: index)))
        }
        return exceptions
    }
}
