"""Loading a whole casebook project: vocabularies, schemas, cases, meetings
and hand-written pages, with every problem found in one pass."""
from __future__ import annotations

import contextlib
import gc
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..checking import (  # hostile input: markup, script addresses, bodies too costly to render
    across_cases,
    body_limits,
    dates,
    hand_written,
    heading_ids,
    hostile_text,
    json_schema,
    meeting_files,
    rendered,
)
from ..markup import markers, placeholders
from ..model import sections, vocabulary
from ..model.casebook import Case, Collection, Meeting
from ..problems import Notice, Problem
from ..reading import documents
from . import contributor_paths, parallel

PER_FILE_LIMIT = 50


@dataclass
class Loaded:
    """The collection (None when anything is wrong), every problem found, and notices (worth fixing, not wrong)."""

    collection: Collection | None
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    case_count: int = 0
    meeting_count: int = 0
    notices: list[Problem] = field(default_factory=list)
    schemas: dict[str, dict] = field(default_factory=dict)  # by kind: read once, used by the whole build


def case_files(root: Path) -> list[Path]:
    """The case files: cases/*.md, except templates and drafts named _*.md."""
    return sorted(p for p in (root / "cases").glob("*.md") if not p.name.startswith("_"))


def load(root: Path, extra: list[Path] = (), progress=None, workers: int = 1) -> Loaded:
    """Read and check the whole project; ``workers`` > 1 reads many cases in forked processes."""
    started = time.perf_counter()
    vocabularies, problems = vocabulary.load_all(root / "schema")
    try:
        schemas = json_schema.load_schemas(root / "schema", vocabularies)
        checker = json_schema.SchemaChecker(schemas, vocabularies)
    except json_schema.SchemaFileError as error:
        return Loaded(None, problems + [error.args[0]], time.perf_counter() - started)
    # A meeting named on the command line is read as a meeting, with the others, never as a case.
    extra = [p for p in extra if not _is_meeting(root, p)]
    paths = sorted({p.absolute() for p in [*case_files(root), *extra]}, key=lambda p: uri(root, p))
    with _collector_paused():
        cases, found = _read_cases(root, paths, checker, vocabularies["sections"], progress, workers)
        meetings, found_in_meetings = _read_meetings(root, checker)
        pages = _hand_written_pages(root)
        across = across_cases.check(cases, meetings, pages)
        notices = sorted(p for p in across if isinstance(p, Notice))
        problems += found + found_in_meetings + [p for p in across if not isinstance(p, Notice)]
        problems += contributor_paths.problems(root) + [p for uri_, text in pages for p in markers.problems(uri_, text)]
        problems += [p for uri_, text in pages if not _is_meeting_uri(uri_) for p in hand_written.problems(uri_, text)]
        collection = None if problems else Collection(cases, meetings, vocabularies)
    return Loaded(collection, _capped(sorted(set(problems))), time.perf_counter() - started, len(paths), len(meetings),
                  notices, schemas)


def _read_cases(root: Path, paths: list[Path], checker, sections_vocabulary, progress,
                workers: int) -> tuple[list[Case], list[Problem]]:
    def read(path: Path) -> tuple[Case | None, list[Problem]]:
        return _read_case(root, path, checker, sections_vocabulary)

    results: list = [None] * len(paths)
    for number, (index, result) in enumerate(parallel.map_as_done(read, paths, workers), 1):
        results[index] = result
        _report_progress(progress, number, len(paths))
    cases, problems = [], []
    for case, found in results:  # in file order, whichever process read them
        problems += found
        cases += [case] if case else []
    return cases, problems


@contextlib.contextmanager
def _collector_paused():
    """Python's cycle collector off while the cases are read: each full pass scans every case
    read so far, a fifth of the reading time at 10,000 cases. Reading makes no lasting cycles.

    Once read, everything is frozen (out of the collector's sight): a build would otherwise
    rescan the whole collection at each full pass, a quarter of a second each at 10,000 cases.
    The next load unfreezes what this one froze, so under `mkdocs serve` an earlier build's
    objects can still be collected."""
    gc.unfreeze()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _capped(problems: list[Problem]) -> list[Problem]:
    """At most PER_FILE_LIMIT problems a file: a hostile or mangled file (a YAML alias
    bomb, pages of HTML) would otherwise bury every other file's problems."""
    totals, kept = Counter(p.src_uri for p in problems), []
    shown: Counter[str] = Counter()
    for problem in problems:
        shown[problem.src_uri] += 1
        if shown[problem.src_uri] <= PER_FILE_LIMIT:
            kept.append(problem)
        elif shown[problem.src_uri] == PER_FILE_LIMIT + 1:
            rest = totals[problem.src_uri] - PER_FILE_LIMIT
            kept.append(Problem(problem.src_uri, problem.line, "",
                                f"... and {rest} more problem(s) in this file.", "Fix the ones above and check again."))
    return kept


def uri(root: Path, path: Path) -> str:
    folder, full = os.path.abspath(root) + os.sep, os.path.abspath(path)
    if full.startswith(folder):  # the usual case, without pathlib's slow relative_to (twice per case)
        return full[len(folder):].replace(os.sep, "/")
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
    # Before the schema check, which then skips those fields.
    texts = documents.strings(doc.data)
    doc.problems += placeholders.in_front_matter(doc, texts) + hostile_text.front_matter(doc, texts)
    problems = doc.problems + checker.check(doc, "case") + problems + placeholders.in_body(doc)
    problems += heading_ids.heading_fields(doc)
    problems += hostile_text.body(src_uri, doc.body, doc.body_line)
    problems += _rendered(src_uri, doc.body, doc.body_line, sections.heading_lines(doc.body), meeting=False)
    problems += dates.problems(doc, "case")
    return Case(doc, found), problems


def _rendered(src_uri: str, body: str, first_line: int, section_lines: list[int], meeting: bool) -> list[Problem]:
    """The body checked as the site renders it, unless it is too costly to render (body_limits)."""
    too_costly = body_limits.problems(src_uri, body, first_line)
    return too_costly or rendered.body_problems(src_uri, body, first_line, section_lines=section_lines,
                                                meeting=meeting)


def _outside_link(root: Path, path: Path, src_uri: str) -> Problem | None:
    """A symlink that leads out of its folder would publish any file (see contributor_paths)."""
    return contributor_paths.outside_link(root, path, src_uri)


def _is_meeting(root: Path, path: Path) -> bool:
    return _is_meeting_uri(uri(root, path))


def _is_meeting_uri(src_uri: str) -> bool:
    return src_uri.startswith("docs/meetings/")


def _read_meetings(root: Path, checker) -> tuple[list[Meeting], list[Problem]]:
    meetings, problems = [], []
    for path in sorted((root / "docs" / "meetings").glob("*.md")):
        if _outside_link(root, path, ""):  # links out: see _links_out_of_docs
            continue
        wrong_name = meeting_files.name_problem(path, uri(root, path))
        if wrong_name:
            problems.append(wrong_name)
            continue
        doc = documents.read(path, uri(root, path))
        if isinstance(doc, Problem):
            problems.append(doc)
            continue
        doc.problems += hostile_text.front_matter(doc) + meeting_files.front_matter(doc)
        problems += doc.problems + checker.check(doc, "meeting")
        problems += hostile_text.body(doc.src_uri, doc.body, doc.body_line)
        problems += _rendered(doc.src_uri, doc.body, doc.body_line, [], meeting=True)
        problems += dates.problems(doc, "meeting") + meeting_files.problems(doc)
        meetings.append(Meeting(doc, path.relative_to(root / "docs").as_posix()))
    problems += meeting_files.other_files(root / "docs" / "meetings", lambda path: uri(root, path))
    return meetings, problems + meeting_files.one_spelling_per_convener(meetings)


def _hand_written_pages(root: Path) -> list[tuple[str, str]]:
    """(src_uri, text) of every page in docs/, for references and markers."""
    return [(uri(root, path), path.read_text(encoding="utf-8-sig", errors="replace"))
            for path in sorted((root / "docs").rglob("*.md")) if not _outside_link(root, path, "")]


def _report_progress(progress, number: int, total: int) -> None:
    if progress and (number % 500 == 0 or number == total) and total >= 1000:
        progress(f"Read {number} of {total} cases")


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
