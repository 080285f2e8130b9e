#!/usr/bin/env python3
"""Validates JSON (or YAML) documents against a JSON Schema, for Leeway's tests.

    python3 validate_json.py SCHEMA FILE...

FILE may be JSON (.json, .sarif) or YAML (.yaml, .yml; every document of a stream is
validated). YAML is read as data with dates and times kept as text, as Leeway reads it.
Prints one line per problem and exits 1 when any document is invalid, 3 when a
required Python package is missing (the test then fails and says what to install).
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python package `jsonschema` is missing: python3 -m pip install jsonschema", file=sys.stderr)
    sys.exit(3)


def yaml_documents(path):
    try:
        import yaml
    except ImportError:
        print("python package `PyYAML` is missing: python3 -m pip install pyyaml", file=sys.stderr)
        sys.exit(3)

    class Loader(yaml.SafeLoader):
        pass

    # Keep `2027-06-30` a string (Leeway parses dates itself), as JSON would carry it.
    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    with open(path, encoding="utf-8") as handle:
        return [doc for doc in yaml.load_all(handle, Loader=Loader) if doc is not None]


def documents(path):
    if path.endswith((".yaml", ".yml")):
        return yaml_documents(path)
    with open(path, encoding="utf-8") as handle:
        return [json.load(handle)]


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as handle:
        schema = json.load(handle)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    problems = 0
    for path in argv[2:]:
        for index, document in enumerate(documents(path)):
            for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
                where = "/".join(str(part) for part in error.absolute_path) or "(root)"
                print(f"{path}[{index}]: {where}: {error.message}")
                problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
