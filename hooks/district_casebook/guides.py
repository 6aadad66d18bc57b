"""The contributor's pages of the site, both made at build time: the field
reference (from schema/) and the contributing guide (from CONTRIBUTING.md)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

from . import contributing, reference, schemacheck
from .vocabulary import Vocabulary


def pages(root: Path, vocabularies: dict[str, Vocabulary], repo_url: str,
          exists: Callable[[str], bool]) -> dict[str, str]:
    """{docs-relative path: Markdown}; ``exists`` tells whether the site has a page."""
    schema = schemacheck.load_schemas(root / "schema", vocabularies)["case"]
    out = {reference.PAGE_URI: reference.page(schema, vocabularies)}
    site_base = urljoin(schema.get("$id", ""), "/")  # where the casebook is published
    text = contributing.page(root, repo_url, site_base, lambda uri: uri in out or exists(uri))
    if text is not None:
        out[contributing.PAGE_URI] = text
    return out
