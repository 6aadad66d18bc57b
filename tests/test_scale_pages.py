"""Long lists continue on numbered pages (lists.py): a real strict build of
300 synthetic cases, with small pages so every list is split, checks that
each page keeps its address, that every case is reached by links from the
home page, that no list holds more than a page's worth, and that the pages
of a list hold exactly its cases."""
from __future__ import annotations

import re
import sys
from collections import deque
from pathlib import Path

import pytest
from conftest import REPO, build
from district_casebook.loading import project
from district_casebook.pages import lists

sys.path.insert(0, str(REPO / "benchmarks"))
import synthetic  # noqa: E402

N, PER_PAGE, DISTRICTS_PER_PAGE = 300, 20, 40
_HREF = re.compile(r'<a [^>]*href="([^"#]*)[^"]*"')
_CASE_ITEM = re.compile(r'<li><a href="[./]*cases/([a-z0-9-]+)/"')


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lists, "CASES_PER_PAGE", PER_PAGE)
        patch.setattr(lists, "DISTRICTS_PER_PAGE", DISTRICTS_PER_PAGE)
        root = synthetic.make_project(tmp_path_factory.mktemp("scale") / "project", N)
        site = build(root)
    return root, site, project.load(root).collection


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _reachable(site: Path) -> set[str]:
    """Every page reached by following links from the home page (site-relative folders)."""
    seen, queue = {""}, deque([""])
    while queue:
        folder = queue.popleft()
        for href in _HREF.findall(_page(site, folder)):
            if not href or re.match(r"^[a-z]+:|^//", href) or not href.endswith("/"):
                continue
            target = (site / folder / href).resolve().relative_to(site.resolve()).as_posix()
            target = "" if target == "." else target
            if target not in seen and (site / target / "index.html").is_file():
                seen.add(target)
                queue.append(target)
    return seen


def test_every_case_and_every_list_page_is_reached_by_links(built):
    root, site, collection = built
    reached = _reachable(site)
    assert {f"cases/{case.id}" for case in collection} <= reached
    listing_pages = {p.parent.relative_to(site).as_posix() for folder in ("themes", "districts", "states")
                     for p in (site / folder).rglob("index.html")
                     if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")}  # /states/CA/: a redirect
    assert listing_pages <= reached


def test_a_theme_keeps_its_address_and_its_pages_hold_exactly_its_cases(built):
    root, site, collection = built
    for theme, cases in collection.by_theme.items():
        count = -(-len(cases) // PER_PAGE)
        pages = [f"themes/{theme}"] + [f"themes/{theme}/page/{n}" for n in range(2, count + 1)]
        listed = [case_id for url in pages for case_id in _CASE_ITEM.findall(_page(site, url))]
        assert listed == [case.id for case in cases], theme
        assert not (site / f"themes/{theme}/page/{len(pages) + 1}").exists()


def test_states_and_districts_are_split_too(built):
    root, site, collection = built
    state, cases = max(collection.by_state.items(), key=lambda item: len(item[1]))
    assert len(cases) > PER_PAGE, "the synthetic cases should give some state more than a page"
    first = _page(site, f"states/{state.lower()}")
    assert '<h2 id="districts">Districts' in first
    second = _page(site, f"states/{state.lower()}/page/2")
    assert 'id="districts"' not in second  # the districts are listed once, on the first page
    assert len(collection.districts) > DISTRICTS_PER_PAGE
    assert (site / "districts" / "page" / "2" / "index.html").is_file()


def test_no_list_page_holds_more_than_a_page_and_each_has_its_own_title(built):
    root, site, collection = built
    titles = set()
    for page in (site / "themes").rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        assert len(_CASE_ITEM.findall(html)) <= PER_PAGE
        assert len(html.encode()) < 300_000
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        assert title not in titles
        titles.add(title)


def test_the_pager_marks_the_current_page_and_links_both_ways(built):
    root, site, collection = built
    theme = max(collection.by_theme, key=lambda key: len(collection.by_theme[key]))
    html = _page(site, f"themes/{theme}/page/2")
    assert 'aria-label="Pages of this list"' in html
    assert '<a aria-current="page" href="./">2</a>' in html
    assert '<a href="../../" rel="prev">‹ Previous</a>' in html
    assert '<a href="../3/" rel="next">Next ›</a>' in html
    assert "(page 2 of" in html


@pytest.mark.parametrize("count, expected", [(0, [[]]), (1, [[0]]), (20, [list(range(20))]),
                                             (21, [list(range(20)), [20]])])
def test_split_keeps_every_item_once_in_order(count, expected):
    pages = lists.split("themes/x.md", list(range(count)), size=20)
    assert [p.items for p in pages] == expected
    later = [f"themes/x/page/{n}.md" for n in range(2, len(expected) + 1)]
    assert [p.uri for p in pages] == ["themes/x.md", *later]


def test_the_pager_shows_the_ends_and_the_neighbours_only():
    pages = lists.split("themes/x.md", list(range(3000)), size=100)
    numbers = [link and link[0] for link in pages[14].nearby]
    assert numbers == [1, None, 12, 13, 14, 15, 16, 17, 18, None, 30]
    assert pages[0].previous is None and pages[-1].next is None
    assert pages[14].previous == "themes/x/page/14.md" and pages[14].next == "themes/x/page/16.md"


def test_groups_never_straddle_pages():
    groups = [("a", [1] * 30), ("b", [1] * 30), ("c", [1] * 90), ("d", [1] * 5)]
    pages = lists.split_groups("districts/index.md", groups, 50, label=str.upper)
    assert [[key for key, _ in p.items] for p in pages] == [["a"], ["b"], ["c"], ["d"]]
    assert pages[1].uri == "districts/page/2.md" and pages[0].labels == ["A", "B", "C", "D"]
    wider = lists.split_groups("d/index.md", groups, 70, str)
    assert [[key for key, _ in p.items] for p in wider] == [["a", "b"], ["c"], ["d"]]


def test_search_indexes_a_list_on_its_first_page_only(built):
    root, site, collection = built
    theme = max(collection.by_theme, key=lambda t: len(collection.by_theme[t]))
    assert "data-pagefind-body" in _page(site, f"themes/{theme}")
    for later in (f"themes/{theme}/page/2", f"states/{max(collection.by_state, key=lambda s: len(collection.by_state[s])).lower()}/page/2"):
        assert "data-pagefind-body" not in _page(site, later), later
