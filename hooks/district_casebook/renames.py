"""Renamed cases: a case keeps its former ids in `aliases`. Every former
address gets a redirect page; references that still use a former id resolve,
with a notice from crosscheck asking the author to write the current id."""
from __future__ import annotations

from . import standalone
from .documents import string_items
from .model import Case, Collection
from .permalinks import Site, case_path
from .problems import Problem


def alias_clashes(cases: list[Case]) -> list[Problem]:
    """A former id claimed by two cases: its address could lead to only one of them."""
    owners: dict[str, Case] = {}
    problems = []
    for case in cases:
        for index, alias in enumerate(string_items(case.doc.data.get("aliases"))):
            owner = owners.setdefault(alias, case)
            if owner is not case:
                problems.append(Problem(case.doc.src_uri, case.doc.line_of(("aliases", index)), f"aliases[{index}]",
                                        f"'{alias}' is already a former id of {owner.doc.src_uri}.",
                                        "A former address leads to one case only: keep it on the case that had that id."))
    return problems


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
