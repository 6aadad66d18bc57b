"""A case's line in a list of cases: its title, districts, years and themes.

At 10,000 cases the theme, district and state pages hold some 80,000 such
lines, and every case page five more. The text of a case's line is the same
on every page (only the link's folder differs), so it is written once, here,
rather than through the template for each page.
"""
from __future__ import annotations

from collections.abc import Callable

from .model import Case
from .references import escape_inline


class CaseLines:
    """Renders Markdown list items for cases; one instance per Renderer."""

    def __init__(self, districts_text: Callable[[Case], str], theme_labels: Callable[[Case], str]):
        self.districts_text, self.theme_labels = districts_text, theme_labels
        self.texts: dict[str, tuple[str, str]] = {}  # case id -> escaped title, the rest of the line
        self.lines: dict[str, dict[str, str]] = {}  # folder of cases/ -> {case id: whole line}

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
        districts, themes = escape_inline(self.districts_text(case)), escape_inline(self.theme_labels(case))
        self.texts[case.id] = (escape_inline(case.title), f"{districts}, {case.year_span}. *{themes}*")
        return self.texts[case.id]
