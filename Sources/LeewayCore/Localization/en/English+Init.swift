extension English {
    /// `leeway init`: what it says, and the starter files it writes (file contents, in
    /// the run's language; keys, ids and values that Leeway reads stay as they are).
    static let initializer: [String: String] = [
        "init.created": "created `{path}`: {what}",
        "init.kept": "kept `{path}`: it already exists, and `leeway init` never overwrites a file",
        "init.cannot-create": "cannot create `{path}`: {reason}",
        "init.next": "next: `leeway check` lints the policy set, `leeway test` runs the case; the tutorial is docs/tutorial.md in Leeway's repository (https://github.com/leeway-cx/leeway)",
        "init.what.policy": "a commented starter policy set",
        "init.what.case": "a case with its expected outcomes",
        "init.what.config": "the configuration",
        "init.what.schema": "a JSON Schema for editors (the YAML language server)",
        "init.template.policy": #"""
# yaml-language-server: $schema=../schema/policy.schema.json
# A starter policy set, written by `leeway init`. It says who may do what for a customer,
# up to which limits. Change it, then run `leeway check` (the linter) and `leeway test`
# (the cases under examples/). Every key is described in Leeway's docs/language.md.
leeway: 1                       # the language version
policy: my-service              # the id; a case names it in `policy:`
title: My customer service
currency: USD                   # a bare amount (`25`) is in this currency

roles:                          # who takes actions
  agent:                        # the person on the phone, in chat, by email
    title: Contact-center agent
    customer-facing: true
    reachable-within: 5m
  supervisor:                   # whoever the agent can hand a case to
    title: Shift supervisor
    reachable-within: 15m       # how long the customer waits for them

facts:                          # what a case may say about itself, typed
  issue: { type: enum, values: [late-delivery, damaged-item, billing-error] }

actions:                        # what can be done for a customer, and by whom
  issue-credit:
    title: Apply an account credit
    measure: money              # money, duration, count, or none
    grants:
      - role: agent
        up-to: 100 USD          # the agent decides alone up to here
      - role: supervisor
        up-to: 500 USD          # above it, the supervisor does it
  replace-item:
    title: Send a replacement
    measure: count
    grants:
      - role: agent
        up-to: 1
        when: { issue: [damaged-item] }   # only for a damaged item

discretion:                     # a budget the agent spends on their own judgement
  - { role: agent, up-to: 50 USD, per: case, review: after-the-fact }

commitments:                    # what the company promises, and how fast it answers
  delay-notice: { lead: 30m }   # tell the customer about a delay before they notice
  first-response: { phone: 3m, chat: 2m, email: 24h }

channels: { phone: open, chat: open, email: open }

metrics:                        # what the team is measured on: outcomes for the customer
  - { name: first-contact-resolution, target: 80% }
  - { name: customer-effort }
"""#,
        "init.template.case": #"""
# yaml-language-server: $schema=../../schema/case.schema.json
# A first case, written by `leeway init`: a customer situation and what they ask for.
# `leeway eval policies/my-service.yaml examples/cases/first-case.yaml` says what the
# agent may do; `leeway test` checks the outcomes written under `expect:`.
leeway: 1
case: FIRST-1
title: Parcel three days late, the customer wants a credit
policy: my-service
handled-by: agent
channel: phone
customer:                       # walk in the customer's shoes
  problem: The parcel is three days late
  goal: A credit for the wait
  mood: frustrated
facts: { issue: late-delivery }
wants:
  - { action: issue-credit, amount: 30 USD }
  - { action: replace-item, amount: 1 }
expect:                         # what `leeway test` checks
  issue-credit: allowed
  replace-item: blocked         # a replacement is for damaged items only
"""#,
        "init.template.config": #"""
# Leeway's configuration, written by `leeway init`; `leeway rules` lists the rules and
# `leeway rules ID` explains one.
fail-on: error                  # exit 1 on errors; `warning` to be stricter
# lang: es                      # messages in Spanish
rules:
  slow-approval: { max-within: 4h }     # the default; lower it to be stricter
  # verbatim-script: off                # a rule turned off
"""#,
    ]
}
