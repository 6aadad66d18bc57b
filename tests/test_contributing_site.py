"""The contributor's pages of the site: the field reference generated from
schema/ and CONTRIBUTING.md published as /contributing/."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO
from district_casebook.checking import json_schema, schema_fields
from district_casebook.contributing.field_reference import VOCABULARY_HEADINGS
from district_casebook.model import vocabulary


class _CodeBySection(HTMLParser):
    """The text of every <code> element, grouped by the id of the <h2> above it."""

    def __init__(self):
        super().__init__()
        self.codes: dict[str, set[str]] = {}
        self.section, self.in_code, self.text = "", False, ""

    def handle_starttag(self, tag, attrs):
        if tag == "h2":
            self.section = dict(attrs).get("id", "")
        self.in_code, self.text = tag == "code" or self.in_code, "" if tag == "code" else self.text

    def handle_data(self, data):
        self.text += data if self.in_code else ""

    def handle_endtag(self, tag):
        if tag == "code":
            self.codes.setdefault(self.section, set()).add(self.text)
            self.in_code = False


@pytest.fixture
def site(project_site) -> Path:
    return project_site  # built once per session (conftest)


def test_reference_lists_every_field_and_every_term(site):
    project = site.parent
    vocabularies, _ = vocabulary.load_all(project / "schema")
    schema = json_schema.load_schemas(project / "schema", vocabularies)["case"]
    parser = _CodeBySection()
    parser.feed((site / "reference" / "index.html").read_text(encoding="utf-8"))
    missing = set(schema_fields.paths(schema_fields.flatten(schema))) - parser.codes["fields"]
    assert not missing, f"fields missing from the reference: {missing}"
    assert len(schema_fields.paths(schema_fields.flatten(schema))) > 20
    for name in VOCABULARY_HEADINGS:
        missing = set(vocabularies[name].terms) - parser.codes.get(name, set())
        assert not missing and vocabularies[name].terms, f"{name} missing from the reference: {missing}"


def test_reference_shows_meaning_type_requirement_and_example(site):
    html = (site / "reference" / "index.html").read_text(encoding="utf-8")
    row = re.search(r"<tr>\s*<td><code>years\.start</code></td>(.*?)</tr>", html, re.S).group(1)
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
    assert cells == ["yes", "year (1900–2100) or the word unknown",
                     "Start year. The year the work began, when the sources say so; or 'unknown' when they do not "
                     "(then give 'reported' if they describe the work in a particular year).",
                     "start: 2021"]
    assert '<td>reported in 2012</td>' in html and "<td><code>start: unknown</code></td>" in html  # years-unknown table
    assert '<a href="../themes/teacher-leadership/">Teacher leadership</a>' in html


def test_contributing_page_links_work_on_the_site(site):
    html = (site / "contributing" / "index.html").read_text(encoding="utf-8")
    repo = "https://github.com/district-casebook/district-casebook"
    assert f'href="{repo}/blob/main/cases/_template.md"' in html
    assert f'href="{repo}/tree/main/schema/"' in html
    assert 'href="../reference/"' in html  # the absolute link to the published site, made relative
    assert f'href="{repo}/edit/main/CONTRIBUTING.md"' in html
    assert "<title>Contributing a case - District Casebook</title>" in html


def test_contributing_relative_links_resolve_in_the_repository():
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if not re.match(r"[a-z]+:|#", target):
            assert (REPO / target.split("#")[0]).exists(), target
    anchors = {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-") for h in re.findall(r"^#+ (.*)$", text, re.M)}
    for anchor in re.findall(r"\]\(#([^)]+)\)", text):
        assert anchor in anchors, anchor


def _meeting_fields_missing(reference_html: str, schemas: dict) -> set[str]:
    parser = _CodeBySection()
    parser.feed(reference_html)
    flat = schema_fields.inline({"case": schemas["case"], "meeting": schemas["meeting"]})["meeting"]
    return set(schema_fields.paths(flat)) - parser.codes.get("meeting-fields", set())


def test_reference_lists_every_field_of_a_meeting_summary(site):
    project = site.parent
    vocabularies, _ = vocabulary.load_all(project / "schema")
    schemas = json_schema.load_schemas(project / "schema", vocabularies)
    html = (site / "reference" / "index.html").read_text(encoding="utf-8")
    assert _meeting_fields_missing(html, schemas) == set()
    every = set(schemas["meeting"]["properties"]) | {"dates.start", "dates.end", "sources.title", "sources.url"}
    flat = schema_fields.inline(schemas)["meeting"]
    assert every <= set(schema_fields.paths(flat))  # the paths reach nested fields and the borrowed source
    row = re.search(r"<tr>\s*<td><code>dates\.start</code></td>(.*?)</tr>", html.split('id="meeting-fields"')[1],
                    re.S).group(1)
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
    assert cells == ["yes", "date, YYYY-MM-DD (or YYYY-MM)", "First day. The first day of the meeting.",
                     'start: "2012-06-28"']
    # The check itself: a field's row taken out is found missing.
    without_place = re.sub(r"<tr>\s*<td><code>place</code></td>.*?</tr>", "", html, flags=re.S)
    assert _meeting_fields_missing(without_place, schemas) == {"place"}
