extension Spanish {
    /// Mensajes propios de la línea de órdenes.
    static let cli: [String: String] = [
        "cli.cannot-write": "no se puede escribir `{path}`: {reason}",
    ]
}
