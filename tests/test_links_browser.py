"""Permanent links in a real browser (Debian's Chromium through Playwright),
on the test project's site: copy buttons work from the keyboard, the links
stay without JavaScript, redirects keep the #section, and the embeds show
their cards without leaving the site's origin."""
from __future__ import annotations

import re

import pytest
from browser_support import DESKTOP, SiteServer, build_site, new_visit, visits
from conftest import make_project
from playwright.sync_api import expect

CASE = "springfield-attendance"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("links-browser")
    project = make_project(root / "project")
    with SiteServer(root / "site") as running:
        build_site(project, root / "site", site_url=running.url)  # site_url is the host, as in production
        yield running


def visiting(browser, server, **options):
    current = new_visit(browser, server.url, viewport={"width": 1280, "height": 900}, **options)
    return current


@pytest.fixture
def visit(browser, server):
    """A page allowed to use the clipboard; the test fails if it left the origin or logged an error."""
    yield from visits(browser, server.url, **DESKTOP, permissions=["clipboard-read", "clipboard-write"])


def markup(locator) -> str:
    return re.sub(r">\s+<", "><", locator.inner_html().strip())


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def test_the_section_link_from_the_keyboard_copies_the_permanent_section_address(visit, server):
    visit.open(f"cases/{CASE}/")
    link = visit.page.get_by_role("link", name="Copy link to the section What they tried")
    link.focus()
    visit.page.keyboard.press("Enter")
    assert clipboard(visit.page) == f"{server.url}cases/{CASE}/#approach"
    expect(visit.page.get_by_role("status")).to_have_text("Copied the link to the section What they tried.")
    assert visit.page.url.endswith("#approach")  # still a link: it also moves to the section


def test_each_section_has_one_tab_stop_for_its_link(visit):
    visit.open(f"cases/{CASE}/")
    visit.page.locator("#problem a.headerlink").focus()
    visit.page.keyboard.press("Tab")
    after = visit.page.evaluate("document.activeElement.closest('h2, p, li, section, article').tagName + ' ' + "
                                "(document.activeElement.getAttribute('aria-label') || document.activeElement.textContent)")
    assert not after.endswith("The problem of practice"), after  # no second control for the same section
    expect(visit.page.locator(".md-content .cb-copy:visible")).to_have_count(0)  # "Cite this case" is folded


def test_cite_this_case_is_folded_after_related_cases(visit):
    visit.open(f"cases/{CASE}/")
    cite = visit.page.locator("details#cite")
    expect(cite).not_to_have_attribute("open", "")
    order = visit.page.evaluate("[...document.querySelectorAll('#related, #cite')].map(e => e.id)")
    assert order == ["related", "cite"]


def test_each_citation_format_has_a_copy_button(visit, server):
    visit.open(f"cases/{CASE}/")
    visit.page.get_by_role("heading", name="Cite this case").click()
    for name, start in (("Copy APA citation", "District Casebook. (2026, November 1). Springfield"),
                        ("Copy BibTeX entry", "@misc{casebook:springfield-attendance,"),
                        ("Copy CSL-JSON record", '[\n  {\n    "id": "casebook:springfield-attendance"'),
                        ("Copy embed code", f'<iframe src="{server.url}embed/cases/{CASE}/"')):
        visit.page.get_by_role("button", name=name).click()
        assert clipboard(visit.page).startswith(start), name


def test_without_javascript_the_section_links_remain(browser, server):
    current = visiting(browser, server, java_script_enabled=False)
    current.open(f"cases/{CASE}/")
    links = current.page.locator(", ".join(f"#{a} a.headerlink" for a in ("problem", "context", "approach",
                                                                          "outcomes", "lessons", "sources")))
    expect(links).to_have_count(6)
    expect(current.page.locator(".cb-copy")).to_have_count(0)
    links.nth(2).click(force=True)  # shown on hover only
    assert current.page.url.endswith(f"/cases/{CASE}/#approach")
    current.page.context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_a_former_address_leads_to_the_case(browser, server, javascript):
    current = visiting(browser, server, java_script_enabled=javascript)
    current.open("cases/ogdenville-rj/#approach")
    expected = "/cases/ogdenville-restorative/" + ("#approach" if javascript else "")
    current.page.wait_for_url(f"**{expected}")
    expect(current.page.locator("h1")).to_contain_text("Ogdenville pilots restorative justice")
    current.page.context.close()
    assert not current.problems(), "\n".join(current.problems())


def test_the_case_embed_shows_its_card(visit, server):
    visit.open(f"embed/cases/{CASE}/")
    card = visit.page.locator("article.cb-card")
    expect(card.locator("h1 a")).to_have_text("Springfield brings teachers into an attendance push")
    expect(card.locator("h1 a")).to_have_attribute("href", f"{server.url}cases/{CASE}/")
    expect(card.locator(".cb-card-facts")).to_have_text("Springfield Public Schools, MA · 2019–2021")
    expect(card.locator(".cb-card-themes")).to_have_text("Teacher leadership · Collaborative inquiry")
    assert visit.axe_violations() == []


def test_the_list_embed_shows_the_cases_named_in_its_address(visit, server):
    visit.open(f"embed/?ids={CASE},not-a-case,shelbyville-grading,<script>,ogdenville-rj")
    cards = visit.page.locator("article.cb-card")
    expect(cards).to_have_count(4)
    expect(cards.nth(3).locator("h1")).to_have_text("Ogdenville pilots restorative justice")  # by its former id
    expect(cards.nth(0).locator("h1")).to_have_text("Springfield brings teachers into an attendance push")
    expect(cards.nth(1)).to_contain_text("No case has the id “not-a-case”")
    expect(cards.nth(2).locator(".cb-card-themes")).to_have_text(
        "Grading and assessment · Teacher leadership · Labor-management collaboration")
    static = visit.page.context.new_page()
    static.goto(f"{server.url}embed/cases/{CASE}/")
    assert markup(static.locator("article")) == markup(cards.nth(0))  # the script builds the template's card
    assert visit.axe_violations() == []
    # The one request that fails is the unknown id's, and the browser says so in its console.
    assert sorted(visit.errors) == ["Failed to load resource: the server responded with a status of 404 (File not found)",
                                    f"HTTP 404: {server.url}api/cases/not-a-case.json"]
    visit.errors.clear()


def test_the_iframe_snippet_works_inside_another_page(visit, server):
    snippet = f'<iframe src="{server.url}embed/cases/{CASE}/" title="case" width="600" height="320"></iframe>'
    host = visit.page.context.new_page()  # another site's page, as far as the frame knows
    host.set_content(f"<!doctype html><title>host</title>{snippet}")
    frame = host.frame_locator("iframe")
    expect(frame.locator("h1 a")).to_have_text("Springfield brings teachers into an attendance push")
    expect(frame.locator("h1 a")).to_have_attribute("target", "_top")


def test_feed_links_do_not_make_the_theme_fetch_a_sitemap(visit, server):
    server.reset()
    visit.open("themes/culture-change/")
    visit.page.wait_for_load_state("networkidle")
    fetched = [path for path, _ in server.paths]
    assert "/themes/culture-change/" in fetched
    assert not [path for path in fetched if "sitemap" in path], fetched
