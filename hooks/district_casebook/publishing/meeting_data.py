"""The meetings as data: /api/meetings.json, /api/meetings/<id>.json, their
JSON Schemas, /api/meetings.csv and the meetings' Atom feed,
/meetings/feed.xml. Pure functions of the content and site_url, like the
case data (data_api.py), whose format version, CSV rules and schema
conventions they share.

A record is the meeting's front matter (schema/meeting.schema.json) plus its
`id` (the file name), `url`, `convener_url` and `summary` (the hand-written
text, as Markdown); `cases` holds each case's current id, even where the
file still names a former one.
"""
from __future__ import annotations

import copy
import csv
import io

from ..model.casebook import Collection, Meeting
from ..urls.permalinks import Site, convener_path, meeting_path
from . import data_api, feeds, standalone

_STANDARD_REF = "case.schema.json#/$defs/"


def record(meeting: Meeting, collection: Collection, site: Site) -> dict:
    out = dict(meeting.doc.data)
    out["cases"] = [case.id for case in map(collection.resolve, meeting.case_ids) if case is not None]
    out |= {"id": meeting.id, "url": site.absolute(meeting_path(meeting.id)),
            "convener_url": site.absolute(convener_path(meeting.convener_slug)), "summary": meeting.summary_text}
    return out


def files(collection: Collection, site: Site, case_schema: dict, meeting_schema: dict) -> dict[str, str]:
    """{site-relative path: text}: the meetings' JSON, schemas, CSV and feed."""
    records = [record(m, collection, site) for m in sorted(collection.meetings, key=lambda m: m.id)]
    out = {"api/meetings.json": data_api.dumps({"version": data_api.API_VERSION, "count": len(records),
                                                "meetings": records})}
    out |= {f"api/meetings/{r['id']}.json": data_api.dumps({"version": data_api.API_VERSION, "meeting": r})
            for r in records}
    schemas = published_schemas(case_schema, meeting_schema, site)
    out |= {f"api/{name}": data_api.dumps(schema) for name, schema in schemas.items()}
    defs = schemas["meetings.schema.json"]["$defs"]
    out["api/meetings.csv"] = _csv(records, data_api.columns(defs["meeting"], defs))
    return out | {"meetings/feed.xml": feed(collection, site)}


def published_schemas(case_schema: dict, meeting_schema: dict, site: Site) -> dict[str, dict]:
    """meetings.schema.json and meeting.schema.json, from schema/meeting.schema.json; the
    definitions it borrows from the case schema are copied in, so each stands alone."""
    defs = copy.deepcopy(case_schema.get("$defs", {})) | _local(copy.deepcopy(meeting_schema.get("$defs", {})))
    defs["meeting"] = _meeting_record(meeting_schema)
    version = {"description": "The format's version; it changes only when a field changes meaning or goes away.",
               "const": data_api.API_VERSION}
    count = {"description": "How many items the file lists.", "type": "integer", "minimum": 0}
    return {
        "meetings.schema.json": data_api._document(
            site, "meetings", "Every meeting summary, sorted by id.", defs,
            {"version": version, "count": count, "meetings": {"type": "array", "items": {"$ref": "#/$defs/meeting"}}}),
        "meeting.schema.json": data_api._document(
            site, "meeting", "One meeting summary: /api/meetings/<id>.json.", defs,
            {"version": version, "meeting": {"$ref": "#/$defs/meeting"}})}


def _meeting_record(meeting_schema: dict) -> dict:
    out = _local({key: copy.deepcopy(meeting_schema[key]) for key in ("type", "additionalProperties", "required",
                                                                       "properties")})
    out["description"] = "A meeting: its front matter as written in docs/meetings/<id>.md, its address and summary."
    uri = {"type": "string", "format": "uri"}
    out["properties"] |= {
        "id": {"description": "The file name without .md; the meeting's address is /meetings/<id>/.", "type": "string"},
        "url": uri | {"description": "The meeting's permanent address."},
        "convener_url": uri | {"description": "The page of the convening body, listing its meetings and cases."},
        "summary": {"description": "The hand-written summary, as Markdown.", "type": "string"}}
    out["properties"]["cases"]["description"] = "The current ids of the cases the meeting discussed."
    out["required"] = [*out["required"], "id", "url", "convener_url", "summary"]
    return out


def _local(node):
    """References to the case schema's definitions made local: `case.schema.json#/$defs/x` -> `#/$defs/x`."""
    if isinstance(node, list):
        return [_local(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _local(value) for key, value in node.items()}
    if isinstance(out.get("$ref"), str) and out["$ref"].startswith(_STANDARD_REF):
        out["$ref"] = "#/$defs/" + out["$ref"][len(_STANDARD_REF):]
    return out


def _csv(records: list[dict], names: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as api/cases.csv
    writer.writerow(names)
    writer.writerows(data_api.row(r, names) for r in records)
    return out.getvalue()


def feed(collection: Collection, site: Site) -> str:
    """The newest meeting summaries first, dated by the meeting's first day (never by the clock)."""
    chosen = collection.meetings_newest_first[:feeds.LIMIT]
    entries = [{"url": site.absolute(meeting_path(m.id)), "title": feeds._clean(m.title),
                "summary": feeds._clean(m.facts), "published": _stamp(m.start), "updated": _stamp(m.start),
                "themes": []} for m in chosen]
    return standalone.render("feed.xml.j2", site=site, self_url=site.absolute("/meetings/feed.xml"),
                             page_url=site.absolute("/meetings/"), title=feeds._clean(f"{site.name}: meetings"),
                             subtitle="Summaries of meetings where districts discussed cases, newest first.",
                             updated=entries[0]["updated"] if entries else "1970-01-01T00:00:00Z", entries=entries)


def _stamp(day: str) -> str:
    """YYYY-MM-DD, or YYYY-MM (the first of the month), as an Atom date."""
    return f"{day if len(day) == 10 else day + '-01'}T00:00:00Z"
