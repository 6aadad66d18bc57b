"""The case schema (and the meeting summary's) for editors.

yaml-language-server (VS Code's YAML extension) reads JSON Schema draft-07
and older, so the editor schema is the case schema with every $ref written
out in place and the vocabularies filled in as enums with their labels:
completion then offers 'grading-and-assessment' with "Grading and assessment"
beside it.
"""
from __future__ import annotations

from pathlib import Path

from ..checking import json_schema, schema_fields
from ..model import vocabulary
from ..model.vocabulary import Vocabulary

_DROPPED = {"$defs", "$schema", "$id", "x-message", "x-vocabulary"}


def editor_schema(schema_dir: Path, kind: str = "case") -> dict:
    """The schema of a case (kind "case") or of a meeting summary ("meeting"), for editors."""
    vocabularies, _ = vocabulary.load_all(schema_dir)
    schema = schema_fields.inline(json_schema.load_schemas(schema_dir, vocabularies))[kind]
    return {"$schema": "http://json-schema.org/draft-07/schema#", **_plain(schema, vocabularies)}


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
