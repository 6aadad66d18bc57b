"""Short references to cases, ``[[case-id]]`` or ``[[case-id#approach]]``, in
case bodies and hand-written pages. Each renders as a link carrying the
case's current title, so a renamed title never leaves stale link text."""
from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterator

REFERENCE = re.compile(r"\[\[([^\[\]\n]*)\]\]")
_TARGET = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)(?:#([a-z0-9-]+))?$")


def find(text: str, first_line: int) -> Iterator[tuple[int, str, str | None, str]]:
    """(line, case id, anchor, raw) for each reference; id '' when malformed."""
    if "[[" not in text:
        return  # most bodies: no need to scan them
    number, counted = first_line, 0
    for match in REFERENCE.finditer(text):  # a reference never spans lines
        number, counted = number + text.count("\n", counted, match.start()), match.start()
        target = _TARGET.match(match.group(1).strip())
        yield number, (target.group(1) if target else ""), (target.group(2) if target else None), match.group(0)


def relative(from_uri: str, to_uri: str) -> str:
    """A relative link between two pages given by their docs-relative .md paths."""
    return relative_from(posixpath.dirname(from_uri), to_uri)


@functools.lru_cache(maxsize=65536)  # a build links the same folder to the same page thousands of times
def relative_from(folder: str, to_uri: str) -> str:
    """A relative link from a page in ``folder`` (docs-relative, '' for the top) to ``to_uri``."""
    start, target = folder.split("/") if folder else [], to_uri.split("/")
    if not _plain(start) or not _plain(target):
        return posixpath.relpath(to_uri, folder or ".")
    # The common folders by hand: posixpath.relpath resolves both against the
    # current folder, and a build makes some 20 links per page.
    shared = 0
    while shared < min(len(start), len(target)) and start[shared] == target[shared]:
        shared += 1
    return "/".join([".."] * (len(start) - shared) + target[shared:]) or "."


def _plain(parts: list[str]) -> bool:
    return all(part not in ("", ".", "..") for part in parts)


def escape_inline(text: str) -> str:
    """Contributor text made safe as inline Markdown: no raw HTML, no markup.

    Braces too: `# Title {: onclick=...}` would be an attribute list setting
    HTML attributes. Line breaks become spaces, so the text cannot start a
    block of its own (a list, a heading, an attribute list line).
    """
    text = " ".join(text.split())
    # Most names and titles hold nothing to escape: finding that out is a quick scan, and
    # translate is slow once the text has a non-ASCII character. It runs some 100,000 times a build.
    return text.translate(_INLINE_ESCAPES) if _TO_ESCAPE.search(text) else text


_INLINE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;",
                                 **{char: "\\" + char for char in "\\`*_[]|#!{}"}})
_TO_ESCAPE = re.compile("[" + re.escape("&<>\\`*_[]|#!{}") + "]")


def expand(text: str, page_uri: str, resolve) -> str:
    """Replace every well-formed reference whose case ``resolve`` knows."""
    def link(match: re.Match) -> str:
        target = _TARGET.match(match.group(1).strip())
        case = resolve(target.group(1)) if target else None
        if case is None:
            return match.group(0)
        anchor = f"#{target.group(2)}" if target.group(2) else ""
        return f"[{escape_inline(case.title)}]({relative(page_uri, case.page_uri)}{anchor})"
    return REFERENCE.sub(link, text)
