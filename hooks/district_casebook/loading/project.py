"""Loading a whole casebook project: vocabularies, schemas, cases, meetings
and hand-written pages, with every problem found in one pass."""
from __future__ import annotations

import contextlib
import gc
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..checking import (  # across files and beyond cases (case_reading.py checks each case)
    across_cases,
    clean_bodies,
    dates,
    hand_written,
    hostile_text,
    json_schema,
    meeting_files,
    page_links,
)
from ..markup import markers
from ..model import vocabulary
from ..model.casebook import Case, Collection, District, Meeting
from ..problems import Notice, Problem
from ..reading import documents
from . import case_reading, contributor_paths, parallel
from .case_reading import uri  # also the CLI's: a path as the problems name it

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
    cases: list[Case] = field(default_factory=list)  # every case read, with problems or not (a preview shows them)
    bodies_unchecked: bool = False  # render_later: the caller checks every case's body (case_reading.body_problems)


def case_files(root: Path) -> list[Path]:
    """The case files: cases/*.md, except templates and drafts named _*.md."""
    return sorted(p for p in (root / "cases").glob("*.md") if not p.name.startswith("_"))


def load(root: Path, extra: list[Path] = (), progress=None, workers: int = 1, *, lenient: bool = False,
         reuse: dict | None = None, clean: clean_bodies.CleanBodies | None = None,
         render_later: bool = False) -> Loaded:
    """Read and check the whole project; ``workers`` > 1 reads many cases in forked processes.

    ``lenient`` (a preview): the collection holds the files without problems even when others
    have some. ``reuse`` ({src_uri: (content hash, result)}, kept by the caller between loads
    of the same schemas) skips re-reading and re-checking a case file whose bytes are unchanged;
    ``clean`` (`casebook validate` only) skips rendering a case body an earlier run found clean.
    ``render_later`` (a build on several cores): when everything else is clean, the case bodies
    are not rendered here (`Loaded.bodies_unchecked`): the caller checks them with
    `case_reading.body_problems` while it goes on; with any other problem they are checked here, so that one
    run tells every problem."""
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
    render_later = render_later and workers > 1 and len(paths) >= parallel.PARALLEL_FROM  # else forking costs more
    with _collector_paused():
        checks = case_reading.CaseChecks(checker, vocabularies["sections"], clean, render_later)
        cases, found = _read_cases(root, paths, checks, progress, workers, reuse)
        meetings, found_in_meetings = _read_meetings(root, checker)
        pages = _hand_written_pages(root)
        across = across_cases.check(cases, meetings, pages) + _page_links(root, cases, meetings, vocabularies, pages)
        notices = sorted(p for p in across if isinstance(p, Notice))
        problems += found + found_in_meetings + [p for p in across if not isinstance(p, Notice)]
        problems += contributor_paths.problems(root) + [p for uri_, text in pages for p in markers.problems(uri_, text)]
        problems += [p for uri_, text in pages if not _is_meeting_uri(uri_) for p in hand_written.problems(uri_, text)]
        if render_later and problems:  # the build stops: tell the bodies' problems in this run too
            checked = parallel.map_as_done(case_reading.body_problems, cases, workers)
            problems += [problem for _, found in checked for problem in found]
        collection = None if problems and not lenient else _collection(cases, meetings, vocabularies, problems)
    return Loaded(collection, capped(sorted(set(problems))), time.perf_counter() - started, len(paths), len(meetings),
                  notices, schemas, cases, bodies_unchecked=render_later and not problems)


def _collection(cases: list[Case], meetings: list[Meeting], vocabularies, problems: list[Problem]) -> Collection:
    """The cases and meetings of the files without problems (all of them, in a strict build)."""
    wrong = {p.src_uri for p in problems}
    return Collection([c for c in cases if c.doc.src_uri not in wrong],
                      [m for m in meetings if m.doc.src_uri not in wrong], vocabularies)


def _read_cases(root: Path, paths: list[Path], checks: case_reading.CaseChecks, progress,
                workers: int, reuse: dict | None = None) -> tuple[list[Case], list[Problem]]:
    def read(path: Path) -> tuple[Case | None, list[Problem]]:
        if reuse is None:
            return case_reading.read_case(root, path, checks)
        return case_reading.reused(reuse, root, path, lambda: case_reading.read_case(root, path, checks))

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


def capped(problems: list[Problem]) -> list[Problem]:
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


def _is_meeting(root: Path, path: Path) -> bool:
    return _is_meeting_uri(uri(root, path))


def _is_meeting_uri(src_uri: str) -> bool:
    return src_uri.startswith("docs/meetings/")


def _read_meetings(root: Path, checker) -> tuple[list[Meeting], list[Problem]]:
    meetings, problems = [], []
    for path in sorted((root / "docs" / "meetings").glob("*.md")):
        if contributor_paths.outside_link(root, path, ""):  # links out: see _links_out_of_docs
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
        problems += case_reading.rendered_problems(doc.src_uri, doc.body, doc.body_line, [], meeting=True)
        problems += dates.problems(doc, "meeting") + meeting_files.problems(doc)
        meetings.append(Meeting(doc, path.relative_to(root / "docs").as_posix()))
    return meetings, problems + meeting_files.one_spelling_per_convener(meetings)


# Generated pages and files a contributor may link to, besides cases, themes, districts and states.
_GENERATED = {"index.md", "themes/index.md", "districts/index.md", "states/index.md", "meetings/index.md",
              "finder/index.md", "search/index.md", "contributing.md", "reference.md"}
_GENERATED_FILES = {"feed.xml", "api/cases.json", "api/cases.csv", "api/themes.json", "finder/data.json"}


def _page_links(root: Path, cases: list[Case], meetings: list[Meeting], vocabularies,
                pages: list[tuple[str, str]]) -> list[Problem]:
    """Links in case and meeting text that the strict build would refuse (checking/page_links.py)."""
    known = page_links.Pages({c.doc.data["id"] for c in cases if isinstance(c.doc.data.get("id"), str)},
                             list(vocabularies["sections"].terms), _site_pages(cases, vocabularies, pages),
                             _GENERATED_FILES | _docs_files(root))
    known.page_anchors = {uri_.removeprefix("docs/"): page_links.heading_anchors(text) for uri_, text in pages}
    found = []
    for case in cases:
        found += page_links.check(case.doc.src_uri, case.doc.src_uri, case.doc.body, case.doc.body_line, known)
    for meeting in meetings:
        found += page_links.check(meeting.doc.src_uri, meeting.page_uri, meeting.doc.body, meeting.doc.body_line,
                                  known)
    return found


def _site_pages(cases: list[Case], vocabularies, pages: list[tuple[str, str]]) -> set[str]:
    found = set(_GENERATED) | {uri_.removeprefix("docs/") for uri_, _ in pages}
    found |= {f"themes/{key}.md" for key in vocabularies["themes"].terms}
    for case in cases:
        for district in case.doc.data.get("districts") or []:
            if isinstance(district, dict) and isinstance(district.get("name"), str) \
                    and isinstance(district.get("state"), str):
                found |= {f"districts/{District(district['name'], district['state']).slug}.md",
                          f"states/{district['state'].lower()}.md"}
    return found


def _docs_files(root: Path) -> set[str]:
    docs = root / "docs"
    return {uri(docs, path) for path in docs.rglob("*") if path.is_file() and path.suffix != ".md"}


def _hand_written_pages(root: Path) -> list[tuple[str, str]]:
    """(src_uri, text) of every page in docs/, for references and markers."""
    return [(uri(root, path), path.read_text(encoding="utf-8-sig", errors="replace"))
            for path in sorted((root / "docs").rglob("*.md")) if not contributor_paths.outside_link(root, path, "")]


def _report_progress(progress, number: int, total: int) -> None:
    if progress and (number % 500 == 0 or number == total) and total >= 1000:
        progress(f"Read {number} of {total} cases")


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
