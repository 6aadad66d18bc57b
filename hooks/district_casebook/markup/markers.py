"""Listing markers in hand-written pages, e.g. ``<!-- casebook:recent count=5 -->``.

HTML comments stay invisible on GitHub and in any other renderer; the build
replaces each with a generated listing.
"""
from __future__ import annotations

import re

from ..model.casebook import Collection
from ..problems import Problem

MARKER = re.compile(r"<!--\s*casebook:([\w-]+)((?:\s+[\w-]+=[\w-]+)*)\s*-->")
_LOOSE = re.compile(r"<!--\s*casebook:")
MAX_COUNT = 100  # a listing on a hand-written page, never the whole collection
ARGUMENTS = {"recent": {"count"}, "themes": set(), "states": set(), "stats": set(), "map": set()}


def problems(src_uri: str, text: str) -> list[Problem]:
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        matches = list(MARKER.finditer(line))
        for match in matches:
            found += _check(src_uri, number, match)
        if not matches and _LOOSE.search(line):
            found.append(Problem(src_uri, number, "", "This casebook marker is malformed.",
                                 "Write it like <!-- casebook:recent count=5 -->."))
    return found


def _check(src_uri: str, line: int, match: re.Match) -> list[Problem]:
    name, arguments = match.group(1), _arguments(match.group(2))
    if name not in ARGUMENTS:
        return [Problem(src_uri, line, "", f"'casebook:{name}' is not a marker.",
                        f"The markers are: {', '.join(ARGUMENTS)}.")]
    unknown = set(arguments) - ARGUMENTS[name]
    if unknown:
        return [Problem(src_uri, line, "", f"'casebook:{name}' takes no '{sorted(unknown)[0]}'.",
                        f"It takes: {', '.join(sorted(ARGUMENTS[name])) or 'nothing'}.")]
    count = arguments.get("count", "5")
    # Only ASCII digits: str.isdigit() is also true for '²' or '٣', which int() refuses.
    if not (count.isascii() and count.isdigit() and 1 <= int(count) <= MAX_COUNT):
        return [Problem(src_uri, line, "", f"'count={_shown(count)}' is not a number from 1 to {MAX_COUNT}.",
                        "Write it with the digits 0-9, like count=5.")]
    return []


def _shown(value: str) -> str:
    return value if len(value) <= 20 else value[:20] + "…"


def _arguments(text: str) -> dict[str, str]:
    return dict(pair.split("=", 1) for pair in text.split())


def expand(text: str, page_uri: str, collection: Collection, renderer) -> str:
    """Replace each marker with its listing, linking relative to ``page_uri``."""
    def replace(match: re.Match) -> str:
        name, arguments = match.group(1), _arguments(match.group(2))
        listing = renderer.render(f"marker-{name}.md.j2", page_uri, collection=collection,
                                  count=int(arguments.get("count", 5)))
        return listing.strip()  # a marker may stand inside a sentence
    return MARKER.sub(replace, text)
