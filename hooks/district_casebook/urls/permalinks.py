"""Permanent addresses: the site's name and base URL, and the path of each
published page. A path is relative to site_url and written with a leading
slash ("/cases/oakland-restorative-justice/"), so it does not depend on where
the site is hosted."""
from __future__ import annotations

from dataclasses import dataclass

# The anchors every case page keeps, whatever its headings say (schema/sections.yml plus sources).
SECTION_ANCHORS = ("problem", "context", "approach", "outcomes", "lessons", "sources")


@dataclass(frozen=True)
class Site:
    """What links, feeds and citations need to know about the published site."""

    name: str = "District Casebook"
    url: str = ""  # site_url; "" leaves every link site-relative ("/cases/x/")

    def absolute(self, path: str) -> str:
        """The full address of a site path: "/cases/x/" -> "https://host/base/cases/x/"."""
        if not self.url:
            return path
        return self.url.rstrip("/") + "/" + path.lstrip("/")


def page_path(uri: str) -> str:
    """The URL path of a docs-relative Markdown page (MkDocs' directory URLs).

    "index.md" -> "/", "themes/index.md" -> "/themes/", "cases/x.md" -> "/cases/x/".
    """
    stem = uri[:-3] if uri.endswith(".md") else uri
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return "/" + stem
    return f"/{stem}/"


def case_path(case_id: str) -> str:
    return f"/cases/{case_id}/"


def meeting_path(meeting_id: str) -> str:
    """A meeting summary's page: the name of its file, docs/meetings/<id>.md."""
    return f"/meetings/{meeting_id}/"


def convener_path(slug: str) -> str:
    """A convening body's page, listing its meetings and the cases they discussed."""
    return f"/meetings/by/{slug}/"


def relative(from_path: str, to_path: str) -> str:
    """A relative link between two site paths, as a static host can serve it."""
    from_parts = from_path.strip("/").split("/") if from_path.strip("/") else []
    if not from_path.endswith("/"):
        from_parts = from_parts[:-1]
    to = to_path.lstrip("/")
    return "../" * len(from_parts) + to if (to or from_parts) else "./"
