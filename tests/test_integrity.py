"""The repository's real site, built once: no broken internal link or anchor
anywhere, and one page of every kind passes the W3C Nu HTML checker.

Links are every address a page loads or offers: <a href>, <link href>,
<script src>, <img src>, <iframe src>, a redirect's <meta refresh>, and the
sitemap's entries. An address under site_url counts as internal. A #fragment
must name an id (or an <a name>) on the page it points to.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
from conftest import REPO
from district_casebook.urls.reachable import PageLinks, page_links
from mkdocs.config import load_config

SITE_URL = load_config(str(REPO / "mkdocs.yml")).site_url
VNU = REPO / "tests" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Material's drawer and search toggles are <input type="checkbox" autocomplete="off"> in its base.html,
# outside any block: the attribute keeps Firefox from restoring them open after a reload, and removing
# it would mean copying the whole base.html. The one message we let through, matched whole, on them only.
MATERIAL_AUTOCOMPLETE = ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
                         "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
                         "“search”, “tel”, “text”, “time”, “url”, or “week”.")
# Every kind of page the site builds; a kind missing from the build fails the test instead of going unchecked.
PAGE_KINDS = {"index.html", "404.html", "cases/*", "meetings", "meetings/*", "meetings/by/*", "themes", "themes/*", "districts",
              "districts/*", "states", "states/*", "finder", "search", "contributing", "reference", "embed",
              "embed/cases/*", "redirect", "timeline", "compare"}
# A page the checker must flag, checked in the same run: proof that it ran and that its messages are read.
INVALID_PAGE = '<!doctype html><html lang="en"><title>Invalid</title><label tabindex="">x</label></html>'
_REFRESH = re.compile(r'<meta http-equiv="refresh"', re.IGNORECASE)
def read_pages(site: Path) -> dict[str, PageLinks]:
    return {path.relative_to(site).as_posix(): page_links(path.read_text(encoding="utf-8"))
            for path in site.rglob("*.html")}


def target_of(page: str, address: str) -> tuple[str, str] | None:
    """(site file, fragment) an address leads to, or None when it leaves the site."""
    if address.startswith(SITE_URL):
        address = "/" + address[len(SITE_URL):]
    parts = urlsplit(address)
    if parts.scheme or parts.netloc:
        return None  # another site (or mailto:); no request leaves the machine in tests
    base = PurePosixPath("/" + page).parent
    path = PurePosixPath(unquote(parts.path)) if parts.path.startswith("/") else base / unquote(parts.path)
    if not parts.path:
        path = PurePosixPath("/" + page)
    resolved = PurePosixPath(*_normalise(path.parts[1:]))
    return resolved.as_posix(), parts.fragment


def _normalise(parts: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for part in parts:
        if part == "..":
            out = out[:-1]
        elif part not in (".", ""):
            out.append(part)
    return out


def broken_links(site: Path) -> list[str]:
    pages = read_pages(site)
    broken = []
    for page, parsed in sorted(pages.items()):
        for address in parsed.addresses:
            target = target_of(page, address)
            if target is not None:
                broken += _check(site, pages, page, address, *target)
    return broken


def _check(site: Path, pages: dict, page: str, address: str, path: str, fragment: str) -> list[str]:
    file = site / path
    if file.is_dir() or path == "":
        file, path = file / "index.html", (path + "/index.html").lstrip("/")
    if not file.is_file():
        return [f"{page}: {address} leads to no file"]
    if fragment and path.endswith(".html") and unquote(fragment) not in pages[path].ids:
        return [f"{page}: {address} names no id '{fragment}' on {path}"]
    return []


def test_the_site_has_pages_and_links_to_check(real_site):
    pages = read_pages(real_site)
    assert len(pages) > 40 and sum(len(p.addresses) for p in pages.values()) > 1000
    assert any("#" in a for p in pages.values() for a in p.addresses)


def test_no_internal_link_or_anchor_is_broken(real_site):
    assert broken_links(real_site) == []


def test_every_sitemap_entry_is_a_page(real_site):
    locations = [e.text for e in ET.parse(real_site / "sitemap.xml").getroot().iter() if e.tag.endswith("loc")]
    assert locations
    missing = [url for url in locations if not (real_site / url.removeprefix(SITE_URL) / "index.html").is_file()
               and not (real_site / url.removeprefix(SITE_URL)).is_file()]
    assert missing == []


def test_the_checker_finds_a_broken_link_and_a_broken_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="here"><a href="../b/">b</a> <a href="#here">ok</a> '
                                               '<a href="#nowhere">x</a> <a href="https://elsewhere.org/">e</a></p>')
    assert broken_links(tmp_path) == ["a/index.html: ../b/ leads to no file",
                                      "a/index.html: #nowhere names no id 'nowhere' on a/index.html"]


def page_kind(relative: str, html: str) -> str:
    """A built page's kind: "redirect", or its folder with the last one as * when it is one of a list."""
    if _REFRESH.search(html):
        return "redirect"
    folders = relative.split("/")[:-1]
    if len(folders) > 1:
        return "/".join(folders[:-1] + ["*"])
    return folders[0] if folders else relative


def one_page_of_each_kind(site: Path) -> dict[str, Path]:
    """{kind: page}, the largest page of each kind: the most markup to check."""
    chosen: dict[str, Path] = {}
    for path in sorted(site.rglob("*.html")):
        kind = page_kind(path.relative_to(site).as_posix(), path.read_text(encoding="utf-8"))
        if kind not in chosen or path.stat().st_size > chosen[kind].stat().st_size:
            chosen[kind] = path
    return chosen


def run_nu(files: list[Path]) -> tuple[set[str], list[dict]]:
    """One run of the Nu checker: the files it says it checked, and its messages."""
    result = subprocess.run(["java", "-jar", str(VNU), "--verbose", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=300)
    return set(result.stdout.splitlines()), json.loads(result.stderr)["messages"]


def _checked_file(message: dict) -> str:
    return unquote(message.get("url", "").removeprefix("file:"))


def _is_material_toggle_autocomplete(message: dict) -> bool:
    return message["message"] == MATERIAL_AUTOCOMPLETE and 'data-md-toggle="' in message.get("extract", "")


def test_page_kinds_come_from_the_path_and_redirects_from_their_markup():
    assert [page_kind("index.html", ""), page_kind("themes/index.html", ""), page_kind("themes/x/index.html", ""),
            page_kind("embed/cases/x/index.html", ""), page_kind("cases/x/index.html", '<META HTTP-EQUIV="refresh">')] \
        == ["index.html", "themes", "themes/*", "embed/cases/*", "redirect"]


@pytest.mark.skipif(shutil.which("java") is None, reason="needs Java (tests/run.sh installs it)")
def test_one_page_of_every_kind_passes_the_w3c_html_checker(real_site, project_site, tmp_path):
    assert VNU.is_file(), "run tests/run.sh: it installs vnu-jar with npm"
    # The test project renames a case, so its site has the redirect pages the real site may not have.
    chosen = {**one_page_of_each_kind(project_site), **one_page_of_each_kind(real_site)}
    assert PAGE_KINDS - chosen.keys() == set(), "the build made no page of these kinds"
    control = tmp_path / "invalid.html"
    control.write_text(INVALID_PAGE, encoding="utf-8")
    checked, messages = run_nu([control, *chosen.values()])
    assert checked == {str(path) for path in [control, *chosen.values()]}
    assert any("tabindex" in m["message"] for m in messages if _checked_file(m) == str(control))
    kinds = {str(path): kind for kind, path in chosen.items()}
    problems = [f"{kinds.get(_checked_file(m))} page {_checked_file(m)}:{m.get('lastLine')}: {m['message']}"
                for m in messages if _checked_file(m) != str(control) and not _is_material_toggle_autocomplete(m)]
    assert problems == []


def test_the_nav_item_override_is_materials_partial_with_only_the_tabindex_change():
    """Fails when Material's partial changes (an upgrade): copy it again and redo the one change."""
    import material

    original = (Path(material.__file__).parent / "templates" / "partials" / "nav-item.html").read_text(encoding="utf-8")
    override = (REPO / "hooks" / "theme" / "partials" / "nav-item.html").read_text(encoding="utf-8")
    fixed = original.replace('tabindex="{{ tabindex }}"', '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}')
    fixed = fixed.replace('_label" {% if', '_label"{% if')
    assert _past_first_comment(fixed) == _past_first_comment(override)


def _past_first_comment(template: str) -> str:
    return template.split("-#}", 1)[1]  # the opening comment says where the file comes from
