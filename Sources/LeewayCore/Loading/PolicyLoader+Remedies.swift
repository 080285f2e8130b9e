/// `remedies:` (language 1.1, docs/language.md#remedies): what the company owes the
/// customer when it fails, without a claim.
extension PolicyDecoder {
    static let remedyKeys = ["title", "description", "when", "action", "amount", "automatic", "within", "by", "backs"]

    mutating func decodeRemedies(_ node: YAMLNode?, actions: [Action]) -> [Remedy] {
        guard let node, let pairs = reader.mapping(node, "`remedies`") else { return [] }
        var remedies: [Remedy] = []
        // Remedies given through one action must name one `by`: the first one's, per action.
        var byOfAction: [String: (by: String?, node: YAMLNode)] = [:]
        for pair in pairs {
            guard let name = reader.identifier(pair.key, Term.what("what.remedy-name")) else { continue }
            let what = Term.what("what.remedy", name)
            guard let fields = reader.mapping(pair.value, what) else { continue }
            reader.checkKeys(fields, allowed: PolicyDecoder.remedyKeys, in: what)
            reader.require(["when", "action"], in: fields, parent: pair.value, what: what)
            _ = pair.value["description"].flatMap { reader.string($0, Term.what("what.description")) }
            guard let actionNode = pair.value["action"], let actionName = reader.string(actionNode, Term.what("what.remedy-action")) else { continue }
            guard let action = actions.first(where: { $0.name == actionName }) else {
                let names = actions.map(\.name)
                let help = Suggest.closest(to: actionName, in: names).map { Message("load.did-you-mean", ["suggestion": $0]) }
                    ?? Message("load.declare-action", ["action": actionName])
                reader.error(at: actionNode, "load.unknown-action", ["action": actionName, "what": Term.what("what.remedy-action")], help: help)
                continue
            }
            var remedy = Remedy(name: name, action: Located(actionName, at: reader.location(actionNode), end: actionNode.end),
                                location: reader.location(pair.key), path: KeyPath(["remedies", name]))
            if action.isNever {
                reader.error(at: actionNode, "load.remedy-never", ["action": actionName], help: Message("load.remedy-never.help"))
            }
            if let title = pair.value["title"].flatMap({ reader.title($0, Term.what("what.title")) }) {
                remedy.title = title.text
                remedy.titles = title.translations
            }
            if let when = pair.value["when"] { remedy.when = decodeCondition(when) }
            if let amountNode = pair.value["amount"] {
                remedy.amount = amount(amountNode, measure: action.measure, Term.what("what.remedy-amount"))
            } else if action.measure != .none {
                reader.error(at: pair.value, "load.remedy-needs-amount", ["remedy": name, "action": actionName, "measure": action.measure.rawValue],
                             help: Message("load.remedy-needs-amount.help"))
            }
            if let automaticNode = pair.value["automatic"], let value = reader.bool(automaticNode, "`automatic`") {
                remedy.automatic = Located(value, at: reader.location(automaticNode), end: automaticNode.end)
            }
            remedy.within = pair.value["within"].flatMap { reader.duration($0, "`within`") }
            if let byNode = pair.value["by"] {
                remedy.by = roleReference(byNode, Term.what("what.remedy-by"))
            }
            if let backsNode = pair.value["backs"], let value = reader.enumValue(backsNode, Remedy.Commitment.self, "`backs`") {
                remedy.backs = Located(value, at: reader.location(backsNode), end: backsNode.end)
            }
            let by = remedy.by?.value
            if let first = byOfAction[actionName] {
                if first.by != by {
                    reader.error(at: pair.value["by"] ?? pair.value, "load.remedy-by-differs",
                                 ["action": actionName, "by": by ?? "-", "first": first.by ?? "-"],
                                 help: Message("load.remedy-by-differs.help"))
                }
            } else {
                byOfAction[actionName] = (by, pair.value)
            }
            remedies.append(remedy)
        }
        return remedies
    }
}
