extension English {
    /// The command line's own messages.
    static let cli: [String: String] = [
        "cli.cannot-write": "cannot write `{path}`: {reason}",
        "io.stdout-failed": "cannot write the report to standard output: {reason}; it is missing or incomplete",
        "io.stdout-failed.help": "make room on the device or fix the pipe, or write the report to a file with `--output FILE`",
        "io.closed": "it is closed",
        "cli.unsupported-format": "`leeway {command}` writes {formats}, not `{format}`",
        "cli.output-is-input": "`{path}` is one of the inputs: writing there would overwrite it; write the report, baseline or fix elsewhere",
        "cli.jsonl-one-report": "`--format jsonl` streams one report; write other formats in another run",
        "cli.jsonl-decisions-only": "`--format jsonl` streams decisions only; use `--patch`, `--fix` or `--cases` with text or json",
        "cli.output-twice": "two reports would be written to `{path}`; give each its own file",
        "cli.too-many-warnings": "error: {count:warning|warnings}, more than `--max-warnings {max}` allows",
        "cli.unknown-command": "unknown command `{command}`",
        "cli.unknown-command.help": "the commands are {commands}; `leeway --help` describes them",
    ]
}
