extension English {
    /// The rules of the linter (`rule.<id>.*`: title, summary, rationale, override,
    /// messages, helps, thresholds), configuration, exceptions, baseline, `leeway rules`.
    static let rules: [String: String] = [
        // no-frontline-discretion
        "rule.no-frontline-discretion.title": "No frontline discretion",
        "rule.no-frontline-discretion.summary": "a customer-facing role can do no money action alone and has no discretion budget",
        "rule.no-frontline-discretion.rationale": "a quick fix keeps customers: 95% stay loyal when a small problem is solved quickly vs 70% when solved at all (TARP); Ritz-Carlton staff may spend up to $2,000 without a manager",
        "rule.no-frontline-discretion.override": "a discretion budget reviewed after the fact",
        "rule.no-frontline-discretion.source": "Ritz-Carlton (chiefexecutive.net interview with Horst Schulze); TARP complaint studies; docs/research.md “Frontline discretion”",
        "rule.no-frontline-discretion.message": "customer-facing role `{role}` cannot spend anything on a customer's problem without asking: no money action of its own and no discretion budget",
        "rule.no-frontline-discretion.help": "give `{role}` a discretion budget reviewed after the fact, such as `up-to: {budget}` per case with `review: after-the-fact`",
        "rule.no-frontline-discretion.threshold.budget": "the budget per case the suggested fix proposes (in the policy's currency)",

        // approval-for-small-amounts
        "rule.approval-for-small-amounts.title": "Approval for small amounts",
        "rule.approval-for-small-amounts.summary": "a customer-facing role needs an approval on a money action while its own limit is below a small amount",
        "rule.approval-for-small-amounts.rationale": "the speed of the decision is loyalty: over $100, 82% stay loyal when resolved quickly vs 54% when resolved at all (TARP); retailers let any rep refund shipping or give 10–15% off",
        "rule.approval-for-small-amounts.override": "raise the role's own limit",
        "rule.approval-for-small-amounts.source": "TARP complaint studies; a retailer's playbook (docs/research.md “Frontline discretion”)",
        "rule.approval-for-small-amounts.message": "`{role}` needs `{approver}` approval for `{action}` above `{limit}`, a small amount (below `{minimum}`)",
        "rule.approval-for-small-amounts.help": "raise `{role}`'s own limit on `{action}` from `{limit}` to at least `{minimum}`, without approval",
        "rule.approval-for-small-amounts.threshold.min-own-limit": "own limit (without approval, in the policy's currency) below which an approval is flagged",

        // slow-approval
        "rule.slow-approval.title": "Slow approval",
        "rule.slow-approval.summary": "an approval on a grant, `above-limit` or a process step takes longer than the contact",
        "rule.slow-approval.rationale": "a decision that outlasts the contact costs loyalty: speed of resolution, not just resolution, keeps customers (TARP)",
        "rule.slow-approval.override": "a faster approver, or the frontline decides",
        "rule.slow-approval.source": "TARP complaint studies: speed of the decision is loyalty (docs/research.md “Frontline discretion”)",
        "rule.slow-approval.message.grant": "`{role}` needs `{approver}` approval taking up to `{within}` for `{action}`",
        "rule.slow-approval.message.above-limit": "`{action}` above `{limit}` needs `{approver}` approval taking up to `{within}`",
        "rule.slow-approval.message.above-limit-any": "`{action}` past every grant needs `{approver}` approval taking up to `{within}`",
        "rule.slow-approval.message.step": "process `{process}` waits up to `{within}` for `{approver}` approval",
        "rule.slow-approval.help": "decide during the contact: bring `within: {within}` down to `{max}` or less, or let the frontline decide",
        "rule.slow-approval.threshold.max-within": "the longest an approval may take",

        // absolute-prohibition
        "rule.absolute-prohibition.title": "Absolute prohibition",
        "rule.absolute-prohibition.summary": "an action with `never: true`: nobody may do it, whatever the case",
        "rule.absolute-prohibition.rationale": "a rule with no way out leaves the frontline no judgement; Nordstrom's one rule is “use good judgment in all situations”",
        "rule.absolute-prohibition.override": "a path with a reason instead of never (or an exception saying why never is right)",
        "rule.absolute-prohibition.source": "Nordstrom: “Use good judgment in all situations”; Zappos (docs/research.md “Frontline discretion”)",
        "rule.absolute-prohibition.message": "nobody may `{action}`, whatever the case",
        "rule.absolute-prohibition.help": "replace `never: true` on `{action}` with a grant limited by an amount and a `when`, or add an exception that says why never is right",

        // handoff-chain
        "rule.handoff-chain.title": "Hand-off chain",
        "rule.handoff-chain.summary": "a process passes the customer through too many hand-offs",
        "rule.handoff-chain.rationale": "transferred callers are 12% less satisfied and 14% less often resolved at first contact; 25% of unresolved customers intend to leave (SQM, vendor)",
        "rule.handoff-chain.override": "empower the first contact",
        "rule.handoff-chain.source": "SQM (vendor) on transfers; Dixon, Freeman, Toman, HBR 2010 (docs/research.md “Effort, hand-offs and the wrong metrics”)",
        "rule.handoff-chain.message": "process `{process}` hands the customer off {count} times ({roles})",
        "rule.handoff-chain.help": "empower the first contact in `{process}`: cut its {count} hand-offs to {max} or fewer",
        "rule.handoff-chain.threshold.max-handoffs": "the most hand-offs a process may have",

        // repeated-ask
        "rule.repeated-ask.title": "Repeated ask",
        "rule.repeated-ask.summary": "a process asks the customer for the same item twice",
        "rule.repeated-ask.rationale": "repeating information is one of the main customer efforts, and 96% of high-effort customers become more disloyal (Dixon, Freeman, Toman, HBR 2010)",
        "rule.repeated-ask.override": "carry the information forward",
        "rule.repeated-ask.source": "Dixon, Freeman, Toman, “Stop Trying to Delight Your Customers”, HBR 2010 (docs/research.md “Effort, hand-offs and the wrong metrics”)",
        "rule.repeated-ask.message": "process `{process}` asks the customer for `{item}` again (already asked in step {step})",
        "rule.repeated-ask.help": "carry `{item}` forward from step {step} instead of asking again",

        // wide-appointment-window
        "rule.wide-appointment-window.title": "Wide appointment window",
        "rule.wide-appointment-window.summary": "`appointment-window` above 2h (warning) or 4h (error), or a customer-facing grant whose `at-least` exceeds 2h",
        "rule.wide-appointment-window.rationale": "customers wait about 4.5 hours at home for service visits (IBOPE Zogby, 2011); 53% accept a 1–2 hour window (Trimble, vendor); Comcast moved to 2h and reported 96% on time",
        "rule.wide-appointment-window.override": "narrower windows, with an automatic remedy when missed",
        "rule.wide-appointment-window.source": "IBOPE Zogby for TOA Technologies 2011; Trimble (vendor); Comcast 2-hour windows (docs/research.md “Waiting and punctuality”)",
        "rule.wide-appointment-window.message": "an appointment window of `{window}` is wider than `{max}`: the customer waits at home for it",
        "rule.wide-appointment-window.help": "narrow `appointment-window` from `{window}` to `{target}`, with an automatic remedy when it is missed",
        "rule.wide-appointment-window.message.grant": "`{role}` may only offer windows of `{window}` or more for `{action}`, wider than `{max}`",
        "rule.wide-appointment-window.help.grant": "let `{role}` offer narrow windows: change `at-least: {window}` to `at-least: {target}`",
        "rule.wide-appointment-window.message.grant-rule": "`{role}` may be held to windows of `{window}` or more for `{action}` (`{rule}` at its `max`), wider than `{max}`",
        "rule.wide-appointment-window.help.grant-rule": "let `{role}` offer narrow windows: lower the `max` of its `at-least` from `{window}` to `{target}`",
        "rule.wide-appointment-window.threshold.warn-above": "a wider window is a warning",
        "rule.wide-appointment-window.threshold.error-above": "a wider window is an error",

        // no-delay-notice
        "rule.no-delay-notice.title": "No delay notice",
        "rule.no-delay-notice.summary": "no `delay-notice` commitment",
        "rule.no-delay-notice.rationale": "81% of customers expect to hear about a problem with their order as soon as possible (Shep Hyken, 2022); arrival notifications make rehiring 82% more likely (Software Advice)",
        "rule.no-delay-notice.override": "notify before the customer notices",
        "rule.no-delay-notice.source": "Shep Hyken, “Never, Never, Never Be Late”, 2022; Software Advice on arrival notifications (docs/research.md “Telling the customer first”)",
        "rule.no-delay-notice.message": "no `delay-notice` commitment: customers find out about delays by themselves",
        "rule.no-delay-notice.help": "add `delay-notice` with `lead: {lead}` under `commitments`: tell the customer before they notice",
        "rule.no-delay-notice.threshold.lead": "the notice lead time the suggested fix uses",

        // handle-time-target
        "rule.handle-time-target.title": "Handle-time target",
        "rule.handle-time-target.summary": "a handle-time metric has a target or `affects` something",
        "rule.handle-time-target.rationale": "handle-time targets push agents to cut calls short, transfer and cherry-pick (seed article 004; CCW; SquawkPoint)",
        "rule.handle-time-target.override": "measure resolution, churn, lifetime value",
        "rule.handle-time-target.source": "seed article 004; CCW; SquawkPoint (docs/research.md “Effort, hand-offs and the wrong metrics”)",
        "rule.handle-time-target.message.target": "handle-time metric `{metric}` has a target of `{target}`",
        "rule.handle-time-target.message.both": "handle-time metric `{metric}` has a target of `{target}` and feeds `{affects}`",
        "rule.handle-time-target.message.affects": "handle-time metric `{metric}` feeds `{affects}`",
        "rule.handle-time-target.help": "stop steering agents by `{metric}`: drop its target and `affects`, and measure first-contact resolution, churn or lifetime value",
        "rule.handle-time-target.threshold.metrics": "the metric names that measure handle time",

        // channel-abandonment
        "rule.channel-abandonment.title": "Channel abandonment",
        "rule.channel-abandonment.summary": "a channel is closed, or its first response is slower than customers expect on it",
        "rule.channel-abandonment.rationale": "customers expect a social reply within an hour and about 30% switch after being ignored (Sprout Social); the average company takes 12 hours to answer email (SuperOffice)",
        "rule.channel-abandonment.override": "reopen it with a response commitment",
        "rule.channel-abandonment.source": "Toister; SuperOffice; Sprout Social; seed article 004 on “supporting abandonment” (docs/research.md “Channels”)",
        "rule.channel-abandonment.message.closed": "channel `{channel}` is closed: customers who use it get no answer",
        "rule.channel-abandonment.help.closed": "reopen `{channel}` with a first-response commitment of at most `{norm}`",
        "rule.channel-abandonment.message.slow": "first response on `{channel}` takes up to `{within}`, slower than the `{norm}` customers expect",
        "rule.channel-abandonment.help.slow": "answer on `{channel}` within `{norm}` instead of `{within}`",
        "rule.channel-abandonment.threshold.phone": "the longest first response customers accept on the phone",
        "rule.channel-abandonment.threshold.chat": "the longest first response customers accept in chat",
        "rule.channel-abandonment.threshold.email": "the longest first response customers accept by email",
        "rule.channel-abandonment.threshold.social": "the longest first response customers accept on social media",

        // no-customer-outcome-metric
        "rule.no-customer-outcome-metric.title": "No customer-outcome metric",
        "rule.no-customer-outcome-metric.summary": "no metric among churn, lifetime value, referrals, first-contact resolution or customer effort",
        "rule.no-customer-outcome-metric.rationale": "measure what keeps customers: churn, lifetime value, referrals, first-contact resolution and effort (seed article 004; HBR 2010)",
        "rule.no-customer-outcome-metric.override": "add one",
        "rule.no-customer-outcome-metric.source": "seed article 004; Dixon, Freeman, Toman, HBR 2010 (docs/research.md “Effort, hand-offs and the wrong metrics”)",
        "rule.no-customer-outcome-metric.message": "no metric measures what customers get: none of {metrics}",
        "rule.no-customer-outcome-metric.help": "add a customer-outcome metric under `metrics`, such as `first-contact-resolution` or `churn`",
        "rule.no-customer-outcome-metric.threshold.metrics": "the metric names that count as customer outcomes",

        // unreachable-approver
        "rule.unreachable-approver.title": "Unreachable approver",
        "rule.unreachable-approver.summary": "a role named by an `approval` has no `reachable-within`",
        "rule.unreachable-approver.rationale": "a decision with no known time cannot be promised to the customer, and the speed of the decision is loyalty (TARP)",
        "rule.unreachable-approver.override": "declare it",
        "rule.unreachable-approver.source": "TARP complaint studies: speed of the decision is loyalty (docs/research.md “Frontline discretion”)",
        "rule.unreachable-approver.message": "`{role}` approves {places} but has no `reachable-within`: nobody can tell the customer how long it takes",
        "rule.unreachable-approver.help": "declare how fast `{role}` answers, such as `reachable-within: 15m`",

        // expired-exception
        "rule.expired-exception.title": "Expired exception",
        "rule.expired-exception.summary": "an `exceptions` entry whose `until` has passed",
        "rule.expired-exception.rationale": "an accepted finding is a decision with a date; past it, the decision needs a new look",
        "rule.expired-exception.override": "remove it or renew it with a reason",
        "rule.expired-exception.source": "SwiftLint, ESLint and Spectral practice: accepted findings are reviewed, not forgotten",
        "rule.expired-exception.message": "the exception for `{rule}` expired on `{until}`; its findings are reported again",
        "rule.expired-exception.help": "fix the findings and remove the exception, or renew `until` with a reason",

        // unused-exception
        "rule.unused-exception.title": "Unused exception",
        "rule.unused-exception.summary": "an `exceptions` entry that silences nothing (the finding is gone)",
        "rule.unused-exception.rationale": "a stale exception hides future findings of the same rule; ESLint and SwiftLint report unused suppressions too",
        "rule.unused-exception.override": "remove it",
        "rule.unused-exception.source": "ESLint `--report-unused-disable-directives`; SwiftLint `superfluous_disable_command`",
        "rule.unused-exception.message": "the exception for `{rule}` silences nothing: the finding is gone",
        "rule.unused-exception.message.at": "the exception for `{rule}` at `{at}` silences nothing: there is no such finding there",
        "rule.unused-exception.help": "remove the exception for `{rule}`",

        // window-without-remedy
        "rule.window-without-remedy.title": "Window without remedy",
        "rule.window-without-remedy.summary": "an `appointment-window` promise with no automatic `remedy` when it is missed, and no remedy with `backs: appointment-window`",
        "rule.window-without-remedy.rationale": "Comcast credits $20 when a technician is late and Ofgem requires an automatic £30 for a missed visit: a promise that costs nothing when broken is easy to break",
        "rule.window-without-remedy.override": "an automatic remedy when the window is missed",
        "rule.window-without-remedy.source": "Comcast's $20 credit for late technicians; Ofgem's automatic £30 for a missed visit (docs/research.md “Waiting and punctuality”)",
        "rule.window-without-remedy.message": "the `{window}` appointment window has no automatic remedy when it is missed",
        "rule.window-without-remedy.help": "add an automatic remedy: `window: {window}` with `remedy: {remedy}` under `appointment-window`",
        "rule.window-without-remedy.threshold.remedy": "the remedy the suggested fix proposes (in the policy's currency)",

        // forced-channel-switch
        "rule.forced-channel-switch.title": "Forced channel switch",
        "rule.forced-channel-switch.summary": "a process step sends the customer to another channel or place (`redirect:`)",
        "rule.forced-channel-switch.rationale": "channel switching is one of the main customer efforts, and effort drives disloyalty (Dixon, Freeman, Toman, HBR 2010)",
        "rule.forced-channel-switch.override": "resolve it in the customer's channel",
        "rule.forced-channel-switch.source": "Dixon, Freeman, Toman, HBR 2010: channel switching is a main effort (docs/research.md “Effort, hand-offs and the wrong metrics”)",
        "rule.forced-channel-switch.message": "process `{process}` sends the customer to `{target}` instead of resolving it where they are",
        "rule.forced-channel-switch.help": "resolve `{process}` in the customer's channel: remove `redirect: {target}`",

        // verbatim-script
        "rule.verbatim-script.title": "Verbatim script",
        "rule.verbatim-script.summary": "a process step requires a script read word for word (`script: { verbatim: true }`)",
        "rule.verbatim-script.rationale": "Zappos works without scripts and lets reps decide; a verbatim script talks at the customer instead of with them",
        "rule.verbatim-script.override": "a checklist, in the agent's own words",
        "rule.verbatim-script.source": "Zappos: no scripts, reps decide (docs/research.md “Frontline discretion”, “More smells worth rules”)",
        "rule.verbatim-script.message": "process `{process}` makes agents read a script word for word",
        "rule.verbatim-script.help": "let agents use their own words in `{process}`: `verbatim: false`, keeping the script as a checklist",

        // call-length-cap
        "rule.call-length-cap.title": "Call-length cap",
        "rule.call-length-cap.summary": "a handle-time or call-length metric with a `max`",
        "rule.call-length-cap.rationale": "Zappos sets no call time limits; caps push agents to cut calls short and transfer (seed article 004; CCW)",
        "rule.call-length-cap.override": "no cap: a call takes as long as the problem needs",
        "rule.call-length-cap.source": "Zappos: no call time limits; seed article 004; CCW (docs/research.md “Effort, hand-offs and the wrong metrics”)",
        "rule.call-length-cap.message": "metric `{metric}` caps calls at `{max}`",
        "rule.call-length-cap.help": "remove `max: {max}` from `{metric}`: a call takes as long as the customer's problem needs",
        "rule.call-length-cap.threshold.metrics": "the metric names that measure call length",

        // handoff-without-notes
        "rule.handoff-without-notes.title": "Hand-off without notes",
        "rule.handoff-without-notes.summary": "a hand-off with `notes: false`: the case notes stay behind",
        "rule.handoff-without-notes.rationale": "a hand-off without notes makes the customer repeat everything, a main effort that drives disloyalty (Dixon, Freeman, Toman, HBR 2010)",
        "rule.handoff-without-notes.override": "pass the notes with the case",
        "rule.handoff-without-notes.source": "Dixon, Freeman, Toman, HBR 2010: repeating information is a main effort (docs/research.md “Effort, hand-offs and the wrong metrics”)",
        "rule.handoff-without-notes.message": "process `{process}` hands the customer to `{role}` without the case notes",
        "rule.handoff-without-notes.help": "send the notes with the hand-off to `{role}`: `notes: true`",

        // unreviewed-discretion
        "rule.unreviewed-discretion.title": "Unreviewed discretion",
        "rule.unreviewed-discretion.summary": "a discretion budget with `review: none` or no `review`",
        "rule.unreviewed-discretion.rationale": "discretion works with guardrails: a budget reviewed after the fact shows where the policy should change, without slowing the customer down",
        "rule.unreviewed-discretion.override": "a review after the fact",
        "rule.unreviewed-discretion.source": "Ritz-Carlton's budget and its reviews (docs/research.md “Frontline discretion”, “More smells worth rules”)",
        "rule.unreviewed-discretion.message": "`{role}` may spend up to `{amount}` per `{per}` with no after-the-fact review",
        "rule.unreviewed-discretion.help": "add `review: after-the-fact` to `{role}`'s discretion budget",

        // remedy-on-claim (language 1.1)
        "rule.remedy-on-claim.title": "Remedy only on claim",
        "rule.remedy-on-claim.summary": "a remedy with `automatic: false`: the customer must claim what the company already knows it owes",
        "rule.remedy-on-claim.rationale": "a failure the company already knows about should not wait for the customer to claim: Ofgem's guaranteed payments and the US DOT's refunds are made automatically, while airlines pay EU261 compensation in practice only on a claim",
        "rule.remedy-on-claim.override": "make it automatic",
        "rule.remedy-on-claim.source": "Ofgem's Guaranteed Standards of Performance; US DOT final rule on automatic refunds (April 2024); EU Regulation 261/2004 (docs/research.md “Owed without asking”)",
        "rule.remedy-on-claim.message": "remedy `{remedy}` is given only when the customer claims it, though the company knows when it owes it",
        "rule.remedy-on-claim.help": "make `{remedy}` automatic: write `automatic: true` (or remove `automatic: false`) and give it without waiting for a claim",

        // slow-remedy (language 1.1)
        "rule.slow-remedy.title": "Slow remedy",
        "rule.slow-remedy.summary": "a remedy whose `within` exceeds 7d (working days count 5bd as 1w)",
        "rule.slow-remedy.rationale": "what is owed is owed now: Ofgem pays within 10 working days and owes a further payment when it is late, and the US DOT wants card refunds within 7 business days; a remedy that takes weeks leaves the customer chasing it",
        "rule.slow-remedy.override": "give it during the contact, or within days",
        "rule.slow-remedy.source": "Ofgem's Guaranteed Standards of Performance; US DOT final rule on automatic refunds (April 2024) (docs/research.md “Owed without asking”)",
        "rule.slow-remedy.message": "remedy `{remedy}` may take up to `{within}` to reach the customer, longer than `{max}`",
        "rule.slow-remedy.help": "give `{remedy}` during the contact, or bring `within: {within}` down to `{max}` or less",
        "rule.slow-remedy.threshold.max-within": "the longest a remedy may take to reach the customer (`5bd` counts as `1w`)",

        // slow-handoff (language 1.1)
        "rule.slow-handoff.title": "Slow hand-off",
        "rule.slow-handoff.summary": "a process `handoff` whose `wait` exceeds 1d",
        "rule.slow-handoff.rationale": "a customer handed to a team that answers in days is a customer left unresolved: 25% of unresolved customers intend to leave vs 5% of those resolved the first time (SQM, vendor), and the speed of the decision is loyalty (TARP)",
        "rule.slow-handoff.override": "give the first contact the power, or a faster team",
        "rule.slow-handoff.source": "SQM (vendor) on transfers and resolution; TARP complaint studies (docs/research.md “Effort, hand-offs and the wrong metrics”, “Frontline discretion”)",
        "rule.slow-handoff.message": "process `{process}` hands the customer to `{role}` and makes them wait up to `{wait}`, longer than `{max}`",
        "rule.slow-handoff.help": "give the first contact the power to resolve it, or a team that answers faster: bring `wait: {wait}` down to `{max}` or less",
        "rule.slow-handoff.threshold.max-wait": "the longest a customer may wait after a hand-off",

        // retention-gate (language 1.1)
        "rule.retention-gate.title": "Retention gate",
        "rule.retention-gate.summary": "an action that ends the relationship (by default `cancel-*`, `close-account`, `end-contract`) that no first-contact role (customer-facing, without `reachable-within`) may take without a hand-off or an approval",
        "rule.retention-gate.rationale": "leaving should be as easy as signing up, as the FTC's 2024 “click to cancel” amendments required (a US appeals court vacated them in July 2025 on procedural grounds); a retention hand-off before the customer may leave is effort, and effort drives disloyalty (HBR 2010)",
        "rule.retention-gate.override": "let the first contact cancel; offer, don't gate",
        "rule.retention-gate.source": "FTC “click to cancel” amendments to the Negative Option Rule, October 2024, vacated July 2025; Dixon, Freeman, Toman, HBR 2010 (docs/research.md “Owed without asking”, judgement)",
        "rule.retention-gate.message": "a customer cannot `{action}` at first contact, only after a hand-off to {others}",
        "rule.retention-gate.message.nobody": "nobody may `{action}`: a customer who asks for it cannot get it",
        "rule.retention-gate.message.never": "nobody may ever `{action}`: a customer who asks for it cannot get it",
        "rule.retention-gate.message.approval": "`{role}` needs `{approver}` approval before a customer may `{action}`",
        "rule.retention-gate.message.when": "`{role}` may `{action}` only when this condition holds; otherwise a customer who asks for it cannot get it at first contact",
        "rule.retention-gate.message.above-limit": "`{action}` needs `{approver}` approval: no first-contact role ({roles}) may take it alone",
        "rule.retention-gate.help": "let `{role}` take `{action}` at first contact, with no approval and no condition; offer what might keep the customer, but don't gate the exit",
        "rule.retention-gate.threshold.actions": "the ids of actions that end the relationship (`*` matches any run of characters)",

        // Configuration (.leeway.yml)
        "what.configuration": "configuration",
        "what.rule-settings": "settings of rule `{value}`",
        "config.unknown-rule": "unknown rule `{rule}`",
        "config.unknown-rule.help": "`leeway rules` lists every rule id",
        "config.bad-threshold": "`{value}` is not a valid `{name}` for `{rule}`",
        "config.threshold-kind.duration": "write a duration such as `{default}`",
        "config.threshold-kind.amount": "write an amount in the policy's currency, without the currency, such as `{default}`",
        "config.threshold-kind.count": "write a whole number such as `{default}`",
        "config.threshold-kind.list": "write a list such as `{default}`",

        // Exceptions
        "exception.unknown-rule": "the exception names unknown rule `{rule}`",
        "exception.unknown-rule.help": "`leeway rules` lists every rule id",
        "exception.meta-rule": "an exception cannot silence `{rule}`",
        "exception.meta-rule.help": "remove or renew the exception it is about instead",

        // Baseline
        "baseline.cannot-write": "cannot write the baseline `{path}`: {reason}",
        "baseline.not-json": "`{path}` is not a Leeway baseline",
        "baseline.bad-version": "`{path}` is a baseline of another format; this Leeway reads version {version}",
        "baseline.help": "record a new one with `leeway check --write-baseline {path}`",

        // leeway rules
        "rules.unknown": "unknown rule `{rule}`",
        "rules.unknown.help": "`leeway rules` lists every rule id",
        "rules.column.id": "rule",
        "rules.column.severity": "severity",
        "rules.column.title": "title",
        "rules.footer": "{count} rules; `leeway rules ID` explains one, `.leeway.yml` configures them",
        "rules.label.fires-when": "fires when",
        "rules.label.why": "why",
        "rules.label.source": "source",
        "rules.label.thresholds": "thresholds",
        "rules.label.no-thresholds": "none",
        "rules.label.default": "default",
        "rules.label.override": "override",
        "rules.label.triggering": "triggers (↓ marks where the finding lands)",
        "rules.label.non-triggering": "does not trigger",
        "rules.label.configure": "configure in `.leeway.yml`",
        "rules.configure.or-off": "or off",
        "rules.docs.title": "Leeway rules",
        "rules.docs.intro": "Generated from the rule registry by `leeway rules --markdown docs/rules.md`; do not edit by hand.",
    ]
}
