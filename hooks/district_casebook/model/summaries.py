"""A case's summary shortened for lists: enough to judge whether to open it."""
from __future__ import annotations

import re

LEAD_CHARACTERS = 220  # about two lines of a list; a longer first sentence is cut at a word
# A sentence ends at . ! or ? followed by a space and a capital, quote or digit ("U.S. schools" goes on).
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]][.!?])\s+(?=[A-Z0-9\"“‘'(])")


def lead(summary: str) -> str:
    """The summary's first sentence, cut at a word (with '…') when longer than LEAD_CHARACTERS."""
    text = " ".join(summary.split())
    first = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(first) <= LEAD_CHARACTERS:
        return first
    cut = first[:LEAD_CHARACTERS].rsplit(" ", 1)[0].rstrip(",;:—–-")
    return cut + "…"
