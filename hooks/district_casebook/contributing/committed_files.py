"""Files committed to the repository but generated from schema/: the case
template contributors copy and the issue form GitHub shows. Each is rendered
from the schema and the vocabularies; a test fails when a committed copy no
longer matches, and `casebook schema --sync` rewrites it."""
from __future__ import annotations

from pathlib import Path

from ..checking import json_schema
from ..model import vocabulary
from . import issue_form, scaffold

FILES = (scaffold.TEMPLATE_FILE, issue_form.FORM_FILE)


def expected(root: Path) -> dict[str, str]:
    """{path relative to root: the text it should hold}."""
    vocabularies, _ = vocabulary.load_all(root / "schema")
    schema = json_schema.load_schemas(root / "schema", vocabularies)["case"]
    return {scaffold.TEMPLATE_FILE: scaffold.blank(schema, vocabularies),
            issue_form.FORM_FILE: issue_form.render(schema, vocabularies)}


def stale(root: Path) -> list[str]:
    """The generated files that are missing or differ from what schema/ gives."""
    return [name for name, text in expected(root).items() if _read(root / name) != text]


def write(root: Path, names: list[str]) -> None:
    texts = expected(root)
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(texts[name], encoding="utf-8")


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None
