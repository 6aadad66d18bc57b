"""A tile-grid map of the states: one equal square per state, laid out roughly
like the country (as newsrooms draw them), drawn as SVG at build time.

No map library and no geographic data: the grid below is the whole map. A
state with cases is shaded by how many (a few steps, so a state with one case
is still clearly marked) and links to its state page; the others stay plain.
The SVG is rendered by an autoescaping template (templates/state-map.svg.j2).
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import templating
from ..model.casebook import STATE_NOT_GIVEN, Collection

# Rows of the grid, west to east; "." is an empty square. Territories sit on the last row.
GRID = """
AK . . . . . . . . . . ME
. . . . . . . . . . VT NH
WA ID MT ND MN IL WI MI NY RI MA .
OR NV WY SD IA IN OH PA NJ CT . .
CA UT CO NE MO KY WV VA MD DE . .
. AZ NM KS AR TN NC SC DC . . .
. . . OK LA MS AL GA . . . .
HI . . TX . . . . FL . . .
GU MP AS . . . . . . . PR VI
"""
TILE = 44   # a square's side, in SVG units, gap included
GAP = 4
SHADES = 5  # steps of shading for states with cases (1 is the lightest)


def positions() -> dict[str, tuple[int, int]]:
    """{state code: (column, row)} from GRID."""
    return {code: (column, row) for row, line in enumerate(GRID.strip().splitlines())
            for column, code in enumerate(line.split()) if code != "."}


@dataclass(frozen=True)
class Tile:
    code: str
    label: str
    count: int
    x: int
    y: int
    shade: int      # 0: no case; 1..SHADES: darker with more cases
    href: str       # "" when the state has no case

    @property
    def title(self) -> str:
        noun = "case" if self.count == 1 else "cases"
        return f"{self.label}: {self.count:,} {noun}" if self.count else f"{self.label}: no cases yet"


def shade(count: int, most: int) -> int:
    """1..SHADES on a square-root scale of the largest count (0 for none): a state
    with one case stays visible beside one with hundreds."""
    if count <= 0:
        return 0
    return 1 + min(SHADES - 1, int((count / max(most, 1)) ** 0.5 * SHADES - 1e-9)) if most > 1 else SHADES


def tiles(collection: Collection, state_href) -> list[Tile]:
    """Every state of the vocabulary on the grid; ``state_href(code)`` is the link to its page.

    A code missing from GRID (a vocabulary grown since) goes to an extra row, so no
    state with cases is ever left off the map. STATE_NOT_GIVEN is not a place.
    """
    grid, states = positions(), collection.vocabularies["states"]
    counts = {code: len(cases) for code, cases in collection.by_state.items()}
    most = max(counts.values(), default=0)
    extra_row = max(row for _, row in grid.values()) + 1
    spare = iter(range(100))
    found = []
    for code in states.terms:
        if code == STATE_NOT_GIVEN:
            continue
        column, row = grid.get(code) or (next(spare), extra_row)
        count = counts.get(code, 0)
        found.append(Tile(code, states.label(code), count, column * TILE, row * TILE, shade(count, most),
                          state_href(code) if count else ""))
    return found


def legend(most: int) -> list[tuple[int, str]]:
    """(shade, "from–to cases") for each step in use, lightest first."""
    steps: dict[int, list[int]] = {}
    for count in range(1, most + 1):
        steps.setdefault(shade(count, most), []).append(count)
    return [(step, _range(counts)) for step, counts in sorted(steps.items())]


def _range(counts: list[int]) -> str:
    low, high = counts[0], counts[-1]
    text = f"{low:,}" if low == high else f"{low:,}–{high:,}"
    return f"{text} case" + ("" if high == 1 else "s")


def svg(collection: Collection, state_href, *, caption_id: str = "cb-state-map-title") -> str:
    """The map as one line-broken SVG element (no blank line: Markdown passes it through whole)."""
    drawn = tiles(collection, state_href)
    width = max(t.x for t in drawn) + TILE
    height = max(t.y for t in drawn) + TILE
    most = max((t.count for t in drawn), default=0)
    with_cases = sum(1 for t in drawn if t.count)
    unplaced = len(collection.by_state.get(STATE_NOT_GIVEN, []))  # no square: a link below the map
    return templating.render_html("state-map.svg.j2", tiles=drawn, width=width, height=height, size=TILE - GAP,
                                  legend=legend(most), with_cases=with_cases, caption_id=caption_id,
                                  unplaced=unplaced, unplaced_href=state_href(STATE_NOT_GIVEN) if unplaced else "").strip()
