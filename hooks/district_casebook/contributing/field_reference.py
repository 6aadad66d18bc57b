"""The field reference page (/reference/), generated from schema/ on every
build: every field of a case with its meaning, type, whether it is required
and an example, then every term of every vocabulary. Never written by hand,
so it cannot drift from what the validator checks."""
from __future__ import annotations

from .. import templating
from ..checking import schema_fields
from ..markup import references
from ..model.vocabulary import NOUNS, Vocabulary
from ..model.years import Period
from .scaffold import yaml_value

PAGE_URI = "reference.md"
# The vocabularies in the order the page lists them, with the heading of each.
VOCABULARY_HEADINGS = {"themes": "Themes", "roles": "Roles", "levels": "Levels", "source-types": "Source types",
                       "sections": "Body sections", "states": "States"}
# Each way of writing `years`, with when to use it; the page shows how the site writes it (model/years.py).
YEAR_FORMS = (
    ({"start": 2021}, "The sources say the work began in 2021 and describe it as going on."),
    ({"start": 2021, "end": 2025}, "The sources give both years."),
    ({"start": 2017, "approximate": True}, "The start is worked out from the sources (say how in Context), "
                                           "not stated by them."),
    ({"start": "unknown", "reported": 2012}, "The sources describe the work as it stood in 2012 (a meeting, "
                                             "a report) but not when it began."),
    ({"start": "unknown", "end": 2015}, "The sources say when it ended, not when it began."),
    ({"start": "unknown"}, "The sources give no year for the work at all."),
)
_DATE = "^[0-9]{4}-"
_CASE_ID = "^[a-z0-9]+(-"


def page(schema: dict, vocabularies: dict[str, Vocabulary], meeting_schema: dict | None = None) -> str:
    """The page; ``meeting_schema`` (schema/meeting.schema.json) adds the meeting summary's fields."""
    flat = schema_fields.flatten(schema)
    rows = [_row(flat, path) for path in schema_fields.paths(flat)]
    env = templating.markdown_environment(md=references.escape_inline)
    vocabulary_list = [(name, heading, vocabularies[name]) for name, heading in VOCABULARY_HEADINGS.items()]
    year_forms = [(", ".join(f"{key}: {yaml_value(value)}" for key, value in years.items()), Period.of(years).text, when)
                  for years, when in YEAR_FORMS]
    return env.get_template("reference.md.j2").render(rows=rows, vocabularies=vocabulary_list, href=_href,
                                                      year_forms=year_forms,
                                                      meeting_rows=meeting_rows(schema, meeting_schema))


def meeting_rows(case_schema: dict, meeting_schema: dict | None) -> list[dict]:
    """A row for every field of a meeting summary; it borrows definitions from the case schema."""
    if meeting_schema is None:
        return []
    flat = schema_fields.inline({"case": case_schema, "meeting": meeting_schema})["meeting"]
    return [_row(flat, path) for path in schema_fields.paths(flat)]


def _href(to_uri: str) -> str:
    return references.relative(PAGE_URI, to_uri)


def _row(flat: dict, path: str) -> dict:
    prop, required = schema_fields.field(flat, path)
    return {"path": path, "required": required, "type": describe_type(prop), "title": prop.get("title", ""),
            "meaning": prop.get("description", ""), "example": _example(path, prop)}


def describe_type(prop: dict) -> str:
    """The kind of value a field holds, in a contributor's words."""
    if "oneOf" in prop:  # "year (1900–2100) or the word unknown"
        return " or ".join(describe_type(choice) for choice in prop["oneOf"])
    if "const" in prop:
        return f"the word {prop['const']}"
    if prop.get("type") == "boolean":
        return "true or false"
    if prop.get("type") == "array":
        least = f", at least {prop['minItems']}" if prop.get("minItems") else ""
        return f"list of {_plural(prop.get('items', {}))}{least}"
    if prop.get("type") == "object":
        return "group of fields"
    if prop.get("type") == "integer":
        return f"year ({prop['minimum']}–{prop['maximum']})" if prop.get("minimum") == 1900 else "whole number"
    if "x-vocabulary" in prop:
        name = prop["x-vocabulary"]
        return f"a {NOUNS[name]} key (see {VOCABULARY_HEADINGS[name]} below)"
    pattern = str(prop.get("pattern", ""))
    if pattern.startswith(_DATE):
        return "date, YYYY-MM-DD" + (" (or YYYY-MM)" if pattern.endswith(")?$") else "")
    if pattern.startswith(_CASE_ID):
        return "case id: lowercase words joined by hyphens"
    return f"text, up to {prop['maxLength']} characters" if "maxLength" in prop else "text"


def _plural(item: dict) -> str:
    if "x-vocabulary" in item:
        name = item["x-vocabulary"]
        return f"{NOUNS[name]} keys (see {VOCABULARY_HEADINGS[name]} below)"
    if item.get("type") == "object":
        return "groups of fields"
    return "case ids" if str(item.get("pattern", "")).startswith(_CASE_ID) else "values"


def _example(path: str, prop: dict) -> str:
    if "examples" not in prop:
        return ""
    return f"{path.rsplit('.', 1)[-1]}: {yaml_value(prop['examples'][0])}"
