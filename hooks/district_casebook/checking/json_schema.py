"""JSON Schema validation with messages a contributor can act on.

jsonschema's own messages ("Additional properties are not allowed ('themse'
was unexpected)") name neither the line nor the fix; each error is turned
into a Problem on the line of the field, with a hint.
"""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from referencing import Registry, Resource

from ..model.vocabulary import Vocabulary, closest
from ..problems import Problem, field_name
from ..reading.documents import Document
from . import schema_fast, schema_fields

SCHEMAS = {"case": "case.schema.json", "meeting": "meeting.schema.json"}
_EXPECTED = {"string": "text", "integer": "a whole number", "number": "a number", "array": "a list",
             "object": "a group of 'key: value' fields", "boolean": "true or false"}


_TOO_MANY = "Keep the most important."


class SchemaFileError(Exception):
    """A schema file is missing or not JSON; nothing can be checked without it."""


def load_schemas(schema_dir: Path, vocabularies: dict[str, Vocabulary]) -> dict[str, dict]:
    """The schemas with every x-vocabulary definition given its enum."""
    schemas = {}
    for kind, name in SCHEMAS.items():
        try:
            schema = json.loads((schema_dir / name).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise SchemaFileError(Problem(f"schema/{name}", getattr(error, "lineno", 1), "",
                                          f"The schema cannot be read: {error}.")) from None
        for definition in schema.get("$defs", {}).values():
            vocabulary = vocabularies.get(definition.get("x-vocabulary", ""))
            if vocabulary is not None:
                definition["enum"] = sorted(vocabulary.terms)
        schemas[kind] = schema
    return schemas


class SchemaChecker:
    """One compiled validator per kind of document (compiling is the slow part)."""

    def __init__(self, schemas: dict[str, dict], vocabularies: dict[str, Vocabulary]):
        resources = [(s["$id"], Resource.from_contents(s)) for s in schemas.values()]
        registry = Registry().with_resources(resources)
        # $refs written out in place: resolving them on every use was most of the time.
        inlined = schema_fields.inline(schemas)
        self.validators = {kind: schema_fast.CaseValidator(s, registry=registry) for kind, s in inlined.items()}
        self.quick = {kind: schema_fast.checker_for(s) for kind, s in inlined.items()}  # None: no fast path
        self.vocabularies = vocabularies

    def check(self, doc: Document, kind: str = "case") -> list[Problem]:
        quick = self.quick[kind]
        if quick is not None and quick(doc.data):
            return []  # valid: jsonschema would find nothing, and it costs ten times as much
        # A value the reader already refused (a tag, an alias) would only repeat that problem.
        refused = tuple(p.field for p in doc.problems if p.field)
        data, too_long = self._cut_to_limits(doc, kind)
        errors = list(self.validators[kind].iter_errors(data))
        # A value of the wrong type is told once: "Expected text", not also "2012 is not a level".
        mistyped = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
        problems = []
        for error in errors:
            if error.validator == "enum" and tuple(error.absolute_path) in mistyped:
                continue
            problems += [p for p in self.explain(error, doc) if not _under(p.field, refused)]
        return too_long + problems

    def _cut_to_limits(self, doc: Document, kind: str) -> tuple[dict, list[Problem]]:
        """The front matter with each list longer than its maxItems cut to it, and a problem
        for each: checking thousands of entries one by one is slow, and says nothing more."""
        data, problems = doc.data, []
        for name, prop in self.validators[kind].schema.get("properties", {}).items():
            value, limit = data.get(name), prop.get("maxItems")
            if isinstance(value, list) and isinstance(limit, int) and len(value) > limit:
                data = {**data, name: value[:limit]}
                problems.append(Problem(doc.src_uri, doc.line_of((name,)), name,
                                        f"The list has {len(value)} items; at most {limit} are allowed.",
                                        prop.get("x-too-many", _TOO_MANY)))
        return data, problems

    def explain(self, error: jsonschema.ValidationError, doc: Document) -> list[Problem]:
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            return [self._unknown_key(doc, path, key, error) for key in _extra_keys(error)]
        if error.validator == "required":
            return [_missing(doc, path, name) for name in error.validator_value if name not in error.instance]
        message, hint = self._message(error)
        return [Problem(doc.src_uri, doc.line_of(path), field_name(path), message, hint)]

    def _unknown_key(self, doc: Document, path: tuple, key: str, error) -> Problem:
        known = error.schema.get("properties", {})
        guess = closest(key, known)
        hint = f"Did you mean '{guess}'?" if guess else f"The fields here are: {', '.join(known)}."
        where = "a case" if not path else f"'{field_name(path)}'"
        return Problem(doc.src_uri, doc.line_of(path + (key,)), field_name(path + (key,)),
                       f"'{key}' is not a field of {where}.", hint)

    def _message(self, error: jsonschema.ValidationError) -> tuple[str, str]:
        value, schema, keyword = error.instance, error.schema, error.validator
        if keyword == "oneOf" and not _word(value):
            # "a year or unknown" given 2019.0 or "2019": the year's own message says what is wrong.
            first = [e for e in error.context or () if e.relative_schema_path and e.relative_schema_path[0] == 0]
            if first:
                return self._message(first[0])
        vocabulary = self.vocabularies.get(schema.get("x-vocabulary", ""))
        if keyword == "type":
            return _type_message(value, error.validator_value)
        if keyword == "enum" and vocabulary is not None:
            return _vocabulary_message(value, vocabulary)
        if keyword in ("minLength", "pattern") and isinstance(value, str) and not value.strip():
            return "The text is empty.", "Fill it in, or remove the field if it is optional."
        if keyword == "maxLength":
            return f"The text is {len(value)} characters long; the limit is {error.validator_value}.", "Shorten it."
        if keyword == "minItems":
            return f"The list needs at least {error.validator_value} item(s).", ""
        if keyword == "maxItems":
            return (f"The list has {len(value)} items; at most {error.validator_value} are allowed.",
                    schema.get("x-too-many", _TOO_MANY))
        if keyword == "uniqueItems":
            return "The list names the same value twice.", "Remove the repeat."
        if "x-message" in schema:
            subject = "This entry" if isinstance(value, dict) else _show(value)
            return f"{subject} {schema['x-message']}", schema.get("x-hint", "")
        return error.message.rstrip(".") + ".", ""


def _word(value) -> bool:
    """Text that is not a number in quotes: a misspelt word, not a mistyped number."""
    return isinstance(value, str) and not value.strip().lstrip("-").replace(".", "", 1).isdigit()


def _under(field: str, refused: tuple[str, ...]) -> bool:
    return any(field == r or field.startswith((r + ".", r + "[")) for r in refused)


def _extra_keys(error) -> list[str]:
    allowed = error.schema.get("properties", {})
    return [key for key in error.instance if key not in allowed]


def _missing(doc: Document, path: tuple, name: str) -> Problem:
    where = "The case" if not path else f"'{field_name(path)}'"
    return Problem(doc.src_uri, doc.line_of(path), field_name(path + (name,)),
                   f"{where} has no '{name}'.", "Add it; cases/_template.md shows every field.")


def _type_message(value, expected) -> tuple[str, str]:
    wanted = " or ".join(_EXPECTED.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
    message = f"Expected {wanted}, found {_describe(value)}."
    if value is None:
        return message, "Fill it in, or remove the field if it is optional."
    if expected == "string" and isinstance(value, (bool, int, float)):
        return message, "Put the value in quotes."
    if expected == "array" and not isinstance(value, list):
        return message, "Write a list: [a, b], or one '- item' per line."
    if expected == "integer" and isinstance(value, str) and value.strip().isdigit():
        return message, "Write the number without quotes."
    return message, ""


def _vocabulary_message(value, vocabulary: Vocabulary) -> tuple[str, str]:
    listing = f"The {vocabulary.noun}s are listed in schema/{vocabulary.name}.yml."
    guess = vocabulary.closest(value) if isinstance(value, str) else None
    article = "an" if vocabulary.noun[0] in "aeiou" else "a"
    message = f"{_show(value)} is not {article} {vocabulary.noun}."
    return message, (f"Did you mean '{guess}'? " if guess else "") + listing


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads a bare true or false as yes or no, not as text)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return f"the text {_show(value)}"


def _show(value) -> str:
    text = repr(value) if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= 60 else text[:57] + "..."
