"""Atom feeds: /feed.xml for the whole casebook and /themes/<theme>/feed.xml
for each theme, newest first by the date a case was updated (or added).

Dates come from the cases, never from the clock, so two builds of the same
content write the same bytes."""
from __future__ import annotations

import re

from ..model.casebook import Case, Collection
from ..urls.permalinks import Site, case_path
from . import standalone

LIMIT = 50  # entries per feed: a reader polls the newest, the site lists the rest
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")  # outside XML 1.0's Char


def files(collection: Collection, site: Site) -> dict[str, str]:
    """{site-relative path: Atom XML} for the casebook and every theme."""
    fallback = _newest(list(collection))
    out = {"feed.xml": _feed(site, "/feed.xml", "/", f"{site.name}: new and updated cases",
                             "Cases added to or updated in the casebook, newest first.", list(collection), collection, fallback)}
    for key, term in collection.vocabularies["themes"].terms.items():
        cases = collection.by_theme.get(key, [])
        out[f"themes/{key}/feed.xml"] = _feed(site, f"/themes/{key}/feed.xml", f"/themes/{key}/",
                                              f"{site.name}: {term.label}", term.description or term.label,
                                              cases, collection, fallback)
    return out


def newest_first(cases: list[Case]) -> list[Case]:
    return sorted(cases, key=lambda c: (c.last_changed, c.id), reverse=True)


def _feed(site: Site, path: str, page: str, title: str, subtitle: str, cases: list[Case],
          collection: Collection, fallback: str) -> str:
    chosen = newest_first(cases)[:LIMIT]
    themes = collection.vocabularies["themes"]
    entries = [{"url": site.absolute(case_path(c.id)), "title": _clean(c.title), "summary": _clean(c.summary),
                "published": _stamp(c.doc.data["added"]), "updated": _stamp(c.last_changed),
                "themes": [(t, _clean(themes.label(t))) for t in c.themes]} for c in chosen]
    return standalone.render("feed.xml.j2", site=site, self_url=site.absolute(path), page_url=site.absolute(page),
                             title=_clean(title), subtitle=_clean(subtitle),
                             updated=_newest(chosen) if chosen else fallback, entries=entries)


def _newest(cases: list[Case]) -> str:
    return _stamp(max((c.last_changed for c in cases), default="1970-01-01"))


def _stamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def _clean(text: str) -> str:
    return _NOT_XML.sub("", str(text))
