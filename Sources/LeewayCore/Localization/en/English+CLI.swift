extension English {
    /// The command line's own messages.
    static let cli: [String: String] = [
        "cli.cannot-write": "cannot write `{path}`: {reason}",
    ]
}
