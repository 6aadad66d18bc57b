"""Every generated file that is not a Markdown page: the data API, the feeds,
the redirects from former addresses and the embeddable cards, keyed by their
path in the site. MkDocs copies them as they are."""
from __future__ import annotations

from pathlib import Path

from . import api, export, feeds, renames, schemacheck, standalone
from .model import Collection
from .permalinks import Site


def files(collection: Collection, site: Site, root: Path) -> dict[str, str]:
    case_schema = schemacheck.load_schemas(root / "schema", collection.vocabularies)["case"]
    out = {"api/cases.json": export.cases_json(collection, site)}
    out |= api.files(collection, site, case_schema) | feeds.files(collection, site)
    return out | standalone.embed_pages(collection, site) | renames.redirect_pages(collection, site)
