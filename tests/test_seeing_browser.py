"""Compare, the map of states and the timeline in a real browser (Debian's Chromium):
side by side at 1280 px and stacked by section at 390 px, from an address, after a
reload and with a former id; "Add to compare" and its tray from the keyboard; every
state with cases and every case linked; axe-core; and no request off the site.

The test project (tests/data/project) renamed ogdenville-rj to ogdenville-restorative."""
from __future__ import annotations

import re
import shutil

import pytest
from browser_support import ARTIFACTS, DESKTOP, serving, visits
from conftest import make_project
from district_casebook.loading import project
from playwright.sync_api import expect
from test_integrity import _is_material_toggle_autocomplete, run_nu

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
PAIR = "shelbyville-grading,springfield-attendance"


@pytest.fixture(scope="module")
def project_dir(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("seeing") / "project")


@pytest.fixture(scope="module")
def collection(project_dir):
    return project.load(project_dir).collection


@pytest.fixture(scope="module")
def server(tmp_path_factory, project_dir):
    yield from serving(tmp_path_factory.mktemp("seeing-site"), project_dir)


@pytest.fixture
def phone(browser, server):
    yield from visits(browser, server.url, **PHONE)


SECTIONS = ("problem", "context", "approach", "outcomes", "lessons")


def cell(page, row: str, column: int):
    """The cell of a row (a fact by its heading, or a section by its anchor) for the case in ``column`` (from 0)."""
    if row in SECTIONS:  # headings are labels (schema/sections.yml), which may be reworded
        return page.locator(f"table.cb-compare__table tr:has(th#compare-{row}) td").nth(column)
    return page.locator("table.cb-compare__table tbody tr").filter(
        has=page.get_by_role("rowheader", name=row, exact=True)).locator("td").nth(column)


def box(locator) -> dict:
    """Where ``locator`` is on the whole page (not the viewport), so scrolling between two measures is harmless."""
    return locator.evaluate("e => { const r = e.getBoundingClientRect(); "
                            "return {x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height}; }")


def titles(page) -> list[str]:
    return page.locator("table.cb-compare__table thead th a:not(.cb-compare__remove)").all_inner_texts()


def test_compare_shows_two_cases_side_by_side_section_by_section(visit, collection):
    visit.open(f"compare/?ids={PAIR}")
    expect(visit.page.locator("table.cb-compare__table")).to_be_visible()
    assert titles(visit.page) == [collection.cases[i].title for i in PAIR.split(",")]
    for section in ("Districts", "Years", "Themes", *SECTIONS):
        left, right = box(cell(visit.page, section, 0)), box(cell(visit.page, section, 1))
        assert abs(left["y"] - right["y"]) < 1, section  # the same section starts on one row
        assert right["x"] >= left["x"] + left["width"] - 1, section
    expect(cell(visit.page, "problem", 0)).to_contain_text("Grades did not match test results.")
    expect(visit.page.get_by_role("columnheader").first).to_contain_text("Shelbyville")
    visit.page.screenshot(path=str(ARTIFACTS / "compare-desktop.png"), full_page=True)
    assert visit.axe_violations() == []


def test_the_address_is_the_state_and_survives_a_reload(visit, collection):
    visit.open(f"compare/?ids={PAIR}")
    expect(visit.page.locator("table.cb-compare__table")).to_be_visible()
    visit.page.reload()
    expect(visit.page.locator("table.cb-compare__table")).to_be_visible()
    assert titles(visit.page) == [collection.cases[i].title for i in PAIR.split(",")]
    # Removing a case changes the address: the page it leads to shows the other case alone.
    visit.page.get_by_role("link", name=re.compile(r"^Remove from comparison\W+Shelbyville")).click()
    expect(visit.page).to_have_url(re.compile(r"compare/\?ids=springfield-attendance$"))
    expect(visit.page.locator("table.cb-compare__table thead th")).to_have_count(1)


def test_a_former_id_shows_the_renamed_case_and_the_address_takes_its_new_id(visit, collection):
    visit.open("compare/?ids=ogdenville-rj,shelbyville-grading")
    expect(visit.page.locator("table.cb-compare__table")).to_be_visible()
    assert titles(visit.page) == [collection.cases["ogdenville-restorative"].title,
                                  collection.cases["shelbyville-grading"].title]
    expect(visit.page).to_have_url(re.compile(r"compare/\?ids=ogdenville-restorative,shelbyville-grading$"))
    expect(visit.page.locator(".cb-compare__note").first).to_contain_text("now called")
    visit.page.reload()
    expect(visit.page.locator("table.cb-compare__table")).to_be_visible()
    assert titles(visit.page)[0] == collection.cases["ogdenville-restorative"].title


def test_an_unknown_id_is_said_and_left_out(visit):
    visit.open("compare/?ids=no-such-case,shelbyville-grading")
    expect(visit.page.locator(".cb-compare__note").first).to_contain_text("No case has the id “no-such-case”")
    visit.errors[:] = [e for e in visit.errors if "no-such-case" not in e and "404" not in e]


def test_on_a_phone_the_cases_stack_by_section(phone, collection):
    phone.open(f"compare/?ids={PAIR}")
    expect(phone.page.locator("table.cb-compare__table")).to_be_attached()
    sections = ["problem", "context", "approach"]
    tops = []
    for section in sections:
        first, second = box(cell(phone.page, section, 0)), box(cell(phone.page, section, 1))
        assert second["y"] >= first["y"] + first["height"] - 1, section  # one under the other
        assert second["x"] < first["x"] + 5 and second["width"] > 300, section  # full width, not side by side
        tops += [first["y"], second["y"]]
        # Each stacked cell names its case, since the column headers are out of sight.
        expect(cell(phone.page, section, 1).locator(".cb-compare__label")).to_have_text(
            collection.cases["springfield-attendance"].title)
    assert tops == sorted(tops)  # problem of each, then context of each, then approach of each
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.page.screenshot(path=str(ARTIFACTS / "compare-phone.png"), full_page=True)
    assert phone.axe_violations() == []


def test_add_to_compare_from_lists_and_case_pages_with_the_keyboard(visit, collection):
    visit.open("themes/teacher-leadership/")
    buttons = visit.page.locator(".cb-case-list button.cb-compare-add")
    expect(buttons).to_have_count(len(collection.by_theme["teacher-leadership"]))
    tray = visit.page.get_by_role("region", name="Cases to compare")
    expect(tray).to_be_hidden()
    buttons.first.focus()
    visit.page.keyboard.press("Enter")
    expect(buttons.first).to_have_attribute("aria-pressed", "true")
    expect(tray).to_be_visible()
    visit.open("cases/ogdenville-restorative/")  # the choice follows the reader to another page
    add = visit.page.locator(".cb-compare-links button.cb-compare-add")
    add.focus()
    visit.page.keyboard.press("Space")
    expect(tray.get_by_role("listitem")).to_have_count(2)
    assert visit.axe_violations() == []
    tray.get_by_role("link", name="Compare 2 cases").click()
    expect(visit.page.locator("table.cb-compare__table thead th")).to_have_count(2)
    expect(tray).to_be_hidden()  # the compare page lists its cases itself
    assert set(titles(visit.page)) == {collection.by_theme["teacher-leadership"][0].title,
                                       collection.cases["ogdenville-restorative"].title}


def test_without_javascript_the_compare_page_says_what_it_needs_and_links_the_cases(browser, server):
    for current in visits(browser, server.url, **DESKTOP, java_script_enabled=False):
        current.open(f"compare/?ids={PAIR}")
        note = current.page.locator(".cb-nojs")
        expect(note).to_be_visible()
        expect(note).to_contain_text("needs JavaScript")
        for name in ("case finder", "by theme", "by state", "timeline"):
            expect(note.get_by_role("link", name=name)).to_be_visible()


def test_the_map_links_every_state_with_cases(visit, collection):
    visit.open("states/")
    links = visit.page.locator("svg.cb-map__svg a")
    expect(links).to_have_count(len(collection.by_state))
    for code, cases in collection.by_state.items():
        label = collection.vocabularies["states"].label(code)
        link = visit.page.get_by_role("link", name=f"{label}: {len(cases)} case" + ("s" if len(cases) > 1 else ""))
        expect(link).to_be_visible()
    links.first.focus()
    visit.page.keyboard.press("Enter")
    expect(visit.page).to_have_url(re.compile(r"/states/[a-z]{2}/$"))
    visit.open("states/")
    assert visit.axe_violations() == []


def test_the_timeline_links_every_case_and_filters_by_theme(visit, collection):
    visit.open("timeline/")
    hrefs = visit.page.locator("svg.cb-timeline__svg a").evaluate_all("links => links.map(a => a.href.baseVal || a.href)")
    linked = {m.group(1) for h in hrefs if (m := re.search(r"/cases/([^/]+)/$", h))}
    assert linked == set(collection.cases)
    assert visit.axe_violations() == []
    visit.open("timeline/?theme=grading-and-assessment")
    wanted = {c.id for c in collection.by_theme["grading-and-assessment"]}
    shown = visit.page.locator("svg.cb-timeline__svg .cb-tl-row:not(.cb-tl-head):visible a")
    expect(shown).to_have_count(len(wanted))
    expect(visit.page.locator("#cb-timeline-status")).to_have_role("status")
    expect(visit.page.locator("#cb-timeline-status")).to_contain_text(f"Showing {len(wanted)} case")
    expect(visit.page.locator(".cb-timeline-table tbody tr:visible")).to_have_count(len(wanted))
    assert visit.axe_violations() == []


def test_the_home_page_map_and_links_into_compare_and_timeline(visit, collection):
    visit.open("cases/shelbyville-grading/")
    visit.page.get_by_role("link", name="See it on the timeline").click()
    expect(visit.page.locator("#case-shelbyville-grading")).to_be_attached()
    visit.open("themes/teacher-leadership/")
    visit.page.get_by_role("link", name="See this theme's cases on the timeline").click()
    expect(visit.page).to_have_url(re.compile(r"timeline/\?theme=teacher-leadership#timeline-chart$"))


@pytest.mark.skipif(shutil.which("java") is None, reason="needs Java (tests/run.sh installs it)")
def test_the_compare_page_as_the_browser_built_it_passes_the_w3c_checker(visit, tmp_path):
    """The compare table is made by script, so the checker reads the page as Chromium holds it."""
    visit.open(f"compare/?ids={PAIR}")
    expect(visit.page.locator("table.cb-compare__table")).to_be_visible()
    visit.open("themes/teacher-leadership/")  # with "Add to compare" buttons and, once one is pressed, the tray
    visit.page.locator(".cb-compare-add").first.click()
    pages = []
    for name, address in (("compare", f"compare/?ids={PAIR}"), ("theme", "themes/teacher-leadership/")):
        visit.open(address)
        expect(visit.page.locator(".cb-tray")).to_be_attached()
        if name == "compare":
            expect(visit.page.locator("table.cb-compare__table")).to_be_visible()
        pages.append(tmp_path / f"{name}.html")
        pages[-1].write_text("<!doctype html>\n" + visit.page.evaluate("document.documentElement.outerHTML"),
                             encoding="utf-8")
    checked, messages = run_nu(pages)
    assert checked == {str(p) for p in pages}
    assert [m["message"] for m in messages if not _is_material_toggle_autocomplete(m)] == []


def test_the_finder_results_can_be_added_to_compare(visit, collection):
    visit.open("finder/")
    results = visit.page.locator(".cb-finder__results li")
    expect(results).to_have_count(len(collection))
    expect(visit.page.locator(".cb-finder__results button.cb-compare-add")).to_have_count(len(collection))
    visit.page.get_by_role("button", name=re.compile("Add to compare")).first.click()
    expect(visit.page.get_by_role("region", name="Cases to compare").get_by_role("listitem")).to_have_count(1)
    expect(visit.page.locator(".cb-compare-links").get_by_role("link", name="timeline")).to_be_visible()
