"""`casebook schema`: print the case schema for editors (contributing/editor_support.py),
or refresh the committed files made from schema/: `--sync` rewrites them
(cases/_template.md, the issue form), `--check` fails when one is stale."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..contributing import committed_files, editor_support
from . import options
from .options import EXIT_OK, EXIT_PROBLEMS


def add_parser(commands) -> None:
    command = commands.add_parser(
        "schema", help="print the case schema for editors; refresh the files made from schema/",
        description="Print the case front-matter schema, with every theme, role, level and state filled in, "
        "as JSON Schema draft-07 for yaml-language-server (VS Code's YAML extension).")
    command.add_argument("--output", type=Path, metavar="FILE", help="write the schema to FILE instead of printing it")
    command.add_argument("--meeting", action="store_true",
                         help="the schema of a meeting summary's front matter (docs/meetings/) instead")
    action = command.add_mutually_exclusive_group()
    action.add_argument("--sync", action="store_true",
                        help="rewrite the files generated from schema/: " + ", ".join(committed_files.FILES))
    action.add_argument("--check", action="store_true",
                        help="exit 1 if a file generated from schema/ no longer matches it")
    options.add_root_option(command)
    command.set_defaults(run=run)


def run(root: Path, args: argparse.Namespace) -> int:
    if args.sync or args.check:
        return _sync(root, write=args.sync)
    kind = "meeting" if args.meeting else "case"
    text = json.dumps(editor_support.editor_schema(root / "schema", kind), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"Wrote {args.output}; point yaml.schemas at it (CONTRIBUTING.md, 'Editor support').", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _sync(root: Path, write: bool) -> int:
    stale = committed_files.stale(root)
    if write:
        committed_files.write(root, stale)
        print("\n".join(f"Rewrote {name}" for name in stale) or "Every file made from schema/ is up to date.")
        return EXIT_OK
    for name in stale:
        print(f"{name}: no longer matches schema/. Run `casebook schema --sync` and commit the result.")
    return EXIT_PROBLEMS if stale else EXIT_OK
