"""Embedded cards fit their frame, in Chromium, with the host page on another
origin than the casebook (two loopback servers on different ports), as on a
partner's site: each case's snippet (under "Cite this case") shows the whole
card at 390 px without the host script, and with it the iframe takes the
card's height at 390 and 1280 px; several cards (/embed/?ids=) likewise."""
from __future__ import annotations

import html
import re

import pytest
from browser_support import SiteServer, build_site
from conftest import REPO

SNIPPET = re.compile(r'data-cb-copy="embed code"><code>(.*?)</code>', re.S)
WIDTHS = [390, 1280]
SEVERAL = ["oakland-restorative-justice", "long-beach-lending-leaders-across-districts", "fresno-leadership-cohort"]
# In the frame: how tall its content is, and the lowest card bottom.
MEASURE = """() => ({body: Math.ceil(document.body.getBoundingClientRect().height),
  cards: document.querySelectorAll('.cb-card').length,
  bottom: Math.max(0, ...[...document.querySelectorAll('.cb-card')].map(c => c.getBoundingClientRect().bottom))})"""


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """(the casebook, built with its own address as site_url; a partner's site on another port)."""
    site, host = tmp_path_factory.mktemp("embed-site"), tmp_path_factory.mktemp("embed-host")
    with SiteServer(site) as casebook, SiteServer(host) as partner:
        assert casebook.url != partner.url
        build_site(REPO, site, site_url=casebook.url)
        yield casebook, partner, site, host


def snippet(site, case_id: str) -> str:
    """The snippet exactly as a case page offers it under "Cite this case"."""
    page = (site / "cases" / case_id / "index.html").read_text(encoding="utf-8")
    return html.unescape(SNIPPET.search(page).group(1))


def host_page(host, name: str, body: str) -> str:
    (host / name).write_text('<!doctype html><html lang="en"><meta charset="utf-8">'
                             '<meta name="viewport" content="width=device-width"><title>Partner</title>'
                             f"<body><h1>A partner's page</h1>{body}<p>After the card.</p></body></html>",
                             encoding="utf-8")
    return name


def open_page(browser, servers, name: str, width: int):
    """The partner's page; any request to a third origin fails the test."""
    casebook, partner = servers[0], servers[1]
    context = browser.new_context(viewport={"width": width, "height": 900})
    outside, errors = [], []

    def route(request_route):
        url = request_route.request.url
        if url.startswith((casebook.url, partner.url)):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()
    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(partner.url + name)
    page.wait_for_load_state("networkidle")
    return page, outside, errors


def frame_of(page):
    frame = page.frames[1]
    frame.wait_for_load_state("load")
    return frame


def case_ids(site) -> list[str]:
    return sorted(path.name for path in (site / "embed" / "cases").iterdir())


def test_the_snippet_holds_the_host_script_from_the_casebook(servers):
    casebook, _, site, _ = servers
    text = snippet(site, SEVERAL[0])
    assert f'<script src="{casebook.url}assets/embed-host.js" async></script>' in text
    assert re.search(r'<iframe src="[^"]+" title="[^"]+" width="100%" height="\d+"', text)
    assert (site / "assets" / "embed-host.js").is_file() and (site / "assets" / "embed-size.js").is_file()


def test_without_the_host_script_every_card_fits_its_default_height_at_390_px(browser, servers):
    _, _, site, host = servers
    clipped = []
    for case_id in case_ids(site):
        iframe_only = snippet(site, case_id).split("\n")[0]
        page, outside, errors = open_page(browser, servers, host_page(host, "plain.html", iframe_only), 390)
        measured = frame_of(page).evaluate(MEASURE)
        height = page.evaluate("document.querySelector('iframe').clientHeight")
        assert measured["cards"] == 1 and not outside and not errors
        if measured["body"] > height:
            clipped.append(f"{case_id}: the card needs {measured['body']} px, the snippet gives {height}")
        page.context.close()
    assert clipped == []


def _fitted(page) -> tuple[int, dict]:
    """The iframe's height and the frame's measures, once the host script has set a height
    and the two agree (or after five seconds, when they still differ and the test fails)."""
    page.wait_for_function("document.querySelector('iframe').style.height !== ''")
    frame = frame_of(page)
    for _ in range(50):  # the frame is another origin: the partner's page cannot read it, so poll from here
        height, measured = page.evaluate("document.querySelector('iframe').clientHeight"), frame.evaluate(MEASURE)
        if abs(height - measured["body"]) <= 1:
            break
        page.wait_for_timeout(100)
    return height, measured


@pytest.mark.parametrize("width", WIDTHS)
def test_the_host_script_fits_the_iframe_to_one_card(browser, servers, width):
    _, _, site, host = servers
    page, outside, errors = open_page(browser, servers, host_page(host, "one.html", snippet(site, SEVERAL[1])), width)
    height, measured = _fitted(page)
    assert measured["cards"] == 1 and measured["bottom"] <= height
    assert abs(height - measured["body"]) <= 1, (height, measured)  # fitted, not merely tall enough
    assert not outside and not errors
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_host_script_fits_several_cards(browser, servers, width):
    casebook, _, site, host = servers
    script = snippet(site, SEVERAL[0]).split("\n")[1]
    iframe = (f'<iframe src="{casebook.url}embed/?ids={",".join(SEVERAL)}" title="Three cases" width="100%" '
              f'height="480" style="border:0"></iframe>{script}')
    page, outside, errors = open_page(browser, servers, host_page(host, "several.html", iframe), width)
    frame_of(page).wait_for_function("document.querySelectorAll('.cb-card').length === 3")
    height, measured = _fitted(page)
    assert measured["cards"] == 3 and measured["bottom"] <= height
    assert abs(height - measured["body"]) <= 1, (height, measured)
    assert not outside and not errors
    page.context.close()


def test_the_host_script_takes_heights_only_from_the_iframes_own_origin(browser, servers):
    """A message from elsewhere (here the partner's own page) changes no iframe."""
    _, _, site, host = servers
    iframe_only = snippet(site, SEVERAL[0]).split("\n")[0]
    script = snippet(site, SEVERAL[0]).split("\n")[1]
    page, _, _ = open_page(browser, servers, host_page(host, "forged.html", iframe_only + script), 390)
    before, measured = _fitted(page)  # the card's own message has arrived
    assert abs(before - measured["body"]) <= 1
    page.evaluate("window.postMessage({casebook: 'embed-height', height: 5000}, '*')")
    page.wait_for_timeout(200)
    assert page.evaluate("document.querySelector('iframe').clientHeight") == before
    page.context.close()
