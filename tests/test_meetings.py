"""Meeting summaries as a consortium writes them: one file in docs/meetings/,
front matter and a short body, and nothing else touched. The file validates
alone and with the rest, gets a page generated from the validated model (MkDocs
never reads the file), and appears on /meetings/, on its convening body's page,
in the data, in the meetings feed and on each of its cases."""
from __future__ import annotations

import csv
import io
import json

import feedparser
import jsonschema
import pytest
from conftest import REPO, build, casebook, make_project
from district_casebook.model.dates import dates_text
from lxml import html as lxml_html
from referencing import Registry, Resource

BASE = "https://district-casebook.github.io/"
MEETING = "docs/meetings/fall-convening-2024.md"
MEETING_TEXT = """---
title: "Fall Convening 2024: Grading and Attendance"
convened_by: Capital Region Network
dates:
  start: 2024-10-03
  end: 2024-10-04
place: Albany, New York
cases:
  - shelbyville-grading
  - springfield-attendance
sources:
  - title: Fall Convening Notes
    publisher: Capital Region Network
    year: 2024
    type: meeting-summary
---

Teams from six districts met for two days.

## Attendance

Springfield's teacher teams, in [[springfield-attendance]], opened the second day.
"""
CASES = {"shelbyville-grading": "Shelbyville rethinks grades & reports {A-F} <50%",
         "springfield-attendance": "Springfield brings teachers into an attendance push"}


def page(site, path: str):
    return lxml_html.fromstring((site / path / "index.html").read_text(encoding="utf-8"))


def text(element) -> str:
    return " ".join(element.text_content().split())


@pytest.fixture(scope="module")
def consortium(tmp_path_factory):
    """The test project plus one meeting written as a consortium would, built strictly."""
    project = make_project(tmp_path_factory.mktemp("consortium") / "project")
    (project / MEETING).write_text(MEETING_TEXT, encoding="utf-8")
    return project, build(project)


def test_the_meeting_validates_alone_and_with_the_rest(consortium):
    project, _ = consortium
    alone = casebook("validate", MEETING, cwd=project)
    assert (alone.returncode, alone.stdout) == (0, ""), alone.stdout + alone.stderr
    assert "Checked 3 case file(s) and 2 meeting summary(ies)" in alone.stderr and "no problems" in alone.stderr
    everything = casebook("validate", cwd=project)
    assert (everything.returncode, everything.stdout) == (0, ""), everything.stdout + everything.stderr


def test_the_meeting_page_has_every_part(consortium):
    _, site = consortium
    root = page(site, "meetings/fall-convening-2024")
    content = root.xpath("//article[contains(@class, 'md-content__inner')]")[0]
    assert [text(h) for h in content.xpath(".//h1")] == ["Fall Convening 2024: Grading and Attendance¶"]
    assert [a.get("href") for a in content.xpath(".//p[contains(@class, 'cb-breadcrumb')]/a")] == \
        ["../../", "../", "../by/capital-region-network/"]
    facts = dict(zip([text(dt) for dt in content.xpath(".//dl/dt")], content.xpath(".//dl/dd")))
    assert facts["Convened by"].xpath("a/@href") == ["../by/capital-region-network/"]
    assert text(facts["Dates"]) == "3–4 October 2024" and text(facts["Place"]) == "Albany, New York"
    cards = content.xpath(".//article[contains(@class, 'cb-card')]")
    assert [card.xpath(".//h3/a[1]/@href")[0] for card in cards] == \
        ["../../cases/shelbyville-grading/", "../../cases/springfield-attendance/"]
    assert "Shelbyville Unified (CA) · since 2012" in text(cards[0])  # districts and years
    assert "Teachers and the union wrote a new grading policy." in text(cards[0])  # the case's summary
    body = content.xpath(".//p[contains(., 'opened the second day')]")[0]
    assert body.xpath("a/@href") == ["../../cases/springfield-attendance/"] and CASES["springfield-attendance"] in \
        text(body)  # [[id]] became a link with the case's title
    assert "Teams from six districts met for two days." in text(content)
    assert "Fall Convening Notes" in text(content.xpath(".//h2[@id='sources']/following-sibling::ol")[0])
    assert root.xpath("//a[@rel='edit']/@href") == \
        ["https://github.com/district-casebook/district-casebook/edit/main/docs/meetings/fall-convening-2024.md"]


def test_meetings_list_newest_first_and_the_conveners_page(consortium):
    _, site = consortium
    listed = page(site, "meetings").xpath("//div[contains(@class, 'cb-case-list')]//li/a[1]/@href")
    assert listed == ["fall-convening-2024/", "spring-meeting/"]  # 2024 before 2012
    convener = page(site, "meetings/by/capital-region-network")
    hrefs = convener.xpath("//article//a/@href")
    assert "../../fall-convening-2024/" in hrefs and "../../spring-meeting/" not in hrefs
    assert {"../../../cases/shelbyville-grading/", "../../../cases/springfield-attendance/"} <= set(hrefs)
    assert "Meetings" in [text(a) for a in page(site, "").xpath("//nav//a")]  # the nav entry still leads here


def test_the_meeting_is_in_the_data_and_the_feed(consortium):
    _, site = consortium
    meetings = json.loads((site / "api/meetings.json").read_text(encoding="utf-8"))
    record = next(m for m in meetings["meetings"] if m["id"] == "fall-convening-2024")
    assert record["url"] == BASE + "meetings/fall-convening-2024/"
    assert record["convener_url"] == BASE + "meetings/by/capital-region-network/"
    assert record["cases"] == list(CASES) and record["dates"] == {"start": "2024-10-03", "end": "2024-10-04"}
    assert record["summary"].startswith("Teams from six districts")
    one = json.loads((site / "api/meetings/fall-convening-2024.json").read_text(encoding="utf-8"))
    assert one == {"version": 1, "meeting": record}
    feed = feedparser.parse((site / "meetings/feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [e.link for e in feed.entries] == [BASE + "meetings/fall-convening-2024/", BASE + "meetings/spring-meeting/"]
    assert feed.entries[0].published == "2024-10-03T00:00:00Z"
    assert "Capital Region Network, 3–4 October 2024, Albany, New York." == feed.entries[0].summary


def test_each_case_says_where_it_was_discussed(consortium):
    _, site = consortium
    for case_id in CASES:
        facts = page(site, f"cases/{case_id}").xpath("//dt[.='Discussed at']/following-sibling::dd[1]/a/@href")
        assert "../../meetings/fall-convening-2024/" in facts, case_id
        record = json.loads((site / f"api/cases/{case_id}.json").read_text(encoding="utf-8"))["case"]
        assert {"id": "fall-convening-2024", "title": "Fall Convening 2024: Grading and Attendance",
                "url": BASE + "meetings/fall-convening-2024/"} in record["discussed_at"]
    ogdenville = json.loads((site / "api/cases/ogdenville-restorative.json").read_text(encoding="utf-8"))["case"]
    assert [m["id"] for m in ogdenville["discussed_at"]] == ["spring-meeting"]  # named there by its former id


def _validator(site, name: str) -> jsonschema.Draft202012Validator:
    schemas = [json.loads((site / "api" / n).read_text(encoding="utf-8"))
               for n in ("cases.schema.json", "case.schema.json", "meetings.schema.json", "meeting.schema.json")]
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)
    schema = json.loads((site / "api" / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, registry=registry, format_checker=jsonschema.FormatChecker())


def test_the_meeting_data_validates_against_the_published_schemas(consortium):
    _, site = consortium
    for data, schema in (("meetings.json", "meetings.schema.json"), ("meetings/fall-convening-2024.json",
                                                                   "meeting.schema.json"),
                         ("cases.json", "cases.schema.json")):
        document = json.loads((site / "api" / data).read_text(encoding="utf-8"))
        assert list(_validator(site, schema).iter_errors(document)) == [], data
    broken = json.loads((site / "api/meetings.json").read_text(encoding="utf-8"))
    del broken["meetings"][0]["convener_url"]
    broken["meetings"][1]["dates"]["start"] = "October 2024"
    assert len(list(_validator(site, "meetings.schema.json").iter_errors(broken))) == 2


def test_the_meetings_csv_has_the_json_field_names(consortium):
    _, site = consortium
    rows = list(csv.DictReader(io.StringIO((site / "api/meetings.csv").read_text(encoding="utf-8"), newline="")))
    assert list(rows[0])[:6] == ["title", "convened_by", "dates.start", "dates.end", "place", "cases"]
    assert list(rows[0])[-4:] == ["id", "url", "convener_url", "summary"]
    row = next(r for r in rows if r["id"] == "fall-convening-2024")
    assert (row["dates.start"], row["dates.end"], row["place"], row["cases"], row["sources.title"]) == \
        ("2024-10-03", "2024-10-04", "Albany, New York", "shelbyville-grading; springfield-attendance",
         "Fall Convening Notes")
    cases = list(csv.DictReader(io.StringIO((site / "api/cases.csv").read_text(encoding="utf-8"), newline="")))
    springfield = next(r for r in cases if r["id"] == "springfield-attendance")
    assert springfield["discussed_at.id"] == "fall-convening-2024"


def test_mkdocs_never_reads_a_meetings_front_matter(tmp_path, no_warnings):
    """What MkDocs' own YAML reader would make of the file never reaches the page: `Off` stays a
    title (MkDocs reads false), and a comment holding HTML stays a comment."""
    project = make_project(tmp_path / "p")
    (project / "docs/meetings/off.md").write_text(MEETING_TEXT.replace(
        'title: "Fall Convening 2024: Grading and Attendance"', 'title: Off\n# <em id="leak">comment</em>'),
        encoding="utf-8")
    site = build(project)
    built = (site / "meetings/off/index.html").read_text(encoding="utf-8")
    assert "<title>Off - District Casebook</title>" in built and 'id="leak"' not in built
    assert [text(h) for h in lxml_html.fromstring(built).xpath("//article//h1")] == ["Off¶"]


def test_validate_checks_a_meeting_as_a_meeting(tmp_path):
    project = make_project(tmp_path / "p")
    alone = casebook("validate", "docs/meetings/spring-meeting.md", cwd=project)
    assert (alone.returncode, alone.stdout) == (0, ""), alone.stdout  # was 22 problems of a case
    (project / MEETING).write_text(MEETING_TEXT.replace("end: 2024-10-04", "end: 2024-09-30")
                                   .replace("  - springfield-attendance", "  - springfeld-attendance")
                                   .replace("Teams from six", "<<What the meeting was>> Teams from six"),
                                   encoding="utf-8")
    result = casebook("validate", MEETING, cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        "docs/meetings/fall-convening-2024.md:6: dates.end: '2024-09-30' is before start ('2024-10-03'). "
        "Correct one of the two: 'end' is on or after 'start'.",
        "docs/meetings/fall-convening-2024.md:10: cases[1]: No case has the id 'springfeld-attendance'. "
        "Did you mean 'springfield-attendance'?",
        "docs/meetings/fall-convening-2024.md:18: The body still holds the template's placeholder "
        "'<<What the meeting was>>'. Write the section in its place."]
    assert "Checked 3 case file(s) and 2 meeting summary(ies)" in result.stderr


@pytest.mark.parametrize("name, expected", [
    ("index.md", "docs/meetings/index.md:1: The build generates the list of meetings (/meetings/) at this file's "
                 "address, so a hand-written file here would hide it. Delete the file, or rename it if it is a "
                 "meeting summary."),
    ("Fall Meeting.md", "docs/meetings/Fall Meeting.md:1: 'Fall Meeting.md' cannot be a meeting's address: "
                        "/meetings/Fall Meeting/. Rename the file in lowercase words joined by hyphens, like "
                        "'spring-convening-2024.md'.")])
def test_a_file_that_cannot_be_a_meeting_is_a_problem(tmp_path, name, expected):
    project = make_project(tmp_path / "p")
    (project / "docs/meetings" / name).write_text("# Meetings\n", encoding="utf-8")
    result = casebook("validate", cwd=project)
    assert result.returncode == 1 and result.stdout.splitlines() == [expected]


@pytest.mark.parametrize("start, end, expected", [
    ("2024-05", None, "May 2024"), ("2023-12-03", "2023-12-05", "3–5 December 2023"),
    ("2012-06-28", "2012-06-29", "28–29 June 2012"), ("2012-06-30", "2012-07-02", "30 June – 2 July 2012"),
    ("2023-12-30", "2024-01-02", "30 December 2023 – 2 January 2024"), ("2024-05", "2024-06", "May–June 2024"),
    ("2023-12-03", None, "3 December 2023"), ("2023-12-03", "2023-12-03", "3 December 2023"),
    ("2024-05-30", "2024-06", "30 May 2024 – June 2024")])
def test_dates_read_as_people_read_them(start, end, expected):
    assert dates_text(start, end) == expected


def test_docs_meetings_holds_meeting_summaries_only(tmp_path):
    project = make_project(tmp_path / "p")
    (project / "docs/meetings/slides.svg").write_text("<svg/>", encoding="utf-8")
    (project / "docs/meetings/extra").mkdir()
    (project / "docs/meetings/.gitkeep").write_text("", encoding="utf-8")  # hidden: MkDocs never publishes it
    result = casebook("validate", cwd=project)
    lines = result.stdout.splitlines()  # checking/contributor_paths.py: what may be where
    assert result.returncode == 1 and len(lines) == 2
    assert lines[0].startswith("docs/meetings/extra:1: docs/meetings/ holds no folders")
    assert lines[1].startswith("docs/meetings/slides.svg:1: ") and "'.svg' file" in lines[1]


def test_one_spelling_per_convening_body(tmp_path):
    project = make_project(tmp_path / "p")
    (project / MEETING).write_text(MEETING_TEXT.replace("Capital Region Network", "Example collaborative"),
                                   encoding="utf-8")
    result = casebook("validate", cwd=project)
    assert result.returncode == 1 and result.stdout.splitlines() == [
        "docs/meetings/spring-meeting.md:3: convened_by: 'Example Collaborative' and 'Example collaborative' "
        "(docs/meetings/fall-convening-2024.md) make one page, /meetings/by/example-collaborative/. "
        "Spell the convening body the same way in both files."]


def test_the_title_is_the_pages_one_heading(tmp_path):
    """A first `# heading` repeating the title is left out of the page; any other is a problem."""
    project = make_project(tmp_path / "p")
    meeting = project / "docs/meetings/spring-meeting.md"
    assert casebook("validate", cwd=project).returncode == 0  # its body starts with '# Spring meeting'
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("title: Spring meeting", "title: Spring talks")
                       + "\n```\n# a comment in a code block\n```\n", encoding="utf-8")
    result = casebook("validate", cwd=project)
    assert result.stdout.splitlines() == [
        "docs/meetings/spring-meeting.md:11: The page's heading is its `title`; a `#` heading in the summary "
        "would be a second one. Use `##` for the parts of the meeting, or remove the line if it repeats the title."]


def test_the_meeting_page_describes_itself_as_a_schema_org_event(consortium):
    _, site = consortium
    root = page(site, "meetings/fall-convening-2024")
    event = json.loads(root.xpath("//script[@type='application/ld+json']/text()")[0])
    assert (event["@type"], event["name"], event["startDate"], event["endDate"]) == \
        ("Event", "Fall Convening 2024: Grading and Attendance", "2024-10-03", "2024-10-04")
    assert event["organizer"] == {"@type": "Organization", "name": "Capital Region Network",
                                  "url": BASE + "meetings/by/capital-region-network/"}
    assert event["location"] == {"@type": "Place", "name": "Albany, New York"}
    assert [a["url"] for a in event["about"]] == [BASE + f"cases/{case_id}/" for case_id in CASES]
    discussed = page(site, "cases/springfield-attendance").xpath("//dt[.='Discussed at']/following-sibling::dd[1]")
    assert text(discussed[0]) == "Fall Convening 2024: Grading and Attendance, 3–4 October 2024"


def test_editors_get_the_meeting_schema(tmp_path):
    """`casebook schema --meeting`: draft-07, every reference written out, and it agrees with the
    validator on the real meetings and on a wrong date."""
    from district_casebook.reading import documents
    result = casebook("schema", "--meeting", cwd=REPO)
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#" and "$ref" not in result.stdout
    check = jsonschema.Draft7Validator(schema)
    for path in sorted((REPO / "docs" / "meetings").glob("*.md")):
        assert list(check.iter_errors(documents.read(path, path.name).data)) == [], path.name
    wrong = documents.read(REPO / "docs/meetings/meeting-19-leadership-for-change.md", "x").data
    wrong["dates"] = {"start": "June 2012"}
    assert [e.absolute_path[-1] for e in check.iter_errors(wrong)] == ["start"]
