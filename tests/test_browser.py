"""The repository's real site in a real browser (Debian's Chromium through
Playwright): full-text search, the case finder, accessibility (axe-core),
phone width, and no request outside the site's own origin."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import ARTIFACTS, new_visit
from playwright.sync_api import expect

OAKLAND = "oakland-restorative-justice"
PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def case_ids(page) -> list[str]:
    hrefs = page.locator(".cb-finder__results a").evaluate_all("links => links.map(a => a.href)")
    return [re.search(r"/cases/([^/]+)/$", href).group(1) for href in hrefs]


def show_every_result(page) -> None:
    more = page.locator(".cb-finder__show-more")
    while more.is_visible():
        more.click()


def says(page, count: int):
    """The live result count reads '<count> case(s) match your selection.'"""
    expect(page.get_by_role("status")).to_have_text(re.compile(rf"^{count} cases? match"))


def theme_and_state(collection) -> tuple[str, str, set[str]]:
    """A theme and a state that each narrow the other's cases (so both filters
    are seen at work), the pair with the most cases; computed by the core."""
    pairs = {}
    for case in collection:
        for theme in case.themes:
            for state in case.states:
                pairs.setdefault((theme, state), set()).add(case.id)

    def narrows(item) -> bool:
        (theme, state), ids = item
        return len(ids) < len(collection.by_theme[theme]) and len(ids) < len(collection.by_state[state])
    candidates = [item for item in pairs.items() if narrows(item)] or list(pairs.items())
    (theme, state), ids = max(candidates, key=lambda item: (len(item[1]), item[0]))
    return theme, state, ids


# ---- Full-text search


def test_header_search_finds_oakland_first(visit):
    visit.open("")
    visit.page.get_by_role("searchbox", name="Search the casebook").fill("restorative")
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_url(re.compile(r"/search/\?q=restorative$"))
    first = visit.page.locator(".cb-search__result a").first
    expect(first).to_have_attribute("href", re.compile(rf"/cases/{OAKLAND}/$"))
    expect(visit.page.locator(".cb-search__status")).to_contain_text("restorative")


# ---- The case finder


def test_finder_theme_and_state_show_exactly_the_matching_cases(visit, real_collection):
    theme, state, expected = theme_and_state(real_collection)
    visit.open("finder/")
    page = visit.page
    expect(page.get_by_role("status")).to_contain_text(f"{len(real_collection)} cases in the casebook")
    page.locator(f"input[name=theme][value='{theme}']").check()
    page.locator(f"input[name=state][value='{state}']").check()
    says(page, len(expected))
    show_every_result(page)
    assert set(case_ids(page)) == expected
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"theme": [theme], "state": [state]}

    page.reload()
    says(page, len(expected))
    expect(page.locator(f"input[name=theme][value='{theme}']")).to_be_checked()
    expect(page.locator(f"input[name=state][value='{state}']")).to_be_checked()
    show_every_result(page)
    assert set(case_ids(page)) == expected


def test_finder_counts_follow_the_selection(visit, real_collection):
    theme, state, expected = theme_and_state(real_collection)
    visit.open(f"finder/?theme={theme}")
    count = visit.page.locator(f"input[name=state][value='{state}'] ~ .cb-finder__count")
    expect(count).to_have_text(re.compile(rf"^{len(expected)} cases?$"))
    with_theme = sum(theme in case.themes for case in real_collection)
    theme_count = visit.page.locator(f"input[name=theme][value='{theme}'] ~ .cb-finder__count")
    expect(theme_count).to_have_text(re.compile(rf"^{with_theme} cases?$"))  # a filter's own ticks do not shrink it


def test_finder_any_within_a_filter_all_across(visit, real_collection):
    first, second = sorted(real_collection.by_theme, key=lambda t: -len(real_collection.by_theme[t]))[:2]
    level = real_collection.cases[OAKLAND].level
    visit.open(f"finder/?theme={first},{second}&level={level}")
    expected = {c.id for c in real_collection if {first, second} & set(c.themes) and c.level == level}
    says(visit.page, len(expected))
    show_every_result(visit.page)
    assert set(case_ids(visit.page)) == expected


def test_finder_words_and_years_narrow_the_list(visit, real_collection):
    oakland = real_collection.cases[OAKLAND]
    visit.open("finder/")
    visit.page.get_by_label("Words").fill(oakland.title)
    says(visit.page, 1)
    assert case_ids(visit.page) == [OAKLAND]
    expect(visit.page).to_have_url(re.compile(r"[?&]q=Oakland%20"))
    visit.open(f"finder/?q=oakland&to={oakland.period.first - 1}")
    expect(visit.page.get_by_label("To", exact=True)).to_have_value(str(oakland.period.first - 1))  # the list is drawn
    expect(visit.page.get_by_role("status")).to_contain_text("match")
    assert OAKLAND not in case_ids(visit.page)


def test_finder_years_filter_leaves_out_unknown_years_and_says_so(visit, real_collection):
    undated = {c.id for c in real_collection if c.period.first is None}
    dated = {c.id for c in real_collection if c.period.first is not None}
    assert undated and dated
    visit.open("finder/")
    expect(visit.page.get_by_role("status")).to_have_text(f"{len(real_collection)} cases in the casebook.")
    show_every_result(visit.page)
    for case in real_collection:  # each result writes its years as the case page does
        item = visit.page.locator(f".cb-finder__result:has(a[href$='cases/{case.id}/']) .cb-finder__where")
        expect(item).to_have_text(re.compile(re.escape(f", {case.year_span}") + "$"))
    visit.open("finder/?from=1900&to=2100")
    says(visit.page, len(dated))
    expect(visit.page.get_by_role("status")).to_contain_text(
        f"The years filter leaves out {len(undated)} cases whose sources give no year.")
    show_every_result(visit.page)
    assert set(case_ids(visit.page)) == dated


def test_finder_works_from_the_keyboard(visit, real_collection):
    theme, _, _ = theme_and_state(real_collection)
    visit.open("finder/")
    box = visit.page.locator(f"input[name=theme][value='{theme}']")
    box.focus()
    visit.page.keyboard.press("Space")
    expect(box).to_be_checked()
    says(visit.page, len(real_collection.by_theme[theme]))
    assert visit.page.get_by_role("group", name="Theme").is_visible()  # a fieldset with its legend


def test_finder_without_javascript_points_to_the_indexes(browser, server):
    visit = new_visit(browser, server.url, java_script_enabled=False)
    visit.open("finder/")
    note = visit.page.locator(".cb-nojs")
    expect(note).to_contain_text("needs JavaScript")
    hrefs = note.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == ["../themes/", "../districts/", "../states/"]
    visit.page.context.close()


def test_finder_at_phone_width_and_screenshots(browser, server, real_collection):
    ARTIFACTS.mkdir(exist_ok=True)
    theme, state, _ = theme_and_state(real_collection)
    for name, options in (("desktop", {"viewport": {"width": 1280, "height": 900}}), ("phone", PHONE)):
        visit = new_visit(browser, server.url, **options)
        visit.open(f"finder/?theme={theme}")
        expect(visit.page.get_by_role("status")).to_contain_text("match")
        width = visit.page.evaluate("document.documentElement.scrollWidth")
        assert width <= options["viewport"]["width"], f"{name}: the page scrolls sideways ({width}px)"
        visit.page.screenshot(path=str(ARTIFACTS / f"finder-{name}.png"), full_page=True)
        assert visit.axe_violations() == [], name
        assert not visit.problems(), visit.problems()
        visit.page.context.close()
    assert (ARTIFACTS / "finder-phone.png").stat().st_size > 10_000


# ---- Every page: accessibility, origin, console


@pytest.mark.parametrize("path", ["", f"cases/{OAKLAND}/", "themes/school-climate-and-discipline/",
                                  "finder/", "search/?q=restorative", "meetings/",
                                  "meetings/meeting-19-leadership-for-change/",
                                  "meetings/by/california-collaborative-on-district-reform/"])
def test_no_accessibility_violation(visit, path):
    visit.open(path)
    visit.page.wait_for_load_state("networkidle")
    assert visit.axe_violations() == []
