extension English {
    /// `--help`: each command's abstract and discussion and each argument's help, as
    /// `Sources/leeway` gives them to swift-argument-parser. These read as sentences
    /// (capital, final period), the way argument-parser lays them out.
    static let help: [String: String] = [
        "help.leeway.abstract": "Check what frontline customer-service staff are allowed to do for customers.",
        "help.leeway.discussion": """
        Exit codes: 0 nothing at or above the fail threshold; 1 findings at or above it, or a \
        failing test; 2 the input could not be used (unreadable file, invalid YAML, invalid \
        policy or case, bad arguments).
        """,

        // Options several commands share.
        "help.output.format": "Report format.",
        "help.output.output": "Write the report to FILE (atomically) instead of standard output.",
        "help.output.color": "Colour: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR or CLICOLOR_FORCE force it), always or never.",
        "help.output.report": "Also write a report in FORMAT to FILE (repeatable), e.g. {example}.",
        "help.check.sarif-category": "SARIF `automationDetails.id`: the code-scanning category of this analysis (default: none, so the uploader's category applies).",
        "help.check.pass-over-non-policies": "Pass over named files that are plainly not policy sets (cases, CI workflows) with a note, as in folders; for hooks that name every staged YAML file.",
        "help.check.quiet": "Report errors only: warnings and notes are left out of every report and of the exit code.",
        "help.check.max-warnings": "Exit with 1 when there are more than this many warnings (after --quiet and the baseline), as ESLint does.",
        "help.output.config": "The configuration file (default: .leeway.yml found upward from the working directory).",
        "help.output.fail-on": "Exit with 1 when a finding is at or above this severity.",
        "help.output.lang": "Language of messages (default: LEEWAY_LANG, then `lang:` in .leeway.yml, then LC_ALL/LC_MESSAGES/LANG; English otherwise).",
        "help.patch.patch": "Print the policy changes as a unified diff (the report; `git apply` takes it).",
        "help.patch.fix": "Apply the policy changes to the policy file in place (atomically; refused if the file changed since it was read).",
        "help.config-lang": "The configuration file whose `lang:` to use (default: .leeway.yml found upward from the working directory).",

        // leeway check
        "help.check.abstract": "Lint policy files for rigid processes and mistakes.",
        "help.check.discussion": "PATH is a policy file or a folder (searched recursively for *.yaml and *.yml; in a folder, case files and CI workflows are passed over with a note); - reads standard input.",
        "help.check.paths": "Policy files or folders (default: policies/).",
        "help.init.abstract": "Start a policy repository: a commented starter policy set, a case, .leeway.yml and the editor schemas.",
        "help.init.discussion": "Writes policies/my-service.yaml, examples/cases/first-case.yaml, .leeway.yml and schema/*.schema.json into FOLDER; a file that exists is kept, never overwritten. Then run `leeway check` and `leeway test` there.",
        "help.init.folder": "The folder to write into (default: the working directory).",
        "help.check.baseline": "Report only findings not recorded in this baseline file.",
        "help.check.write-baseline": "Record today's findings in FILE (JSON), for --baseline.",

        // leeway eval
        "help.eval.abstract": "Evaluate customer cases against a policy set: what the frontline may do, who else, and how long.",
        "help.eval.discussion": """
        CASE is a YAML case file (several cases separated by ---), a JSON Lines file (*.jsonl, \
        one case per line), a folder (searched for *.yaml, *.yml and *.jsonl; YAML files that \
        are not cases, such as policy sets and CI workflows, are passed over), or - for standard \
        input (JSON Lines when it starts with `{` or with --format jsonl, YAML otherwise). Or type \
        one case: --as ROLE --want ACTION[=AMOUNT] … --fact KEY=VALUE … [--channel C] [--mood M].

        --format jsonl streams a batch, YAML and JSON Lines alike, in bounded memory: one compact \
        object per case in input order, a summary on standard error; a bad line or document is \
        reported with its line number and skipped (exit 2).
        """,
        "help.eval.policy": "The policy set file.",
        "help.eval.cases": "Case files (.yaml, .jsonl), folders of cases, or - for standard input.",
        "help.eval.as": "The role handling a case typed on the shell.",
        "help.eval.want": "A wanted action, with its amount (repeatable).",
        "help.eval.fact": "A fact of the case (repeatable).",
        "help.eval.channel": "The channel of a case typed on the shell.",
        "help.eval.mood": "The customer's mood (calm, anxious, frustrated, angry).",
        "help.eval.explain": "Show every step of each decision with its location in the policy file.",
        "help.eval.corpus": "Rank overrides by how many of these cases they help (a file or folder; repeatable).",

        // leeway test
        "help.test.abstract": "Run every case that has `expect:` against the policy set its `policy:` names.",
        "help.test.discussion": "PATH is a file or folder holding policy sets and cases (default: policies examples). Exit 1 when an expectation fails, 2 when an input cannot be used.",
        "help.test.paths": "Files or folders with policy sets and cases (default: policies examples).",
        "help.test.policy": "Use this policy file for the policy set it declares, when several files hold that id (repeatable).",

        // leeway diff
        "help.diff.abstract": "Review a policy change before rollout: findings and case outcomes that differ.",
        "help.diff.discussion": """
        OLD and NEW are policy files, or REV:PATH to read a version from git (`git show REV:PATH` \
        in the working directory's repository; PATH is relative to the repository root, \
        REV:./PATH to the working directory), e.g. `leeway diff origin/main:policies/acme.yaml \
        policies/acme.yaml --cases examples/`.

        --cases takes case files (YAML, JSON Lines) and folders (searched for case files; \
        policy sets and other YAML files in them are passed over). Cases whose `policy:` names \
        another policy set are skipped and counted.

        Exit codes: 0 reviewed; 1 with --fail-on-regression when a case gets a worse outcome \
        or a longer time, or the change adds an error-level finding (or, with --fail-on, adds \
        a finding at or above that severity); 2 the input could not be used.
        """,
        "help.diff.old": "The policy set before the change: a file or REV:PATH.",
        "help.diff.new": "The policy set after the change: a file or REV:PATH.",
        "help.diff.cases": "Case files and folders to evaluate under both versions.",
        "help.diff.fail-on-regression": "Exit with 1 when a case gets a worse outcome or a longer time, or the change adds an error-level finding.",
        "help.tune.abstract": "Find the limits a case history says the frontline should have: a frontier of first-contact resolution against spend, and a patch.",
        "help.tune.discussion": """
        Replays the history once and tallies, for every lever (the `up-to` of approval-free grants, \
        an approval-free grant before a customer-facing role's approval grant, each \
        customer-facing role's discretion budget per case), what each amount asked would buy. Prints the \
        frontier and recommends its knee, the best point within `--budget`, or the cheapest point at \
        `--target-fcr`; the recommendation is replayed under the patched policy as proof. Exit codes: 0 \
        the report was written; 1 `--target-fcr` cannot be reached; 2 the input could not be used.
        """,
        "help.tune.policy": "The policy set to tune.",
        "help.tune.cases": "The case history: case files (.yaml, .jsonl) and folders of cases.",
        "help.tune.role": "Tune only this customer-facing role's limits (repeatable).",
        "help.tune.action": "Tune only this money action's grants (repeatable; leaves discretion budgets alone).",
        "help.tune.budget": "Recommend the best first-contact resolution within this spend (`500 USD` or `500`).",
        "help.tune.target-fcr": "Recommend the cheapest point reaching this first-contact resolution rate (percent).",
        "help.diff.allow-rename": "Review NEW even when its `policy:` id differs from OLD's (the change renames the policy set).",

        // leeway rules
        "help.rules.abstract": "List the rules, or explain one.",
        "help.rules.discussion": "Without ID, lists every rule with its default severity and title. With ID, explains it: why, its source, thresholds and defaults, the override, and examples.",
        "help.rules.id": "A rule id, e.g. wide-appointment-window.",
        "help.rules.markdown": "Write the rule reference as Markdown to FILE (- for standard output), e.g. docs/rules.md.",
        "help.rules.lang": "Language of the texts (default: LEEWAY_LANG, then `lang:` in .leeway.yml, then LC_ALL/LC_MESSAGES/LANG; English otherwise).",

        // leeway schema
        "help.schema.abstract": "Print the JSON Schema of policy or case files, for editors and validators.",
        "help.schema.discussion": """
        The schemas are also committed under schema/. Point the YAML language server at one \
        with a first line such as `# yaml-language-server: $schema=../schema/policy.schema.json`.
        """,
        "help.schema.kind": "Which schema: policy or case.",
        "help.schema.output": "Write the schema to FILE (atomically) instead of standard output.",
        "help.schema.lang": "Language of the key descriptions (default: LEEWAY_LANG, then `lang:` in .leeway.yml, then LC_ALL/LC_MESSAGES/LANG; English otherwise).",
    ]

    /// What swift-argument-parser itself prints, exactly as it prints it (1.8.2): the
    /// English side is the pattern `ArgumentParserText` recognises (`{name}` stands for
    /// any text), the Spanish side what it becomes. Headers and annotations are matched
    /// as words, sentences as whole lines.
    static let argumentParser: [String: String] = [
        // --help
        "help.parser.overview": "OVERVIEW:",
        "help.parser.usage-header": "USAGE:",
        "help.parser.arguments": "ARGUMENTS:",
        "help.parser.options": "OPTIONS:",
        "help.parser.subcommands": "SUBCOMMANDS:",
        "help.parser.values": "values:",
        "help.parser.default": "default:",
        "help.parser.subcommand-placeholder": "<subcommand>",
        "help.parser.options-placeholder": "[<options>]",
        "help.parser.help-flag": "Show help information.",
        "help.parser.version-flag": "Show the version.",
        "help.parser.help-command": "Show subcommand help information.",
        "help.parser.detailed-help": "See '{command} <subcommand>' for detailed help.",

        // Argument errors.
        "help.parser.error": "Error:",
        "help.parser.usage": "Usage:",
        "help.parser.help-line": "Help:",
        "help.parser.more-information": "See '{command}' for more information.",
        "help.parser.unknown-option-suggestion": "Unknown option '{option}'. Did you mean '{suggestion}'?",
        "help.parser.unknown-option": "Unknown option '{option}'",
        "help.parser.invalid-option": "Invalid option: {option}",
        "help.parser.missing-value": "Missing value for '{option}'",
        "help.parser.missing-argument": "Missing expected argument '{argument}'",
        "help.parser.missing-one-of": "Missing one of: {arguments}",
        "help.parser.invalid-value-list": "The value '{value}' is invalid for '{option}'. Please provide one of the following:",
        "help.parser.invalid-value-one-of": "The value '{value}' is invalid for '{option}'. Please provide one of {values}.",
        "help.parser.invalid-value-reason": "The value '{value}' is invalid for '{option}': {reason}",
        "help.parser.invalid-value": "The value '{value}' is invalid for '{option}'",
        "help.parser.unexpected-argument": "Unexpected argument '{argument}'",
        "help.parser.unexpected-arguments": "{count} unexpected arguments: {arguments}",
        "help.parser.flag-takes-no-value": "The option '{option}' does not take any value, but '{value}' was specified.",
        // Joins the last of a list of values ("`a`, `b` or `c`").
        "help.parser.or": "or",
    ]
}
