"""Long lists split over several pages, so no page grows with the collection.

At 10,000 cases a theme lists about 2,000 of them: one such page would weigh
close to a megabyte, and search engines (Zensical's among them) choke on it.
A list longer than a page continues on numbered pages: the first keeps the
list's permanent address (themes/<key>.md, /themes/<key>/) and the others
follow it (themes/<key>/page/2.md, /themes/<key>/page/2/), each with a pager
to the previous and next, the first and last and the nearby pages, so every
case stays a few links away and no page grows with the list.

A case's line in a list (CaseLines) holds its title, districts, years and
themes. At 10,000 cases the theme, district and state pages hold some 80,000 such
lines, and every case page five more. The text of a case's line is the same
on every page (only the link's folder differs), so it is written once, here,
rather than through the template for each page.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..markup.references import escape_inline
from ..model.casebook import Case

CASES_PER_PAGE = 100      # a list item is some 400 bytes of HTML: about 60 KB a page with Material's frame
DISTRICTS_PER_PAGE = 500  # the districts index, whose lines are shorter
NEIGHBOURS = 3            # pages linked on either side of the current one


@dataclass
class Page:
    """One page of a list: its items and the way to every other page."""

    number: int
    uri: str
    items: list
    first: int                 # the position of its first item in the whole list, from 1 (split only)
    total: int                 # items in the whole list
    uris: list[str] = field(default_factory=list)   # every page's uri, in order
    labels: list[str] = field(default_factory=list)  # what each page holds, for the pager

    @property
    def count(self) -> int:
        return len(self.uris)

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1

    @property
    def suffix(self) -> str:
        """Added to the title of every page but the first: each page needs its own title."""
        return "" if self.number == 1 else f" (page {self.number} of {self.count})"

    @property
    def previous(self) -> str | None:
        return self.uris[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.uris[self.number] if self.number < self.count else None

    @property
    def nearby(self) -> list[tuple[int, str, str] | None]:
        """(number, uri, label) of the first, the last and the pages around this one; None for a gap.

        Bounded, so a list of 10,000 cases does not need 100 links on each of
        its pages; previous and next reach every page in between.
        """
        shown = sorted({1, self.count, *range(max(1, self.number - NEIGHBOURS),
                                               min(self.count, self.number + NEIGHBOURS) + 1)})
        links: list[tuple[int, str, str] | None] = []
        for number in shown:
            if links and links[-1] is not None and links[-1][0] < number - 1:
                links.append(None)
            links.append((number, self.uris[number - 1], self.labels[number - 1]))
        return links


def page_uri(base_uri: str, number: int) -> str:
    """themes/x.md for page 1, themes/x/page/2.md for page 2 (districts/index.md: districts/page/2.md)."""
    if number == 1:
        return base_uri
    index = base_uri.endswith("/index.md")
    folder = base_uri.removesuffix("/index.md") if index else base_uri.removesuffix(".md")
    return f"{folder}/page/{number}.md"


def split(base_uri: str, items: list, size: int | None = None) -> list[Page]:
    """``items`` in pages of ``size`` (CASES_PER_PAGE); an empty list still has its first page."""
    size = size or CASES_PER_PAGE
    chunks = [items[start:start + size] for start in range(0, len(items), size)] or [[]]
    return _pages(base_uri, chunks, len(items), [str(n) for n in range(1, len(chunks) + 1)])


def split_groups(base_uri: str, groups: list[tuple[str, list]], size: int, label) -> list[Page]:
    """Whole groups ((key, items) pairs) packed into pages of about ``size`` items.

    A group never straddles two pages (a state's districts stay together);
    a group longer than ``size`` gets a page of its own. Each page's items are
    its groups; ``label(key)`` names the first and last group on the pager.
    """
    chunks: list[list] = [[]]
    filled = 0
    for group in groups:
        if chunks[-1] and filled + len(group[1]) > size:
            chunks.append([])
            filled = 0
        chunks[-1].append(group)
        filled += len(group[1])
    labels = [_range_label(chunk, label) for chunk in chunks]
    return _pages(base_uri, chunks, sum(len(items) for _, items in groups), labels)


def _range_label(chunk: list, label) -> str:
    if not chunk:
        return "1"
    first, last = label(chunk[0][0]), label(chunk[-1][0])
    return first if first == last else f"{first} – {last}"


def _pages(base_uri: str, chunks: list[list], total: int, labels: list[str]) -> list[Page]:
    uris = [page_uri(base_uri, n) for n in range(1, len(chunks) + 1)]
    pages, first = [], 1
    for number, chunk in enumerate(chunks, 1):
        pages.append(Page(number, uris[number - 1], chunk, first, total, uris, labels))
        first += len(chunk)
    return pages


class CaseLines:
    """Renders Markdown list items for cases; one instance per Renderer."""

    def __init__(self, districts_text: Callable[[Case], str], theme_labels: Callable[[Case], str]):
        self.districts_text, self.theme_labels = districts_text, theme_labels
        self.texts: dict[str, tuple[str, str]] = {}  # case id -> escaped title, the rest of the line
        self.lines: dict[str, dict[str, str]] = {}  # folder of cases/ -> {case id: whole line}

    def __call__(self, cases: list[Case], href: Callable[[str], str]) -> str:
        """One '- [title](link) — districts, years. *themes*' item per case, its summary's first sentence
        on a second line (a leader judges from the list which cases to open)."""
        folder = href("cases/index.md").removesuffix("index.md")  # every case page is in cases/
        lines = self.lines.setdefault(folder, {})
        return "".join([lines.get(case.id) or self._line(case, folder) for case in cases])

    def _line(self, case: Case, folder: str) -> str:
        title, rest = self.texts.get(case.id) or self._texts(case)
        self.lines[folder][case.id] = f"- [{title}]({folder}{case.id}.md) — {rest}\n"
        return self.lines[folder][case.id]

    def _texts(self, case: Case) -> tuple[str, str]:
        districts, themes = escape_inline(self.districts_text(case)), escape_inline(self.theme_labels(case))
        lead = escape_inline(case.lead)
        rest = f'{districts}, {case.year_span}. *{themes}* <span class="cb-case-lead">{lead}</span>'
        self.texts[case.id] = (escape_inline(case.title), rest)
        return self.texts[case.id]
