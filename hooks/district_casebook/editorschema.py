"""`casebook schema`: the case schema for editors, and the files made from schema/.

yaml-language-server (VS Code's YAML extension) reads JSON Schema draft-07
and older, so the editor schema is the case schema with every $ref written
out in place and the vocabularies filled in as enums with their labels:
completion then offers 'grading-and-assessment' with "Grading and assessment"
beside it. `--sync` rewrites the committed files generated from schema/
(cases/_template.md, the issue form); `--check` fails when one is stale.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import fields, generated, schemacheck, vocabulary
from .vocabulary import Vocabulary

EXIT_OK, EXIT_PROBLEMS = 0, 1
_DROPPED = {"$defs", "$schema", "$id", "x-message", "x-vocabulary"}


def add_parser(commands) -> None:
    command = commands.add_parser(
        "schema", help="print the case schema for editors; refresh the files made from schema/",
        description="Print the case front-matter schema, with every theme, role, level and state filled in, "
        "as JSON Schema draft-07 for yaml-language-server (VS Code's YAML extension).")
    command.add_argument("--output", type=Path, metavar="FILE", help="write the schema to FILE instead of printing it")
    action = command.add_mutually_exclusive_group()
    action.add_argument("--sync", action="store_true",
                        help="rewrite the files generated from schema/: " + ", ".join(generated.FILES))
    action.add_argument("--check", action="store_true",
                        help="exit 1 if a file generated from schema/ no longer matches it")
    command.add_argument("--root", type=Path, help="the project folder (default: found from the current folder)")
    command.set_defaults(run=run)


def run(root: Path, args: argparse.Namespace) -> int:
    if args.sync or args.check:
        return _sync(root, write=args.sync)
    text = json.dumps(editor_schema(root / "schema"), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"Wrote {args.output}; point yaml.schemas at it (CONTRIBUTING.md, 'Editor support').", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def editor_schema(schema_dir: Path) -> dict:
    vocabularies, _ = vocabulary.load_all(schema_dir)
    schema = schemacheck.load_schemas(schema_dir, vocabularies)["case"]
    return {"$schema": "http://json-schema.org/draft-07/schema#", **_plain(fields.flatten(schema), vocabularies)}


def _plain(node, vocabularies: dict[str, Vocabulary]):
    """``node`` without our own keywords, and with each enum's terms described."""
    if isinstance(node, list):
        return [_plain(item, vocabularies) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _plain(value, vocabularies) for key, value in node.items() if key not in _DROPPED}
    terms = vocabularies.get(node.get("x-vocabulary", ""))
    if terms is not None:
        out["enumDescriptions"] = [_describe(terms, key) for key in out["enum"]]
    return out


def _describe(terms: Vocabulary, key: str) -> str:
    term = terms.terms[key]
    return f"{term.label}: {term.description}" if term.description else term.label


def _sync(root: Path, write: bool) -> int:
    stale = generated.stale(root)
    if write:
        generated.write(root, stale)
        print("\n".join(f"Rewrote {name}" for name in stale) or "Every file made from schema/ is up to date.")
        return EXIT_OK
    for name in stale:
        print(f"{name}: no longer matches schema/. Run `casebook schema --sync` and commit the result.")
    return EXIT_PROBLEMS if stale else EXIT_OK
