"""Dates that exist, in an order that makes sense.

The schema checks how a date is written (YYYY-MM-DD); only a calendar knows
that 2023-02-29 and 0000-02-31 never were. Every date would otherwise be
published as written, in APA, BibTeX, Atom and JSON-LD. Then the order: a case
is not updated or reviewed before it was added, and a meeting does not end
before it began.
"""
from __future__ import annotations

import calendar
import re

from ..problems import Problem, field_name
from ..reading.documents import Document

FIRST_YEAR, LAST_YEAR = 1900, 2100  # as the years of a case (schema/case.schema.json)
_SHAPE = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])(?:-([0-9]{2}))?$")  # any other shape is the schema's to report
_AFTER_ADDED = ("updated", "reviewed")


def problems(doc: Document, kind: str) -> list[Problem]:
    unreal = [problem for path, text in _dates(doc.data, kind) if (problem := _unreal(doc, path, text))]
    # The order of dates that do not exist means nothing: those are told once, as above.
    return unreal or [problem for problem in _order(doc, kind) if problem]


def _dates(data: dict, kind: str) -> list[tuple[tuple, str]]:
    """(path, text) of every date field that holds text (read directly: this runs for every case)."""
    if kind == "meeting":
        dates = data.get("dates")
        found = [(("dates", key), value) for key, value in dates.items()] if isinstance(dates, dict) else []
    else:
        found = [((name,), data.get(name)) for name in ("added", *_AFTER_ADDED)]
        sources = data.get("sources")
        found += [(("sources", index, "date"), source.get("date")) for index, source in
                  enumerate(sources if isinstance(sources, list) else []) if isinstance(source, dict)]
    return [(path, value) for path, value in found if isinstance(value, str)]


def _unreal(doc: Document, path: tuple, text: str) -> Problem | None:
    match = _SHAPE.match(text)
    if not match:
        return None
    year, month, day = int(match.group(1)), int(match.group(2)), match.group(3)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        why = f"the year {match.group(1)} is outside {FIRST_YEAR}-{LAST_YEAR}"
    elif day is not None and not 1 <= int(day) <= calendar.monthrange(year, month)[1]:
        why = f"{calendar.month_name[month]} {year} has {calendar.monthrange(year, month)[1]} days"
    else:
        return None
    return Problem(doc.src_uri, doc.line_of(path), field_name(path), f"'{text}' is not a real date: {why}.",
                   "Check the date against its source.")


def _order(doc: Document, kind: str) -> list[Problem]:
    data = doc.data
    if kind == "meeting":
        dates = data.get("dates")
        return [_before(doc, ("dates", "end"), dates.get("end"), dates.get("start"), "start")] \
            if isinstance(dates, dict) else []
    return [_before(doc, (name,), data.get(name), data.get("added"), "added") for name in _AFTER_ADDED]


def _before(doc: Document, path: tuple, later, first, first_name: str) -> Problem | None:
    if not (isinstance(later, str) and isinstance(first, str) and _SHAPE.match(later) and _SHAPE.match(first)):
        return None
    common = min(len(later), len(first))  # a meeting may give only the month: compare what both give
    if later[:common] >= first[:common]:
        return None
    return Problem(doc.src_uri, doc.line_of(path), field_name(path),
                   f"'{later}' is before {first_name} ('{first}').",
                   f"Correct one of the two: '{path[-1]}' is on or after '{first_name}'.")
