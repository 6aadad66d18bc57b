"""The casebook as data, beside the pages: /api/cases.json, one file per
case, the themes, a CSV of the cases and the JSON Schemas that describe them.
Every file is a pure function of the content and site_url, so two builds
write the same bytes.

/api/cases.csv has one row per case, with the field names of cases.json.
Flattening rules (README, "Data"): a nested field is named with a dot
(``years.start``, ``sections.problem``); a list of values is one cell, the
values joined by "; " (``themes``); a list of groups is one column per field
of the group, each cell joining that field's values in list order
(``districts.name``, ``districts.state``), an empty string standing for a
value a group lacks. The columns follow the order of the case schema, so they
are the same in every build whatever the cases hold.
"""
from __future__ import annotations

import copy
import csv
import functools
import io
import json
import textwrap
from collections.abc import Iterator

from ..model.casebook import Collection
from ..urls.permalinks import Site, case_path, meeting_path
from .kept import per_case

API_VERSION = 1


def case_record(case, site: Site, collection: Collection) -> dict:
    record = dict(case.doc.data)
    record["url"] = site.absolute(case_path(case.id))
    record["sections"] = {key: section.text for key, section in case.sections.items()}
    record["period"] = _period(case)
    record["discussed_at"] = [{"id": m.id, "title": m.title, "url": site.absolute(meeting_path(m.id))}
                              for m in collection.discussed_at(case)]
    return record


def _period(case) -> dict:
    period = case.period.as_dict()
    return {key: period[key] for key in PERIOD_FIELDS}


PERIOD_FIELDS = ("text", "first", "last", "start_status", "end_status")


def _meetings_shown(case, collection: Collection) -> tuple:
    """What of its meetings a case's record shows: kept records are made again when it changes."""
    return tuple((m.id, m.title) for m in collection.discussed_at(case))


def cases_json(collection: Collection, site: Site, kept: dict | None = None) -> str:
    """Every case's fields plus its URL, sorted by id, keys sorted: json.dumps(payload, indent=2,
    sort_keys=True) of {"version", "count", "cases"}, written record by record so that a record
    can be kept between a preview's builds (kept.per_case)."""
    records = [per_case(kept, "record", case, lambda case=case: textwrap.indent(
        dumps(case_record(case, site, collection)).rstrip("\n"), "    "), _meetings_shown(case, collection))
        for case in collection]
    listed = "[\n" + ",\n".join(records) + "\n  ]" if records else "[]"
    return f'{{\n  "cases": {listed},\n  "count": {len(records)},\n  "version": {API_VERSION}\n}}\n'


DRAFT = "https://json-schema.org/draft/2020-12/schema"


def dumps(payload) -> str:
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def files(collection: Collection, site: Site, case_schema: dict) -> dict[str, str]:
    """{site-relative path: text} for the schemas and themes.json (case_files: every case's part;
    meeting_data.py: meetings)."""
    schemas = published_schemas(case_schema, collection, site)
    out = {f"api/{name}": dumps(schema) for name, schema in schemas.items()}
    out["api/themes.json"] = dumps(themes(collection, site))
    return out


def case_files(collection: Collection, site: Site, case_schema: dict, kept: dict | None = None) -> Iterator:
    """(site-relative path, a function making its text) for cases.json, each case's file and cases.csv."""
    yield "api/cases.json", lambda: cases_json(collection, site, kept)
    for case in collection:
        # Made once, under the case's id and each former one: an embed or a script using a former id
        # keeps working, and sees the new id.
        document = functools.cache(functools.partial(_case_document, case, collection, site, kept))
        for case_id in (case.id, *case.aliases):
            yield f"api/cases/{case_id}.json", document
    yield "api/cases.csv", lambda: _csv(collection, site, case_schema)


def _case_document(case, collection: Collection, site: Site, kept: dict | None) -> str:
    return per_case(kept, "document", case, lambda: dumps({"version": API_VERSION, "case": case_record(
        case, site, collection)}), _meetings_shown(case, collection))


def _csv(collection: Collection, site: Site, case_schema: dict) -> str:
    defs = published_schemas(case_schema, collection, site)["cases.schema.json"]["$defs"]
    return cases_csv(collection, site, defs["case"], defs)


def themes(collection: Collection, site: Site) -> dict:
    by_theme = collection.by_theme
    records = [{"key": term.key, "label": term.label, "description": term.description,
                "url": site.absolute(f"/themes/{term.key}/"), "feed": site.absolute(f"/themes/{term.key}/feed.xml"),
                "cases": [case.id for case in by_theme.get(term.key, [])]}
               for term in collection.vocabularies["themes"].terms.values()]
    return {"version": API_VERSION, "count": len(records), "themes": records}


def published_schemas(case_schema: dict, collection: Collection, site: Site) -> dict[str, dict]:
    """The schemas of cases.json, cases/<id>.json and themes.json, built from schema/case.schema.json
    (with its vocabularies filled in), so the data and its description never drift apart."""
    defs = copy.deepcopy(case_schema.get("$defs", {}))
    defs["case"] = _case_record(case_schema, collection)
    version = {"description": "The format's version; it changes only when a field changes meaning or goes away.",
               "const": API_VERSION}
    count = {"description": "How many items the file lists.", "type": "integer", "minimum": 0}
    cases = _document(site, "cases", "Every case in the casebook, sorted by id.", defs,
                      {"version": version, "count": count, "cases": {"type": "array", "items": {"$ref": "#/$defs/case"}}})
    case = _document(site, "case", "One case: /api/cases/<id>.json.", defs,
                     {"version": version, "case": {"$ref": "#/$defs/case"}})
    theme_list = _document(site, "themes", "Every theme with the ids of its cases.", {"theme": _theme_record()},
                           {"version": version, "count": count,
                            "themes": {"type": "array", "items": {"$ref": "#/$defs/theme"}}})
    return {"cases.schema.json": cases, "case.schema.json": case, "themes.schema.json": theme_list}


def _document(site: Site, name: str, description: str, defs: dict, properties: dict) -> dict:
    return {"$schema": DRAFT, "$id": site.absolute(f"/api/{name}.schema.json"),
            "title": f"District Casebook data: {name}.json", "description": description,
            "type": "object", "additionalProperties": False, "required": list(properties),
            "properties": properties, "$defs": defs}


def _case_record(case_schema: dict, collection: Collection) -> dict:
    record = {key: copy.deepcopy(case_schema[key]) for key in ("type", "additionalProperties", "required", "properties")}
    record["description"] = "A case: its front matter as written in cases/<id>.md, its address and its sections."
    keys = list(collection.vocabularies["sections"].terms)
    record["properties"]["url"] = {"description": "The case's permanent address.", "type": "string", "format": "uri"}
    record["properties"]["sections"] = {
        "description": "Each body section as Markdown, keyed by its permanent anchor.",
        "type": "object", "additionalProperties": False, "required": keys,
        "properties": {key: {"type": "string"} for key in keys}}
    record["properties"]["period"] = _period_schema()
    record["properties"]["discussed_at"] = {
        "description": "The meetings that discussed the case (docs/meetings/), newest first: id, title and address.",
        "type": "array", "items": meeting_link()}
    record["required"] = [*record["required"], "url", "sections", "period", "discussed_at"]
    return record


def _period_schema() -> dict:
    """The case's years read as the pages read them (hooks/district_casebook/model/years.py)."""
    year = {"type": ["integer", "null"]}
    status = {"type": "string", "enum": ["known", "approximate", "unknown"]}
    return {"description": "The years as the sources support them: 'text' as the pages write it ('since 2021', "
                           "'reported in 2012', 'since about 2017', 'year unknown'); 'first' and 'last', the years "
                           "the case can be placed in (null when none is known; 'last' is null while the work goes "
                           "on); whether the start and the end are known, approximate or unknown, or the work ongoing.",
            "type": "object", "additionalProperties": False, "required": list(PERIOD_FIELDS),
            "properties": {"text": {"type": "string"}, "first": year, "last": year, "start_status": status,
                           "end_status": {**status, "enum": [*status["enum"], "ongoing"]}}}

def meeting_link() -> dict:
    text = {"type": "string"}
    return {"type": "object", "additionalProperties": False, "required": ["id", "title", "url"],
            "properties": {"id": text, "title": text, "url": {"type": "string", "format": "uri"}}}


def _theme_record() -> dict:
    text = {"type": "string"}
    return {"type": "object", "additionalProperties": False,
            "required": ["key", "label", "description", "url", "feed", "cases"],
            "properties": {"key": text, "label": text, "description": text,
                           "url": {"type": "string", "format": "uri"}, "feed": {"type": "string", "format": "uri"},
                           "cases": {"type": "array", "items": text}}}


SEPARATOR = "; "


def columns(record_schema: dict, defs: dict) -> list[str]:
    """Every column name, from the published record schema."""
    names = []
    for key, prop in record_schema["properties"].items():
        prop = _deref(prop, defs)
        inner = _deref(prop.get("items", {}), defs) if prop.get("type") == "array" else prop
        if "properties" in inner:
            names += [f"{key}.{sub}" for sub in inner["properties"]]
        else:
            names.append(key)
    return names


def row(record: dict, names: list[str]) -> list[str]:
    return [inert_cell(_cell(record, name)) for name in names]


# A spreadsheet reads a cell starting with one of these as a formula (=HYPERLINK(...) sends
# data away, =cmd|... ran programs): OWASP's rule for CSV injection is to start such a cell
# with a single quote, which spreadsheets show as text. The JSON keeps the value as written.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cases_csv(collection: Collection, site: Site, record_schema: dict, defs: dict | None = None) -> str:
    names = columns(record_schema, defs or {})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(names)
    for case in collection:
        writer.writerow(row(case_record(case, site, collection), names))
    return out.getvalue()


def _deref(prop: dict, defs: dict) -> dict:
    ref = prop.get("$ref", "")
    return defs.get(ref.rsplit("/", 1)[-1], prop) if ref.startswith("#/$defs/") else prop


def _cell(record: dict, name: str) -> str:
    key, _, sub = name.partition(".")
    value = record.get(key)
    if sub:
        items = value if isinstance(value, list) else [value]
        return SEPARATOR.join(_text(item.get(sub) if isinstance(item, dict) else None) for item in items) \
            if value is not None else ""
    if isinstance(value, list):
        return SEPARATOR.join(_text(item) for item in value)
    return _text(value)


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"  # as in cases.json, not Python's True
    return "" if value is None else str(value)
