"""The map of states and the timeline, made at build time (pages/state_map.py,
pages/timeline.py): every state with cases linked, every case on the timeline,
text escaped, and the pages bounded at any number of cases."""
from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import REPO
from district_casebook.loading import project
from district_casebook.model import vocabulary
from district_casebook.pages import state_map, timeline
from district_casebook.pages.generator import Renderer

sys.path.insert(0, str(REPO / "benchmarks"))
import synthetic  # noqa: E402
from district_casebook.model.years import Period

LINK = re.compile(r'<a (?:class="[^"]*" )?href="([^"]+)"')
SIZE_LIMIT = 300_000  # bytes: the limit for the map and the timeline pages, at 10,000 cases


def svg_of(html: str, css_class: str) -> str:
    return re.search(rf'<svg class="{css_class}".*?</svg>', html, re.S).group(0)


def test_the_grid_places_every_state_of_the_vocabulary_once():
    grid = state_map.positions()
    states, problems = vocabulary.load_all(REPO / "schema")
    assert not problems
    assert set(grid) == set(states["states"].terms) - {"US"}  # "US" is "state not given": no square
    assert len(set(grid.values())) == len(grid), "two states on one square"


def test_shading_grows_with_the_count_and_one_case_is_always_visible():
    shades = [state_map.shade(count, 300) for count in range(0, 301)]
    assert shades[0] == 0 and shades[1] == 1 and shades[300] == state_map.SHADES
    assert shades == sorted(shades)
    assert state_map.shade(1, 1) == state_map.SHADES
    assert [step for step, _ in state_map.legend(300)] == list(range(1, state_map.SHADES + 1))
    assert state_map.legend(2) == [(4, "1 case"), (5, "2 cases")]  # sqrt(1/2) of the way up


def _loaded(path: Path):
    loaded = project.load(path)
    assert not loaded.problems, "\n".join(map(str, loaded.problems))
    return loaded.collection


def test_the_map_links_every_state_with_cases_and_names_its_count(project_site, project):
    collection = _loaded(project)
    html = (project_site / "states" / "index.html").read_text(encoding="utf-8")
    svg = svg_of(html, "cb-map__svg")
    expected = {f"/states/{code.lower()}/" for code in collection.by_state}
    assert {urljoin("/states/", href) for href in LINK.findall(svg)} == expected
    for code, cases in collection.by_state.items():
        label = collection.vocabularies["states"].label(code)
        count = f"{len(cases)} case" + ("" if len(cases) == 1 else "s")
        assert f"<title>{label}: {count}</title>" in svg  # the link's accessible name
    assert 'aria-labelledby="cb-state-map-title"' in svg and 'id="cb-state-map-title"' in html
    assert "Texas: no cases yet" in svg  # a plain square: no link
    listed = {urljoin("/states/", href) for href in re.findall(r'href="([^"]+)"', html.split("</svg>", 1)[1])}
    assert expected <= listed  # the text list below the map has the same states


def test_the_home_page_shows_the_map_linking_every_state_with_cases(real_site):
    collection = _loaded(REPO)
    html = (real_site / "index.html").read_text(encoding="utf-8")
    figure = re.search(r'<figure class="cb-map">.*?</figure>', html, re.S).group(0)
    placed = {f"/states/{c.lower()}/" for c in collection.by_state if c != "US"}
    assert {urljoin("/", href) for href in LINK.findall(svg_of(figure, "cb-map__svg"))} == placed
    if "US" in collection.by_state:  # cases whose state is not given: a link under the map, not a square
        assert '<a href="states/us/">' in figure.split("</svg>")[1]


def test_the_timeline_links_every_case_and_the_table_lists_each(project_site, project):
    collection = _loaded(project)
    html = (project_site / "timeline" / "index.html").read_text(encoding="utf-8")
    svg = svg_of(html, "cb-timeline__svg")
    linked = {m for m in re.findall(r'href="\.\./cases/([^/]+)/"', svg)}
    assert linked == set(collection.cases)
    table = html.split('class="cb-timeline-table"', 1)[1]
    assert set(re.findall(r'href="\.\./cases/([^/]+)/"', table)) == set(collection.cases)
    # Contributor text is escaped in the SVG and the table alike.
    assert "<title>Shelbyville rethinks grades &amp; reports {A-F} &lt;50%, since 2012</title>" in svg
    assert "grades &amp; reports {A-F} &lt;50%</a>" in table
    # Each theme that is first for some case heads its group, linking its theme page.
    for key in {case.themes[0] for case in collection}:
        assert f'href="../themes/{key}/" id="theme-{key}"' in svg


def test_a_case_becomes_a_bar_an_open_bar_or_a_single_year():
    class Years:
        def __init__(self, years, title="T"):
            self.id, self.title, self.period = "x", title, Period.of(years)
    assert timeline.bar(Years({"start": 2010, "end": 2012})).years_text == "2010–2012"
    ongoing = timeline.bar(Years({"start": 2015}))
    assert ongoing.end is None and ongoing.years_text == "since 2015" and not ongoing.single
    single = timeline.bar(Years({"start": 2019, "end": 2019}))
    assert single.single and single.years_text == "2019"
    reported = timeline.bar(Years({"start": "unknown", "reported": 2012}))
    assert reported.single and reported.start_unknown and reported.years_text == "reported in 2012"
    about = timeline.bar(Years({"start": 2017, "approximate": True}))
    assert about.approximate and about.years_text == "since about 2017"
    assert timeline.bar(Years({"start": "unknown"})) is None  # listed under the chart, not drawn
    scale = timeline.axis([single, ongoing])
    assert (scale.first, scale.last, scale.step) == (2015, 2019, 1)
    assert timeline.axis([timeline.Bar("a", "A", 1950, 2020)]).step == 5


@pytest.fixture(scope="module")
def synthetic_collections(tmp_path_factory):
    """The synthetic cases just below and just above the limit for one bar per case."""
    found = {}
    for n in (timeline.AGGREGATE_ABOVE, timeline.AGGREGATE_ABOVE + 1):
        found[n] = _loaded(synthetic.make_project(tmp_path_factory.mktemp(f"seeing-{n}") / "project", n))
    return found


def test_beyond_the_limit_the_timeline_counts_cases_by_theme_and_year(synthetic_collections):
    collection = synthetic_collections[timeline.AGGREGATE_ABOVE + 1]
    page = Renderer(collection).timeline_page()
    assert "../cases/" not in page  # no bar per case
    rows = re.findall(r'<g class="cb-tl-row" data-t="(\d+)" transform="[^"]+"><a href="[^"]+" id="theme-([^"]+)"', page)
    assert rows == [(str(n), key) for n, key in enumerate(collection.vocabularies["themes"].terms)]
    data = timeline.chart(collection, lambda uri: uri)
    for row in data["rows"]:  # each square counts the theme's cases under way in its year
        cases = collection.by_theme.get(row.group, [])
        for x, width, shade, count, low, high, href in row.cells:
            assert count == sum(1 for c in cases if timeline._under_way(timeline.bar(c), data["axis"], low, high))
            assert href == f"finder/index.md?theme={row.group}&from={low}&to={high}"
    assert "more than 300, so one bar per case would be too many rows" in page


def test_beyond_the_limit_cases_with_no_year_are_counted_by_theme(real_collection, monkeypatch):
    """A list of every undated case would grow with the casebook: aggregated, it is a line per theme."""
    undated = [c for c in real_collection if c.period.first is None]
    assert undated, "the real cases include some whose sources give no year"
    monkeypatch.setattr(timeline, "AGGREGATE_ABOVE", 2)
    listed = timeline.chart(real_collection, lambda uri: uri)["undated"]
    themes = [t for t in real_collection.vocabularies["themes"].terms if any(t in c.themes for c in undated)]
    assert [href for _, href, _ in listed] == [f"themes/{t}.md" for t in themes]  # in the vocabulary's order
    for (text, _, _), theme in zip(listed, themes):
        n = sum(theme in c.themes for c in undated)
        assert text == f"{real_collection.vocabularies['themes'].label(theme)}: {n} {'case' if n == 1 else 'cases'}"
    page = Renderer(real_collection).timeline_page()
    assert "give no year (counted under each of their themes):" in page
    assert not any(f'href="../{c.page_uri}"' in page.split('id="timeline-undated"')[1] for c in undated)


def test_the_map_and_timeline_pages_stay_small_at_any_size(synthetic_collections, project_site):
    """The largest timeline is one bar per case at the limit; beyond it the page holds a row
    per theme and a square per year, whatever the number of cases. The map has a square per
    state. Measured as the page's Markdown plus the site's frame around it (a built page's size
    less its content), at 10,000 cases in the README."""
    frame = len((project_site / "compare" / "index.html").read_bytes())
    for n, collection in synthetic_collections.items():
        renderer = Renderer(collection)
        timeline_page = renderer.timeline_page().encode()
        states_page = renderer.state_pages()["states/index.md"].encode()
        assert len(timeline_page) + frame < SIZE_LIMIT, (n, len(timeline_page))
        assert len(states_page) + frame < SIZE_LIMIT, (n, len(states_page))
