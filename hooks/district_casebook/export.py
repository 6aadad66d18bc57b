"""The casebook as data: site/api/cases.json, byte-identical between builds."""
from __future__ import annotations

import json

from .model import Collection

API_VERSION = 1


def case_record(case, url: str) -> dict:
    record = dict(case.doc.data)
    record["url"] = url
    record["sections"] = {key: section.text for key, section in case.sections.items()}
    return record


def cases_json(collection: Collection, site_url: str) -> str:
    """Every case's fields plus its URL, sorted by id, keys sorted."""
    base = site_url if site_url.endswith("/") or not site_url else site_url + "/"
    records = [case_record(case, f"{base}cases/{case.id}/") for case in collection]
    payload = {"version": API_VERSION, "count": len(records), "cases": records}
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
