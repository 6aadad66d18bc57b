"""The data API and the feeds, on strict builds of the test project: every
JSON file validates against the schema the site publishes, the CSV has the
JSON's field names, feedparser reads every feed without complaint, and two
builds write the same bytes."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import feedparser
import jsonschema
import pytest
from conftest import build, make_project
from referencing import Registry, Resource

BASE = "https://district-casebook.github.io/"
IDS = ["ogdenville-restorative", "shelbyville-grading", "springfield-attendance"]
# The files this area generates: the data API, the feeds, the embeds and a redirect.
OURS = ("api/", "feed.xml", "embed/", "cases/ogdenville-rj/")


@pytest.fixture
def site(project_site) -> Path:
    return project_site  # built once per session (conftest)


def load(site: Path, path: str):
    return json.loads((site / path).read_text(encoding="utf-8"))


def validator(site: Path, schema_name: str) -> jsonschema.Draft202012Validator:
    """A validator for one published schema, the others reachable by their $id, as a consumer would use them."""
    schemas = [load(site, f"api/{name}") for name in ("cases.schema.json", "case.schema.json", "themes.schema.json")]
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)
    schema = load(site, f"api/{schema_name}")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, registry=registry, format_checker=jsonschema.FormatChecker())


def errors(check: jsonschema.Draft202012Validator, data) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in check.iter_errors(data)]


# ---- JSON and its schema


def test_cases_json_validates_against_the_published_schema(site):
    data = load(site, "api/cases.json")
    assert data["version"] == 1 and data["count"] == 3
    assert errors(validator(site, "cases.schema.json"), data) == []


def test_the_schema_rejects_what_the_data_must_not_hold(site):
    check = validator(site, "cases.schema.json")
    data = load(site, "api/cases.json")
    data["cases"][0]["themes"] = ["not-a-theme"]
    del data["cases"][1]["url"]
    data["version"] = 2
    assert len(errors(check, data)) == 3


def test_the_schema_lists_the_vocabularies(site):
    schema = load(site, "api/cases.schema.json")
    assert "culture-change" in schema["$defs"]["theme"]["enum"]
    assert schema["$id"] == f"{BASE}api/cases.schema.json"


def test_each_case_has_its_own_file(site):
    check = validator(site, "case.schema.json")
    cases = {c["id"]: c for c in load(site, "api/cases.json")["cases"]}
    for case_id in IDS:
        data = load(site, f"api/cases/{case_id}.json")
        assert errors(check, data) == []
        assert data == {"version": 1, "case": cases[case_id]}


def test_a_former_id_still_answers_with_the_case_as_it_is_now(site):
    current = load(site, "api/cases/ogdenville-restorative.json")
    assert load(site, "api/cases/ogdenville-rj.json") == current
    assert current["case"]["id"] == "ogdenville-restorative"
    assert "ogdenville-rj" not in {c["id"] for c in load(site, "api/cases.json")["cases"]}


def test_themes_json_lists_every_theme_with_its_cases(site):
    data = load(site, "api/themes.json")
    assert errors(validator(site, "themes.schema.json"), data) == []
    themes = {t["key"]: t for t in data["themes"]}
    assert themes["culture-change"]["cases"] == ["ogdenville-restorative"]
    assert themes["culture-change"]["url"] == f"{BASE}themes/culture-change/"
    assert themes["culture-change"]["feed"] == f"{BASE}themes/culture-change/feed.xml"
    assert data["count"] == len(data["themes"])


# ---- CSV


def csv_rows(site: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO((site / "api" / "cases.csv").read_text(encoding="utf-8"), newline="")))


def test_csv_uses_the_json_field_names(site):
    rows = csv_rows(site)
    record = load(site, "api/cases.json")["cases"][2]
    roots = {name.split(".")[0] for name in rows[0]}
    assert roots == set(load(site, "api/cases.schema.json")["$defs"]["case"]["properties"])
    row = rows[2]
    assert [row["id"], row["title"], row["url"], row["level"]] == [record["id"], record["title"], record["url"], record["level"]]
    assert (row["years.start"], row["years.end"]) == ("2019", "2021")
    assert row["themes"] == "teacher-leadership; collaborative-inquiry"
    assert (row["districts.name"], row["districts.state"], row["districts.nces_id"]) == \
        ("Springfield Public Schools", "MA", "2511130")
    assert row["sections.problem"] == record["sections"]["problem"]


def test_csv_lists_of_groups_line_up_by_position(site):
    row = csv_rows(site)[0]  # ogdenville: two districts, the second with no NCES id
    assert row["districts.name"] == "Ogdenville Unified; North Haverbrook Unified"
    assert row["districts.state"] == "CA; CA"
    assert row["districts.nces_id"] == "; "
    assert row["updated"] == "" and row["aliases"] == "ogdenville-rj"


# ---- Feeds


def test_the_casebook_feed_parses_newest_first(site):
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [e.link for e in feed.entries] == [f"{BASE}cases/{i}/" for i in
                                              ("ogdenville-restorative", "shelbyville-grading", "springfield-attendance")]
    assert feed.feed.link == BASE
    assert feed.entries[0].tags[0].term == "school-climate-and-discipline"


def test_updated_moves_a_case_to_the_top(tmp_path):
    project_dir = make_project(tmp_path / "p")
    path = project_dir / "cases" / "springfield-attendance.md"
    path.write_text(path.read_text(encoding="utf-8").replace("added: 2026-11-01", "added: 2026-11-01\nupdated: 2026-12-01"),
                    encoding="utf-8")
    feed = feedparser.parse((build(project_dir) / "feed.xml").read_bytes())
    assert feed.entries[0].link == f"{BASE}cases/springfield-attendance/"
    assert feed.entries[0].updated == "2026-12-01T00:00:00Z" and feed.entries[0].published == "2026-11-01T00:00:00Z"


def test_every_theme_feed_parses_and_lists_its_cases(site):
    themes = load(site, "api/themes.json")["themes"]
    for theme in themes:
        feed = feedparser.parse((site / "themes" / theme["key"] / "feed.xml").read_bytes())
        assert not feed.bozo, (theme["key"], feed.get("bozo_exception"))
        assert sorted(e.link.split("/")[-2] for e in feed.entries) == sorted(theme["cases"])


def test_pages_link_their_feeds(site):
    theme = (site / "themes" / "culture-change" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="alternate feed" type="application/atom+xml" title="District Casebook: Adult culture change" ' \
           f'href="{BASE}themes/culture-change/feed.xml">' in theme
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'href="{BASE}feed.xml"' in home


# ---- Byte-identical builds


def test_two_builds_write_the_same_bytes(tmp_path):
    first = build(make_project(tmp_path / "one"))
    second = build(make_project(tmp_path / "two"))
    ours = [p for p in first.rglob("*") if p.is_file() and p.relative_to(first).as_posix().startswith(OURS)
            or p.name == "feed.xml"]
    assert len(ours) > 20
    for path in ours:
        assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path.relative_to(first)
