"""Every generated file that is not a Markdown page: the data API, the feeds,
the redirects from former addresses and the embeddable cards, keyed by their
path in the site. The engine copies them as they are, except the case files
of a large build, which a helper writes into site/ (site/case_files.py)."""
from __future__ import annotations

from collections.abc import Iterator

from ..model.casebook import Collection
from ..urls.permalinks import Site
from . import data_api, feeds, finder_data, meeting_data, standalone


def files(collection: Collection, site: Site, case_schema: dict, meeting_schema: dict,
          kept: dict | None = None) -> dict[str, str]:
    """Every file: ``kept`` (a preview's, between builds of one site): each case's own outputs, made
    again only for a case read again (loading/project.py reads an unchanged file once a process), or
    whose meetings changed."""
    made = {path: make() for path, make in case_files(collection, site, case_schema, kept)}
    return made | other_files(collection, site, case_schema, meeting_schema)


def case_files(collection: Collection, site: Site, case_schema: dict, kept: dict | None = None) -> Iterator:
    """(path, a function making its text) for each file with a part for every case: nearly all the
    bytes and the time, made one at a time (site/case_files.py has a helper write them)."""
    yield from data_api.case_files(collection, site, case_schema, kept)
    yield from standalone.case_cards(collection, site, kept)
    yield "finder/data.json", lambda: finder_data.data_json(collection)


def other_files(collection: Collection, site: Site, case_schema: dict, meeting_schema: dict) -> dict[str, str]:
    """The schemas, the themes, the feeds, the meetings' data and the redirects."""
    out = data_api.files(collection, site, case_schema) | feeds.files(collection, site)
    out |= meeting_data.files(collection, site, case_schema, meeting_schema)
    return out | standalone.embed_list(site) | standalone.redirect_pages(collection, site) \
        | standalone.state_code_pages(collection, site)
