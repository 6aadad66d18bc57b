"""The years of a case as the sources support them, and how pages write them.

A case's `years` say when the work began ('start', a year or 'unknown'),
when it ended ('end'; absent while it goes on), the year the sources
describe it in when its start is unknown ('reported'), and whether the
start and end are the casebook's estimate ('approximate'). Every output
(case page, lists, finder, JSON-LD, data API, timeline) reads them through
Period, so none of them can show an unknown or estimated year as known.

    since 2021            start known, no end: the sources describe the work as going on
    2021–2025             start and end known
    since about 2017      approximate start, going on
    reported in 2012      start unknown; the sources describe the work in 2012
    until 2015            start unknown, end known
    year unknown          the sources give no year at all
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

UNKNOWN = "unknown"

# What a timeline needs to know about each end of a span.
KNOWN, APPROXIMATE, MISSING, ONGOING = "known", "approximate", "unknown", "ongoing"


def _year(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class Period:
    """A case's years. ``start``/``end``/``reported`` are whole years or None when not given."""

    start: int | None
    end: int | None = None
    reported: int | None = None
    approximate: bool = False

    @classmethod
    def of(cls, years: dict | None) -> Period:
        years = years if isinstance(years, dict) else {}
        return _shared(cls, _year(years.get("start")), _year(years.get("end")), _year(years.get("reported")),
                       years.get("approximate") is True)

    @property
    def start_status(self) -> str:
        """'known', 'approximate' or 'unknown' (a timeline draws the start solid, faded or open)."""
        if self.start is None:
            return MISSING
        return APPROXIMATE if self.approximate else KNOWN

    @property
    def end_status(self) -> str:
        """'known', 'approximate', 'ongoing' (a known start, no end) or 'unknown'."""
        if self.end is not None:
            return APPROXIMATE if self.approximate else KNOWN
        return ONGOING if self.start is not None else MISSING

    @property
    def exact(self) -> bool:
        """True when every year shown is one the sources state (start known, end known or ongoing)."""
        return self.start_status == KNOWN and self.end_status in (KNOWN, ONGOING)

    @property
    def first(self) -> int | None:
        """The earliest year the case can be placed in: start, else the reported year, else the end."""
        return next((y for y in (self.start, self.reported, self.end) if y is not None), None)

    @property
    def last(self) -> int | None:
        """The latest year the case can be placed in; None when the work goes on or no year is given."""
        return next((y for y in (self.end, self.reported) if y is not None), None)

    @property
    def ongoing(self) -> bool:
        return self.end_status == ONGOING

    @cached_property  # the same few hundred periods recur over 10,000 cases (see _shared)
    def text(self) -> str:
        """The years as a page writes them: 'since 2021', 'reported in 2012', 'year unknown'…"""
        about = "about " if self.approximate else ""
        if self.start is None:
            if self.reported is not None:
                return f"reported in {self.reported}"
            return f"until {about}{self.end}" if self.end is not None else "year unknown"
        if self.end is None:
            return f"since {about}{self.start}"
        return f"{about}{self.start}" if self.end == self.start else f"{about}{self.start}–{self.end}"

    @property
    def iso(self) -> str | None:
        """ISO 8601(-2) for schema.org temporalCoverage: "2021/..", "2010/2012", "2017~/..",
        "2012" for a reported year, "../2015" for an unknown start; None when no year is known."""
        mark = "~" if self.approximate else ""
        if self.start is None:
            if self.reported is not None:
                return str(self.reported)
            return f"../{self.end}{mark}" if self.end is not None else None
        end = ".." if self.end is None else f"{self.end}{mark}"
        return f"{self.start}{mark}/{end}"

    def as_dict(self) -> dict:
        """The plain data a timeline or the data API needs."""
        return {"text": self.text, "first": self.first, "last": self.last, "start": self.start, "end": self.end,
                "reported": self.reported, "start_status": self.start_status, "end_status": self.end_status}


@cache
def _shared(cls, *fields) -> Period:
    """One Period for each distinct value: a collection holds a few hundred, read by every list,
    feed and data file (a Period is frozen, so sharing it is safe)."""
    return cls(*fields)


def source_year(source: dict) -> str | None:
    """A source's date or year as written, or None when it is undated ('year: unknown')."""
    when = source.get("date") or source.get("year")
    return None if when in (None, UNKNOWN) else str(when)
