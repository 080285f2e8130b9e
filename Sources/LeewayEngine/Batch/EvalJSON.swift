import Foundation
import LeewayCore

/// `leeway eval --format json` and `--format jsonl` (SPEC §7), written with `JSONWriter`.
///
/// A case object: `case`, `policy`, `handledBy`, `decisions` (each with `action`,
/// `amount`, `outcome`, `by`, `within`, `timeKnown: false` when the time is unknown,
/// `via: "discretion"`, `trace`), `resolution` and `overrides` (SPEC §7; see `OverrideJSON`).
public enum EvalJSON {
    /// Writes one case object. `trace` and `explanation` are given only with traces;
    /// `location` (the case's file and line) only in the JSON document.
    public static func writeCase<ID: Collection>(id: ID, policy: CompiledPolicy, input: CaseInput, decisions: [Decision],
                                                resolution: Resolution, trace: [TraceStep]?, explanation: Explanation?,
                                                location: SourceLocation?, into writer: inout JSONWriter,
                                                overrides: ((inout JSONWriter) -> Void)? = nil, owed: [OwedRemedy] = [], notes: [CaseNote] = [],
                                                language: Language = .en) where ID.Element == UInt8 {
        // Names come from the policy's raw name table: nothing is retained per case.
        let names = policy.names
        writer.beginObject()
        writer.field(ascii: "case", utf8: id)
        writer.field(ascii: "policy", utf8: names.policyID)
        if input.role >= 0 {
            writer.field(ascii: "handledBy", utf8: names.role(Int(input.role)))
        }
        if let location {
            writer.key(ascii: "file")
            writer.string(location.file)
            if let position = location.position {
                writer.key(ascii: "line")
                writer.number(position.line)
                writer.key(ascii: "column")
                writer.number(position.column)
            }
        }
        if !owed.isEmpty { writeOwed(owed, policy: policy, into: &writer) }
        writer.key(ascii: "decisions")
        writer.beginArray()
        for decision in decisions {
            let want = input.wants[Int(decision.want)]
            writer.beginObject()
            writer.field(ascii: "action", utf8: names.action(Int(decision.action)))
            if want.hasAmount {
                writer.key(ascii: "amount")
                writer.string { names.appendAmount(want, to: &$0) }
            }
            writer.key(ascii: "outcome")
            writeOutcome(decision.outcome, into: &writer)
            if decision.by >= 0 {
                writer.field(ascii: "by", utf8: names.role(Int(decision.by)))
            }
            if decision.outcome == .needsApproval || decision.outcome == .escalate {
                if decision.within >= 0 {
                    writer.key(ascii: "within")
                    writer.string { FixedPoint.appendDuration(decision.within, to: &$0) }
                } else {
                    writer.key(ascii: "timeKnown")
                    writer.bool(false)
                }
            }
            if decision.viaDiscretion {
                writer.key(ascii: "via")
                writer.string(ascii: "discretion")
            } else if decision.viaRemedy {
                writer.key(ascii: "via")
                writer.string(ascii: "remedy")
            }
            if decision.owed >= 0 || decision.owedUnknown {
                if decision.owed >= 0 && names.measures[Int(decision.action)] != .none {
                    writer.key(ascii: "owed")
                    writer.string { policy.appendAmount(WantInput(action: decision.action, hasAmount: true, amount: decision.owed,
                                                                  decimal: decision.owedDecimal), to: &$0) }
                } else if decision.owedUnknown {
                    writer.key(ascii: "owedKnown")
                    writer.bool(false)
                }
                writer.key(ascii: "remedies")
                writer.beginArray()
                for entry in owed where entry.action == decision.action {
                    writer.string(utf8: policy.remedyText[Int(entry.remedy)].name)
                }
                writer.endArray()
            }
            if let trace, let explanation {
                writer.key(ascii: "trace")
                writer.beginArray()
                for step in trace where step.want == decision.want {
                    writeStep(step, decision: decision, input: input, explanation: explanation, into: &writer)
                }
                writer.endArray()
            }
            writer.endObject()
        }
        writer.endArray()
        writer.key(ascii: "resolution")
        writer.beginObject()
        writer.key(ascii: "firstContact")
        writer.bool(resolution.firstContact)
        writer.key(ascii: "blocked")
        writer.number(resolution.blocked)
        writer.key(ascii: "handoffs")
        writer.number(resolution.handoffs)
        writer.key(ascii: "approvals")
        writer.number(resolution.approvals)
        writer.key(ascii: "asks")
        writer.number(resolution.asks)
        writer.key(ascii: "time")
        writer.string { FixedPoint.appendDuration(resolution.time, to: &$0) }
        if !resolution.timeKnown {
            writer.key(ascii: "timeKnown")
            writer.bool(false)
        }
        if policy.remedyCount > 0 {
            writer.key(ascii: "owed")
            writer.number(resolution.owed)
        }
        writer.endObject()
        if !notes.isEmpty {
            let language = explanation?.language ?? language
            writer.key(ascii: "notes")
            writer.beginArray()
            for note in notes {
                writer.beginObject()
                writer.key(ascii: "id")
                writer.string(note.kind.rawValue)
                writer.key(ascii: "message")
                writer.string(utf8: policy.noteText(note, language))
                writer.endObject()
            }
            writer.endArray()
        }
        // The planner's part (the `overrides` array, then `customerMessage`) is written by
        // LeewayOverrides through `overrides`; a record without a plan says `"overrides": []`.
        writer.key(ascii: "overrides")
        if let overrides {
            overrides(&writer)
        } else {
            writer.beginArray()
            writer.endArray()
        }
        writer.endObject()
    }

    /// `owed: [{ remedy, action, amount, automatic, within, by }]` (language 1.1).
    static func writeOwed(_ owed: [OwedRemedy], policy: CompiledPolicy, into writer: inout JSONWriter) {
        writer.key(ascii: "owed")
        writer.beginArray()
        for entry in owed {
            let model = policy.remedyText[Int(entry.remedy)]
            writer.beginObject()
            writer.key(ascii: "remedy")
            writer.string(utf8: model.name)
            writer.key(ascii: "action")
            writer.string(utf8: policy.actions[Int(entry.action)].utf8)
            if entry.known && entry.hasAmount {
                writer.key(ascii: "amount")
                writer.string { policy.appendAmount(WantInput(action: entry.action, hasAmount: true, amount: entry.amount,
                                                              decimal: entry.amountDecimal), to: &$0) }
            }
            writer.key(ascii: "automatic")
            writer.bool(model.automatic)
            if !model.within.isEmpty {
                writer.key(ascii: "within")
                writer.string(utf8: model.within)
            }
            if !model.by.isEmpty {
                writer.key(ascii: "by")
                writer.string(utf8: model.by)
            }
            writer.endObject()
        }
        writer.endArray()
    }

    static func writeOutcome(_ outcome: Outcome, into writer: inout JSONWriter) {
        switch outcome {
        case .allowed: writer.string(ascii: "allowed")
        case .needsApproval: writer.string(ascii: "needs-approval")
        case .escalate: writer.string(ascii: "escalate")
        case .blocked: writer.string(ascii: "blocked")
        }
    }

    static func writeStep(_ step: TraceStep, decision: Decision, input: CaseInput, explanation: Explanation, into writer: inout JSONWriter) {
        let policy = explanation.policy
        writer.beginObject()
        writer.key(ascii: "step")
        switch step.kind {
        case .never: writer.string(ascii: "never")
        case .grant: writer.string(ascii: "grant")
        case .discretion: writer.string(ascii: "discretion")
        case .aboveLimit: writer.string(ascii: "above-limit")
        case .noPath: writer.string(ascii: "no-path")
        case .remedy: writer.string(ascii: "remedy")
        }
        if step.kind == .grant {
            writer.key(ascii: "role")
            writer.string(utf8: policy.roles[policy.grantRole(Int(step.grant))].utf8)
        }
        if let location = explanation.location(step, action: decision.action) {
            writer.key(ascii: "file")
            writer.string(location.file)
            if let position = location.position {
                writer.key(ascii: "line")
                writer.number(position.line)
                writer.key(ascii: "column")
                writer.number(position.column)
            }
        }
        if step.kind == .grant {
            writer.key(ascii: "when")
            writer.bool(step.conditionHeld)
            writer.key(ascii: "covers")
            writer.bool(step.covers)
        } else if step.kind == .remedy {
            writer.key(ascii: "covers")
            writer.bool(step.covers)
        } else if step.kind == .discretion || step.kind == .aboveLimit {
            writer.key(ascii: step.kind == .discretion ? "covers" : "available")
            writer.bool(step.covers)
        }
        if let offers = step.outcome, step.kind != .never, step.kind != .noPath {
            writer.key(ascii: "offers")
            writeOutcome(offers, into: &writer)
            if step.by >= 0 && offers != .allowed {
                writer.key(ascii: "by")
                writer.string(utf8: policy.roles[Int(step.by)].utf8)
            }
            if offers == .needsApproval || offers == .escalate {
                if step.time >= 0 {
                    writer.key(ascii: "within")
                    writer.string { FixedPoint.appendDuration(step.time, to: &$0) }
                } else {
                    writer.key(ascii: "timeKnown")
                    writer.bool(false)
                }
            }
        }
        writer.key(ascii: "chosen")
        writer.bool(step.chosen)
        writer.key(ascii: "message")
        writer.string(explanation.sentence(step, input: input))
        writer.endObject()
    }

    public static func writeFinding(_ finding: Finding, language: Language, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key(ascii: "rule")
        writer.string(finding.rule)
        writer.key(ascii: "severity")
        writer.string(finding.severity.rawValue)
        writer.key(ascii: "file")
        writer.string(finding.location.file)
        if let position = finding.location.position {
            writer.key(ascii: "line")
            writer.number(position.line)
            writer.key(ascii: "column")
            writer.number(position.column)
        }
        writer.key(ascii: "message")
        writer.string(finding.message.render(language))
        if let help = finding.help {
            writer.key(ascii: "help")
            writer.string(help.render(language))
        }
        writer.endObject()
    }
}
