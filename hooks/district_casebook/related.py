"""Related cases: the cases sharing the most themes and roles with a case.

A case's score against another is 2 for each shared theme plus 1 for each
shared role; the best scores win, ties go to the smaller id. Counting that
over posting lists (term -> cases) costs a case the length of every list it
touches: at 10,000 cases, some 26,000 steps each, minutes in all. Here each
term's posting list is a bitset (one bit per case, in id order) and the
scores of all cases are added at once, bit-sliced: score bit b of every case
lives in ``planes[b]``, and adding a term is a ripple-carry addition of its
bitset into the planes. Python's big integers do each step over all cases in
a few microseconds, so a case costs some fifty such steps whatever N is, and
no pair of cases is ever compared. The result is exactly the ranking the
posting-list count gives.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence


def terms(themes: Iterable[str], roles: Iterable[str]) -> list[tuple[str, int]]:
    """(term, weight) pairs: a shared theme counts twice as much as a shared role."""
    return [(f"theme:{t}", 2) for t in themes] + [(f"role:{r}", 1) for r in roles]


class RelatedIndex:
    """Top-k related items over items given as (term, weight) lists, in id order."""

    def __init__(self, items: Sequence[list[tuple[str, int]]]):
        self.items = items
        postings: dict[str, list[int]] = {}
        for position, item_terms in enumerate(items):
            for term, _weight in item_terms:
                postings.setdefault(term, []).append(position)
        self.bits = {term: _bitset(positions, len(items)) for term, positions in postings.items()}

    def top(self, position: int, count: int, skip: Iterable[int] = ()) -> list[int]:
        """Positions of the ``count`` best items for item ``position``, best first.

        Only items sharing a term count; ``skip`` (and the item itself) never appear.
        """
        if count <= 0:
            return []
        planes = self._scores(position)
        candidates = 0
        for plane in planes:
            candidates |= plane  # a score above zero has some bit set
        for other in (position, *skip):
            candidates &= ~(1 << other)
        return self._best(planes, candidates, count)

    def _scores(self, position: int) -> list[int]:
        planes: list[int] = []
        for term, weight in self.items[position]:
            _add(planes, self.bits[term], weight.bit_length() - 1)  # weights are powers of two
        return planes

    def _best(self, planes: list[int], candidates: int, count: int) -> list[int]:
        above, tied = _threshold(planes, candidates, count)
        winners = _positions(above)
        winners.sort(key=lambda p: (-_score(planes, p), p))
        for p in _positions(tied, limit=count - len(winners)):
            winners.append(p)  # all tied at the threshold score: smallest ids first
        return winners


def _bitset(positions: list[int], size: int) -> int:
    """An integer with bit p set for each p in ``positions``, built in a byte buffer:
    OR-ing bits into a growing integer one by one would copy it each time."""
    packed = bytearray((size + 7) // 8)
    for position in positions:
        packed[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(packed, "little")


def _add(planes: list[int], bits: int, plane: int) -> None:
    """Add 1 << plane to the score of every item in ``bits`` (ripple carry)."""
    carry = bits
    while carry:
        while plane >= len(planes):
            planes.append(0)
        current = planes[plane]
        planes[plane] = current ^ carry
        carry = current & carry
        plane += 1


def _threshold(planes: list[int], candidates: int, count: int) -> tuple[int, int]:
    """Items scoring above the count-th best score, and those scoring exactly it.

    From the top bit down, keep the items that have the bit while that still
    leaves ``count`` of them (the bit-sliced top-k of O'Neil and Quass).
    """
    above, tied = 0, candidates
    for plane in reversed(planes):
        with_bit = above | (tied & plane)
        found = with_bit.bit_count()
        if found > count:
            tied &= plane
        elif found < count:
            above, tied = with_bit, tied & ~plane
        else:
            return with_bit, 0
    return above, tied


def _positions(bits: int, limit: int | None = None) -> list[int]:
    """Set bit positions, lowest first."""
    found = []
    while bits and (limit is None or len(found) < limit):
        low = bits & -bits
        found.append(low.bit_length() - 1)
        bits ^= low
    return found


def _score(planes: list[int], position: int) -> int:
    return sum(((plane >> position) & 1) << b for b, plane in enumerate(planes))
