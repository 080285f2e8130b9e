extension Spanish {
    /// Mensajes propios de la línea de órdenes.
    static let cli: [String: String] = [
        "cli.cannot-write": "no se puede escribir `{path}`: {reason}",
        "cli.unsupported-format": "`leeway {command}` escribe {formats}, no `{format}`",
        "cli.output-is-input": "`{path}` es uno de los archivos de entrada: escribir ahí el informe lo sobrescribiría; elige otro archivo",
        "cli.output-twice": "se escribirían dos informes en `{path}`; dale a cada uno su propio archivo",
    ]
}
