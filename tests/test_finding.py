"""Finding cases without a browser: the finder's data file, the search index
and the markup that weighs it, and search under `mkdocs serve`."""
from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import engine
import pytest
from conftest import REPO, build
from district_casebook.loading import project
from district_casebook.model import summaries
from district_casebook.publishing import finder_data
from district_casebook.search import fulltext


@pytest.fixture
def collection(project):
    loaded = project_load(project)
    return loaded.collection


def project_load(root: Path):
    loaded = project.load(root)
    assert not loaded.problems, loaded.problems
    return loaded


def decode(payload: dict) -> dict[str, dict[str, set[str]]]:
    """case id -> facet key -> value keys, read back from the compact rows."""
    keys = [f["key"] for f in payload["facets"]]
    values = [[v[0] for v in f["values"]] for f in payload["facets"]]
    return {row[0]: {key: {values[f][i] for i in row[5][f]} for f, key in enumerate(keys)}
            for row in payload["cases"]}


def test_data_round_trips_every_case_and_facet(collection):
    payload = json.loads(finder_data.data_json(collection))
    assert [f["key"] for f in payload["facets"]] == ["theme", "state", "level", "role", "publisher"]
    decoded = decode(payload)
    assert sorted(decoded) == sorted(collection.cases)
    for case in collection:
        assert decoded[case.id]["theme"] == set(case.themes)
        assert decoded[case.id]["state"] == set(case.states)
        assert decoded[case.id]["level"] == {case.level}
        assert decoded[case.id]["role"] == set(case.roles)


def test_rows_carry_title_districts_and_years(collection):
    payload = json.loads(finder_data.data_json(collection))
    rows = {row[0]: row for row in payload["cases"]}
    ogdenville = rows["ogdenville-restorative"]
    assert ogdenville[1] == "Ogdenville pilots restorative justice"
    names = [payload["districts"][i][0] for i in ogdenville[2]]
    assert names == ["Ogdenville Unified", "North Haverbrook Unified"]
    assert ogdenville[3:5] == [2010, 2012] and ogdenville[6] == "2010–2012"
    assert rows["shelbyville-grading"][4] is None and rows["shelbyville-grading"][6] == "since 2012"  # ongoing


def test_rows_give_unknown_years_as_null_and_reported_as_one_year(project):
    path = project / "cases" / "shelbyville-grading.md"
    path.write_text(path.read_text(encoding="utf-8").replace("  start: 2012", "  start: unknown\n  reported: 2012"),
                    encoding="utf-8")
    path = project / "cases" / "springfield-attendance.md"
    path.write_text(path.read_text(encoding="utf-8").replace("  start: 2019\n  end: 2021", "  start: unknown"),
                    encoding="utf-8")
    loaded = project_load(project)
    assert not loaded.problems
    rows = {row[0]: row for row in json.loads(finder_data.data_json(loaded.collection))["cases"]}
    assert rows["shelbyville-grading"][3:5] == [2012, 2012] and rows["shelbyville-grading"][6] == "reported in 2012"
    assert rows["springfield-attendance"][3:5] == [None, None] and rows["springfield-attendance"][6] == "year unknown"


def test_publisher_spellings_become_one_value(project):
    path = project / "cases" / "springfield-attendance.md"
    path.write_text(path.read_text(encoding="utf-8").replace("publisher: Example Press",
                                                               "publisher: EXAMPLE collaborative"), encoding="utf-8")
    payload = json.loads(finder_data.data_json(project_load(project).collection))
    assert payload["facets"][4]["values"] == [["example-collaborative", "Example Collaborative"]]
    assert all(row[5][4] == [0] for row in payload["cases"] if row[0] != "ogdenville-restorative")


def test_data_is_compact_and_byte_identical(collection):
    first, second = finder_data.data_json(collection), finder_data.data_json(collection)
    assert first == second
    assert first == json.dumps(json.loads(first), ensure_ascii=False, separators=(",", ":")) + "\n"


def test_build_writes_finder_search_page_and_index(project, no_warnings):
    site = build(project)
    for path in ("finder/index.html", "finder/data.json", "search/index.html", "pagefind/pagefind.js",
                 "pagefind/bundles.json"):
        assert (site / path).is_file(), path
    assert list((site / "pagefind" / "index").iterdir()), "Pagefind wrote no index chunk"
    assert any("Search index:" in r.getMessage() and "pages" in r.getMessage() for r in no_warnings.records)


def test_case_pages_give_their_facts_as_metadata_and_ignore_their_neighbours(project, no_warnings):
    html = (build(project) / "cases" / "springfield-attendance" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in html
    assert 'class="cb-summary" data-pagefind-weight="5"' in html
    assert 'class="cb-panel" data-pagefind-ignore' in html  # no excerpt is a line of facts
    for field in ("districts", "states", "years", "themes", "summary"):
        assert f'data-pagefind-meta="{field}[data-value]"' in html, field
    assert 'data-pagefind-filter="kind[data-kind]" data-kind="Case"' in html
    related = html.index('id="related"')
    assert html.rfind('data-pagefind-ignore="all"', 0, related) > html.rfind("cb-panel", 0, related)


def test_finder_and_search_pages_are_not_indexed_and_header_links_them(project, no_warnings):
    site = build(project)
    for page in ("finder", "search"):
        assert "data-pagefind-body" not in (site / page / "index.html").read_text(encoding="utf-8")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'action="search/"' in home and 'name="q"' in home
    assert 'href="finder/"' in home
    assert "api.github.com" not in home and 'data-md-component="source"' not in home


def test_pagefind_summary_is_one_line():
    output = "Total:\n  Indexed 1 language\n  Indexed 61 pages\n  Indexed 1647 words\n  Indexed 0 filters\n"
    assert fulltext.summary(output) == "Search index: 61 pages, 1647 words, 0 filters"


def test_a_failed_index_says_why_in_one_line(tmp_path):
    with pytest.raises(fulltext.IndexingFailed) as failed:
        fulltext.index_site(tmp_path)  # no HTML to index: the real binary refuses
    message = str(failed.value)
    assert message.startswith(f"Pagefind could not index {tmp_path} (exit 1): Pagefind was not able to build")
    assert "\n" not in message and message.count("not able to build") == 1


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, wait: float) -> bytes:
    deadline = time.monotonic() + wait
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_search_works_under_mkdocs_serve(project):
    port = _free_port()
    serve = subprocess.Popen(engine.command("serve", "--no-livereload", "-a", f"127.0.0.1:{port}"),
                             cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        entry = json.loads(_get(f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json", wait=60))
        assert entry["languages"], entry
        assert b"cb-search" in _get(f"http://127.0.0.1:{port}/search/", wait=5)
    finally:
        serve.terminate()
        serve.wait(timeout=20)


def test_the_finder_is_linked_from_the_home_page():
    assert "finder/index.md" in (REPO / "docs" / "index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("summary", "lead"), [
    ("Teachers led it. Then the union joined.", "Teachers led it."),
    ("U.S. schools tried it. Then more.", "U.S. schools tried it."),  # a capital before the dot: no end
    ("It worked (mostly). “Next” came.", "It worked (mostly)."),
    ("Scores rose 12%! 2019 was next.", "Scores rose 12%! 2019 was next."),  # '%' before the mark: no end
    ("Done in 2019? Yes.", "Done in 2019?"),
    ("Spaces \n  and\tlines. Next one.", "Spaces and lines."),
    ("no capital after. the dot goes on", "no capital after. the dot goes on"),
    ("word " * 50 + "end. Next.", ("word " * 44).strip() + "…"),  # longer than 220: cut at a word
    ("word " * 43 + "word. Next.", "word " * 43 + "word."),  # 220 characters exactly: whole
])
def test_a_list_line_shows_the_summary_up_to_its_first_sentence_end(summary, lead):
    assert summaries.lead(summary) == lead

