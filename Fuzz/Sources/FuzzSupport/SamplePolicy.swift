// Generated from policies/acme-field-service.yaml by scripts/fuzz.sh; do not edit.
enum SamplePolicy {
    static let text = #"""
# yaml-language-server: $schema=../schema/policy.schema.json
# Acme Field Service — the DELIBERATELY RIGID sample.
# A cable and internet installer as many customers know it: four-hour visit windows,
# a supervisor's sign-off for small credits, finance approvals measured in days,
# a billing dispute that passes the customer around, agents paid on handle time and
# capped on call length, a closed social channel, and exceptions nobody revisited.
# `leeway check` flags most of what is wrong here (policies/README.md lists it); the
# cases in examples/cases/acme-*.yaml show what it does to real customers.
leeway: 1
policy: acme-field-service
title: Acme Field Service — what our frontline may do
owner: cx-operations
currency: USD

roles:
  agent:      { title: { en: Contact-center agent, es: Agente del centro de contacto }, customer-facing: true }
  technician: { title: { en: Field technician, es: Técnico de campo }, customer-facing: true }
  supervisor: { title: { en: Shift supervisor, es: Supervisor de turno }, reachable-within: 15m }
  finance:    { title: { en: Finance back office, es: Administración de finanzas }, reachable-within: 2d }
  dispatcher: { title: { en: Dispatch desk, es: Centro de despacho de técnicos } }

facts:
  issue:  { type: enum, values: [late-arrival, missed-appointment, billing-error, broken-product, outage] }
  tier:   { type: enum, values: [standard, plus, business] }
  order-value: { type: money }

actions:
  issue-credit:
    title: { en: Apply an account credit, es: Aplicar un abono en la cuenta }
    measure: money
    grants:
      - role: agent
        up-to: 25 USD
        when: { issue: [late-arrival, missed-appointment] }
      - role: agent
        up-to: 100 USD
        approval: { by: supervisor, within: 4h }
      - role: supervisor
        up-to: 200 USD
    above-limit:
      approval: { by: finance, within: 3d }
  waive-late-fee:
    title: { en: Waive a late-payment fee, es: Anular un recargo por pago tardío }
    measure: none
    never: true
    reason: { en: Fees are non-negotiable, es: Los recargos no se negocian }
  reschedule-visit:
    title: { en: Offer a new appointment window, es: Ofrecer una nueva franja para la visita }
    measure: duration
    grants:
      - { role: agent, at-least: 4h }
  replace-equipment:
    title: { en: Swap a faulty modem or set-top box, es: Cambiar un módem o decodificador averiado }
    measure: count
    grants:
      - role: technician
        up-to: 1
        approval: { by: dispatcher, within: 1d }

processes:
  billing-dispute:
    when: { issue: billing-error }
    steps:
      - ask: [account-number, invoice-id]
      - handoff: { to: finance, wait: 2d }
      - approval: { by: supervisor, within: 1d }
      - handoff: { to: supervisor }
      - handoff: { to: agent, notes: false }
      - ask: [account-number]
  outage-line:
    when: { issue: outage }
    steps:
      - script: { verbatim: true }
      - redirect: status-page

commitments:
  appointment-window: 8h
  first-response: { phone: 5m, chat: 1m, email: 72h, social: 1h }

channels: { phone: open, chat: open, email: open, social: closed }

metrics:
  - { name: average-handle-time, target: 6m, affects: [agent-bonus] }
  - { name: call-length, max: 12m }

exceptions:
  - { rule: absolute-prohibition, at: actions.waive-late-fee, reason: "Fees are set by the billing team", until: 2026-06-30 }
  - { rule: repeated-ask, at: processes.installation, reason: "Identity is checked again before a visit" }
"""#
}
