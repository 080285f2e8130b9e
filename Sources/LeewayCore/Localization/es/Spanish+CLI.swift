extension Spanish {
    /// Mensajes propios de la línea de órdenes.
    static let cli: [String: String] = [
        "cli.cannot-write": "no se puede escribir `{path}`: {reason}",
        "io.stdout-failed": "no se puede escribir el informe en la salida estándar: {reason}; falta o está incompleto",
        "io.stdout-failed.help": "libera espacio en el dispositivo o revisa la tubería, o escribe el informe en un archivo con `--output ARCHIVO`",
        "io.closed": "está cerrada",
        "cli.unsupported-format": "`leeway {command}` escribe {formats}, no `{format}`",
        "cli.output-is-input": "`{path}` es uno de los archivos de entrada: escribir ahí lo sobrescribiría; elige otro archivo para el informe o la línea base",
        "cli.jsonl-one-report": "`--format jsonl` genera un único informe continuo; escribe los demás formatos en otra ejecución",
        "cli.jsonl-decisions-only": "`--format jsonl` solo genera decisiones; usa `--patch`, `--fix` o `--cases` con text o json",
        "cli.output-twice": "se escribirían dos informes en `{path}`; dale a cada uno su propio archivo",
        "cli.too-many-warnings": "error: {count:aviso|avisos}, más de los que permite `--max-warnings {max}`",
        "cli.unknown-command": "comando desconocido `{command}`",
        "cli.unknown-command.help": "los comandos son {commands}; `leeway --help` los describe",
    ]
}
