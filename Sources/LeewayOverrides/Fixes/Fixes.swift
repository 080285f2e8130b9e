import Foundation
import LeewayCore
import LeewayEngine
import LeewayRules

/// Mechanical fixes for rule findings: the edits that make a finding go away, with the
/// values filled in (the finding's `help` arguments, the rule's thresholds). A finding
/// is mapped to edits by its rule id and its `path` into the policy (`PolicySet.root`),
/// so that no rule needs to change. Rules without a mechanical fix (`handoff-chain`:
/// which hand-off goes is a human decision) have none; their override stays advice.
public enum Fixes {
    /// Rules that have a mechanical fix, for docs and tests.
    public static let fixable: Set<String> = [
        "wide-appointment-window", "slow-approval", "handoff-without-notes", "channel-abandonment", "no-delay-notice",
        "no-customer-outcome-metric", "repeated-ask", "approval-for-small-amounts", "no-frontline-discretion",
        "unreviewed-discretion", "verbatim-script", "call-length-cap", "handle-time-target", "forced-channel-switch",
        "unreachable-approver", "window-without-remedy", "expired-exception", "unused-exception", "absolute-prohibition",
        "remedy-on-claim", "slow-remedy", "slow-handoff",
    ]

    /// The edits that fix a finding in a policy (on `policy.file.text`), or nil.
    public static func edits(for finding: Finding, in policy: PolicySet) -> [TextEdit]? {
        let text = PolicyText(policy.file.text)
        let root = policy.root
        let help = finding.help?.arguments ?? [:]
        let path = finding.path ?? KeyPath()
        func at(_ replacement: String) -> [TextEdit]? {
            guard let start = finding.location.position, let end = finding.end, let old = text.slice(start, end) else { return nil }
            return [TextEdit(start: start, end: end, replacement: PolicyValue.requoted(replacement, like: old))]
        }
        switch finding.rule {
        case "wide-appointment-window":
            // `appointment-window: 8h` or a grant's `at-least: 4h` → the target (`2h`).
            guard let target = help["target"] else { return nil }
            return at(target)
        case "slow-approval", "slow-remedy", "slow-handoff":
            guard let max = help["max"] else { return nil }
            return at(max)
        case "remedy-on-claim":
            return at("true")
        case "handoff-without-notes":
            return at("true")
        case "verbatim-script":
            return at("false")
        case "channel-abandonment":
            if finding.message.key.hasSuffix(".closed") { return at("open") }
            guard let norm = help["norm"] else { return nil }
            return at(norm)
        case "no-delay-notice":
            let lead = help["lead"] ?? "30m"
            if let commitments = root["commitments"] {
                return text.addPair("delay-notice", "{ lead: \(lead) }", to: commitments).map { [$0] }
            }
            return [text.insertSection(["commitments:", "  delay-notice: { lead: \(lead) }"], in: root,
                                       before: ["channels", "metrics", "exceptions"])]
        case "no-customer-outcome-metric":
            let item = "{ name: first-contact-resolution }"
            if let metrics = root["metrics"], metrics.sequence?.isEmpty == false {
                return text.appendItem(item, to: metrics).map { [$0] }
            }
            guard root["metrics"] == nil else { return nil }
            return [text.insertSection(["metrics:", "  - \(item)"], in: root, before: ["exceptions"])]
        case "repeated-ask":
            // Drop the repeated item; drop the whole step when it asks nothing else.
            guard let stepNode = root.node(at: path), let list = stepNode["ask"] else { return nil }
            guard let items = list.sequence else { return removeStep(path, root: root, text: text) }
            guard let start = finding.location.position, let index = items.firstIndex(where: { $0.start == start }) else { return nil }
            if items.count == 1 { return removeStep(path, root: root, text: text) }
            return text.removeItem(at: index, of: list).map { [$0] }
        case "forced-channel-switch":
            return removeStep(path, root: root, text: text)
        case "approval-for-small-amounts":
            return raiseOwnLimit(finding, policy: policy, text: text)
        case "no-frontline-discretion":
            guard let role = help["role"] else { return nil }
            let budget = help["budget"] ?? policy.currency.map { "50 \($0.value)" } ?? "50"
            let item = "{ role: \(role), up-to: \(budget), per: case, review: after-the-fact }"
            if let discretion = root["discretion"], discretion.sequence?.isEmpty == false {
                return text.appendItem(item, to: discretion).map { [$0] }
            }
            guard root["discretion"] == nil else { return nil }
            return [text.insertSection(["discretion:", "  - \(item)"], in: root,
                                       before: ["processes", "commitments", "channels", "metrics", "exceptions"])]
        case "unreviewed-discretion":
            guard let budget = root.node(at: path.components.last == "review" ? KeyPath(Array(path.components.dropLast())) : path) else { return nil }
            if let review = budget["review"] { return text.replace(node: review, with: "after-the-fact").map { [$0] } }
            return text.addPair("review", "after-the-fact", to: budget).map { [$0] }
        case "call-length-cap":
            guard let metric = root.node(at: KeyPath(Array(path.components.dropLast()))) else { return nil }
            return text.removePair("max", from: metric).map { [$0] }
        case "handle-time-target":
            guard let metric = root.node(at: KeyPath(Array(path.components.dropLast()))) else { return nil }
            var edits: [TextEdit] = []
            for key in ["target", "affects"] where metric[key] != nil {
                guard let edit = text.removePair(key, from: metric) else { return nil }
                edits.append(edit)
            }
            // Two removals in one flow mapping would overlap at the comma: remove the span.
            if metric.style == .flow, let pairs = metric.mapping, edits.count == 2,
               let first = pairs.firstIndex(where: { $0.name == "target" || $0.name == "affects" }), first > 0,
               let last = pairs.lastIndex(where: { $0.name == "target" || $0.name == "affects" }), last == first + 1 {
                return [TextEdit(start: pairs[first - 1].value.end, end: pairs[last].value.end, replacement: "")]
            }
            return edits.isEmpty ? nil : edits
        case "unreachable-approver":
            guard let role = root.node(at: path), role.mapping != nil else { return nil }
            return text.addPair("reachable-within", "15m", to: role).map { [$0] }
        case "window-without-remedy":
            guard let window = help["window"], let remedy = help["remedy"], let commitments = root["commitments"],
                  let node = commitments["appointment-window"] else { return nil }
            if node.mapping != nil { return text.addPair("remedy", remedy, to: node).map { [$0] } }
            return text.replace(node: node, with: "{ window: \(window), remedy: \(remedy) }").map { [$0] }
        case "expired-exception", "unused-exception":
            return removeException(path, root: root, text: text)
        case "absolute-prohibition":
            // A path with a reason: the first customer-facing role may do it, with the
            // approval of the role that answers fastest, keeping `reason`.
            guard let actionName = path.components.dropFirst().first, let action = policy.action(actionName),
                  let actionNode = root["actions"]?[actionName], let pair = actionNode.pair("never"),
                  let frontline = policy.roles.first(where: \.customerFacing) else { return nil }
            let approver = policy.roles.filter { !$0.customerFacing && $0.reachableWithin != nil }
                .min { $0.reachableWithin!.value < $1.reachableWithin!.value }
            var body = "role: \(frontline.name)"
            if let approver, let within = approver.reachableWithin { body += ", approval: { by: \(approver.name), within: \(within.value) }" }
            let replacement: String
            if actionNode.style == .flow {
                replacement = "grants: [ { \(body) } ]"
            } else {
                let indent = String(repeating: " ", count: pair.key.start.column - 1)
                replacement = "grants:\n\(indent)  - { \(body) }"
            }
            _ = action
            return [TextEdit(start: pair.key.start, end: pair.value.end, replacement: replacement)]
        default:
            return nil
        }
    }

    static func removeStep(_ path: KeyPath, root: YAMLNode, text: PolicyText) -> [TextEdit]? {
        // `processes.NAME.steps[i]` (or deeper): remove item i of the steps list.
        guard let stepsIndex = path.components.firstIndex(of: "steps"), stepsIndex + 1 < path.components.count,
              let index = Int(path.components[stepsIndex + 1].dropFirst().dropLast()),
              let steps = root.node(at: KeyPath(Array(path.components[...stepsIndex]))), let items = steps.sequence else { return nil }
        guard items.count > 1 else { return nil }
        return text.removeItem(at: index, of: steps).map { [$0] }
    }

    static func removeException(_ path: KeyPath, root: YAMLNode, text: PolicyText) -> [TextEdit]? {
        guard path.components.count >= 2, path.components[0] == "exceptions",
              let index = Int(path.components[1].dropFirst().dropLast()),
              let list = root["exceptions"], let items = list.sequence, index < items.count else { return nil }
        if items.count == 1, let pair = root.pair("exceptions") {
            // The last exception: remove the whole section, key and comments under it.
            let last = list.contentEnd.line
            var first = pair.key.start.line
            // At the end of the file, take the blank line that separated it too.
            if last >= text.lineCount - 1, first > 1, text.line(first - 1).trimmingCharacters(in: .whitespaces).isEmpty { first -= 1 }
            return [text.removeLines(first, through: min(last, text.lineCount))]
        }
        return text.removeItem(at: index, of: list).map { [$0] }
    }

    /// `approval-for-small-amounts`: raise the role's own approval-free limit on the
    /// action (its grant without `when`) to the threshold, or add one before the first
    /// approval grant.
    static func raiseOwnLimit(_ finding: Finding, policy: PolicySet, text: PolicyText) -> [TextEdit]? {
        let help = finding.help?.arguments ?? [:]
        guard let role = help["role"], let actionName = help["action"], let minimum = help["minimum"],
              let action = policy.action(actionName) else { return nil }
        // The own limits as the rule judged them: values, and amount rules by their `max`
        // (raising the `max` then raises the rule's ceiling).
        let own = action.grants.filter { $0.role.value == role && $0.approval == nil && $0.when == nil && $0.staticUpTo != nil }
        if let grant = own.max(by: { $0.staticUpTo!.compare($1.staticUpTo!) == .orderedAscending }) {
            if let upTo = grant.upTo { return text.replace(upTo, with: minimum).map { [$0] } }
            guard let max = policy.root.node(at: grant.path.appending("up-to").appending("max")) else { return nil }
            return text.replace(node: max, with: minimum).map { [$0] }
        }
        guard let first = action.grants.first(where: { $0.role.value == role && $0.approval != nil }),
              let position = first.location.position else { return nil }
        return text.insertItem("{ role: \(role), up-to: \(minimum) }", before: position).map { [$0] }
    }
}

extension PolicyValue {
    /// A replacement keeping the quotes of the value it replaces.
    static func requoted(_ replacement: String, like old: String) -> String {
        if let first = old.first, first == "\"" || first == "'", old.count >= 2, old.last == first {
            return "\(first)\(replacement)\(first)"
        }
        return replacement
    }
}
