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

from ..markup import references
from ..problems import Problem

MAX_LINES = 2000
MAX_NESTING = 32
MAX_BRACKETS = 32
MAX_REREAD = 250_000  # characters read again for unclosed '[' and '](' (about 0.4 s of rendering)
MAX_REFERENCES = 100  # [[id]] a body; the most in a real case is 4
MAX_TAG_STARTS = 1000  # '<' before a letter: 20,000 '<a' took 1.7 s to render, 50,000 ten times that
_TAG_START = re.compile(r"<[A-Za-z/!?]")
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
    # Each '](' left open makes Python-Markdown look for its ')' to the paragraph's end:
    # 2,000 unclosed '[a](b' on one line took 2.4 s, 4,000 four times as long.
    opened = _links_too_deep(text.split("\n")) if text.count("](") > MAX_BRACKETS else None
    if opened is not None:
        found.append(Problem(src_uri, first_line + opened, "",
                             f"More than {MAX_BRACKETS} link addresses '](' are open here at once.",
                             "Close each address with ')', or write '\\]' for a literal ']'."))
    costly = _costly_paragraph(text.split("\n")) if not (brackets or opened) and "[" in text else None
    if costly is not None:
        found.append(Problem(src_uri, first_line + costly[0], "",
                             f"This paragraph leaves {costly[1]} '[' or '](' unclosed; Markdown would "
                             "read the rest of the paragraph again for each one, too slow to build.",
                             "Close each '[' with ']' and each '](' with ')', "
                             "or write '\\[' for a literal '['."))
    if text.count("[[") > MAX_REFERENCES:
        found += _too_many_references(src_uri, text, first_line)
    if text.count("<") > MAX_TAG_STARTS:
        found += _too_many_tag_starts(src_uri, text, first_line)
    return found


def _too_many_tag_starts(src_uri: str, text: str, first_line: int) -> list[Problem]:
    """Python-Markdown looks for the end of every HTML tag it might start: quadratic in their count."""
    for number, match in enumerate(_TAG_START.finditer(text), 1):
        if number > MAX_TAG_STARTS:
            return [Problem(src_uri, first_line + text.count("\n", 0, match.start()), "",
                            f"The body has more than {MAX_TAG_STARTS:,} '<' followed by a letter, which "
                            "Markdown would read as HTML tags: far too slow to render.",
                            "Case text is Markdown without HTML: put a space after each literal '<'.")]
    return []


def _costly_paragraph(lines: list[str]) -> tuple[int, int] | None:
    """(first line from 0, unclosed count) of the paragraph where the work Python-Markdown
    does for unclosed '[' and '](' passes MAX_REREAD; None if it never does.

    Each one left open makes it read to the end of the paragraph for its partner: 32 of
    them before 240 KB of text took 11 s, though no more than 32 are open at once."""
    cost, start, chars, brackets, parens = 0, 0, 0, 0, 0
    for number, line in enumerate([*lines, ""]):
        if not line.strip():
            cost += (brackets + parens) * chars
            if cost > MAX_REREAD:
                return start, brackets + parens
            start, chars, brackets, parens = number + 1, 0, 0, 0
            continue
        chars += len(line) + 1
        if "[" in line or (brackets or parens) and ("]" in line or ")" in line):
            brackets, parens = _unclosed(_unescaped(line), brackets, parens)
    return None


def _unclosed(line: str, brackets: int, parens: int) -> tuple[int, int]:
    previous = ""
    for char in line:
        if char == "[":
            brackets += 1
        elif char == "]" and brackets:
            brackets -= 1
        elif char == "(" and (parens or previous == "]"):
            parens += 1
        elif char == ")" and parens:
            parens -= 1
        previous = char
    return brackets, parens


def _unescaped(line: str) -> str:
    return line.replace("\\\\", "").replace("\\[", "").replace("\\]", "").replace("\\(", "").replace("\\)", "")


def _too_many_references(src_uri: str, text: str, first_line: int) -> list[Problem]:
    """Each [[id]] becomes a link with the case's whole title: 7,500 of them made a 940 KB page."""
    for count, (line, *_) in enumerate(references.find(text, first_line), 1):
        if count > MAX_REFERENCES:
            return [Problem(src_uri, line, "", f"The body has more than {MAX_REFERENCES} case references "
                            "([[...]]); "
                            "this is the first beyond that.", "Link each case once, where it matters most.")]
    return []


def _links_too_deep(lines: list[str]) -> int | None:
    """The line (from 0) where more than MAX_BRACKETS link addresses are open in one paragraph."""
    depth = 0  # open '(' since the first unclosed '](' of the paragraph
    for number, line in enumerate(lines):
        if not line.strip():
            depth = 0
            continue
        if not depth and "](" not in line:
            continue
        previous = ""
        for char in _unescaped(line):
            if char == "(" and (depth or previous == "]"):
                depth += 1
                if depth > MAX_BRACKETS:
                    return number
            elif char == ")" and depth:
                depth -= 1
            previous = char
    return None


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
        if char == "[":
            depth += 1
            deepest = depth if depth > deepest else deepest
        elif char == "]" and depth:
            depth -= 1
    return deepest
