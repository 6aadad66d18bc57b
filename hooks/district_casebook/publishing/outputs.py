"""Every generated file that is not a Markdown page: the data API, the feeds,
the redirects from former addresses and the embeddable cards, keyed by their
path in the site. MkDocs copies them as they are."""
from __future__ import annotations

from collections.abc import Callable

from ..model.casebook import Collection
from ..urls.permalinks import Site
from . import data_api, feeds, meeting_data, standalone


def files(collection: Collection, site: Site, case_schema: dict, meeting_schema: dict,
          kept: dict | None = None) -> dict[str, str]:
    """``kept`` (a preview's, between builds of one site): each case's own outputs, made again only
    for a case read again (loading/project.py reads an unchanged file once a process), or whose
    meetings changed."""
    out = {"api/cases.json": data_api.cases_json(collection, site, kept)}
    out |= data_api.files(collection, site, case_schema, kept) | feeds.files(collection, site)
    out |= meeting_data.files(collection, site, case_schema, meeting_schema)
    return out | standalone.embed_pages(collection, site, kept) | standalone.redirect_pages(collection, site) \
        | standalone.state_code_pages(collection, site)


def per_case(kept: dict | None, kind: str, case, make: Callable[[], str], shows: tuple = ()) -> str:
    """``make()``, or what it made last time for this very case object showing the same ``shows``."""
    if kept is None:
        return make()
    key = (kind, case.id)
    before = kept.get(key)
    if before is not None and before[0] is case and before[1] == shows:
        return before[2]
    made = make()
    kept[key] = (case, shows, made)
    return made
