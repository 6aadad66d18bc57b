"""What the compare page (/compare/?ids=a,b[,c]) needs beyond the per-case JSON.

The page is built in the browser (assets/compare.js) from /api/cases/<id>.json,
which holds a case's fields as written: theme, role, level and state keys, and
each section's Markdown. The labels of those keys, the sections' order and
headings, and the meetings that discussed each case are small and fixed for a
build, so they travel inside the page as JSON rather than as more requests.
"""
from __future__ import annotations

import json

from ..model.casebook import Collection
from ..urls import permalinks

MAX_CASES = 3


def labels(collection: Collection) -> dict:
    vocab = collection.vocabularies

    def terms(name: str) -> dict[str, str]:
        return {key: term.label for key, term in vocab[name].terms.items()}

    page = permalinks.page_path("compare/index.md")
    meetings: dict[str, list] = {}
    for case_id, found in collection.meetings_by_case.items():
        case = collection.resolve(case_id)
        if case is not None:
            meetings.setdefault(case.id, []).extend(
                [m.title, permalinks.relative(page, permalinks.page_path(m.page_uri))] for m in found)
    return {"max": MAX_CASES, "themes": terms("themes"), "roles": terms("roles"), "levels": terms("levels"),
            "states": terms("states"), "sections": [[key, label] for key, label in terms("sections").items()],
            "meetings": meetings}


def labels_json(collection: Collection) -> str:
    """For a <script type="application/json">: no "<" left to close the element early."""
    text = json.dumps(labels(collection), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
