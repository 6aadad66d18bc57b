"""The fixed body sections of a case (schema/sections.yml).

A contributor writes ``## Problem``, ``## Context`` and so on; the site shows
each section's label with a fixed anchor (#problem), so links into a section
never depend on the wording of its heading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..problems import Problem
from .vocabulary import Vocabulary, closest

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


def heading(line: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading line ('## Problem ##' -> (2, 'Problem')), else None.

    Plain string operations, not a regex: the pattern this replaces
    (`^(#{1,6})[ \\t]+(.*?)[ \\t]*#*[ \\t]*$`) backtracked on a heading of a few thousand
    spaces for minutes; these run in time linear in the line."""
    rest = line.lstrip("#")
    level = len(line) - len(rest)
    if not 1 <= level <= 6 or rest[:1] not in (" ", "\t"):
        return None
    return level, rest.strip(" \t").rstrip("#").rstrip(" \t")


def anchor_suffix(text: str) -> tuple[str, str | None]:
    """('Problem', 'problem') for 'Problem {#problem}': the text and the id of a trailing {#id}."""
    if not text.endswith("}"):
        return text, None
    start = text.rfind("{#")
    name = text[start + 2:-1] if start >= 0 else ""
    if not name or not _ANCHOR_NAME.fullmatch(name):
        return text, None
    return text[:start].rstrip(), name


_ANCHOR_NAME = re.compile(r"[\w-]+")


@dataclass(frozen=True)
class Section:
    key: str
    line: int
    text: str


def split(body: str, first_line: int, src_uri: str, vocabulary: Vocabulary) -> tuple[dict[str, Section], list[Problem]]:
    """The body's sections by key, and every problem with their headings."""
    blocks, problems = _blocks(body, first_line, src_uri)
    found: dict[str, Section] = {}
    for line, heading, text in blocks:
        key = _key(heading, vocabulary)
        if key is None:
            problems.append(_unknown(src_uri, line, heading, vocabulary))
        elif key in found:
            problems.append(Problem(src_uri, line, "", f"The section '## {heading}' appears twice "
                                    f"(first on line {found[key].line}).", "Merge the two."))
        else:
            found[key] = Section(key, line, text)
    problems += _missing_or_empty(found, src_uri, vocabulary, first_line + body.count("\n"))
    problems += _order(found, src_uri, vocabulary)
    return found, problems


def heading_lines(body: str) -> list[int]:
    """The line indexes (from 0) of the body's '## ' section headings, known or not, and of
    any '# ' title heading (a problem of its own): the page writes its own headings instead."""
    found, fence = [], None
    for number, line in enumerate(body.split("\n")):
        found_heading = heading(line) if fence is None and line.startswith("#") else None
        fence = _fence_state(line, fence) if "`" in line or "~" in line else fence
        if found_heading and found_heading[0] <= 2:
            found.append(number)
    return found


def _blocks(body: str, first_line: int, src_uri: str) -> tuple[list[tuple[int, str, str]], list[Problem]]:
    """(line, heading, text) for each '## ' heading outside code fences."""
    blocks: list[tuple[int, str, list[str]]] = []
    problems: list[Problem] = []
    fence, intro_reported = None, False
    for number, line in enumerate(body.split("\n"), first_line):
        # The cheap tests first: most lines are prose, neither a heading nor a fence.
        found = heading(line) if fence is None and line.startswith("#") else None
        fence = _fence_state(line, fence) if "`" in line or "~" in line else fence
        level = found[0] if found else 0
        if level == 1:
            problems.append(Problem(src_uri, number, "", "The body has a '# ' title heading.",
                                    "Remove it: the title comes from the 'title' field."))
        elif level == 2:
            blocks.append((number, found[1], []))
        elif blocks:
            blocks[-1][2].append(line)
        elif line.strip() and not intro_reported:
            problems.append(Problem(src_uri, number, "", "There is text before the first section.",
                                    "Move it under '## Problem' or another section heading."))
            intro_reported = True
    return [(n, h, "\n".join(t).strip("\n")) for n, h, t in blocks], problems


def _fence_state(line: str, fence: str | None) -> str | None:
    """The open code fence after ``line`` (None outside code blocks)."""
    match = _FENCE.match(line)
    if not match:
        return fence
    marker = match.group(1)
    if fence is None:
        return marker
    return None if marker[0] == fence[0] and len(marker) >= len(fence) else fence


def _key(heading: str, vocabulary: Vocabulary) -> str | None:
    text = anchor_suffix(heading)[0].strip().lower()
    for key, term in vocabulary.terms.items():
        if text in (key, term.label.lower()):
            return key
    return None


def _unknown(src_uri: str, line: int, heading: str, vocabulary: Vocabulary) -> Problem:
    names = ", ".join(f"'## {k.capitalize()}'" for k in vocabulary.terms)
    guess = closest(heading, vocabulary.terms)
    hint = f"Did you mean '## {guess.capitalize()}'? " if guess else ""
    return Problem(src_uri, line, "", f"'## {heading}' is not a case section.",
                   f"{hint}The sections are {names}; use '### ' for headings inside them.")


def _missing_or_empty(found: dict[str, Section], src_uri: str, vocabulary: Vocabulary, last_line: int) -> list[Problem]:
    problems = []
    keys = list(vocabulary.terms)
    for index, key in enumerate(keys):
        term = vocabulary.terms[key]
        if key not in found:
            later = [found[k].line for k in keys[index + 1:] if k in found]
            problems.append(Problem(src_uri, min(later, default=last_line), "",
                                    f"The section '## {key.capitalize()}' is missing.",
                                    f"Add it here, holding: {term.guide}"))
        elif not found[key].text.strip():
            problems.append(Problem(src_uri, found[key].line, "", f"The section '## {key.capitalize()}' is empty.",
                                    f"Write {term.guide[0].lower()}{term.guide[1:]}"))
    return problems


def _order(found: dict[str, Section], src_uri: str, vocabulary: Vocabulary) -> list[Problem]:
    present = [k for k in vocabulary.terms if k in found]
    by_line = sorted(present, key=lambda k: found[k].line)
    if present == by_line:
        return []
    order = ", ".join(k.capitalize() for k in vocabulary.terms)
    first_wrong = next(b for a, b in zip(present, by_line) if a != b)
    return [Problem(src_uri, found[first_wrong].line, "", "The sections are out of order.",
                    f"Put them in this order: {order}.")]
