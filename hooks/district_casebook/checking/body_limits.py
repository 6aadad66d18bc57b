"""Markdown bodies that would stall or crash the build.

Python-Markdown recurses once a nested list or quote level (a few hundred
levels end in a RecursionError, a traceback instead of a message) and takes
quadratic time on some input: 20,000 unclosed '![' took 150 s, 20,000
definition lines 110 s, in files well under the size limit. These limits lie
far beyond any real case (the longest is under 150 lines), so the build's
time stays bounded. Each is reported once a file, where it is first passed.
"""
from __future__ import annotations

import re

from ..problems import Problem

MAX_LINES = 2000
MAX_NESTING = 32
MAX_BRACKETS = 32
_MARKERS = re.compile(r"(?:(?:[-*+>]|\d{1,9}[.)])(?:[ \t]+|$))*")
# Each level of nesting takes at least one character of a line's leading run
# of indentation and markers, so only lines with a longer run need counting.
# Searched for after a literal newline, which the regex engine skips to: ten
# times faster than '^' in multiline mode.
_DEEP_CANDIDATE = re.compile(r"\n[ \t>*+\-0-9.)]{%d}" % (MAX_NESTING + 1))
_HINT = "A case is a short summary: shorten it or split it into several cases."


def problems(src_uri: str, text: str, first_line: int) -> list[Problem]:
    line_count = text.count("\n") + 1
    if line_count > MAX_LINES:
        return [Problem(src_uri, first_line + MAX_LINES, "", f"The body is {line_count} lines long; "
                        f"the limit is {MAX_LINES}.", _HINT)]
    found = []
    deep = _first_too_deep(text)
    if deep is not None:
        found.append(Problem(src_uri, first_line + deep, "", f"The body nests lists or quotes more than "
                             f"{MAX_NESTING} levels deep here.",
                             "Flatten the lists; Markdown cannot render them."))
    # No more '[' in the whole body than the limit: none can be open beyond it.
    brackets = _brackets_too_deep(text.split("\n")) if text.count("[") > MAX_BRACKETS else None
    if brackets is not None:
        found.append(Problem(src_uri, first_line + brackets, "",
                             f"More than {MAX_BRACKETS} '[' are open here at once.",
                             "Close each '[' or write '\\[' for a literal one."))
    return found


def _first_too_deep(text: str) -> int | None:
    """The line (from 0) of the first line nested more than MAX_NESTING levels, or None."""
    text = "\n" + text
    for candidate in _DEEP_CANDIDATE.finditer(text):
        start = candidate.start() + 1
        end = text.find("\n", start)
        if _nesting(text[start:] if end < 0 else text[start:end]) > MAX_NESTING:
            return text.count("\n", 0, start) - 1
    return None


def _nesting(line: str) -> int:
    """A generous count of a line's nesting: indentation (four columns a level) and list or quote markers."""
    line = line.expandtabs(4)
    content = line.lstrip(" ")
    markers = _MARKERS.match(content).group(0)
    return (len(line) - len(content)) // 4 + len(re.findall(r"[-*+>]|\d+[.)]", markers))


def _brackets_too_deep(lines: list[str]) -> int | None:
    depth = 0
    for number, line in enumerate(lines):
        if not line.strip():
            depth = 0  # Markdown parses links within one paragraph
        plain = line.replace("\\\\", "").replace("\\[", "").replace("\\]", "")
        if depth + plain.count("[") > MAX_BRACKETS and _deepest(plain, depth) > MAX_BRACKETS:
            return number
        depth = max(0, depth + plain.count("[") - plain.count("]"))
    return None


def _deepest(line: str, depth: int) -> int:
    deepest = depth
    for char in line:
        depth = max(0, depth + (char == "[") - (char == "]"))
        deepest = max(deepest, depth)
    return deepest
