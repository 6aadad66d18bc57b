"""Search that answers honestly, in Chromium against the real built site.

The RELEVANCE TABLE: queries a district leader might type, written from the
cases' problems (not their titles), each with the case that must come first
or within the first three; and queries that must find nothing at all, not a
page of pages matching a stray letter (Pagefind's own fallback). The search
page's other promises are tested below it: cases first with their facts,
other pages labelled, guides for contributors only when asked for, ten
results a load, the no-results state offering the finder and every theme."""
from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from browser_support import SiteServer, build_site
from conftest import REPO
from district_casebook.search import fulltext
from playwright.sync_api import expect

# (query, the case that must come first, or must be within the first three)
FIRST, TOP3 = 1, 3
RELEVANCE = [
    ("alternatives to zero-tolerance discipline", "oakland-restorative-justice", FIRST),
    ("grades did not match state tests", "garden-grove-grading-reform", FIRST),
    ("no bench of prepared candidates", "fresno-leadership-cohort", FIRST),
    ("lend assistant principals to another district", "long-beach-lending-leaders-across-districts", TOP3),
    ("school plans sit as compliance documents", "alameda-spsa-teacher-led-plcs", FIRST),
    ("teacher teams diagnose struggling students", "new-york-city-sam-inquiry-teams", TOP3),
    ("school goals strategic plan ESSA", "northwest-isd-school-goals-alignment", FIRST),
    ("removed the wall between classrooms", "pomona-armstrong-co-teaching", FIRST),
    ("over-identifying Black students as emotionally disturbed", "pomona-pbis-teacher-coaches", FIRST),
    ("which schools are ready for teacher leadership", "pomona-school-readiness-for-teacher-leadership", TOP3),
    ("master schedule substitutes", "pomona-spreading-teacher-expertise", FIRST),
    ("find time set a single priority", "richland-two-time-priority-one-team", FIRST),
    ("reduce variation in instruction Common Core", "sacramento-common-core-capacity", TOP3),
    ("principals present to the superintendent's cabinet", "sanger-principal-summits", FIRST),
    ("improvement keeps momentum when a leader leaves", "stone-creek-one-leader-to-many", FIRST),
    ("micro-credentials for instructional assistants", "wake-county-micro-credentials", FIRST),
    ("rural Title I school stuck", "walker-gamble-sc-collective-leadership", FIRST),
    ("lesson expectations with the teachers union", "fresno-accountable-communities", TOP3),
    ("restorativ", "oakland-restorative-justice", FIRST),  # a word being typed: its prefix finds it
]
# Words in no page of the site: each must give nothing, and say so.
NOTHING = ["absenteeism", "burnout", "pipline", "chronic", "cafeteria", "xylophone cafeteria"]


@pytest.fixture(scope="module", params=["one bundle", "bundles of 10 pages"])
def server(request, tmp_path_factory):
    """The real site, its index in one bundle as it is today, and in bundles of 10 pages as at
    10,000 cases (fulltext.PAGES_PER_BUNDLE): the search page merges them and must answer alike."""
    site = tmp_path_factory.mktemp("search-site")
    with SiteServer(site) as running, pytest.MonkeyPatch.context() as patch:
        if request.param != "one bundle":
            patch.setattr(fulltext, "PAGES_PER_BUNDLE", 10)
        build_site(REPO, site, site_url=running.url)
        bundles = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
        assert (len(bundles) == 1) == (request.param == "one bundle"), bundles
        yield running


def searched(visit, query: str, extra: str = "") -> str:
    """Opens the search page for ``query``; returns the status line once the answer is shown."""
    visit.open(f"search/?q={quote(query)}{extra}")
    status = visit.page.locator(".cb-search__status")
    expect(status).not_to_have_text(re.compile(r"^(|Searching.*)$"), timeout=20_000)
    return status.text_content()


def result_paths(visit) -> list[str]:
    return visit.page.locator(".cb-search__result h2 a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)")


@pytest.mark.parametrize(("query", "case_id", "within"), RELEVANCE, ids=[row[0] for row in RELEVANCE])
def test_relevance_table(visit, query, case_id, within):
    searched(visit, query)
    paths = result_paths(visit)
    assert f"/cases/{case_id}/" in paths[:within], f"{query!r}: first results {paths[:5]}"


@pytest.mark.parametrize("query", NOTHING)
def test_words_in_no_case_find_nothing_and_offer_the_finder_and_themes(visit, query):
    said = searched(visit, query)
    assert result_paths(visit) == []
    assert "No page contains" in said and "Nothing found" in said, said
    nothing = visit.page.locator(".cb-search__nothing")
    expect(nothing).to_be_visible()
    expect(nothing.get_by_role("link", name="The case finder")).to_have_attribute("href", "../finder/")
    themes = nothing.locator("a[href^='../themes/']")
    assert themes.count() == 1 + 16, "the themes index and every theme"


def test_a_missing_word_is_named_and_the_rest_still_searched(visit):
    said = searched(visit, "principals overloaded")
    assert said.startswith("No page contains “overloaded”."), said
    assert "for “principals”" in said
    assert result_paths(visit)


def test_cases_come_first_with_their_facts_and_other_pages_are_labelled(visit, real_collection):
    searched(visit, "restorative")
    items = visit.page.locator(".cb-search__result")
    first = items.first
    oakland = real_collection.cases["oakland-restorative-justice"]  # the years as every page writes them
    expect(first.locator(".cb-search__facts")).to_have_text(
        f"Oakland Unified School District · California · {oakland.year_span}")
    expect(first.locator(".cb-search__summary")).to_contain_text("Oakland sought alternatives to zero-tolerance")
    kinds = items.evaluate_all("items => items.map(li => (li.querySelector('.cb-search__kind') || {}).textContent || 'Case')")
    assert kinds[0] == "Case" and "Theme" in kinds and "Meeting" in kinds
    assert kinds == sorted(kinds, key=lambda kind: kind != "Case"), "cases first"
    # No excerpt is a line of the facts panel.
    excerpts = items.locator(".cb-search__excerpt").all_text_contents()
    assert not any("Who acts" in text or " · Teachers · " in text for text in excerpts), excerpts
    expect(first.locator(".cb-search__excerpt mark").first).to_have_text(re.compile("^restorative", re.I))


def test_guides_for_contributors_only_when_asked(visit):
    said = searched(visit, "aliases")
    assert "/contributing/" not in result_paths(visit), said
    visit.page.get_by_label("Include the guides for contributors").check()
    expect(visit.page.locator(".cb-search__kind", has_text="Contributor guide").first).to_be_visible()
    assert "guides=1" in visit.page.url


def test_ten_results_a_load_then_more(visit):
    said = searched(visit, "teacher")
    total = int(re.match(r"(\d+) cases", said).group(1))
    assert total > 10
    expect(visit.page.locator(".cb-search__result")).to_have_count(10)
    more = visit.page.get_by_role("button", name="Show 10 more results")
    more.click()
    expect(visit.page.locator(".cb-search__result")).to_have_count(min(20, total + int(re.search(r"(\d+) other", said).group(1))))
    expect(visit.page.locator(".cb-search__result h2 a").nth(10)).to_be_focused()


def test_the_search_page_has_no_accessibility_violation(visit):
    searched(visit, "restorative")
    assert visit.axe_violations() == []
    searched(visit, "absenteeism")
    assert visit.axe_violations() == []
