"""Loading a whole casebook project: vocabularies, schemas, cases, meetings
and hand-written pages, with every problem found in one pass."""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import crosscheck, documents, markers, schemacheck, sections, vocabulary
from .model import Case, Collection, Meeting
from .problems import Problem


@dataclass
class Loaded:
    """The collection (None when anything is wrong) and every problem found."""

    collection: Collection | None
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    case_count: int = 0


def case_files(root: Path) -> list[Path]:
    """The case files: cases/*.md, except templates and drafts named _*.md."""
    return sorted(p for p in (root / "cases").glob("*.md") if not p.name.startswith("_"))


def load(root: Path, extra: list[Path] = (), progress=None) -> Loaded:
    started = time.perf_counter()
    vocabularies, problems = vocabulary.load_all(root / "schema")
    try:
        checker = schemacheck.SchemaChecker(schemacheck.load_schemas(root / "schema", vocabularies), vocabularies)
    except schemacheck.SchemaFileError as error:
        return Loaded(None, problems + [error.args[0]], time.perf_counter() - started)
    paths = sorted({p.absolute() for p in [*case_files(root), *extra]}, key=lambda p: uri(root, p))
    cases = []
    for number, path in enumerate(paths, 1):
        case, found = _read_case(root, path, checker, vocabularies["sections"])
        problems += found
        cases += [case] if case else []
        _report_progress(progress, number, len(paths))
    meetings, found = _read_meetings(root, checker)
    pages = _hand_written_pages(root)
    problems += found + crosscheck.check(cases, meetings, pages)
    problems += [p for src_uri, text in pages for p in markers.problems(src_uri, text)]
    collection = None if problems else Collection(cases, meetings, vocabularies)
    return Loaded(collection, sorted(set(problems)), time.perf_counter() - started, len(paths))


def uri(root: Path, path: Path) -> str:
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


def _read_case(root: Path, path: Path, checker, section_vocabulary) -> tuple[Case | None, list[Problem]]:
    src_uri = uri(root, path)
    outside = _outside_link(root, path, src_uri)
    if outside:
        return None, [outside]
    doc = documents.read(path, src_uri)
    if isinstance(doc, Problem):
        return None, [doc]
    found, problems = sections.split(doc.body, doc.body_line, src_uri, section_vocabulary)
    problems = doc.problems + checker.check(doc, "case") + problems
    return Case(doc, found), problems


def _outside_link(root: Path, path: Path, src_uri: str) -> Problem | None:
    """A symlink in cases/ that leads out of the project would publish any file."""
    if not path.is_symlink():
        return None
    target = path.resolve()
    if target.is_relative_to(root.resolve()):
        return None
    return Problem(src_uri, 1, "", "The file is a link to a file outside the repository.",
                   "Replace the link with the case file itself.")


def _read_meetings(root: Path, checker) -> tuple[list[Meeting], list[Problem]]:
    meetings, problems = [], []
    for path in sorted((root / "docs" / "meetings").glob("*.md")):
        if path.name == "index.md":
            continue
        doc = documents.read(path, uri(root, path))
        if isinstance(doc, Problem):
            problems.append(doc)
            continue
        problems += doc.problems + checker.check(doc, "meeting")
        meetings.append(Meeting(doc, path.relative_to(root / "docs").as_posix()))
    return meetings, problems


def _hand_written_pages(root: Path) -> list[tuple[str, str]]:
    """(src_uri, text) of every page in docs/, for references and markers."""
    return [(uri(root, path), path.read_text(encoding="utf-8-sig", errors="replace"))
            for path in sorted((root / "docs").rglob("*.md"))]


def _report_progress(progress, number: int, total: int) -> None:
    if progress and (number % 500 == 0 or number == total) and total >= 1000:
        progress(f"Read {number} of {total} cases")


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
