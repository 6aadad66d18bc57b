"""The repository's own site, built strictly: every case reachable from its
theme and district pages, meetings and cases linked both ways."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import links_in


@pytest.fixture
def site(real_site) -> Path:
    return real_site  # built once per session (conftest)


def links_of(site: Path, page: str) -> set[str]:
    """Site-relative paths of the pages ``page`` links to."""
    path = site / page / "index.html"
    out = set()
    for href in links_in(path).hrefs:
        if "://" in href or href.startswith(("#", "mailto:")):
            continue
        target = (path.parent / href.split("#")[0]).resolve()
        out.add(target.relative_to(site.resolve()).as_posix().removesuffix("/index.html"))
    return out


def test_every_case_is_reachable_from_its_theme_and_district_pages(site, real_collection):
    for case in real_collection:
        page = f"cases/{case.id}"
        for theme in case.themes:
            assert page in links_of(site, f"themes/{theme}"), (case.id, theme)
        for district in case.district_list:
            assert page in links_of(site, f"districts/{district.slug}"), (case.id, district.name)


def test_meetings_link_their_cases_and_cases_show_the_meeting(site, real_collection):
    assert len(real_collection.meetings) >= 3
    for meeting in real_collection.meetings:
        meeting_page = meeting.page_uri.removesuffix(".md")
        linked = links_of(site, meeting_page)
        for case_id in meeting.case_ids:
            assert f"cases/{case_id}" in linked, (meeting_page, case_id)
            case_html = (site / "cases" / case_id / "index.html").read_text(encoding="utf-8")
            assert "Discussed at" in case_html
            assert meeting_page in links_of(site, f"cases/{case_id}"), (case_id, meeting_page)


def test_home_page_offers_the_ways_in(site, real_collection):
    linked = links_of(site, ".")
    assert {"themes", "districts", "states"} <= linked
    newest = real_collection.recent(1)[0]
    assert f"cases/{newest.id}" in linked


def test_the_home_page_counts_states_as_its_map_does(site, real_collection):
    """"In N states" leaves out "US" (the sources do not say which state), as the map beside it does."""
    html = (site / "index.html").read_text(encoding="utf-8")
    named = [state for state in real_collection.by_state if state != "US"]
    assert f"{len(real_collection.cases)} cases from {len(real_collection.districts)} districts in {len(named)} states" in html
    assert f"{len(named)} states have cases" in html
    states = re.findall(r'<a href="states/([a-z]{2})/">([^<]+)</a> \(\d+\)', html)
    assert [label for _, label in states] == sorted(label for _, label in states)  # by name, as /states/ lists them


def test_a_meeting_named_with_its_date_is_not_dated_twice(site, real_collection):
    for case in real_collection:
        for meeting in real_collection.discussed_at(case):
            html = (site / "cases" / case.id / "index.html").read_text(encoding="utf-8")
            shown = re.search(rf'>{re.escape(meeting.title)}</a>([^<]*)', html).group(1)
            expected = "" if meeting.title.endswith(meeting.dates_text) else f", {meeting.dates_text}"
            assert shown.split(" · ")[0] == expected, (case.id, meeting.id, shown)


def test_a_citation_says_what_its_date_is(site, real_collection):
    """"Last reviewed" only for a case someone checked against its sources (`reviewed`)."""
    for case in real_collection:
        html = (site / "cases" / case.id / "index.html").read_text(encoding="utf-8")
        data = case.doc.data
        label = "Last reviewed" if data.get("reviewed") else "Last updated" if data.get("updated") else "Added"
        date = data.get("reviewed") or data.get("updated") or data["added"]
        assert f'<p>{label} <time datetime="{date}">' in html, case.id
