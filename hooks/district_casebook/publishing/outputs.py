"""Every generated file that is not a Markdown page: the data API, the feeds,
the redirects from former addresses and the embeddable cards, keyed by their
path in the site. MkDocs copies them as they are."""
from __future__ import annotations

from ..model.casebook import Collection
from ..urls.permalinks import Site
from . import data_api, feeds, standalone


def files(collection: Collection, site: Site, case_schema: dict) -> dict[str, str]:
    out = {"api/cases.json": data_api.cases_json(collection, site)}
    out |= data_api.files(collection, site, case_schema) | feeds.files(collection, site)
    return out | standalone.embed_pages(collection, site) | standalone.redirect_pages(collection, site) \
        | standalone.state_code_pages(collection, site)
