"""The contributor's pages of the site, both made at build time: the field
reference (from schema/) and the contributing guide, /contributing/, from
CONTRIBUTING.md.

CONTRIBUTING.md is written for GitHub, where it sits at the repository root:
its relative links (cases/_template.md, README.md) point at files in the
repository, and its links to the site are absolute. On the site the relative
links become links to the repository on GitHub, and absolute links to pages
of the site itself become relative ones, so they work in a local preview too.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

from ..markup import references
from ..model.vocabulary import Vocabulary
from . import field_reference

SOURCE = "CONTRIBUTING.md"
PAGE_URI = "contributing.md"
_LINK = re.compile(r"(\]\()([^)\s]+)(\))")
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:|^#|^/", re.I)


def page(root: Path, repo_url: str, site_base: str, exists: Callable[[str], bool]) -> str | None:
    """The page's Markdown, or None when the repository has no CONTRIBUTING.md."""
    path = root / SOURCE
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    return _LINK.sub(lambda m: m.group(1) + rewrite(m.group(2), root, repo_url, site_base, exists) + m.group(3), text)


def rewrite(target: str, root: Path, repo_url: str, site_base: str, exists: Callable[[str], bool]) -> str:
    """One link target as it must read on the site."""
    if site_base and target.startswith(site_base):
        return _site_page(target[len(site_base):], exists) or target
    if _EXTERNAL.match(target):
        return target
    path, _, anchor = target.partition("#")
    kind = "tree" if (root / path).is_dir() else "blob"
    return f"{repo_url.rstrip('/')}/{kind}/main/{path.removeprefix('./')}" + (f"#{anchor}" if anchor else "")


def _site_page(rest: str, exists: Callable[[str], bool]) -> str | None:
    """'reference/#themes' -> 'field_reference.md#themes' when the site has that page."""
    path, _, anchor = rest.partition("#")
    stem = path.strip("/")
    for uri in ((f"{stem}.md", f"{stem}/index.md") if stem else ("index.md",)):
        if exists(uri):
            return references.relative(PAGE_URI, uri) + (f"#{anchor}" if anchor else "")
    return None


def pages(root: Path, schema: dict, vocabularies: dict[str, Vocabulary], repo_url: str,
          exists: Callable[[str], bool], meeting_schema: dict | None = None) -> dict[str, str]:
    """{docs-relative path: Markdown}; ``schema`` is the case schema; ``exists`` tells whether the site has a page."""
    out = {field_reference.PAGE_URI: field_reference.page(schema, vocabularies, meeting_schema)}
    site_base = urljoin(schema.get("$id", ""), "/")  # where the casebook is published
    text = page(root, repo_url, site_base, lambda uri: uri in out or exists(uri))
    if text is not None:
        out[PAGE_URI] = text
    return out
