"""The URL ledger: a committed list of every address the casebook has
published. A URL in it must stay reachable, as a page or through a redirect;
new URLs are added with `casebook ledger --update`, and none is ever removed
by a command, so no address disappears without someone deleting its line.

Paths are relative to site_url and start with a slash: "/cases/x/",
"/cases/x/#approach".
"""
from __future__ import annotations

from pathlib import Path

from ..model.casebook import Collection
from ..problems import Problem
from .permalinks import SECTION_ANCHORS, case_path, convener_path, meeting_path, page_path

LEDGER = "tests/published-urls.txt"
HEADER = """\
# Every address the District Casebook has published, relative to site_url.
# tests/test_ledger.py fails when one of them is missing from the built site and
# no redirect leads on from it. `casebook ledger --update` adds new addresses;
# no command removes one. Delete a line only to give up that address on purpose.
"""
# Addresses not derived from the cases: the tool and guide pages in the nav, the feed, the data, the embeds.
FIXED = ("/finder/", "/search/", "/contributing/", "/reference/", "/feed.xml", "/api/cases.json", "/api/cases.csv",
         "/api/themes.json", "/api/cases.schema.json", "/api/case.schema.json", "/api/themes.schema.json", "/embed/",
         "/meetings/", "/meetings/feed.xml", "/api/meetings.json", "/api/meetings.csv", "/api/meetings.schema.json",
         "/api/meeting.schema.json", "/assets/embed-host.js", "/timeline/", "/compare/")


def published(collection: Collection, doc_pages: list[str]) -> set[str]:
    """Every permanent address the content publishes. ``doc_pages``: hand-written pages, docs-relative."""
    urls = {page_path(uri) for uri in doc_pages} | set(FIXED)
    for case in collection:
        urls |= case_urls(case.id)
    for key in collection.vocabularies["themes"].terms:
        urls |= {f"/themes/{key}/", f"/themes/{key}/feed.xml"}
    urls |= {f"/districts/{slug}/" for slug in collection.districts}
    urls |= {f"/states/{state.lower()}/" for state in collection.by_state}
    urls |= {meeting_path(m.id) for m in collection.meetings} | set(map(convener_path, collection.by_convener))
    urls |= {f"/states/{state}/" for state in collection.by_state if state != state.lower()}  # redirect pages
    return urls | {"/themes/", "/districts/", "/states/"}


def case_urls(case_id: str) -> set[str]:
    page = case_path(case_id)
    return {page} | {f"{page}#{anchor}" for anchor in SECTION_ANCHORS}


def redirected(collection: Collection) -> set[str]:
    """The addresses a redirect page keeps working: each former id's page and its sections."""
    return {url for alias in collection.aliases if alias not in collection.cases for url in case_urls(alias)}


def doc_pages(root: Path) -> list[str]:
    docs = root / "docs"
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))


def read(path: Path) -> dict[str, int]:
    """{url: line} of a ledger file; {} when there is none yet."""
    if not path.is_file():
        return {}
    lines = path.read_text(encoding="utf-8").split("\n")
    return {line.strip(): number for number, line in enumerate(lines, 1)
            if line.strip() and not line.lstrip().startswith("#")}


def write(path: Path, urls) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + "".join(f"{url}\n" for url in sorted(set(urls))), encoding="utf-8")


def update(path: Path, urls: set[str]) -> list[str]:
    """Add the URLs the ledger lacks; never removes one. Returns those added."""
    known = read(path)
    added = sorted(set(urls) - set(known))
    if added or not path.is_file():
        write(path, set(known) | set(urls))
    return added


def gone(ledger: dict[str, int], reachable: set[str], src_uri: str = LEDGER) -> list[Problem]:
    """A problem for each ledger URL the content no longer publishes and no redirect covers."""
    return [Problem(src_uri, line, "", f"{url} is no longer published and no redirect leads on from it.", hint(url))
            for url, line in sorted(ledger.items(), key=lambda item: item[1]) if url not in reachable]


def hint(url: str) -> str:
    """What to do about a lost address: a case can redirect; anything else must come back."""
    give_up = "Deleting this line gives the address up for good."
    if url.startswith("/cases/"):
        return f"If the case was renamed, put its old id in the new case's 'aliases'; otherwise restore it. {give_up}"
    return f"Restore it (a renamed theme, district or page breaks every link to it). {give_up}"
