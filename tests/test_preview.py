"""The contributor's preview (`mkdocs serve`): drafts with problems are shown, a failed
rebuild shows in the open page, and the incremental rebuilds serve exactly what a fresh
full build of the same files serves."""
from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

from browser_support import chromium, new_visit
from conftest import make_project
from test_contributing_serve import Server

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
DRAFT = "cases/fresno-family-nights.md"
REQUIRED_ONLY = ["--title", "Fresno family nights", "--district", "Fresno Unified", "--state", "CA",
                 "--start", "2021", "--themes", "teacher-leadership"]
LIVERELOAD = re.compile(rb"<script>\s*var livereload = .*?</script>", re.S)


def test_a_new_draft_is_previewed_with_its_problems_and_refused_by_the_build(tmp_path):
    project = make_project(tmp_path / "project")
    made = subprocess.run([BIN / "casebook", "new", *REQUIRED_ONLY], cwd=project, env=ENV, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    assert (project / DRAFT).is_file()

    built = subprocess.run([BIN / "mkdocs", "build", "--strict"], cwd=project, env=ENV, capture_output=True, text=True)
    assert built.returncode != 0
    assert f"{DRAFT}:6: summary: The field still holds the template's placeholder" in built.stderr

    with Server(project) as server:
        server.wait_for(lambda: server.get("cases/fresno-family-nights/")[0] == 200, "the draft's page")
        status, page = server.get("cases/fresno-family-nights/")
        assert "This draft (<code>cases/fresno-family-nights.md</code>) has 12 problems" in page
        assert "<li>Line 6, <code>summary</code>: The field still holds the template's placeholder" in page
        assert "<li>Line 15, <code>level</code>:" in page
        assert "Fresno family nights" in page and "Fresno Unified" in page  # what could be read
        assert 'id="casebook-preview-status"' in page and "12 problems in 1 file" in page
        _, listing = server.get("preview-problems/")
        assert "fresno-family-nights.md" in listing and "Line 79" in listing
        assert 'href="../cases/fresno-family-nights/"' in listing
        _, other = server.get("cases/springfield-attendance/")
        assert 'href="/preview-problems/"' in other  # the banner is on every page
        assert "Traceback" not in server.output and server.process.poll() is None


def test_an_unreadable_case_and_a_meeting_with_a_problem_are_shown(tmp_path):
    project = make_project(tmp_path / "project", {"broken-yaml.md": "---\ntitle: [unclosed\n---\n\nBody\n"})
    meeting = project / "docs" / "meetings" / "spring-meeting.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("ogdenville-restorative]", "no-such-case]"),
                       encoding="utf-8")
    with Server(project) as server:
        server.wait_for(lambda: server.get("cases/broken-yaml/")[0] == 200, "the unreadable file's page")
        page = server.get("cases/broken-yaml/")[1]
        assert "<code>cases/broken-yaml.md</code> cannot be read" in page
        assert "<li>Line 3: The list opened with" in page
        summary = server.get("meetings/spring-meeting/")[1]
        assert "This page has 1 problem" in summary
        assert "<li>Line 8, <code>cases[1]</code>: No case has the id" in summary and "Spring meeting" in summary


def test_a_failed_rebuild_shows_in_the_open_page_and_clears_on_the_next_good_save(tmp_path):
    project = make_project(tmp_path / "project")
    levels = project / "schema" / "levels.yml"
    good = levels.read_text(encoding="utf-8")
    with Server(project) as server:
        server.wait_for(lambda: server.get("cases/springfield-attendance/")[0] == 200, "the first build")
        with chromium() as browser:
            visit = new_visit(browser, f"http://127.0.0.1:{server.port}")
            visit.open("/cases/springfield-attendance/")
            banner = visit.page.locator("#casebook-preview-status")
            assert banner.count() == 0
            levels.write_text(good + "\n  - [unclosed\n", encoding="utf-8")
            banner.wait_for(state="visible", timeout=60_000)  # the open page reloads by itself
            assert "The last save did not build" in banner.inner_text()
            assert "schema/levels.yml" in banner.inner_text()
            assert "Springfield brings teachers" in visit.page.content()  # the last site that built
            levels.write_text(good, encoding="utf-8")
            banner.wait_for(state="detached", timeout=60_000)
            assert visit.outside == []


def _reloads(server: Server) -> int:
    return server.output.count("Reloading browsers")


def _save(server: Server, path: Path, text: str | None) -> None:
    """Write (or delete) a file and wait until the server rebuilt."""
    before = _reloads(server)
    if text is None:
        path.unlink()
    else:
        path.write_text(text, encoding="utf-8")
    server.wait_for(lambda: _reloads(server) > before, f"the rebuild after saving {path.name}")


def _served_site(server: Server, addresses: list[str]) -> dict[str, bytes]:
    """Every address as served, the live-reload script and the port taken out."""
    import urllib.request
    pages = {}
    for address in addresses:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/{address}", timeout=30) as response:
            body = LIVERELOAD.sub(b"", response.read())
        if address.endswith(".gz"):
            body = gzip.decompress(body)  # the gzip header holds the time it was written
        pages[address] = body.replace(f"127.0.0.1:{server.port}".encode(), b"HOST")
    return pages


def test_incremental_rebuilds_serve_what_a_fresh_build_serves(tmp_path):
    project = make_project(tmp_path / "project")
    cases = project / "cases"
    springfield = (cases / "springfield-attendance.md").read_text(encoding="utf-8")
    shelbyville = (cases / "shelbyville-grading.md").read_text(encoding="utf-8")
    meeting = project / "docs" / "meetings" / "spring-meeting.md"
    with Server(project) as server:
        server.wait_for(lambda: server.get("cases/springfield-attendance/")[0] == 200, "the first build")
        # A sequence a contributor might make: a new case, its title, a mistake and its fix, a
        # deleted case, a meeting summary.
        _save(server, cases / "springfield-copy.md",
              springfield.replace("id: springfield-attendance", "id: springfield-copy"))
        _save(server, cases / "springfield-copy.md", springfield.replace("id: springfield-attendance",
              "id: springfield-copy").replace("Springfield brings teachers", "Springfield copies teachers"))
        _save(server, cases / "springfield-attendance.md", springfield.replace("level: district", "level: distrct"))
        _save(server, cases / "springfield-attendance.md", springfield.replace("start: 20", "start: 19"))
        _save(server, cases / "shelbyville-grading.md", shelbyville.replace("teacher-leadership", "culture-change"))
        _save(server, cases / "ogdenville-restorative.md", None)
        _save(server, meeting, meeting.read_text(encoding="utf-8")
              .replace("cases: [shelbyville-grading, ogdenville-restorative]", "cases: [springfield-copy]")
              .replace(" and [[ogdenville-rj]]", " and [[springfield-copy#approach]]"))
        built = project / "fresh-site"
        result = subprocess.run([BIN / "mkdocs", "build", "--strict", "-d", str(built)], cwd=project, env=ENV,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        addresses = sorted(p.relative_to(built).as_posix().removesuffix("index.html") for p in built.rglob("*")
                           if p.is_file() and not p.relative_to(built).as_posix().startswith(("pagefind/", "assets/")))
        served = _served_site(server, addresses)
        assert server.get("cases/ogdenville-restorative/")[0] == 404  # the deleted case is gone
        kept = [int(n) for n, total in re.findall(r"Rebuilt (\d+) of (\d+) generated files", server.output)
                if int(n) < int(total)]
        assert len(kept) >= 6, "the rebuilds after the first should each render only what changed"
    import shutil
    shutil.rmtree(built)
    with Server(project) as fresh:
        fresh.wait_for(lambda: fresh.get("cases/springfield-copy/")[0] == 200, "a fresh full build")
        expected = _served_site(fresh, addresses)
    assert len(addresses) > 40
    different = [address for address in addresses if served[address] != expected[address]]
    assert different == [], f"served after edits differ from a fresh build: {different}"
