"""The data API beside /api/cases.json (export.py): one file per case, the
themes, a CSV of the cases and the JSON Schemas that describe them. Every
file is a pure function of the content and site_url, so two builds write the
same bytes."""
from __future__ import annotations

import copy
import json

from . import export, table
from .model import Collection
from .permalinks import Site, case_path

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def dumps(payload) -> str:
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def files(collection: Collection, site: Site, case_schema: dict) -> dict[str, str]:
    """{site-relative path: text} for every API file except cases.json itself."""
    schemas = published_schemas(case_schema, collection, site)
    out = {f"api/{name}": dumps(schema) for name, schema in schemas.items()}
    for case in collection:
        record = export.case_record(case, site.absolute(case_path(case.id)))
        document = dumps({"version": export.API_VERSION, "case": record})
        out[f"api/cases/{case.id}.json"] = document
        for alias in case.aliases:  # an embed or a script using a former id keeps working, and sees the new id
            out[f"api/cases/{alias}.json"] = document
    out["api/themes.json"] = dumps(themes(collection, site))
    defs = schemas["cases.schema.json"]["$defs"]
    out["api/cases.csv"] = table.cases_csv(collection, site, defs["case"], defs)
    return out


def themes(collection: Collection, site: Site) -> dict:
    by_theme = collection.by_theme
    records = [{"key": term.key, "label": term.label, "description": term.description,
                "url": site.absolute(f"/themes/{term.key}/"), "feed": site.absolute(f"/themes/{term.key}/feed.xml"),
                "cases": [case.id for case in by_theme.get(term.key, [])]}
               for term in collection.vocabularies["themes"].terms.values()]
    return {"version": export.API_VERSION, "count": len(records), "themes": records}


def published_schemas(case_schema: dict, collection: Collection, site: Site) -> dict[str, dict]:
    """The schemas of cases.json, cases/<id>.json and themes.json, built from schema/case.schema.json
    (with its vocabularies filled in), so the data and its description never drift apart."""
    defs = copy.deepcopy(case_schema.get("$defs", {}))
    defs["case"] = _case_record(case_schema, collection)
    version = {"description": "The format's version; it changes only when a field changes meaning or goes away.",
               "const": export.API_VERSION}
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
    record["required"] = [*record["required"], "url", "sections"]
    return record


def _theme_record() -> dict:
    text = {"type": "string"}
    return {"type": "object", "additionalProperties": False,
            "required": ["key", "label", "description", "url", "feed", "cases"],
            "properties": {"key": text, "label": text, "description": text,
                           "url": {"type": "string", "format": "uri"}, "feed": {"type": "string", "format": "uri"},
                           "cases": {"type": "array", "items": text}}}
