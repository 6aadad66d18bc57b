"""Whether an address answers in a built site: its file exists, any redirect
page (meta refresh) is followed to a file that exists, and its #anchor is an
id on the page it finally reaches. Reads site/ only; builds nothing."""
from __future__ import annotations

import posixpath
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from ..problems import Problem
from .ledger import LEDGER, hint

MAX_HOPS = 5
_REFRESH_URL = re.compile(r"^\s*\d+\s*;\s*url\s*=\s*(.+?)\s*$", re.IGNORECASE)


# The attribute holding the address a tag uses.
ADDRESS_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src", "source": "src"}


class PageLinks(HTMLParser):
    """What a page offers to links (its ids, and names on <a>) and the addresses it uses:
    every tag's address, <a href>s on their own, and where a meta refresh leads."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.addresses: list[str] = []
        self.hrefs: list[str] = []
        self.refresh: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.ids.update(target for target in (attrs.get("id"), attrs.get("name") if tag == "a" else None) if target)
        if address := attrs.get(ADDRESS_ATTRIBUTES.get(tag, "")):
            self.addresses.append(address)
            self.hrefs += [address] if tag == "a" else []
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            match = _REFRESH_URL.match(attrs.get("content") or "")
            self.refresh = match.group(1).strip("'\"") if match else None
            self.addresses += [self.refresh] if self.refresh else []


def page_links(text: str) -> PageLinks:
    page = PageLinks()
    page.feed(text)
    return page


class BuiltSite:
    """A built site folder, each page parsed at most once."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._parse = cache(self._parse_uncached)

    def file(self, path: str) -> Path:
        relative = path.lstrip("/")
        return self.folder / (relative + "index.html" if relative.endswith("/") or not relative else relative)

    def _parse_uncached(self, path: str) -> PageLinks:
        if path.endswith("/") or path.endswith(".html"):
            return page_links(self.file(path).read_text(encoding="utf-8", errors="replace"))
        return PageLinks()

    def why_missing(self, url: str) -> str | None:
        """None when ``url`` answers; otherwise what is wrong, in a sentence."""
        start, _, anchor = url.partition("#")
        path, reason = self._follow(start)
        if reason is None and anchor and anchor not in self._parse(path).ids:
            reason = f"The page {path} has no '#{anchor}' section."
        return reason

    def _follow(self, start: str) -> tuple[str, str | None]:
        """The page ``start`` leads to through any redirect pages, or why it leads nowhere."""
        path = start
        for _ in range(MAX_HOPS):
            if not self.file(path).is_file():
                return path, "The built site has no such page." if path == start else f"It redirects to {path}, which is missing."
            target = self._parse(path).refresh
            if target is None:
                return path, None
            path = _join(path, target)
        return path, f"It redirects more than {MAX_HOPS} times."


def check(folder: Path, ledger: dict[str, int], src_uri: str = LEDGER) -> list[Problem]:
    """A located problem for each ledger URL the site at ``folder`` does not answer."""
    site, problems = BuiltSite(folder), []
    for url, line in sorted(ledger.items(), key=lambda item: item[1]):
        reason = site.why_missing(url)
        if reason:
            problems.append(Problem(src_uri, line, "", f"{url} is missing from the built site. {reason}", hint(url)))
    return problems


def _join(page: str, href: str) -> str:
    """The site path a relative ``href`` on the page at ``page`` leads to."""
    href = href.split("#")[0]
    if href.startswith("/"):
        return href
    base = page if page.endswith("/") else posixpath.dirname(page) + "/"
    joined = posixpath.normpath(posixpath.join(base, href))
    return joined + ("/" if href.endswith("/") or href in ("", ".") else "")
