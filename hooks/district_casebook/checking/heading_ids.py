"""Fields printed as a page's level 1 heading (a case's title, a district's name): the id
the renderer makes from their words must not be one the theme or template uses."""
from __future__ import annotations

import functools

from ..markup.references import escape_inline
from ..problems import Problem, field_name
from ..reading.documents import Document
from .rendered import _short, taken_id
from .renderer import render

# Fields a page prints as its level 1 heading (case pages; district pages), whose ids come from their words.
HEADING_FIELDS = (("title",), ("districts", "*", "name"))


def heading_fields(doc: Document) -> list[Problem]:
    """A problem for each field printed as a page's heading whose id, made from its words by the
    renderer, would be one the theme or the template uses (rendered as the page renders it)."""
    problems = []
    for path, text in _heading_texts(doc.data):
        heading_id = _heading_id(text)
        if taken_id(heading_id):
            problems.append(Problem(doc.src_uri, doc.line_of(path), field_name(path),
                                    f"The page's heading made from this text would get the id '{_short(heading_id)}', "
                                    "an id the site's theme or template gives its own elements.",
                                    "Reword it: start it with a letter or a digit."))
    return problems


@functools.lru_cache(maxsize=1 << 16)  # a district's name heads many cases
def _heading_id(text: str) -> str:
    root, _ = render(["# " + escape_inline(text)])
    heading = root.find("h1")
    return heading.get("id", "") if heading is not None else ""


def _heading_texts(data: dict) -> list[tuple[tuple, str]]:
    found = []
    for path in HEADING_FIELDS:
        values = [((path[0],), data.get(path[0]))] if len(path) == 1 else [
            ((path[0], index, path[2]), item.get(path[2]) if isinstance(item, dict) else None)
            for index, item in enumerate(data.get(path[0]) if isinstance(data.get(path[0]), list) else [])]
        found += [(p, v) for p, v in values if isinstance(v, str) and v.strip()]  # empty: the schema says so
    return found
