"""The URL ledger: no published address disappears silently.

On the test project: a renamed case (file renamed, old id in `aliases`) keeps
every recorded address answering through redirects; a case deleted without a
redirect fails the check, which names each lost address. On the repository:
the committed ledger lists every address the content publishes, and the
built site answers every one of them."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, build, casebook, make_project
from district_casebook.loading import project
from district_casebook.urls import ledger, reachable

OLD, NEW = "springfield-attendance", "springfield-attendance-push"


@pytest.fixture
def site(real_site):
    return real_site  # the repository's site, built strictly once per session (conftest)


@pytest.fixture
def recorded(tmp_path) -> Path:
    """The test project with its ledger written by `casebook ledger --update`."""
    project_dir = make_project(tmp_path / "p")
    result = casebook("ledger", "--update", cwd=project_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return project_dir


def missing(project_dir: Path) -> list[str]:
    site = build(project_dir)
    return [str(p) for p in reachable.check(site, ledger.read(project_dir / ledger.LEDGER))]


def rename(project_dir: Path) -> None:
    old = project_dir / "cases" / f"{OLD}.md"
    text = old.read_text(encoding="utf-8").replace(f"id: {OLD}\n", f"id: {NEW}\naliases: [{OLD}]\n")
    (project_dir / "cases" / f"{NEW}.md").write_text(text, encoding="utf-8")
    old.unlink()


def test_the_ledger_records_pages_anchors_feeds_and_data(recorded):
    urls = ledger.read(recorded / ledger.LEDGER)
    for url in (f"/cases/{OLD}/", f"/cases/{OLD}/#problem", f"/cases/{OLD}/#sources", "/themes/culture-change/",
                "/districts/springfield-public-schools-ma/", "/states/ma/", "/meetings/spring-meeting/",
                "/meetings/", "/", "/feed.xml", "/themes/culture-change/feed.xml", "/api/cases.json",
                "/cases/ogdenville-rj/", "/cases/ogdenville-rj/#approach"):
        assert url in urls, url
    assert missing(recorded) == []


def test_a_renamed_case_keeps_every_recorded_address(recorded):
    rename(recorded)
    assert missing(recorded) == []
    site = recorded / "site"
    redirect = (site / "cases" / OLD / "index.html").read_text(encoding="utf-8")
    assert f'content="0; url=../../cases/{NEW}/"' in redirect
    assert (site / "cases" / NEW / "index.html").is_file()
    assert casebook("ledger", cwd=recorded).returncode == 1  # the new id's addresses are not recorded yet
    assert casebook("ledger", "--update", cwd=recorded).returncode == 0
    assert casebook("ledger", cwd=recorded).returncode == 0


def test_a_deleted_case_without_redirect_fails_naming_each_address(recorded):
    (recorded / "cases" / "ogdenville-restorative.md").unlink()
    meeting = recorded / "docs" / "meetings" / "spring-meeting.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace(", ogdenville-restorative]", "]")
                       .replace(" and [[ogdenville-rj]]", ""), encoding="utf-8")
    lost = missing(recorded)
    lines = ledger.read(recorded / ledger.LEDGER)
    line = lines["/cases/ogdenville-restorative/"]
    assert (f"tests/published-urls.txt:{line}: /cases/ogdenville-restorative/ is missing from the built site. "
            "The built site has no such page. If the case was renamed, put its old id in the new case's 'aliases'; "
            "otherwise restore it. Deleting this line gives the address up for good.") in lost
    named = {message.split(": ")[1].split(" ")[0] for message in lost}
    assert named == {"/cases/ogdenville-restorative/", "/cases/ogdenville-rj/", "/districts/ogdenville-unified-ca/",
                     "/districts/north-haverbrook-unified-ca/"} | \
        {f"/cases/{case_id}/#{anchor}" for case_id in ("ogdenville-restorative", "ogdenville-rj")
         for anchor in ("problem", "context", "approach", "outcomes", "lessons", "sources")}


def test_the_command_reports_lost_addresses_and_never_removes_one(recorded):
    (recorded / "cases" / "ogdenville-restorative.md").unlink()
    meeting = recorded / "docs" / "meetings" / "spring-meeting.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace(", ogdenville-restorative]", "]")
                       .replace(" and [[ogdenville-rj]]", ""), encoding="utf-8")
    before = (recorded / ledger.LEDGER).read_text(encoding="utf-8")
    result = casebook("ledger", "--update", cwd=recorded)
    assert result.returncode == 1
    assert "/cases/ogdenville-restorative/ is no longer published and no redirect leads on from it." in result.stdout
    assert (recorded / ledger.LEDGER).read_text(encoding="utf-8") == before


def test_a_lost_section_anchor_is_named(recorded):
    site = build(recorded)
    page = site / "cases" / OLD / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('id="approach"', 'id="what-they-tried"'), encoding="utf-8")
    lost = reachable.check(site, ledger.read(recorded / ledger.LEDGER))
    assert [p.message for p in lost] == [f"/cases/{OLD}/#approach is missing from the built site. "
                                         f"The page /cases/{OLD}/ has no '#approach' section."]


def test_update_adds_and_keeps_order(tmp_path):
    path = tmp_path / "urls.txt"
    assert ledger.update(path, {"/b/", "/a/"}) == ["/a/", "/b/"]
    assert ledger.update(path, {"/c/"}) == ["/c/"]
    assert list(ledger.read(path)) == ["/a/", "/b/", "/c/"]
    assert path.read_text(encoding="utf-8").startswith("# Every address")


# ---- The repository's own ledger


def test_the_committed_ledger_records_every_published_address():
    loaded = project.load(REPO)
    assert loaded.collection is not None, "\n".join(map(str, loaded.problems))
    urls = ledger.published(loaded.collection, ledger.doc_pages(REPO)) | ledger.redirected(loaded.collection)
    unrecorded = sorted(urls - set(ledger.read(REPO / ledger.LEDGER)))
    assert not unrecorded, ("Run `casebook ledger --update` and commit tests/published-urls.txt; not recorded:\n"
                            + "\n".join(unrecorded))


def test_the_built_site_answers_every_address_in_the_committed_ledger(site):
    recorded = ledger.read(REPO / ledger.LEDGER)
    assert len(recorded) > 100
    problems = reachable.check(site, recorded)
    assert not problems, "\n".join(map(str, problems))
