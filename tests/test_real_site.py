"""The repository's own site, built strictly: every case reachable from its
theme and district pages, meetings and cases linked both ways."""
from __future__ import annotations

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
