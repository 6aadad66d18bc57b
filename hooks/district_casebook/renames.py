"""Renamed cases: a case keeps its former ids in `aliases`. Every former
address gets a redirect page, and every reference that still uses a former id
resolves, with a notice asking the author to write the current id."""
from __future__ import annotations

from . import references, standalone
from .model import Case, Collection, Meeting
from .permalinks import Site, case_path
from .problems import Notice, Problem


def stale_references(cases: list[Case], meetings: list[Meeting], pages: list[tuple[str, str]]) -> list[Notice]:
    """A notice for each `related`, meeting `cases:` and [[reference]] that names a former id."""
    live = {c.doc.data.get("id") for c in cases}
    former = {alias: case for case in cases for alias in _strings(case.doc.data.get("aliases")) if alias not in live}
    notices = []
    for case in cases:
        notices += _field(case.doc, "related", former)
        notices += _bodies(case.doc.src_uri, case.doc.body, case.doc.body_line, former)
    for meeting in meetings:
        notices += _field(meeting.doc, "cases", former)
    for src_uri, text in pages:
        notices += _bodies(src_uri, text, 1, former)
    return sorted(notices)


def alias_clashes(cases: list[Case]) -> list[Problem]:
    """A former id claimed by two cases: its address could lead to only one of them."""
    owners: dict[str, Case] = {}
    problems = []
    for case in cases:
        for index, alias in enumerate(_strings(case.doc.data.get("aliases"))):
            owner = owners.setdefault(alias, case)
            if owner is not case:
                problems.append(Problem(case.doc.src_uri, case.doc.line_of(("aliases", index)), f"aliases[{index}]",
                                        f"'{alias}' is already a former id of {owner.doc.src_uri}.",
                                        "A former address leads to one case only: keep it on the case that had that id."))
    return problems


def _strings(value) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _field(doc, name: str, former: dict) -> list[Notice]:
    notices = []
    for index, target in enumerate(_strings(doc.data.get(name))):
        if target in former:
            current = former[target].doc.data["id"]
            notices.append(Notice(doc.src_uri, doc.line_of((name, index)), f"{name}[{index}]",
                                  f"'{target}' is the former id of '{current}'.",
                                  f"It still works, but write '{current}'."))
    return notices


def _bodies(src_uri: str, text: str, first_line: int, former: dict) -> list[Notice]:
    notices = []
    for line, case_id, anchor, raw in references.find(text, first_line):
        if case_id in former:
            current = former[case_id].doc.data["id"] + (f"#{anchor}" if anchor else "")
            notices.append(Notice(src_uri, line, "", f"{raw} names the former id of '{former[case_id].doc.data['id']}'.",
                                  f"The link still works, but write [[{current}]]."))
    return notices


def redirect_pages(collection: Collection, site: Site) -> dict[str, str]:
    """{site-relative file: HTML} for each former address: the case page and its embed."""
    pages = {}
    for alias, case in sorted(collection.aliases.items()):
        if alias in collection.cases:
            continue  # crosscheck reports it; the live case wins
        for prefix in ("", "/embed"):
            old, new = prefix + case_path(alias), prefix + case_path(case.id)
            pages[old.lstrip("/") + "index.html"] = standalone.redirect(old, new, case.title, site)
    return pages
