"""A case's line in a list of cases: its title, districts, years and themes.

At 10,000 cases the theme, district and state pages hold some 80,000 such
lines, and every case page five more. The text of a case's line is the same
on every page (only the link's folder differs), so it is written once, here,
rather than through the template for each page.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable

from .model import Case, District
from .references import escape_inline

DISTRICT_SEPARATOR, THEME_SEPARATOR = "; ", " · "


class CaseLines:
    """Renders Markdown list items for cases; one instance per Renderer."""

    def __init__(self, district_name: Callable[[District], str], theme_label: Callable[[str], str]):
        self.district_name, self.theme_label = district_name, theme_label
        self.texts: dict[str, tuple[str, str]] = {}  # case id -> escaped title, the rest of the line
        self.lines: dict[str, dict[str, str]] = {}  # folder of cases/ -> {case id: whole line}
        self.district_texts: dict[District, str] = {}  # escaped once for all the cases naming it
        self.theme_texts: dict[str, str] = {}

    def __call__(self, cases: list[Case], href: Callable[[str], str]) -> str:
        """One '- [title](link) — districts, years. *themes*' line per case."""
        folder = href("cases/index.md").removesuffix("index.md")  # every case page is in cases/
        lines = self.lines.setdefault(folder, {})
        return "".join([lines.get(case.id) or self._line(case, folder) for case in cases])

    def _line(self, case: Case, folder: str) -> str:
        title, rest = self.texts.get(case.id) or self._texts(case)
        self.lines[folder][case.id] = f"- [{title}]({folder}{case.id}.md) — {rest}\n"
        return self.lines[folder][case.id]

    def _texts(self, case: Case) -> tuple[str, str]:
        districts = _escaped_join(DISTRICT_SEPARATOR, case.district_list, self.district_name,
                                  self.district_texts)
        themes = _escaped_join(THEME_SEPARATOR, case.themes, self.theme_label, self.theme_texts)
        self.texts[case.id] = (escape_inline(case.title), f"{districts}, {case.year_span}. *{themes}*")
        return self.texts[case.id]


def _escaped_join(separator: str, keys: Iterable[Hashable], text: Callable, escaped: dict) -> str:
    """escape_inline(separator.join(text(key) for each key)), from each key's text escaped
    once and kept in ``escaped``: escaping every case's line of theme labels (with its
    non-ASCII '·') would be slow.

    The two agree when each text is non-empty with single spaces inside and none around,
    for then the joined text has no spaces to collapse; otherwise ('' in ``escaped``) the
    whole is escaped as it is. The separators have nothing to escape.
    """
    parts = [escaped.get(key) or _escape(key, text(key), escaped) for key in keys]
    return separator.join(parts) if all(parts) else escape_inline(separator.join(text(key) for key in keys))


def _escape(key: Hashable, text: str, escaped: dict) -> str:
    escaped[key] = escape_inline(text) if text and text == " ".join(text.split()) else ""
    return escaped[key]
