#!/usr/bin/env python3
"""Writes variants of Leeway's benchmark workload beside it, from the workload itself.

    python3 Benchmarks/make_variants.py WORKLOAD_DIR

WORKLOAD_DIR holds the workload (`policy.yaml`, `cases.jsonl`: 100,000 cases of a 20-rule
policy). This writes, generated and never committed:

WORKLOAD_DIR/remedies/policy.yaml   the same policy in language 1.1: three remedies owed
                                    without asking (a percent, bands, steps) and two grants
                                    whose limits are amount rules
WORKLOAD_DIR/remedies/cases.jsonl   the same cases, each with the two facts those rules read
                                    (`order-value`, `hours-late`)
WORKLOAD_DIR/customers/policy.yaml  the policy with discretion budgets per case and per customer
WORKLOAD_DIR/customers/cases.jsonl  the same cases, each naming one of 20,000 customers, so a
                                    replay tracks every customer's spending in input order
WORKLOAD_DIR/customers/cases-no-ids.jsonl    the same cases without customer ids
WORKLOAD_DIR/customers/cases-distinct.jsonl  the same cases, every one a different customer
WORKLOAD_DIR/spanish/cases.jsonl    the same cases written by a Spanish-speaking team: a title,
                                    the customer's problem and goal in Spanish (accents, ñ, ¿ ¡,
                                    and JSON escapes: \" \u00e9 \n), written as UTF-8
WORKLOAD_DIR/spanish/cases-ascii.jsonl  the same cases with the same fields in plain ASCII, so
                                    the two differ only in the text's alphabet

Deterministic; standard library only.
"""
import json, os, sys

REMEDIES = """
remedies:
  late-delivery:
    title: Late delivery credit
    when: { issue: late-delivery, fraud: false }
    action: credit
    amount: 10% of order-value
    within: 10bd
  outage:
    title: Outage extension
    when: { issue: service-outage }
    action: service-extension
    amount: { base: 1d, add: 1d, each: 12h, of: hours-late, after: 12h, max: 7d }
  billing-error:
    title: Billing error fee waiver
    when: { issue: billing-error, fraud: false }
    action: fee-waiver
    amount: { by: order-value, bands: [ { up-to: 50 USD, amount: 5 USD }, { up-to: 200 USD, amount: 10 USD }, { amount: 15 USD } ] }
    within: 5bd
"""

FACTS = "  fraud: { type: bool }\n"
NEW_FACTS = FACTS + "  order-value: { type: money }\n  hours-late: { type: duration }\n"


def variant_policy(text):
    assert FACTS in text, "unexpected workload policy"
    text = text.replace("policy: bench-workload", "policy: bench-workload-remedies", 1)
    text = text.replace(FACTS, NEW_FACTS, 1)
    # Two grants whose limits depend on the case: R01's own limit and R05's.
    text = text.replace("{ role: agent, up-to: 25 USD, when:", "{ role: agent, up-to: { percent: 20, of: order-value, min: 5 USD, max: 25 USD }, when:", 1)
    text = text.replace("{ role: agent, up-to: 40 USD, when:", "{ role: agent, up-to: 10% of order-value, when:", 1)
    return text.replace("\nchannels:", REMEDIES + "\nchannels:", 1)


BUDGETS = """
discretion:
  - { role: agent, up-to: 40 USD, per: case, review: after-the-fact }
  - { role: agent, up-to: 120 USD, per: customer, review: after-the-fact }
  - { role: senior-agent, up-to: 100 USD, per: case, review: after-the-fact }
  - { role: senior-agent, up-to: 300 USD, per: customer, review: after-the-fact }
"""


def customers_policy(text):
    text = text.replace("policy: bench-workload", "policy: bench-workload-customers", 1)
    return text.replace("\nchannels:", BUDGETS + "\nchannels:", 1)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_variants.py WORKLOAD_DIR")
    base = sys.argv[1]
    out = os.path.join(base, "remedies")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(base, "policy.yaml")) as f:
        policy = f.read()
    with open(os.path.join(out, "policy.yaml"), "w") as f:
        f.write(variant_policy(policy))
    with open(os.path.join(base, "cases.jsonl")) as source, open(os.path.join(out, "cases.jsonl"), "w") as target:
        for index, line in enumerate(source):
            case = json.loads(line)
            case["policy"] = "bench-workload-remedies"
            case["facts"]["order-value"] = "%d.%02d USD" % (5 + (index * 37) % 400, (index * 13) % 100)
            case["facts"]["hours-late"] = "%dh" % ((index * 7) % 72)
            target.write(json.dumps(case, separators=(",", ":")) + "\n")
    out = os.path.join(base, "customers")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "policy.yaml"), "w") as f:
        f.write(customers_policy(policy))
    names = ("cases.jsonl", "cases-no-ids.jsonl", "cases-distinct.jsonl")
    with open(os.path.join(base, "cases.jsonl")) as source:
        targets = [open(os.path.join(out, name), "w") for name in names]
        for index, line in enumerate(source):
            case = json.loads(line)
            case["policy"] = "bench-workload-customers"
            targets[1].write(json.dumps(case, separators=(",", ":")) + "\n")
            # 20,000 customers, each with five cases spread through the history.
            case["customer"] = {"id": "cust-%05d" % ((index * 7919) % 20000)}
            targets[0].write(json.dumps(case, separators=(",", ":")) + "\n")
            case["customer"] = {"id": "cust-%06d" % index}
            targets[2].write(json.dumps(case, separators=(",", ":")) + "\n")
        for target in targets:
            target.close()
    spanish(base)


TITLES = ["Pedido de café sin entregar", "¿Dónde está mi reembolso?", "Técnico ausente — esperé en casa",
          "Cobro duplicado en la factura", "Daño en el envío: caja rota"]
PROBLEMS = ["El técnico no llegó y esperé toda la mañana", "Me cobraron dos veces el mes pasado",
            "¡Llevo tres llamadas y nadie me ayuda!", "La caja llegó rota y el teléfono no enciende",
            "Dijo \"mañana\" y no vino"]
GOALS = ["Que me devuelvan el dinero", "Una solución hoy, por favor", "Hablar con alguien que decida",
         "Un técnico a primera hora", "Compensación por la espera"]


def ascii_only(text):
    table = str.maketrans("áéíóúüñÁÉÍÓÚÑ¿¡—", "aeiouunAEIOUN??-")
    return text.translate(table)


def spanish(base):
    """The workload's cases with Spanish free text (and its ASCII twin)."""
    out = os.path.join(base, "spanish")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(base, "cases.jsonl")) as source, \
            open(os.path.join(out, "cases.jsonl"), "w") as spanish_file, \
            open(os.path.join(out, "cases-ascii.jsonl"), "w") as ascii_file:
        for index, line in enumerate(source):
            case = json.loads(line)
            title, problem, goal = TITLES[index % 5], PROBLEMS[(index // 5) % 5], GOALS[(index // 25) % 5]
            if index % 10 == 0:
                goal += "\nGracias"
            for target, convert, ensure in ((spanish_file, str, index % 4 != 0), (ascii_file, ascii_only, True)):
                case["title"] = convert(title)
                case["customer"] = {"problem": convert(problem), "goal": convert(goal)}
                # Mostly raw UTF-8; one line in four with the accents written as \u escapes.
                target.write(json.dumps(case, separators=(",", ":"), ensure_ascii=not ensure) + "\n")


if __name__ == "__main__":
    main()
