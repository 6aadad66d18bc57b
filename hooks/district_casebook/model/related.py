"""Related cases: the cases sharing the most themes and roles with a case.

A case's score against another is 2 for each shared theme plus 1 for each
shared role; the best scores win, ties go to the smaller id. Counting that
over posting lists (key -> cases) costs a case the length of every list it
touches: at 10,000 cases, some 26,000 steps each, minutes in all. Here each
posting list is a bitset (one bit per case, in id order) and the scores of
all cases are added at once, bit-sliced: score bit b of every case lives in
``planes[b]``, and adding a theme or role is a ripple-carry addition of its
bitset into the planes. Python's big integers do each step over all cases in
a few microseconds, so a case costs some fifty such steps whatever N is, and
no pair of cases is ever compared. The result is exactly the ranking the
posting-list count gives.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from operator import mul

# What a shared key of each kind, role and theme, adds to a score: powers of
# two, each one score bit. The lighter kind first: adding it first makes fewer carries.
WEIGHTS = (1, 2)


def terms(themes: Sequence[str], roles: Sequence[str]) -> tuple[Sequence[str], Sequence[str]]:
    """An item of the index: its keys of each kind, in the order of WEIGHTS."""
    return roles, themes


class RelatedIndex:
    """Top-k related items over items given by terms(), in id order."""

    def __init__(self, items: Sequence[tuple[Sequence[str], ...]]):
        self.items = items
        # Each key's posting list as a bitset, built in a byte buffer: OR-ing bits into
        # a growing integer one by one would copy it each time.
        size = (len(items) + 7) // 8
        packed: list[defaultdict[str, bytearray]] = [defaultdict(lambda: bytearray(size)) for _ in WEIGHTS]
        for position, item in enumerate(items):
            byte, bit = position >> 3, 1 << (position & 7)
            for kind, keys in zip(packed, item):
                for key in keys:
                    kind[key][byte] |= bit
        # For each kind, each key's bitset and the score bit its weight adds at.
        self.addends = [{key: (int.from_bytes(bits, "little"), weight.bit_length() - 1)
                         for key, bits in kind.items()} for kind, weight in zip(packed, WEIGHTS)]
        # Planes for the highest score: an item's own, sharing all its keys.
        self.depth = max((sum(map(mul, WEIGHTS, map(len, item))) for item in items), default=0).bit_length()

    def top(self, position: int, count: int, skip: Iterable[int] = ()) -> list[int]:
        """Positions of the ``count`` best items for item ``position``, best first.

        Only items sharing a key count; ``skip`` (and the item itself) never appear.
        """
        if count <= 0:
            return []
        return _best(self._scores(position), (position, *skip), count)

    def _scores(self, position: int) -> list[int]:
        """Every item's score against this one: bit b of item p's score is bit p of planes[b]."""
        planes = [0] * self.depth
        for addends, keys in zip(self.addends, self.items[position]):
            for key in keys:
                carry, plane = addends[key]
                while carry:  # add the key's weight to the score of every item having it (ripple carry)
                    current = planes[plane]
                    planes[plane], carry = current ^ carry, current & carry
                    plane += 1
        return planes


def _best(planes: list[int], left_out: Iterable[int], count: int) -> list[int]:
    """The ``count`` best-scoring items but those ``left_out``, best first, ties by position."""
    candidates = 0
    for plane in planes:
        candidates |= plane  # a score above zero has some bit set
    for other in left_out:
        if candidates >> other & 1:
            candidates ^= 1 << other
    groups, tied = _threshold(planes, candidates, count)
    winners = []
    for group, plane in groups:
        winners += _ranked(group, planes[:plane])
    return winners + _lowest(tied, count - len(winners))  # tied at the threshold: smallest ids first


def _threshold(planes: list[int], candidates: int, count: int) -> tuple[list[tuple[int, int]], int]:
    """Items scoring above the count-th best score, and those scoring exactly it.

    From the top bit down, keep the items that have the bit while that still
    leaves ``count`` of them (the bit-sliced top-k of O'Neil and Quass). Those
    above come in groups, best first, each with the plane that set it apart:
    its items are alike in that bit and all above it.
    """
    groups, found_above, tied = [], 0, candidates
    for plane in range(len(planes) - 1, -1, -1):
        if not planes[plane]:
            continue  # no score has this bit: nothing changes
        tied_with_bit = tied & planes[plane]
        found = found_above + tied_with_bit.bit_count()
        if found > count:
            tied = tied_with_bit
        elif found < count:
            if tied_with_bit:
                groups.append((tied_with_bit, plane))
            found_above, tied = found, tied ^ tied_with_bit  # not & ~plane: negating a big integer is slow
        else:
            return groups + [(tied_with_bit, plane)], 0
    return groups, tied


def _ranked(group: int, lower_planes: list[int]) -> list[int]:
    """The group's items, best first, then by position: split on the lower bits, top down."""
    parts, items = [group], group.bit_count()
    for plane in reversed(lower_planes):
        if len(parts) == items:
            break  # one item a part: ranked already
        split = []
        for part in parts:
            with_bit = part & plane
            split += [half for half in (with_bit, part ^ with_bit) if half]
        parts = split
    return [position for part in parts for position in reversed(_members(part))]


def _members(bits: int) -> list[int]:
    """Set bit positions, highest first: bit_length finds each without a pass over the integer."""
    found = []
    while bits:
        highest = bits.bit_length() - 1
        found.append(highest)
        bits ^= 1 << highest
    return found


def _lowest(bits: int, limit: int) -> list[int]:
    """The ``limit`` lowest set bit positions, lowest first."""
    found = []
    while bits and len(found) < limit:
        rest = bits & (bits - 1)  # the lowest bit cleared
        found.append((bits ^ rest).bit_length() - 1)
        bits = rest
    return found
