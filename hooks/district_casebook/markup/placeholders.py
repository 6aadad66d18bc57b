"""Template placeholders left in a case: ``<<what to write here>>``.

cases/_template.md marks every value and section to write as ``<<...>>``.
Double angle brackets occur in no real prose and cannot be mistaken for a
``[[case-id]]`` reference, so any such text left in a case is reported on its
line, with the field or the section that still holds it.
"""
from __future__ import annotations

import re

from ..model import sections
from ..problems import Problem, field_name
from ..reading.documents import Document, strings

PATTERN = re.compile(r"<<[^<>\n]*>>")


def placeholder(text: str) -> str:
    """``text`` as a placeholder: what a contributor replaces."""
    return f"<<{text}>>"


def in_front_matter(doc: Document, texts: list[tuple[tuple, str]] | None = None) -> list[Problem]:
    """A problem for each field whose value still holds a placeholder (``texts``: the document's
    strings, when the caller has them already)."""
    texts = strings(doc.data) if texts is None else texts
    return [Problem(doc.src_uri, doc.line_of(path), field_name(path),
                    f"The field still holds the template's placeholder {_quote(match)}.",
                    "Write this case's value in its place.")
            for path, text in texts if "<<" in text for match in PATTERN.findall(text)[:1]]


def in_body(doc: Document) -> list[Problem]:
    """A problem for each line of the body holding a placeholder, naming its section."""
    problems, section = [], None
    if "<<" not in doc.body:
        return problems
    for number, line in enumerate(doc.body.split("\n"), doc.body_line):
        found = sections.heading(line) if line.startswith("## ") or line.startswith("##\t") else None
        section = found[1] if found and found[0] == 2 else section
        for match in PATTERN.findall(line):
            where = f"The section '## {section}'" if section else "The body"
            problems.append(Problem(doc.src_uri, number, "", f"{where} still holds the template's placeholder "
                                    f"{_quote(match)}.", "Write the section in its place."))
    return problems


def _quote(text: str) -> str:
    return f"'{text}'" if len(text) <= 70 else f"'{text[:64]}...>>'"
