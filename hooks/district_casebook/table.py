"""/api/cases.csv: one row per case, with the field names of cases.json.

Flattening rules (README, "Data"): a nested field is named with a dot
(``years.start``, ``sections.problem``); a list of values is one cell, the
values joined by "; " (``themes``); a list of groups is one column per field
of the group, each cell joining that field's values in list order
(``districts.name``, ``districts.state``), an empty string standing for a
value a group lacks. The columns follow the order of the case schema, so they
are the same in every build whatever the cases hold.
"""
from __future__ import annotations

import csv
import io

from . import export
from .model import Collection
from .permalinks import Site, case_path

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
    return [_cell(record, name) for name in names]


def cases_csv(collection: Collection, site: Site, record_schema: dict, defs: dict | None = None) -> str:
    names = columns(record_schema, defs or {})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(names)
    for case in collection:
        writer.writerow(row(export.case_record(case, site.absolute(case_path(case.id))), names))
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
    return "" if value is None else str(value)
