// English messages. Every user-facing text lives in these tables, one file per area;
// `Localization/es` holds the same keys in Spanish. Style (as Cedar's guide): lowercase
// start, no final period, user values in backticks, one line; hints go in `.help` keys.
extension English {
    static var tables: [[String: String]] { [input, load, terms, yaml, report, cli, formats, engine, rules, overrides, diff, help, argumentParser, remedies, initializer, tune] }
}
