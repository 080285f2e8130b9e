// Mensajes en español: las mismas claves que `Localization/en`, redactadas como las
// escribiría un equipo de atención al cliente (no traducidas palabra por palabra).
// Los identificadores de reglas, las claves YAML y los valores del usuario no se traducen.
extension Spanish {
    static var tables: [[String: String]] { [input, load, terms, yaml, report, cli, formats, engine, rules, overrides, diff, help, argumentParser, remedies, initializer, tune] }
}
