"""A case's summary shortened for lists: enough to judge whether to open it."""
from __future__ import annotations

import re

LEAD_CHARACTERS = 220  # about two lines of a list; a longer first sentence is cut at a word
# A sentence ends at . ! or ? after a small letter, digit or closing bracket, followed by a space
# and a capital, quote or digit ("U.S. schools" goes on). The mark is searched for first: a pattern
# starting with a look-behind is tried at every character: the largest part of making a list line.
_SENTENCE_END = re.compile(r"[.!?] [A-Z0-9\"“‘'(]")
_BEFORE_END = frozenset("abcdefghijklmnopqrstuvwxyz0123456789)]")


def lead(summary: str) -> str:
    """The summary's first sentence, cut at a word (with '…') when longer than LEAD_CHARACTERS."""
    text = " ".join(summary.split())
    first = text
    # An end further on would be cut anyway: look only as far as LEAD_CHARACTERS.
    for end in _SENTENCE_END.finditer(text, 1, LEAD_CHARACTERS + 2):
        if text[end.start() - 1] in _BEFORE_END:
            first = text[:end.start() + 1]
            break
    if len(first) <= LEAD_CHARACTERS:
        return first
    cut = first[:LEAD_CHARACTERS].rsplit(" ", 1)[0].rstrip(",;:—–-")
    return cut + "…"
