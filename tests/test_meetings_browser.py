"""Meeting pages in Chromium at a phone's width and on a desktop: nothing
wider than the screen, every case card whole and in view when scrolled to,
no request off the site, no console error, and no axe-core violation."""
from __future__ import annotations

import pytest
from browser_support import new_visit

PAGES = ["meetings/", "meetings/meeting-19-leadership-for-change/",
         "meetings/by/california-collaborative-on-district-reform/"]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_meeting_pages_fit_the_screen_and_pass_axe(browser, server, path, width):
    visit = new_visit(browser, server.url, viewport={"width": width, "height": 900})
    visit.open(path)
    visit.page.wait_for_load_state("networkidle")
    assert visit.page.evaluate("document.documentElement.scrollWidth") <= width
    cards = visit.page.locator(".cb-card")
    for index in range(cards.count()):
        box = cards.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (path, index, box)
    if "meeting-19" in path:
        assert cards.count() == 8
    assert visit.axe_violations() == []
    visit.page.context.close()
    assert not visit.problems(), visit.problems()
