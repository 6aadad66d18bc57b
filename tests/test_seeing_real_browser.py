"""Compare, the timeline and search as a leader moves between them, in Chromium
against the real built site: links into compare carry the cases chosen, the
bare compare page shows them, a case page adds its title as written, references
read as titles, the tray says when it is full; a timeline filtered by theme
counts what it shows and lists only that theme's undated cases; "Show 10 more
results" only when there are more; the header's search box seen when reached
with Tab on a phone."""
from __future__ import annotations

import re

import pytest
from browser_support import visits
from playwright.sync_api import expect

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone(browser, server):
    yield from visits(browser, server.url, **PHONE)


def add_from_list(visit, theme: str, count: int) -> list[str]:
    """Adds the first ``count`` cases of a theme's page to compare; their ids."""
    visit.open(f"themes/{theme}/")
    buttons = visit.page.locator(".cb-case-list button.cb-compare-add")
    for n in range(count):
        buttons.nth(n).click()
        expect(buttons.nth(n)).to_have_attribute("aria-pressed", "true")
    return [buttons.nth(n).get_attribute("data-case") for n in range(count)]


def tray_ids(page) -> list[str]:
    return [c["id"] for c in page.evaluate("JSON.parse(localStorage.getItem('casebook-compare') || '[]')")]


def two_cases_of_a_theme(collection) -> tuple[str, list]:
    return next((key, cases) for key, cases in collection.by_theme.items() if len(cases) >= 2)


def test_links_into_compare_carry_the_chosen_cases(visit, real_collection):
    theme, cases = two_cases_of_a_theme(real_collection)
    chosen = add_from_list(visit, theme, 2)
    other = next(c for c in real_collection if c.id not in chosen)
    visit.open(f"cases/{other.id}/")
    link = visit.page.get_by_role("link", name="Compare with other cases")
    assert link.get_attribute("href").endswith("compare/?ids=" + ",".join([other.id, *chosen]))  # this case first
    tab = visit.page.locator(".md-tabs__link", has_text="Compare")
    assert tab.get_attribute("href").endswith("compare/?ids=" + ",".join(chosen))
    link.click()
    expect(visit.page.locator("table.cb-compare__table thead th")).to_have_count(3)
    assert tray_ids(visit.page) == [other.id, *chosen]  # the chosen cases kept, not replaced by this one


def test_the_bare_compare_page_shows_the_chosen_cases_and_removing_all_empties_the_tray(visit, real_collection):
    theme, _ = two_cases_of_a_theme(real_collection)
    chosen = add_from_list(visit, theme, 2)
    visit.open("compare/")
    expect(visit.page.locator("table.cb-compare__table thead th")).to_have_count(2)
    expect(visit.page).to_have_url(re.compile(r"compare/\?ids=" + ",".join(chosen) + "$"))  # shareable as shown
    expect(visit.page.locator("caption")).to_have_text("Comparing 2 cases, fact by fact and section by section")
    for left in (1, 0):
        visit.page.locator(".cb-compare__remove").first.click()
        expect(visit.page.locator("table.cb-compare__table thead th")).to_have_count(left)
    expect(visit.page).to_have_url(re.compile(r"compare/\?ids=$"))
    visit.page.wait_for_load_state("load")
    assert tray_ids(visit.page) == []
    visit.open("compare/")  # nothing chosen: the page explains itself and shows no table
    expect(visit.page.locator(".cb-compare__intro")).to_be_visible()
    expect(visit.page.locator("table.cb-compare__table")).to_have_count(0)


def test_a_case_page_adds_its_title_as_written(visit, real_collection):
    case = next(iter(real_collection))
    visit.open(f"cases/{case.id}/")
    visit.page.locator(".cb-compare-links button.cb-compare-add").click()
    tray = visit.page.get_by_role("region", name="Cases to compare")
    expect(tray.get_by_role("link", name=case.title, exact=True)).to_be_visible()  # no "¶" from the permalink
    assert visit.page.evaluate("JSON.parse(localStorage.getItem('casebook-compare'))[0].title") == case.title


def test_compare_names_a_referenced_case_by_its_title(visit, real_collection):
    case, target = next((c, real_collection.resolve(m.group(1))) for c in real_collection
                        for s in c.sections.values() if (m := re.search(r"\[\[([a-z0-9-]+)", s.text)))
    visit.open(f"compare/?ids={case.id}")
    expect(visit.page.locator("table.cb-compare__table")).to_be_visible()
    reference = visit.page.locator(f"table.cb-compare__table td a[href$='/cases/{target.id}/'], "
                                   f"table.cb-compare__table td a[href*='/cases/{target.id}/#']").first
    expect(reference).to_have_text(target.title)
    expect(visit.page.locator("caption")).to_have_text("One case, fact by fact and section by section")


def test_a_full_tray_says_so_where_it_is_seen(visit, real_collection):
    theme = next(key for key, cases in real_collection.by_theme.items() if len(cases) >= 4)
    add_from_list(visit, theme, 3)
    note = visit.page.locator(".cb-tray__full")
    expect(note).to_be_hidden()
    fourth = visit.page.locator(".cb-case-list button.cb-compare-add").nth(3)
    fourth.click()
    expect(note).to_be_visible()
    expect(fourth).to_have_attribute("aria-pressed", "false")
    visit.page.locator(".cb-case-list button.cb-compare-add").first.click()  # one removed: room again
    expect(note).to_be_hidden()


def _heads(page) -> list[tuple[str, int]]:
    """Each shown theme heading's text and the number of shown case rows under it."""
    return page.evaluate("""() => {
      const found = []; let current = null;
      for (const row of document.querySelectorAll('.cb-tl-row')) {
        if (row.style.display === 'none') continue;
        if (row.classList.contains('cb-tl-head')) { current = [row.textContent.trim(), 0]; found.push(current); }
        else current[1] += 1;
      }
      return found; }""")


def test_a_filtered_timeline_counts_what_it_shows(visit, real_collection):
    undated = {c.id for c in real_collection if c.period.first is None}
    themes = {key for key, cases in real_collection.by_theme.items()
              if any(c.id in undated for c in cases) and any(c.id not in undated for c in cases)}
    theme = max(themes, key=lambda key: len({c.themes[0] for c in real_collection.by_theme[key]}))
    visit.open(f"timeline/?theme={theme}")
    heads = _heads(visit.page)
    assert heads
    for text, shown in heads:
        total = re.search(r"\((?:(\d+) of )?(\d+)\)$", text)
        assert int(total.group(1) or total.group(2)) == shown, (text, shown)
    assert any(" of " in text for text, _ in heads), "the theme's cases all lead their groups: a weak choice"
    wanted = {c.title for c in real_collection.by_theme[theme] if c.id in undated}
    expect(visit.page.locator(".cb-timeline-undated li:visible")).to_have_count(len(wanted))
    assert set(visit.page.locator(".cb-timeline-undated li:visible").all_inner_texts()) == wanted


def test_a_timeline_theme_with_no_undated_case_lists_none(visit, real_collection):
    undated = {c.id for c in real_collection if c.period.first is None}
    assert undated, "the real cases include some whose sources give no year"
    theme = next(key for key, cases in real_collection.by_theme.items() if not any(c.id in undated for c in cases))
    visit.open(f"timeline/?theme={theme}")
    expect(visit.page.locator(".cb-timeline-undated")).to_be_hidden()
    visit.open("timeline/")
    expect(visit.page.locator(".cb-timeline-undated li")).to_have_count(len(undated))


def test_show_more_results_only_when_there_are_more(visit):
    visit.open("search/?q=micro-credentials")
    expect(visit.page.locator(".cb-search__results > li").first).to_be_visible()
    expect(visit.page.locator(".cb-search__more")).to_be_hidden()
    visit.open("search/?q=teachers")
    more = visit.page.locator(".cb-search__more")
    expect(more).to_be_visible()
    expect(visit.page.locator(".cb-search__results > li")).to_have_count(10)
    while more.is_visible():
        more.click()
        visit.page.wait_for_timeout(200)
    assert visit.page.locator(".cb-search__results > li").count() > 10


def test_the_header_search_box_is_seen_when_tabbed_to_on_a_phone(phone):
    phone.open("cases/oakland-restorative-justice/")
    box = phone.page.locator("#cb-header-search-input")
    phone.page.keyboard.press("Tab")
    while not box.evaluate("b => b === document.activeElement"):
        phone.page.keyboard.press("Tab")
    size = box.bounding_box()
    assert size["width"] > 200 and size["height"] > 20, size
    assert box.evaluate("b => getComputedStyle(b).opacity") == "1"
    phone.page.keyboard.type("union")
    phone.page.keyboard.press("Enter")
    expect(phone.page).to_have_url(re.compile(r"search/\?q=union$"))
