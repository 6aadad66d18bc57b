"""The preview of files with problems (`mkdocs serve` only; `mkdocs build` refuses them).

A case with problems gets a page at its address, rendered from what can be
read, with a notice listing each problem and its line; a file that cannot be
read at all gets a page saying why. One more page lists every problem.
"""
from __future__ import annotations

import json
import posixpath
from collections.abc import Callable
from itertools import groupby
from pathlib import PurePosixPath

from ..markup import placeholders, references
from ..model.casebook import Case
from ..problems import Problem

PROBLEMS_URI = "preview-problems/index.md"
_SHOWN_FIRST = ("title", "summary")
_md = references.escape_inline


def page_of(src_uri: str) -> str | None:
    """The docs-relative page a file with problems is shown at, if it has one."""
    if src_uri.startswith("cases/") and src_uri.endswith(".md"):
        return src_uri
    if src_uri.startswith("docs/") and src_uri.endswith(".md"):
        return src_uri.removeprefix("docs/")
    return None


def pages(by_page: dict[str, list], loaded, exists: Callable[[str], bool]) -> dict[str, str]:
    """A preview's pages for cases with problems (``by_page``), and the page listing every problem
    of the ``loaded`` project (loading/project.Loaded); ``exists``: whether docs/ holds a page."""
    if not by_page:
        return {}
    read, collection = {case.doc.src_uri: case for case in loaded.cases}, loaded.collection
    made = {uri: case_page(uri, read.get(uri), found, collection.resolve)
            for uri, found in by_page.items() if uri.startswith("cases/")}
    known = lambda uri: uri in made or uri in collection.cases or exists(uri)  # noqa: E731
    made[PROBLEMS_URI] = problems_page(loaded.problems, known)
    return made


def by_page(problems) -> dict[str, list]:
    """The problems shown on each page (those of files with no page of their own are left out)."""
    found: dict[str, list] = {}
    for problem in problems:
        page = page_of(problem.src_uri)
        if page is not None:
            found.setdefault(page, []).append(problem)
    return found


def notice(problems: list[Problem], what: str = "This page") -> str:
    """A warning box listing ``problems``, for the top of a page."""
    count = len(problems)
    head = (f'!!! failure "{what} has {count} problem{"s" if count != 1 else ""}: '
            '`mkdocs build` and `casebook validate` refuse it until '
            f'{"it is" if count == 1 else "they are"} fixed"\n\n')
    return head + "".join(f"    - {_line(problem)}\n" for problem in problems) + "\n"


def _line(problem: Problem) -> str:
    where = f"Line {problem.line}" + (f", `{problem.field.replace('`', '')}`" if problem.field else "")
    return f"{where}: {_md(problem.text)}"


def case_page(src_uri: str, case: Case | None, problems: list[Problem], resolve: Callable) -> str:
    """A draft case's page: the notice, then whatever of the file could be read."""
    stem = PurePosixPath(src_uri).stem
    data = case.doc.data if case is not None else {}
    title = data.get("title") if isinstance(data.get("title"), str) else stem
    front = f"---\ntitle: {json.dumps(title + ' (draft)', ensure_ascii=False)}\nhide: [navigation]\n---\n\n"
    if case is None:
        return front + notice(problems, f"`{src_uri}` cannot be read, so nothing of it can be shown. It") \
            + f"# {_md(stem)}\n"
    parts = [front, notice(problems, f"This draft (`{src_uri}`)"), f"# {_md(title)}\n"]
    if isinstance(data.get("summary"), str):
        parts.append(f"{_md(data['summary'])}\n{{: .cb-summary }}\n")
    parts.append(_fields(data))
    body = placeholders.PATTERN.sub(lambda match: _md(match.group(0)), case.doc.body)  # shown, not taken for HTML
    parts.append(references.expand(body, src_uri, resolve))
    return "\n".join(parts)


def _fields(data: dict) -> str:
    """The other fields as written, as plain text (escaped: they are not Markdown)."""
    lines = [f"`{str(key).replace('`', '')}`\n:   {_md(_plain(value))}\n"
             for key, value in data.items() if key not in _SHOWN_FIRST]
    return "\n".join(lines)


def _plain(value) -> str:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def problems_page(problems: list[Problem], has_page: Callable[[str], bool]) -> str:
    """Every problem of the preview, by file, each file linked to its page."""
    files = sorted({p.src_uri for p in problems})
    parts = ["---\ntitle: Problems to fix\nhide: [navigation]\n---\n\n# Problems to fix\n",
             f"{len(problems)} problem(s) in {len(files)} file(s). The preview shows these files anyway; "
             "`mkdocs build`, `casebook validate` and CI refuse them until each is fixed.\n"]
    for src_uri, found in groupby(sorted(problems), key=lambda p: p.src_uri):
        page = page_of(src_uri)
        link = f" ([its page]({posixpath.relpath(page, 'preview-problems')}))" if page and has_page(page) else ""
        parts.append(f"## `{src_uri.replace('`', '')}`{link}\n")
        parts.append("".join(f"- {_line(problem)}\n" for problem in found))
    return "\n".join(parts)
