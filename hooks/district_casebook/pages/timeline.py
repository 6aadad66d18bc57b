"""The timeline (/timeline/): every case as a bar over the years it covers,
drawn as SVG at build time, with a text table of the same data.

Up to AGGREGATE_ABOVE cases, each case is one row, grouped by its first theme
(the theme its page's breadcrumb names), each bar a link to the case: a bar
from its first year to the end of its last, an arrow for work still under way,
a diamond for a single year. Beyond that, one row per case would be thousands
of rows nobody can read, so each theme becomes one row of squares, a square
per year (per five years over a long span), shaded by how many of the theme's
cases were under way then and linking to those cases in the finder.

`bar(case)` is the one place a case becomes a bar: a flag on a case's years
(approximate, unknown start, "reported in") is honoured there and in the
template, nowhere else.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import templating
from ..model.casebook import Case, Collection

AGGREGATE_ABOVE = 300   # more cases than this: one row per theme, not per case
LONG_SPAN = 40          # more years than this on the axis: five-year squares
COLOURS = 8             # theme colours, cycled (cb-tl-c0 … cb-tl-c7 in timeline.css)
WIDTH, LABEL_WIDTH, ROW, HEAD = 960, 330, 20, 30
TITLE_CHARACTERS = 52   # a case's title in the label column, cut with "…" (the link names it whole)


@dataclass(frozen=True)
class Bar:
    """What the timeline draws for one case."""

    case_id: str
    title: str
    start: int               # the first year the case can be placed in (model/years.py: Period.first)
    end: int | None          # None: still under way (the bar runs to the axis' end, with an arrow)
    text: str = ""           # the years as every page writes them ("since 2021", "reported in 2012")
    approximate: bool = False   # drawn faded, and said in its title
    start_unknown: bool = False  # drawn with an open left end, and said in its title

    @property
    def single(self) -> bool:
        return self.end == self.start

    @property
    def years_text(self) -> str:
        return self.text


def bar(case: Case) -> Bar | None:
    """A case as a bar, read from the model's years; None when its sources give no year at all.
    A year only reported (start unknown) is a single mark at that year."""
    period = case.period
    if period.first is None:
        return None
    end = None if period.ongoing else (period.last if period.last is not None else period.first)
    return Bar(case.id, case.title, period.first, end, period.text, approximate=period.approximate,
               start_unknown=period.start_status == "unknown")


@dataclass
class Axis:
    first: int   # the first year drawn
    last: int    # the last year drawn (an ongoing bar runs to its end)
    step: int = 1  # years a square stands for (aggregated view)

    def x(self, year: float) -> float:
        span = self.last + 1 - self.first
        return round(LABEL_WIDTH + (year - self.first) / span * (WIDTH - LABEL_WIDTH - 10), 1)

    @property
    def ticks(self) -> list[int]:
        every = 1 if self.last - self.first < 12 else 5 if self.last - self.first < 60 else 10
        # Each label at the start of its year; none at the axis' closing edge, where it would be cut off.
        return [y for y in range(self.first, self.last + 1) if y % every == 0]

    @property
    def bins(self) -> list[tuple[int, int]]:
        return [(y, min(y + self.step - 1, self.last)) for y in range(self.first, self.last + 1, self.step)]


def axis(bars: list[Bar]) -> Axis:
    years = [y for b in bars for y in (b.start, b.end) if y is not None] or [2000]
    first, last = min(years), max(years)
    if last - first + 1 > LONG_SPAN:
        first -= first % 5
        return Axis(first, last, 5)
    return Axis(first, last)


@dataclass
class Row:
    kind: str            # "head", "case" or "theme"
    y: int
    group: str           # theme key
    label: str
    href: str
    themes: str = ""     # space-separated positions of its themes in the vocabulary, for the filter (short)
    colour: int = 0
    bar: Bar | None = None
    cells: list = field(default_factory=list)   # aggregated: (x, width, shade, count, first, last, href)


def case_rows(collection: Collection, bars: dict[str, Bar], url) -> list[Row]:
    """A heading per theme, then its cases (first theme only) by first year."""
    theme_keys = list(collection.vocabularies["themes"].terms)
    position = _positions(collection)
    groups: dict[str, list[Case]] = {}
    for case in collection:
        if case.id in bars:  # a case with no year at all is listed under the chart
            groups.setdefault(case.themes[0], []).append(case)
    rows, y = [], HEAD
    for number, key in enumerate(k for k in theme_keys if k in groups):
        label = collection.vocabularies["themes"].label(key)
        rows.append(Row("head", y, key, f"{label} ({len(groups[key]):,})", url(f"themes/{key}.md"), position[key]))
        y += ROW
        for case in sorted(groups[key], key=lambda c: (bars[c.id].start, bars[c.id].end or 9999, c.title)):
            rows.append(Row("case", y, key, _cut(case.title), url(case.page_uri), " ".join(position[t] for t in case.themes),
                            number % COLOURS, bars[case.id]))
            y += ROW
    return rows


def theme_rows(collection: Collection, bars: dict[str, Bar], scale: Axis, url) -> list[Row]:
    """Aggregated: a row per theme, a square per year (or five) counting the cases under way."""
    finder = url("finder/index.md")
    rows, y, most = [], HEAD, 1
    for number, (key, term) in enumerate(collection.vocabularies["themes"].terms.items()):
        cases = collection.by_theme.get(key, [])
        counts = _counts([bars[c.id] for c in cases if c.id in bars], scale)
        most = max([most, *counts])
        row = Row("theme", y, key, f"{term.label} ({len(cases):,})", url(f"themes/{key}.md"), str(number),
                  number % COLOURS)
        row.cells = [(scale.x(low), scale.x(high + 1) - scale.x(low) - 1, 0, n, low, high,
                      f"{finder}?theme={key}&from={low}&to={high}") for (low, high), n in zip(scale.bins, counts)]
        rows.append(row)
        y += ROW + 4
    for row in rows:  # five shades on a square-root scale of the busiest square
        row.cells = [(x, w, _shade(n, most), n, low, high, href) for x, w, _, n, low, high, href in row.cells]
    return rows


def _counts(bars: list[Bar], scale: Axis) -> list[int]:
    """Cases under way in each bin: +1 where a bar starts, -1 after it ends, summed along
    (a pass over the cases, not one per square: 10,000 cases by 17 themes by 40 squares)."""
    changes = [0] * (len(scale.bins) + 1)
    for b in bars:
        end = scale.last if b.end is None else b.end
        changes[(b.start - scale.first) // scale.step] += 1
        changes[(end - scale.first) // scale.step + 1] -= 1
    counts, running = [], 0
    for change in changes[:-1]:
        running += change
        counts.append(running)
    return counts


def _under_way(b: Bar, scale: Axis, low: int, high: int) -> bool:
    end = scale.last if b.end is None else b.end
    return b.start <= high and end >= low


def _shade(count: int, most: int) -> int:
    return 0 if count == 0 else 1 + min(4, int((count / most) ** 0.5 * 5 - 1e-9))


def _cut(title: str) -> str:
    return title if len(title) <= TITLE_CHARACTERS else title[:TITLE_CHARACTERS - 1].rstrip() + "…"


def chart(collection: Collection, url) -> dict:
    """Everything the timeline template needs: the SVG and the table, for either view."""
    bars = {case.id: drawn for case in collection if (drawn := bar(case)) is not None}
    scale = axis(list(bars.values()))
    aggregated = len(bars) > AGGREGATE_ABOVE
    undated = (_undated_by_theme if aggregated else _undated)(collection, [c for c in collection if c.id not in bars], url)
    rows = theme_rows(collection, bars, scale, url) if aggregated else case_rows(collection, bars, url)
    height = (rows[-1].y if rows else HEAD) + ROW + 10
    return dict(rows=rows, axis=scale, aggregated=aggregated, width=WIDTH, height=height, row=ROW,
                label_width=LABEL_WIDTH, count=len(bars), limit=AGGREGATE_ABOVE, undated=undated,
                themes=[(number, k, t.label) for number, (k, t) in enumerate(collection.vocabularies["themes"].terms.items())
                        if k in collection.by_theme])


def _positions(collection: Collection) -> dict[str, str]:
    return {key: str(number) for number, key in enumerate(collection.vocabularies["themes"].terms)}


def _undated(collection: Collection, cases: list[Case], url) -> list[tuple[str, str, str]]:
    """(title, link, theme positions) of each case whose sources give no year, listed under the chart."""
    position = _positions(collection)
    return [(case.title, url(case.page_uri), " ".join(position[t] for t in case.themes)) for case in cases]


def _undated_by_theme(collection: Collection, cases: list[Case], url) -> list[tuple[str, str, str]]:
    """Aggregated, as the chart is: ("Theme: N cases", its page, its position), so the list stays short."""
    position, counts = _positions(collection), {}
    for case in cases:
        for theme in case.themes:
            counts[theme] = counts.get(theme, 0) + 1
    vocabulary = collection.vocabularies["themes"]
    return [(f"{vocabulary.label(key)}: {n:,} {'case' if n == 1 else 'cases'}", url(f"themes/{key}.md"), position[key])
            for key, n in sorted(counts.items(), key=lambda item: int(position[item[0]]))]


def svg(data: dict) -> str:
    return templating.render_html("timeline.html.j2", **data).strip()


def anchor(case: Case, count: int) -> str:
    """Where a case is on /timeline/: its own bar, or the chart when cases are aggregated."""
    if case.period.first is None:
        return "timeline-undated"
    return "timeline-chart" if count > AGGREGATE_ABOVE else f"case-{case.id}"
