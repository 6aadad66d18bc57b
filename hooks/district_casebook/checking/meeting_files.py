"""What a meeting summary needs beyond its schema: a file name that can be its
address, dates in order, no template placeholder left, and no hand-written
file where the build puts a generated page (the list of meetings, /meetings/,
and the convening bodies' pages, /meetings/by/<slug>/)."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from ..markup import placeholders
from ..model.casebook import Meeting
from ..problems import Problem
from ..reading.documents import Document

GENERATED_NAMES = {"index.md": "the list of meetings (/meetings/)",
                   "by.md": "the convening bodies' pages (/meetings/by/<name>/)"}
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def name_problem(path: Path, src_uri: str) -> Problem | None:
    """A file whose name cannot be a meeting's address; None when the name is fine."""
    if path.name in GENERATED_NAMES:
        return Problem(src_uri, 1, "", f"The build generates {GENERATED_NAMES[path.name]} at this file's address, "
                       "so a hand-written file here would hide it.",
                       "Delete the file, or rename it if it is a meeting summary.")
    if not _ID.match(path.stem):
        return Problem(src_uri, 1, "", f"'{path.name}' cannot be a meeting's address: /meetings/{path.stem}/.",
                       "Rename the file in lowercase words joined by hyphens, like 'spring-convening-2024.md'.")
    return None


def front_matter(doc: Document) -> list[Problem]:
    """Placeholders `casebook new-meeting` left in the fields; found before the schema check,
    which then does not report those fields again."""
    return [dataclasses.replace(p, hint="Write this meeting's value in its place.")
            for p in placeholders.in_front_matter(doc)]


def problems(doc: Document) -> list[Problem]:
    """Placeholders left in the body and a second page heading (dates: checking/dates.py)."""
    return placeholders.in_body(doc) + _headings(doc)


_H1 = re.compile(r"^ {0,3}#[ \t]+(.*?)[ \t#]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def _headings(doc: Document) -> list[Problem]:
    """A `# heading` in the body: the page's one heading is the title. A first line repeating
    the title is fine (the page leaves it out: Meeting.summary_text)."""
    title = doc.data.get("title")
    title = " ".join(title.split()) if isinstance(title, str) else None
    found, fenced, first = [], False, True
    for number, line in enumerate(doc.body.split("\n"), doc.body_line):
        fenced ^= bool(_FENCE.match(line))
        heading = None if fenced else _H1.match(line)
        if heading and not (first and " ".join(heading.group(1).split()) == title):
            found.append(Problem(doc.src_uri, number, "", "The page's heading is its `title`; a `#` heading in "
                                 "the summary would be a second one.",
                                 "Use `##` for the parts of the meeting, or remove the line if it repeats the title."))
        first = first and not line.strip()
    return found



def one_spelling_per_convener(meetings: list[Meeting]) -> list[Problem]:
    """Two spellings of a convening body that make one page address: the page could show only one."""
    first: dict[str, Meeting] = {}
    problems = []
    for meeting in meetings:
        name = meeting.doc.data.get("convened_by")
        if not isinstance(name, str):
            continue
        other = first.setdefault(meeting.convener_slug, meeting)
        if other.convened_by != name:
            problems.append(Problem(meeting.doc.src_uri, meeting.doc.line_of(("convened_by",)), "convened_by",
                                    f"'{name}' and '{other.convened_by}' ({other.doc.src_uri}) make one page, "
                                    f"/meetings/by/{meeting.convener_slug}/.",
                                    "Spell the convening body the same way in both files."))
    return problems
