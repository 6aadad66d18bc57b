"""End to end: strict MkDocs builds of the test project in a temporary folder."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import build, make_project
from mkdocs.exceptions import Abort


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def parse_html(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_strict_build_writes_every_page(project, no_warnings):
    site = build(project)
    for case_id in ("springfield-attendance", "shelbyville-grading", "ogdenville-restorative"):
        assert (site / "cases" / case_id / "index.html").is_file()
    for theme in ("teacher-leadership", "grading-and-assessment", "culture-change"):
        assert (site / "themes" / theme / "index.html").is_file()
    for page in ("themes", "districts", "states", "states/ca", "states/ma",
                 "districts/springfield-public-schools-ma", "districts/north-haverbrook-unified-ca"):
        assert (site / page / "index.html").is_file(), page


def test_case_page_has_panel_sections_sources_and_links(project, no_warnings):
    site = build(project)
    page = site / "cases" / "springfield-attendance" / "index.html"
    html = page.read_text(encoding="utf-8")
    links = parse_html(page)
    assert {"problem", "context", "approach", "outcomes", "lessons", "sources", "related"} <= links.ids
    assert "../../themes/teacher-leadership/" in links.hrefs
    assert "../../districts/springfield-public-schools-ma/" in links.hrefs
    assert "../../states/ma/" in links.hrefs
    assert "../shelbyville-grading/#approach" in links.hrefs  # [[id#section]] in the body
    assert "https://github.com/district-casebook/district-casebook/edit/main/cases/springfield-attendance.md" in links.hrefs
    assert "<title>Springfield brings teachers into an attendance push - District Casebook</title>" in html
    assert "Ada Lovelace (2021)" in html


def test_contributor_text_is_escaped(project, no_warnings):
    site = build(project)
    html = (site / "cases" / "shelbyville-grading" / "index.html").read_text(encoding="utf-8")
    # Tags are refused by the validator (test_hostile.py); '<', '&' and braces are shown as written.
    assert 'id="shelbyville-rethinks-grades-reports-a-f-50">Shelbyville rethinks grades &amp; reports {A-F} &lt;50%<' in html


def test_meetings_and_references_link_cases_both_ways(project, no_warnings):
    site = build(project)
    meeting = parse_html(site / "meetings" / "spring-meeting" / "index.html")
    assert "../../cases/shelbyville-grading/" in meeting.hrefs
    assert "../../cases/ogdenville-restorative/" in meeting.hrefs  # written as its alias [[ogdenville-rj]]
    case = parse_html(site / "cases" / "shelbyville-grading" / "index.html")
    assert "../../meetings/spring-meeting/" in case.hrefs


def test_every_internal_link_resolves(project, no_warnings):
    site = build(project)
    for page in site.rglob("*.html"):
        for href in parse_html(page).hrefs:
            if re.match(r"^[a-z]+:|^#|^//", href):
                continue
            base = site if href.startswith("/") else page.parent  # 404.html links from the site root
            target = (base / href.split("#")[0].split("?")[0].lstrip("/")).resolve()  # a query: the same page
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), f"{page.relative_to(site)} links to missing {href}"


def test_cases_json_lists_every_case_and_is_byte_identical(project, no_warnings):
    first = (build(project) / "api" / "cases.json").read_bytes()
    second = (build(project) / "api" / "cases.json").read_bytes()
    assert first == second
    data = json.loads(first)
    assert [c["id"] for c in data["cases"]] == ["ogdenville-restorative", "shelbyville-grading", "springfield-attendance"]
    assert data["cases"][2]["url"] == "https://district-casebook.github.io/cases/springfield-attendance/"
    assert data["cases"][2]["districts"] == [{"name": "Springfield Public Schools", "state": "MA", "nces_id": "2511130"}]


def test_related_cases_put_explicit_links_first(project, no_warnings):
    # Ogdenville shares no theme or role with Springfield; Shelbyville shares two.
    path = project / "cases" / "springfield-attendance.md"
    path.write_text(path.read_text().replace("related: [shelbyville-grading]", "related: [ogdenville-restorative]"))
    site = build(project)
    page = site / "cases" / "springfield-attendance" / "index.html"
    related = page.read_text(encoding="utf-8").split('id="related"')[1]
    order = re.findall(r'href="\.\./([a-z-]+)/"', related)
    assert order[:2] == ["ogdenville-restorative", "shelbyville-grading"]


def test_broken_case_aborts_with_every_problem_and_keeps_the_old_site(project, caplog):
    site = build(project)
    marker = site / "index.html"
    before = marker.read_bytes()
    text = (project / "cases" / "springfield-attendance.md").read_text()
    (project / "cases" / "springfield-attendance.md").write_text(text.replace("collaborative-inquiry", "colab"))
    (project / "cases" / "shelbyville-grading.md").write_text("no front matter\n")
    with pytest.raises(Abort):
        build(project)
    assert "cases/springfield-attendance.md:13: themes[1]: 'colab' is not a theme." in caplog.text
    assert "cases/shelbyville-grading.md:1: The file does not start with front matter." in caplog.text
    assert "Traceback" not in caplog.text
    assert marker.read_bytes() == before


def test_two_builds_in_one_process_share_no_state(tmp_path, no_warnings):
    first = make_project(tmp_path / "one")
    second = make_project(tmp_path / "two", {"ogdenville-restorative.md": None})
    (second / "docs" / "meetings" / "spring-meeting.md").unlink()
    build(first)
    site = build(second)
    assert not (site / "cases" / "ogdenville-restorative").exists()
    data = json.loads((site / "api" / "cases.json").read_text())
    assert "ogdenville-restorative" not in [c["id"] for c in data["cases"]]
