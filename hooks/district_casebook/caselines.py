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
        self.texts: dict[str, tuple[str, str]] = {}

    def __call__(self, cases: list[Case], href: Callable[[str], str]) -> str:
        """One '- [title](link) — districts, years. *themes*' line per case."""
        folder = href("cases/index.md").removesuffix("index.md")  # every case page is in cases/
        lines = []
        for case in cases:
            title, rest = self.texts.get(case.id) or self._texts(case)
            lines.append(f"- [{title}]({folder}{case.id}.md) — {rest}\n")
        return "".join(lines)

    def _texts(self, case: Case) -> tuple[str, str]:
        districts, themes = escape_inline(self.districts_text(case)), escape_inline(self.theme_labels(case))
        rest = f"{districts}, {case.year_span}. *{themes}*"
        self.texts[case.id] = (escape_inline(case.title), rest)
        return self.texts[case.id]
