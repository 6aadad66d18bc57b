"""Dates as people read them: a meeting's `dates` (YYYY-MM-DD, or YYYY-MM when
the source gives only the month) written "28–29 June 2012" or "May 2024"."""
from __future__ import annotations

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def dates_text(start: str, end: str | None = None) -> str:
    """A date or span written YYYY-MM(-DD), in words; the parts the two ends share said once."""
    first = _date_parts(start)
    last = _date_parts(end) if end and end != start else None
    if last is None:
        return _words(first)
    if first[2] != last[2] or bool(first[0]) != bool(last[0]):  # another year, or a day and a month: in full
        return f"{_words(first)} – {_words(last)}"
    if not (first[0] and last[0]):  # months only: "May–June 2024"
        return f"{first[1]}–{last[1]} {last[2]}" if first[1] != last[1] else _words(last)
    if first[1] != last[1]:  # "30 June – 2 July 2012"
        return f"{first[0]} {first[1]} – {last[0]} {last[1]} {last[2]}"
    return f"{first[0]}–{last[0]} {last[1]} {last[2]}"  # "28–29 June 2012"


def _words(parts: tuple[str, ...]) -> str:
    return " ".join(part for part in parts if part)


def _date_parts(date: str) -> tuple[str, ...]:
    """("3", "December", "2023") for 2023-12-03; ("", "May", "2024") for 2024-05."""
    year, month, *day = date.split("-")
    return (str(int(day[0])) if day else "", MONTHS[int(month) - 1], year)
