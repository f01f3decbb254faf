#!/usr/bin/env python3
"""Check a JSON document written by urbancast against one of the schemas in this folder.

    python3 Schemas/validate.py Schemas/forecast.schema.json output.json

Exit status: 0 when the document is valid, 1 when it is not (each error printed with its path),
2 when it cannot be checked (usage, an unreadable file, a schema that is not valid draft 2020-12,
or no `jsonschema` module: `make pydeps` installs it).
"""
import json
import sys


def reject_constant(name):
    # NaN and Infinity are not JSON; Python's reader would otherwise accept them as numbers.
    raise ValueError(f"{name} is not JSON")


def main(argv):
    if len(argv) != 3:
        print("usage: validate.py SCHEMA FILE", file=sys.stderr)
        return 2
    try:
        from jsonschema import Draft202012Validator
    except ImportError:
        print("validate.py: python3 has no jsonschema module; run `make pydeps` "
              "(python3 -m pip install jsonschema)", file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        Draft202012Validator.check_schema(schema)
    except Exception as error:  # any failure to read the schema means nothing was checked
        print(f"{argv[1]}: not a valid draft 2020-12 schema: {error}", file=sys.stderr)
        return 2
    try:
        with open(argv[2], encoding="utf-8") as f:
            document = json.load(f, parse_constant=reject_constant)
    except (OSError, ValueError) as error:
        print(f"{argv[2]}: not JSON: {error}", file=sys.stderr)
        return 1
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    for error in errors:
        path = "/".join(str(p) for p in error.absolute_path) or "(root)"
        print(f"{argv[2]}: {path}: {error.message}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
