"""Reading one case file and checking it: front matter, schema, sections, body.

A case is read on its own (loading/parallel.py reads thousands on every
core); `project.py` puts them together and checks across them.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..checking import body_limits, clean_bodies, dates, heading_ids, hostile_text, json_schema, rendered
from ..markup import placeholders
from ..model import sections, vocabulary
from ..model.casebook import Case
from ..problems import Problem
from ..reading import documents
from . import contributor_paths


@dataclass(frozen=True)
class CaseChecks:
    """What reading a case checks besides the file itself."""

    schema: json_schema.SchemaChecker
    sections: vocabulary.Vocabulary
    clean: clean_bodies.CleanBodies | None = None  # bodies an earlier run found clean: not rendered again
    render_later: bool = False  # only the limits that keep rendering bounded; body_problems does the rest


def read_case(root: Path, path: Path, checks: CaseChecks) -> tuple[Case | None, list[Problem]]:
    src_uri = uri(root, path)
    outside = contributor_paths.outside_link(root, path, src_uri)  # a link out would publish any file
    if outside:
        return None, [outside]
    doc = documents.read(path, src_uri)
    if isinstance(doc, Problem):
        return None, [doc]
    found, problems = sections.split(doc.body, doc.body_line, src_uri, checks.sections)
    case = Case(doc, found)
    # Before the schema check, which then skips those fields.
    texts = documents.strings(doc.data)
    doc.problems += placeholders.in_front_matter(doc, texts) + hostile_text.front_matter(doc, texts)
    problems = doc.problems + checks.schema.check(doc, "case") + problems + placeholders.in_body(doc)
    problems += heading_ids.heading_fields(doc)
    problems += hostile_text.body(src_uri, doc.body, doc.body_line)
    if checks.render_later:  # the engine renders the body meanwhile: bounded by the limits
        problems += body_limits.problems(src_uri, doc.body, doc.body_line)
    elif checks.clean is None or not checks.clean.knows(doc.body):
        problems += body_problems(case)
    problems += dates.problems(doc, "case")
    return case, problems


def body_problems(case: Case) -> list[Problem]:
    """The case's body checked as the site renders it (rendered.py)."""
    return bodies_problems([(case.doc.src_uri, case.doc.body, case.doc.body_line)])


def bodies_problems(bodies: list[tuple[str, str, int]]) -> list[Problem]:
    """(src_uri, body, first line) of case bodies checked as the site renders them: a helper
    process's work (loading/parallel.Helpers), which is handed the bodies alone."""
    return [problem for src_uri, body, first_line in bodies
            for problem in rendered_problems(src_uri, body, first_line, sections.heading_lines(body), meeting=False)]


def rendered_problems(src_uri: str, body: str, first_line: int, section_lines: list[int],
                      meeting: bool) -> list[Problem]:
    """The body checked as the site renders it, unless it is too costly to render (body_limits)."""
    too_costly = body_limits.problems(src_uri, body, first_line)
    return too_costly or rendered.body_problems(src_uri, body, first_line, section_lines=section_lines,
                                                meeting=meeting)


def reused(reuse: dict, root: Path, path: Path, read):
    """The result of the last read of ``path`` if its bytes are the same, else a new read."""
    try:  # a file turned into a link must be read again: links out of the project are refused
        small = path.stat().st_size < 1 << 20
        digest = (path.is_symlink(), hashlib.blake2b(path.read_bytes(), digest_size=16).digest()) if small else None
    except OSError:
        digest = None
    key = uri(root, path)
    kept = reuse.get(key)
    if digest is not None and kept is not None and kept[0] == digest:
        return kept[1]
    result = read()
    reuse[key] = (digest, result)
    return result


def uri(root: Path, path: Path) -> str:
    folder, full = os.path.abspath(root) + os.sep, os.path.abspath(path)
    if full.startswith(folder):  # the usual case, without pathlib's slow relative_to (twice per case)
        return full[len(folder):].replace(os.sep, "/")
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()
