"""What a district leader sees, in Chromium against the real built site: the
finder's keyboard focus, skip link, empty state, counts, themes and
summaries; case pages' link controls, folded citation and printing; state
codes in capitals, the 404 page and the home page's contributing link; and
axe-core on every kind of page."""
from __future__ import annotations

import re

import pytest
from browser_support import new_visit
from district_casebook.model import summaries
from playwright.sync_api import expect

OAKLAND = "oakland-restorative-justice"


def finder(visit, query: str = ""):
    visit.open("finder/" + query)
    expect(visit.page.get_by_role("status")).to_contain_text(re.compile(r"case|No case"))
    return visit.page


# ---- The finder


def test_every_finder_control_shows_keyboard_focus(visit):
    page = finder(visit)
    box = page.locator("input[name=theme]").first
    label = page.locator(".cb-finder__values label").first
    page.locator("#cb-finder-words").focus()
    page.keyboard.press("Tab")  # to the next control, as a keyboard user would, so :focus-visible applies
    while page.evaluate("document.activeElement.name") != "theme":
        page.keyboard.press("Tab")
    assert box.evaluate("b => b === document.activeElement")
    focused = label.screenshot()
    style = label.evaluate("l => getComputedStyle(l).outlineStyle + ' ' + getComputedStyle(l).outlineWidth")
    page.evaluate("document.activeElement.blur()")
    unfocused = label.screenshot()
    assert focused != unfocused, "a focused box looks exactly like an unfocused one"
    assert not style.startswith("none"), style
    for selector in ("#cb-finder-words", "#cb-finder-sort", ".cb-finder__values input", "#cb-finder-from"):
        control = page.locator(selector).first
        control.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        outline = control.evaluate("c => getComputedStyle(c).outlineStyle")
        assert outline != "none", selector


def test_skip_to_results_after_ticking_a_box(visit, real_collection):
    page = finder(visit)
    theme = next(iter(real_collection.vocabularies["themes"].terms))
    box = page.locator(f"input[name=theme][value='{theme}']")
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    tabs = 0
    while page.evaluate("document.activeElement.textContent") != "Skip to the results":
        page.keyboard.press("Tab")
        tabs += 1
        assert tabs <= len(real_collection.vocabularies["themes"].terms), "no skip link after the theme filter"
    expect(page.locator(".cb-finder__skip:focus")).to_be_visible()
    page.keyboard.press("Enter")
    first = page.locator(".cb-finder__results a").first
    expect(first).to_be_focused()


def test_zero_results_keep_the_ticked_values_and_offer_to_clear_each_or_all(visit, real_collection):
    states = sorted(real_collection.by_state)
    theme = next(t for t in real_collection.vocabularies["themes"].terms
                 if not {c.id for c in real_collection.by_theme.get(t, [])} & {c.id for c in real_collection.by_state["NY"]})
    page = finder(visit, f"?theme={theme}&state=NY")
    expect(page.get_by_role("status")).to_have_text(re.compile("^No case matches"))
    expect(page.locator(f"input[name=theme][value='{theme}']")).to_be_checked()
    expect(page.locator("input[name=state][value='NY']")).to_be_checked()
    expect(page.locator(f"input[name=theme][value='{theme}']")).to_be_visible()
    legends = page.locator("fieldset.cb-finder__facet:visible")
    for i in range(legends.count()):
        assert legends.nth(i).locator("li:visible, input[type=number]").count() > 0, "an empty legend"
    label = real_collection.vocabularies["themes"].label(theme)
    page.get_by_role("button", name=f"Remove Theme: {label}").click()
    expect(page.get_by_role("status")).to_have_text(re.compile(rf"^{len(real_collection.by_state['NY'])} cases? match"))
    page.go_back()
    expect(page.get_by_role("status")).to_have_text(re.compile("^No case matches"))
    page.get_by_role("button", name="Clear all", exact=True).click()
    expect(page.get_by_role("status")).to_have_text(f"{len(real_collection)} cases in the casebook.")
    assert len(states) > 1


def test_counts_mean_what_the_introduction_says(visit, real_collection):
    page = finder(visit, "?state=CA")
    intro = page.locator("article p", has_text="The number beside each value").text_content()
    assert "how many of the cases matching your other filters have that value" in intro
    california = {c.id for c in real_collection.by_state["CA"]}
    for state, cases in real_collection.by_state.items():  # the state filter's other ticks do not count
        count = page.locator(f"input[name=state][value='{state}'] ~ .cb-finder__count")
        expect(count).to_have_text(re.compile(rf"^{len(cases)} cases?$"))
    for theme, cases in real_collection.by_theme.items():  # other filters do
        n = len({c.id for c in cases} & california)
        if n:
            count = page.locator(f"input[name=theme][value='{theme}'] ~ .cb-finder__count")
            expect(count).to_have_text(re.compile(rf"^{n} cases?$"))


def test_all_themes_are_reachable_in_one_step(visit, real_collection):
    page = finder(visit)
    used = [t for t in real_collection.vocabularies["themes"].terms if real_collection.by_theme.get(t)]
    for theme in used:
        expect(page.locator(f"input[name=theme][value='{theme}']")).to_be_visible()
    expect(page.get_by_label(re.compile("^Time and priorities"))).to_be_visible()


def test_each_list_item_carries_its_summary(visit, real_collection):
    oakland = real_collection.cases[OAKLAND]
    lead = summaries.lead(oakland.summary)
    page = finder(visit, "?q=oakland%20restorative")
    expect(page.locator(".cb-finder__result").first.locator(".cb-finder__lead")).to_have_text(lead)
    for path in (f"themes/{oakland.themes[0]}/", f"districts/{oakland.district_list[0].slug}/", "states/ca/"):
        visit.open(path)
        item = visit.page.locator(".cb-case-list li", has=visit.page.locator(f"a[href$='/cases/{OAKLAND}/']"))
        expect(item).to_contain_text(lead)


@pytest.mark.parametrize("kind", ["theme", "state", "district"])
def test_list_pages_link_to_the_finder_filtered_to_them(visit, real_collection, kind):
    oakland = real_collection.cases[OAKLAND]
    path, expected = {"theme": (f"themes/{oakland.themes[0]}/", real_collection.by_theme[oakland.themes[0]]),
                      "state": ("states/ca/", real_collection.by_state["CA"]),
                      "district": (f"districts/{oakland.district_list[0].slug}/",
                                   real_collection.by_district[oakland.district_list[0].slug])}[kind]
    visit.open(path)
    visit.page.get_by_role("link", name="Narrow these cases in the case finder").click()
    status = visit.page.get_by_role("status")
    expect(status).to_have_text(re.compile(rf"^{len(expected)} cases? match"))


# ---- Case pages


def test_a_case_page_has_one_link_control_per_section(visit):
    visit.open(f"cases/{OAKLAND}/")
    for anchor in ("problem", "context", "approach", "outcomes", "lessons", "sources"):
        heading = visit.page.locator(f"h2#{anchor}")
        expect(heading.locator("a")).to_have_count(1)
        following = heading.evaluate("h => h.nextElementSibling.matches('.cb-section-link')")
        assert not following
    expect(visit.page.locator("details#cite")).not_to_have_attribute("open", "")


def test_the_oakland_case_prints_on_three_letter_pages_at_most(visit, server):
    visit.open(f"cases/{OAKLAND}/")
    visit.page.wait_for_load_state("networkidle")
    visit.page.emulate_media(media="print")
    for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".cb-breadcrumb", "details#cite"):
        assert not visit.page.locator(hidden).first.is_visible(), hidden
    expect(visit.page.locator(".cb-cite-print")).to_be_visible()
    expect(visit.page.locator(".cb-cite-print")).to_contain_text("Cite this case (APA)")
    assert visit.page.locator("button:visible").count() == 0
    printed = visit.page.evaluate("[...document.querySelectorAll('article a[data-cb-address]')].map(a => "
                                  "getComputedStyle(a, '::after').content)")
    assert printed and all(re.match(r'^" <https?://', text) for text in printed), printed[:3]
    pdf = visit.page.pdf(format="Letter")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 3, f"{pages} Letter pages"
    assert b"BibTeX" not in pdf and b"CSL-JSON" not in pdf


# ---- Addresses


@pytest.mark.parametrize("javascript", [True, False])
def test_a_state_code_in_capitals_reaches_the_state_page(browser, server, real_collection, javascript):
    current = new_visit(browser, server.url, java_script_enabled=javascript)
    for state in real_collection.by_state:
        current.open(f"states/{state}/")
        current.page.wait_for_url(f"**/states/{state.lower()}/")
        label = real_collection.vocabularies["states"].label(state)
        expect(current.page.locator("h1")).to_have_text(re.compile(rf"^{re.escape(label)}\W*$"))
    current.page.context.close()
    assert not current.problems()


def test_the_404_page_offers_search_the_finder_and_themes(visit):
    visit.open("404.html")
    page = visit.page
    expect(page.locator("h1")).to_have_text("Page not found")
    page.get_by_role("searchbox", name="Search the casebook").last.fill("restorative")
    page.get_by_role("searchbox", name="Search the casebook").last.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=restorative$"))
    expect(page.locator(".cb-search__result a").first).to_have_attribute("href", re.compile(f"/cases/{OAKLAND}/$"))
    visit.open("404.html")
    expect(page.get_by_role("link", name="Find cases").last).to_have_attribute("href", "/finder/")
    expect(page.get_by_role("link", name="Browse the themes")).to_have_attribute("href", "/themes/")


def test_the_home_page_links_contributing(visit):
    visit.open("")
    link = visit.page.locator("article").get_by_role("link", name="Contributing a case")
    link.click()
    visit.page.wait_for_url("**/contributing/")


# ---- Every kind of page


@pytest.mark.parametrize("path", ["", f"cases/{OAKLAND}/", "themes/", "themes/culture-change/", "districts/",
                                  "districts/oakland-unified-school-district-ca/", "states/", "states/ca/",
                                  "meetings/", "meetings/meeting-19-leadership-for-change/", "finder/",
                                  "finder/?theme=grading-and-assessment&state=NY", "search/?q=restorative",
                                  "search/?q=absenteeism", "contributing/", "reference/", "404.html"])
def test_no_accessibility_violation_on_any_kind_of_page(visit, path):
    visit.open(path)
    visit.page.wait_for_load_state("networkidle")
    if path.startswith("search/"):
        expect(visit.page.locator(".cb-search__status")).not_to_have_text(re.compile(r"^(|Searching.*)$"))
    assert visit.axe_violations() == []
