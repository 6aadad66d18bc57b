"""A build on several cores hands the case bodies' check and the pages' cleaning to helper processes
while the engine renders (site/page_safety.py): the same site when the bodies are clean; when one is
not, the build stops before any page is written, naming file and line; helpers that die cost time."""
from __future__ import annotations

import filecmp
import logging
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import engine
import pytest
from conftest import make_project
from district_casebook.loading import parallel
from district_casebook.loading import project as project_loader
from district_casebook.publishing import outputs
from district_casebook.site.case_files import CaseFiles, remove
from district_casebook.site.page_safety import PageSafety
from district_casebook.urls.permalinks import Site

CASE = "cases/springfield-attendance.md"
BODY_TEXT = "Teacher teams met weekly."  # the Approach section, line 37 of the test project's case
IMAGE = "See ![the chart](https://evil.example/x.png)."
SCRIPT = "<p>B<script>alert(1)</script></p>"
# The engine's command run with the late check whatever the machine: the test project has three
# cases (late from a thousand files) and the machine may have one core.
LATE = ("import sys; from district_casebook.loading import parallel; parallel.PARALLEL_FROM = 1; "
        "parallel.available = lambda: 2; from {name}.__main__ import cli; sys.argv[0] = '{name}'; cli()")


def _build(project: Path, *, late: bool) -> subprocess.CompletedProcess:
    if late:
        config = ["-f", "mkdocs.yml"] if engine.NAME == "properdocs" else []
        command = [sys.executable, "-c", LATE.format(name=engine.NAME), "build", *config, "--strict"]
    else:
        command = [*engine.command("build"), "--strict"]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300)


def _edited(project: Path, path: str, old: str, new: str) -> None:
    file = project / path
    file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_clean_project_builds_the_same_site(tmp_path):
    sites = {}
    for late in (False, True):
        project = make_project(tmp_path / f"late-{late}")
        run = _build(project, late=late)
        assert run.returncode == 0, run.stderr
        assert ("in 1 helper process(es) while the pages render" in run.stderr) == late
        assert ("files of the cases' data and cards in a helper process" in run.stderr) == late
        sites[late] = project / "site"
    # Pagefind writes its filter values in a different order from run to run, and names its files
    # by their hashes (test_engines.py): its files are counted, the others compared byte for byte.
    files = {late: sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
             for late, site in sites.items()}
    ours = {late: [name for name in names if not name.startswith("pagefind/")] for late, names in files.items()}
    assert ours[True] == ours[False] and len(files[True]) == len(files[False])
    _, different, errors = filecmp.cmpfiles(sites[False], sites[True], ours[True], shallow=False)
    assert (different, errors) == ([], [])


def test_a_body_refused_late_stops_the_build_before_any_page_is_written(tmp_path):
    project = make_project(tmp_path / "project")
    _edited(project, CASE, BODY_TEXT, IMAGE)
    run = _build(project, late=True)
    assert run.returncode != 0
    assert f"{CASE}:37: The body has an image (https://evil.example/x.png)." in run.stderr
    assert "1 problem(s) in 1 file(s), listed above; the build stopped before writing any page" in run.stderr
    assert "please report this as a casebook bug" not in run.stderr  # the problem explains what nh3 removed
    assert "Traceback" not in run.stderr
    assert not [path for path in (project / "site").rglob("*") if path.is_file()]  # the case files too


def test_with_another_problem_every_problem_is_told_in_one_run(tmp_path):
    project = make_project(tmp_path / "project")
    _edited(project, CASE, BODY_TEXT, IMAGE)
    _edited(project, "cases/shelbyville-grading.md", "level: ", "level: nursery-")
    run = _build(project, late=True)
    assert run.returncode != 0
    assert f"{CASE}:37: The body has an image" in run.stderr
    assert "cases/shelbyville-grading.md:" in run.stderr and "nursery-" in run.stderr
    assert "2 problem(s) in 2 file(s), listed above." in run.stderr


def test_helpers_work_in_processes_of_their_own():
    helpers = parallel.Helpers(1)
    try:
        assert helpers.submit(pow, 3, 4).result() == 81
        assert helpers.submit(os.getpid).result() != os.getpid()
    finally:
        helpers.close(wait=True)


def _safety_handed(project: Path) -> tuple[PageSafety, list[logging.LogRecord]]:
    records: list[logging.LogRecord] = []
    log = logging.getLogger("test-page-safety")
    log.addHandler(_Recorder(records))
    safety = PageSafety(log)
    safety.hand_over(project_loader.load(project).cases, 1)
    return safety, records


class _Recorder(logging.Handler):
    def __init__(self, records):
        super().__init__()
        self.records = records

    def emit(self, record):
        self.records.append(record)


def test_helpers_that_die_cost_time_not_checks(tmp_path):
    """Killed (as the kernel's out-of-memory killer would), the helpers' work is done here instead:
    what they were handed, and all that comes after."""
    project = make_project(tmp_path / "project")
    _edited(project, CASE, BODY_TEXT, IMAGE)
    safety, _ = _safety_handed(project)
    page, image = "cases/springfield-attendance.md", '<p>A<img src="https://evil.example/x.png"></p>'
    assert safety.page_html(page, image) == image  # handed over: cleaned, if need be, when written
    for pid in safety._helpers.pids:
        os.kill(pid, signal.SIGKILL)
    deadline, later = time.monotonic() + 30, []
    while not later or later[-1][1] == SCRIPT and time.monotonic() < deadline:  # as it was: handed over
        uri = f"cases/later-{len(later)}.md"
        later.append((uri, safety.page_html(uri, SCRIPT)))
        time.sleep(0.05)  # as pages come: the pool learns of the deaths between them
    assert later[-1][1] == "<p>B</p>"  # once the helpers are known dead: cleaned here
    assert [p.line for p in safety.rendered_all()] == [37]
    assert safety.written(page, image) == "<p>A</p>"
    assert all(safety.written(uri, html) == "<p>B</p>" for uri, html in later)


def test_the_helpers_exit_before_the_engine_writes(tmp_path):
    safety, records = _safety_handed(make_project(tmp_path / "project"))
    assert multiprocessing.active_children()
    assert safety.page_html("cases/x.md", SCRIPT) == SCRIPT
    assert safety.page_html("cases/y.md", "<p>Hi</p>") == "<p>Hi</p>"
    assert safety.rendered_all() == []
    deadline = time.monotonic() + 30
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not multiprocessing.active_children()
    assert safety.written("cases/x.md", SCRIPT) == "<p>B</p>"
    assert safety.written("cases/y.md", "<p>Hi</p>") == "<p>Hi</p>"  # nothing to remove: as rendered
    assert [r.getMessage() for r in records] == [
        "cases/x.md: its page carried <script>, which the sanitiser removed. `casebook validate` should have "
        "refused it; please report this as a casebook bug."]


def _case_files(project: Path, site_dir: Path) -> tuple[CaseFiles, dict[str, bytes]]:
    """The case files handed to a helper, and every file made here."""
    loaded = project_loader.load(project)
    site = Site("District Casebook", "https://example.org/casebook/")
    made = outputs.files(loaded.collection, site, loaded.schemas["case"], loaded.schemas["meeting"])
    return CaseFiles(loaded.collection, site, loaded.schemas["case"], site_dir), \
        {path: text.encode("utf-8") for path, text in made.items()}


def _files_in(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_helper_writes_the_case_files_as_they_are_made_here_and_exits(tmp_path):
    case_files, made = _case_files(make_project(tmp_path / "project"), tmp_path / "site")
    assert case_files.written() == ""  # no failure
    written = _files_in(tmp_path / "site")
    assert sorted(written) == sorted(case_files.paths) and "api/cases/springfield-attendance.json" in written
    assert written == {path: made[path] for path in case_files.paths}
    assert case_files._writing.exception() is None  # the helper wrote them
    assert not Path(case_files._handed).exists()  # the cases it was handed, in a file of their own
    deadline = time.monotonic() + 30
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not multiprocessing.active_children()


def test_a_helper_that_dies_costs_time_not_case_files(tmp_path):
    case_files, made = _case_files(make_project(tmp_path / "project"), tmp_path / "site")
    for pid in case_files._helper.pids:  # killed while it starts: it takes a few tenths of a second
        os.kill(pid, signal.SIGKILL)
    assert case_files.written().startswith("BrokenProcessPool")  # so they were written here
    assert _files_in(tmp_path / "site") == {path: made[path] for path in case_files.paths}


def test_a_stopped_build_leaves_none_of_the_case_files(tmp_path):
    site_dir = tmp_path / "site"
    site_dir.mkdir()  # as the engine leaves it, emptied
    case_files, _ = _case_files(make_project(tmp_path / "project"), site_dir)
    deadline = time.monotonic() + 60
    while not any(path.is_file() for path in site_dir.rglob("*")) and time.monotonic() < deadline:
        time.sleep(0.02)  # until the helper has written something
    assert any(path.is_file() for path in site_dir.rglob("*"))
    case_files.stop()
    assert site_dir.is_dir() and not list(site_dir.iterdir())
    assert not Path(case_files._handed).exists()


def test_cases_that_cannot_be_handed_over_cost_time_not_case_files(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-folder"))  # the handoff file cannot be made
    case_files, made = _case_files(make_project(tmp_path / "project"), tmp_path / "site")
    assert case_files._writing is None and case_files._helper is None  # no helper was started
    assert case_files.failure.startswith("FileNotFoundError")
    case_files.written()
    assert _files_in(tmp_path / "site") == {path: made[path] for path in case_files.paths}


def test_removing_the_case_files_removes_the_folders_a_killed_helper_left_empty(tmp_path):
    (tmp_path / "embed").mkdir()  # killed between making embed/ and embed/cases/<id>/
    (tmp_path / "api" / "cases").mkdir(parents=True)
    (tmp_path / "api" / "cases" / "a.json").write_text("{}")
    (tmp_path / "index.html").write_text("kept")
    remove(tmp_path, ["api/cases/a.json", "api/cases/b.json", "embed/cases/a/index.html"])
    assert [path.name for path in tmp_path.iterdir()] == ["index.html"]


def test_helpers_that_cannot_all_start_leave_none_running(monkeypatch):
    """The second worker fails to start (out of processes, say): the first must not outlive the error."""
    started = []
    real_start = multiprocessing.get_context("spawn").Process.start

    def start_once(process):
        if started:
            raise OSError(11, "Resource temporarily unavailable")
        real_start(process)
        started.append(process)

    monkeypatch.setattr(multiprocessing.get_context("spawn").Process, "start", start_once)
    with pytest.raises(OSError, match="Resource temporarily unavailable"):
        parallel.Helpers(2)
    assert len(started) == 1 and started[0].exitcode is not None  # it ran, and it has ended
