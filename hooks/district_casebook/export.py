"""The casebook as data: site/api/cases.json, byte-identical between builds."""
from __future__ import annotations

import json

from .model import Collection
from .permalinks import Site, case_path

API_VERSION = 1


def case_record(case, url: str) -> dict:
    record = dict(case.doc.data)
    record["url"] = url
    record["sections"] = {key: section.text for key, section in case.sections.items()}
    return record


def cases_json(collection: Collection, site: Site) -> str:
    """Every case's fields plus its URL, sorted by id, keys sorted."""
    records = [case_record(case, site.absolute(case_path(case.id))) for case in collection]
    payload = {"version": API_VERSION, "count": len(records), "cases": records}
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
