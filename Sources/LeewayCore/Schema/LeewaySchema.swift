import Foundation

/// JSON Schemas (draft 2020-12) for policy and case files, generated from the keys the
/// loaders accept (`PolicyLoader`, `CaseLoader`), so editors with the YAML language
/// server complete and explain every key and flag misspelled ones.
///
/// Every key carries a `description` from the message catalogue (`schema.*`), and every
/// object has `additionalProperties: false`. The committed copies under `schema/` are
/// printed by `leeway schema policy` and `leeway schema case`; a test fails when they
/// are stale.
public enum LeewaySchema {
    /// Which file a schema describes.
    public enum Kind: String, CaseIterable, Sendable {
        case policy
        case `case`
    }

    /// The draft every schema follows.
    public static let draft = "https://json-schema.org/draft/2020-12/schema"

    /// Where the published copy of a schema lives (its `$id`).
    public static func id(_ kind: Kind) -> String {
        "https://raw.githubusercontent.com/leeway-cx/leeway/main/schema/\(kind.rawValue).schema.json"
    }

    /// The schema as pretty-printed JSON with sorted keys, ending with a newline.
    public static func json(_ kind: Kind, language: Language = .en) -> String {
        let object = self.object(kind, language: language)
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: options) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The schema as a JSON object.
    public static func object(_ kind: Kind, language: Language = .en) -> [String: Any] {
        let builder = SchemaBuilder(language: language)
        switch kind {
        case .policy: return builder.policy()
        case .case: return builder.caseFile()
        }
    }
}

/// Builds the schemas; descriptions come from the catalogue in the chosen language.
struct SchemaBuilder {
    let language: Language

    func text(_ key: String) -> String { Catalog.text("schema.\(key)", in: language) }

    /// A property: a schema with its description.
    func described(_ key: String, _ schema: [String: Any]) -> [String: Any] {
        var schema = schema
        schema["description"] = text(key)
        return schema
    }

    func ref(_ name: String, _ key: String) -> [String: Any] {
        ["$ref": "#/$defs/\(name)", "description": text(key)]
    }

    /// A closed object: only the listed keys, each described.
    func object(_ key: String, _ properties: [String: [String: Any]], required: [String] = []) -> [String: Any] {
        var schema: [String: Any] = ["type": "object", "description": text(key), "properties": properties, "additionalProperties": false]
        if !required.isEmpty { schema["required"] = required }
        return schema
    }

    /// A map from names (`[a-z0-9_-]+`) to values of one schema.
    func map(_ key: String, values: [String: Any], names: [String: Any]? = nil) -> [String: Any] {
        ["type": "object", "description": text(key), "propertyNames": names ?? ["$ref": "#/$defs/identifier"], "additionalProperties": values]
    }

    func list(_ key: String, items: [String: Any], minItems: Int? = nil) -> [String: Any] {
        var schema: [String: Any] = ["type": "array", "description": text(key), "items": items]
        if let minItems { schema["minItems"] = minItems }
        return schema
    }

    func enumeration(_ key: String, _ values: [String]) -> [String: Any] {
        ["type": "string", "description": text(key), "enum": values]
    }

    func header(_ kind: LeewaySchema.Kind) -> [String: Any] {
        ["$schema": LeewaySchema.draft, "$id": LeewaySchema.id(kind), "title": text("\(kind.rawValue).schema-title")]
    }

    /// Values shared by both schemas.
    func valueDefinitions() -> [String: Any] {
        [
            "identifier": ["type": "string", "pattern": "^[a-z0-9_-]+$", "description": text("type.identifier")],
            "text": ["type": ["string", "number", "boolean"], "description": text("type.text")],
            "title": [
                "description": text("type.title"),
                "anyOf": [
                    ["$ref": "#/$defs/text"],
                    ["type": "object", "minProperties": 1, "additionalProperties": false,
                     "properties": Dictionary(uniqueKeysWithValues: Language.allCases.map {
                         ($0.rawValue, ["$ref": "#/$defs/text", "description": text("type.title.\($0.rawValue)")] as [String: Any])
                     })],
                ],
            ],
            "duration": [
                "description": text("type.duration"),
                "anyOf": [
                    // Calendar units from largest to smallest, or working days alone (`10bd`).
                    ["type": "string", "minLength": 1, "pattern": "^(0|[0-9]+bd|([0-9]+w)?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?)$"],
                    ["const": 0],
                ],
            ],
            "money": [
                "description": text("type.money"),
                "anyOf": [
                    ["type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?( +[A-Z]{3})?$"],
                    ["type": "number", "minimum": 0],
                ],
            ],
            "quantity": [
                "description": text("type.quantity"),
                "anyOf": [["$ref": "#/$defs/money"], ["$ref": "#/$defs/duration"]],
            ],
            "scalar": ["type": ["string", "number", "boolean"], "description": text("type.scalar")],
            "date": ["type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": text("type.date")],
        ]
    }

    // MARK: - Policy

    func policy() -> [String: Any] {
        var schema = object("policy", [
            "leeway": described("policy.leeway", ["const": 1]),
            "policy": ref("identifier", "policy.policy"),
            "title": ref("title", "policy.title"),
            "owner": ref("text", "policy.owner"),
            "currency": described("policy.currency", ["type": "string", "pattern": "^[A-Z]{3}$"]),
            "description": ref("text", "policy.description"),
            "roles": described("policy.roles", ["type": "object", "minProperties": 1,
                                                "propertyNames": ["$ref": "#/$defs/identifier"],
                                                "additionalProperties": ["$ref": "#/$defs/role"]]),
            "facts": map("policy.facts", values: ["$ref": "#/$defs/fact"],
                         names: ["$ref": "#/$defs/identifier", "not": ["enum": ["channel", "mood", "waited", "contacts"]]]),
            "actions": map("policy.actions", values: ["$ref": "#/$defs/action"]),
            "discretion": list("policy.discretion", items: ["$ref": "#/$defs/discretion"]),
            "remedies": map("policy.remedies", values: ["$ref": "#/$defs/remedy"]),
            "processes": map("policy.processes", values: ["$ref": "#/$defs/process"]),
            "commitments": ref("commitments", "policy.commitments"),
            "channels": map("policy.channels", values: enumeration("channel.state", ChannelState.allCases.map(\.rawValue))),
            "metrics": list("policy.metrics", items: ["$ref": "#/$defs/metric"]),
            "exceptions": list("policy.exceptions", items: ["$ref": "#/$defs/exception"]),
        ], required: ["leeway", "policy", "roles"])
        schema.merge(header(.policy)) { _, new in new }
        var definitions = valueDefinitions()
        var role = object("role", [
            "title": ref("title", "role.title"),
            "customer-facing": described("role.customer-facing", ["type": "boolean"]),
            "reachable-within": ref("duration", "role.reachable-within"),
        ])
        role["type"] = ["object", "null"]  // `agent:` alone declares a role with no details
        definitions["role"] = role
        var fact = object("fact", [
            "type": enumeration("fact.type", ["enum", "money", "duration", "count", "bool"]),
            "values": described("fact.values", ["type": "array", "items": ["type": ["string", "number", "boolean"]], "uniqueItems": true]),
            "description": ref("text", "fact.description"),
            "locked": described("fact.locked", ["type": "boolean"]),
            "many": described("fact.many", ["type": "boolean"]),
        ], required: ["type"])
        fact["if"] = ["properties": ["type": ["const": "enum"]]]
        fact["then"] = ["required": ["values"]]
        fact["else"] = ["not": ["required": ["values"]]]
        definitions["fact"] = fact
        var action = object("action", [
            "title": ref("title", "action.title"),
            "description": ref("text", "action.description"),
            "measure": enumeration("action.measure", Measure.allCases.map(\.rawValue)),
            "grants": list("action.grants", items: ["$ref": "#/$defs/grant"]),
            "above-limit": object("above-limit", ["approval": ref("approval", "above-limit.approval"),
                                                  "when": ref("condition", "above-limit.when")]),
            "never": described("action.never", ["type": "boolean"]),
            "reason": ref("title", "action.reason"),
        ])
        action["if"] = ["properties": ["never": ["const": true]], "required": ["never"]]
        action["then"] = ["not": ["anyOf": [["required": ["grants"]], ["required": ["above-limit"]]]]]
        definitions["action"] = action
        definitions["grant"] = object("grant", [
            "role": ref("identifier", "grant.role"),
            "up-to": ref("amount", "grant.up-to"),
            "at-least": ref("amount", "grant.at-least"),
            "when": ref("condition", "grant.when"),
            "approval": ref("approval", "grant.approval"),
        ], required: ["role"])
        definitions["approval"] = object("approval", [
            "by": ref("identifier", "approval.by"),
            "within": ref("duration", "approval.within"),
        ], required: ["by"])
        definitions["condition"] = [
            "type": "object",
            "description": text("condition"),
            "properties": [
                "any": list("condition.any", items: ["$ref": "#/$defs/condition"]),
                "all": list("condition.all", items: ["$ref": "#/$defs/condition"]),
            ],
            "propertyNames": ["$ref": "#/$defs/identifier"],
            "additionalProperties": ["$ref": "#/$defs/matcher"],
        ]
        definitions["matcher"] = [
            "description": text("matcher"),
            "anyOf": [
                ["$ref": "#/$defs/scalar"],
                ["type": "array", "items": ["$ref": "#/$defs/scalar"], "minItems": 1],
                [
                    "type": "object",
                    "minProperties": 1,
                    "properties": [
                        "min": ref("scalar", "matcher.min"),
                        "max": ref("scalar", "matcher.max"),
                        "above": ref("scalar", "matcher.above"),
                        "below": ref("scalar", "matcher.below"),
                        "not": ref("matcher", "matcher.not"),
                    ],
                    "additionalProperties": false,
                ],
            ],
        ]
        definitions["discretion"] = object("discretion", [
            "role": ref("identifier", "discretion.role"),
            "up-to": ref("amount", "discretion.up-to"),
            "per": enumeration("discretion.per", BudgetPeriod.allCases.map(\.rawValue)),
            "review": enumeration("discretion.review", Review.allCases.map(\.rawValue)),
        ], required: ["role", "up-to"])
        definitions["remedy"] = object("remedy", [
            "title": ref("title", "remedy.title"),
            "description": ref("text", "remedy.description"),
            "when": ref("condition", "remedy.when"),
            "action": ref("identifier", "remedy.action"),
            "amount": ref("amount", "remedy.amount"),
            "automatic": described("remedy.automatic", ["type": "boolean"]),
            "within": ref("duration", "remedy.within"),
            "by": ref("identifier", "remedy.by"),
            "backs": enumeration("remedy.backs", Remedy.Commitment.allCases.map(\.rawValue)),
        ], required: ["when", "action"])
        definitions.merge(amountRuleDefinitions()) { _, new in new }
        definitions["process"] = object("process", [
            "title": ref("title", "process.title"),
            "when": ref("condition", "process.when"),
            "steps": list("process.steps", items: ["$ref": "#/$defs/step"]),
        ])
        definitions["step"] = [
            "description": text("step"),
            "oneOf": [
                object("step.ask", ["ask": described("step.ask", ["anyOf": [["$ref": "#/$defs/scalar"], ["type": "array", "items": ["$ref": "#/$defs/scalar"]]]])], required: ["ask"]),
                object("step.handoff", ["handoff": object("step.handoff", [
                    "to": ref("identifier", "handoff.to"),
                    "wait": ref("duration", "handoff.wait"),
                    "notes": described("handoff.notes", ["type": "boolean"]),
                ], required: ["to"])], required: ["handoff"]),
                object("step.approval", ["approval": ref("approval", "step.approval")], required: ["approval"]),
                object("step.wait", ["wait": ref("duration", "step.wait")], required: ["wait"]),
                object("step.redirect", ["redirect": ref("text", "step.redirect")], required: ["redirect"]),
                object("step.script", ["script": object("step.script", [
                    "verbatim": described("script.verbatim", ["type": "boolean"]),
                ])], required: ["script"]),
            ],
        ]
        definitions["commitments"] = object("commitments", [
            "appointment-window": [
                "description": text("commitments.appointment-window"),
                "anyOf": [
                    ["$ref": "#/$defs/duration"],
                    object("commitments.appointment-window", [
                        "window": ref("duration", "appointment-window.window"),
                        "remedy": ref("money", "appointment-window.remedy"),
                    ], required: ["window"]),
                ],
            ],
            "delay-notice": object("commitments.delay-notice", ["lead": ref("duration", "delay-notice.lead")]),
            "first-response": map("commitments.first-response", values: ["$ref": "#/$defs/duration"]),
        ])
        definitions["metric"] = object("metric", [
            "name": ref("identifier", "metric.name"),
            "target": ref("text", "metric.target"),
            "max": ref("text", "metric.max"),
            "affects": described("metric.affects", ["anyOf": [["$ref": "#/$defs/scalar"], ["type": "array", "items": ["$ref": "#/$defs/scalar"]]]]),
            "description": ref("text", "metric.description"),
        ], required: ["name"])
        definitions["exception"] = object("exception", [
            "rule": ref("identifier", "exception.rule"),
            "at": ref("text", "exception.at"),
            "reason": described("exception.reason", ["type": "string", "pattern": "\\S"]),
            "until": ref("date", "exception.until"),
        ], required: ["rule", "reason"])
        schema["$defs"] = definitions
        return schema
    }

    /// The three amount rules (language 1.1): percent of a fact, bands, steps.
    func amountRuleDefinitions() -> [String: Any] {
        let percent: [String: Any] = [
            "description": text("percent.percent"),
            "anyOf": [
                ["type": "number", "minimum": 0, "maximum": 1000],
                ["type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?$"],
            ],
        ]
        return [
            // A value, `10% of order-value`, or one of the rule objects.
            "amount": [
                "description": text("type.amount"),
                "anyOf": [
                    ["$ref": "#/$defs/quantity"],
                    ["type": "string", "pattern": "^ *[0-9]+(\\.[0-9]+)?% +of +[a-z0-9_-]+ *$"],
                    ["$ref": "#/$defs/percent-rule"],
                    ["$ref": "#/$defs/bands-rule"],
                    ["$ref": "#/$defs/steps-rule"],
                ],
            ],
            "percent-rule": object("percent-rule", [
                "percent": percent,
                "of": ref("identifier", "percent.of"),
                "min": ref("quantity", "percent.min"),
                "max": ref("quantity", "percent.max"),
            ], required: ["percent", "of"]),
            "bands-rule": object("bands-rule", [
                "by": ref("identifier", "bands.by"),
                "bands": list("bands.bands", items: object("band", [
                    "up-to": ref("quantity", "band.up-to"),
                    "amount": ref("quantity", "band.amount"),
                ], required: ["amount"]), minItems: 1),
            ], required: ["by", "bands"]),
            "steps-rule": object("steps-rule", [
                "base": ref("quantity", "steps.base"),
                "add": ref("quantity", "steps.add"),
                "each": ref("quantity", "steps.each"),
                "of": ref("identifier", "steps.of"),
                "after": ref("quantity", "steps.after"),
                "max": ref("quantity", "steps.max"),
            ], required: ["base", "add", "each", "of"]),
        ]
    }

    // MARK: - Case

    func caseFile() -> [String: Any] {
        var schema = object("case", [
            "leeway": described("case.leeway", ["const": 1]),
            "case": described("case.case", ["type": ["string", "number"]]),
            "title": ref("text", "case.title"),
            "policy": ref("identifier", "case.policy"),
            "policy-file": ref("text", "case.policy-file"),
            "handled-by": ref("identifier", "case.handled-by"),
            "channel": ref("identifier", "case.channel"),
            "customer": object("case.customer", [
                "id": described("customer.id", ["type": ["string", "number"]]),
                "problem": ref("text", "customer.problem"),
                "goal": ref("text", "customer.goal"),
                "mood": enumeration("customer.mood", FactDeclaration.moods),
            ]),
            "facts": map("case.facts", values: ["anyOf": [["$ref": "#/$defs/scalar"], ["type": "array", "items": ["$ref": "#/$defs/scalar"]]]]),
            "wants": list("case.wants", items: object("want", [
                "action": ref("identifier", "want.action"),
                "amount": ref("scalar", "want.amount"),
            ], required: ["action"])),
            "expect": map("case.expect", values: enumeration("expect.outcome", Outcome.allCases.map(\.rawValue))),
            "expect-owed": list("case.expect-owed", items: ["$ref": "#/$defs/identifier"]),
            "spent": object("case.spent", Dictionary(uniqueKeysWithValues: BudgetPeriod.allCases.filter { $0 != .case }.map {
                ($0.rawValue, ref("scalar", "spent.period"))
            })),
        ], required: ["case", "handled-by", "wants"])
        schema.merge(header(.case)) { _, new in new }
        schema["$defs"] = valueDefinitions()
        return schema
    }
}
