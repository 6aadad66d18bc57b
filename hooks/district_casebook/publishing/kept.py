"""A preview's outputs kept between builds of one site, case by case.

`mkdocs serve` rebuilds after every save; a case's JSON record, its file and
its card need making again only for a case read again (loading/project.py
reads an unchanged file once a process), or whose meetings changed."""
from __future__ import annotations

from collections.abc import Callable


def per_case(kept: dict | None, kind: str, case, make: Callable[[], str], shows: tuple = ()) -> str:
    """``make()``, or what it made last time for this very case object showing the same ``shows``."""
    if kept is None:
        return make()
    key = (kind, case.id)
    before = kept.get(key)
    if before is not None and before[0] is case and before[1] == shows:
        return before[2]
    made = make()
    kept[key] = (case, shows, made)
    return made
