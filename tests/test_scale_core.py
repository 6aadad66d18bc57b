"""The fast paths of the core give exactly what the plain ways give:
related cases (bit-sliced scores, related.py), relative links, inline
escaping, list lines (caselines.py) and the links of the district lists."""
from __future__ import annotations

import json
import posixpath
import random
import re
from collections import Counter
from pathlib import Path

from conftest import DATA, make_project
from district_casebook.loading import project
from district_casebook.markup import references
from district_casebook.model import summaries
from district_casebook.model.casebook import District
from district_casebook.model.related import RelatedIndex, terms
from district_casebook.pages import generator, lists
from hypothesis import given, settings
from hypothesis import strategies as st

DATA_CASES = DATA / "project" / "cases"
THEMES = [f"theme-{i}" for i in range(16)]
ROLES = [f"role-{i}" for i in range(9)]


def counted(cases: list, position: int, count: int, skip: set[int]) -> list[int]:
    """The plain way: add up each shared key's weight over the posting lists, sort."""
    def weighted(themes, roles):
        return [(f"theme:{t}", 2) for t in themes] + [(f"role:{r}", 1) for r in roles]  # a theme counts twice
    postings: dict[str, list[int]] = {}
    for other, case in enumerate(cases):
        for term, _weight in weighted(*case):
            postings.setdefault(term, []).append(other)
    scores: Counter[int] = Counter()
    for term, weight in weighted(*cases[position]):
        for other in postings[term]:
            scores[other] += weight
    ranked = sorted((-score, other) for other, score in scores.items() if other not in skip | {position})
    return [other for _, other in ranked[:count]]


def random_cases(rng: random.Random, n: int) -> list[tuple[list[str], list[str]]]:
    """(themes, roles) of n cases."""
    return [(rng.sample(THEMES, rng.randint(1, 6)), rng.sample(ROLES, rng.randint(0, 5))) for _ in range(n)]


def test_related_ranks_exactly_as_counting_does():
    rng = random.Random(7)
    for n in (1, 2, 6, 50, 400):
        cases = random_cases(rng, n)
        index = RelatedIndex([terms(themes, roles) for themes, roles in cases])
        for position in range(0, n, max(1, n // 40)):
            skip = set(rng.sample(range(n), min(n, 2)))
            for count in (0, 1, 5, n + 3):
                expected = counted(cases, position, count, skip)
                assert index.top(position, count, skip) == expected, (n, position)


def test_items_sharing_nothing_are_never_related():
    index = RelatedIndex([terms(["a"], []), terms(["b"], ["x"]), terms(["a"], ["y"])])
    assert index.top(0, 5) == [2]
    assert index.top(1, 5) == []


def test_collection_puts_explicit_links_first_and_follows_former_ids(tmp_path):
    root = make_project(tmp_path / "p")
    collection = project.load(root).collection
    springfield = collection.cases["springfield-attendance"]
    related = collection.related(springfield)
    assert related[0].id == "shelbyville-grading"  # named in its `related` field
    assert springfield not in related and len({c.id for c in related}) == len(related)
    springfield.doc.data["related"] = ["ogdenville-rj", "ogdenville-restorative"]  # a former id and the id
    assert [c.id for c in collection.related(springfield)][:1] == ["ogdenville-restorative"]
    assert [c.id for c in collection.related(springfield)].count("ogdenville-restorative") == 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["cases", "themes", "x.md", "index.md", "page", "2.md", "a"]), min_size=1,
                max_size=4),
       st.lists(st.sampled_from(["cases", "themes", "x.md", "index.md", "page", "2.md", "a"]), min_size=1,
                max_size=4))
def test_relative_links_match_posixpath(start, target):
    from_uri, to_uri = "/".join(start), "/".join(target)
    assert references.relative(from_uri, to_uri) == posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def plain_escape(text: str) -> str:
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]|#!{}])", r"\\\1", text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab &<>\\`*_[]|#!{}\n\t;—é")), max_size=30))
def test_inline_escaping_matches_the_plain_replacements(text):
    assert references.escape_inline(text) == plain_escape(text)


def test_a_list_line_carries_the_title_link_districts_years_and_themes(tmp_path):
    root = make_project(tmp_path / "p")
    collection = project.load(root).collection
    renderer = generator.Renderer(collection)
    case = collection.cases["shelbyville-grading"]
    line = renderer.env.globals["case_lines"]([case], lambda uri: references.relative("themes/x.md", uri))
    expected = (f"- [{references.escape_inline(case.title)}](../cases/shelbyville-grading.md) — "
                f"{references.escape_inline(renderer.districts_text(case))}, {case.year_span}. "
                f"*{references.escape_inline(renderer.theme_labels(case))}* "
                f'<span class="cb-case-lead">{references.escape_inline(summaries.lead(case.summary))}</span>\n')
    assert line == expected
    assert "<" not in line.replace('<span class="cb-case-lead">', "").replace("</span>", "")  # contributor text stays text


def test_a_list_line_with_odd_labels_and_names_is_the_whole_line_escaped(tmp_path):
    root = make_project(tmp_path / "p")
    themes = root / "schema" / "themes.yml"
    odd = {"label: Grading and assessment": 'label: "  Grading  *and*  "', "label: Teacher leadership": 'label: " "'}
    themes.write_text(_replaced(themes.read_text(), odd), encoding="utf-8")
    case_file = root / "cases" / "shelbyville-grading.md"
    case_file.write_text(_replaced(case_file.read_text(), {"Shelbyville Unified": "Shelbyville  [Unified]"}))
    collection = project.load(root).collection
    renderer = generator.Renderer(collection)
    case = collection.cases["shelbyville-grading"]
    line = renderer.env.globals["case_lines"]([case], lambda uri: references.relative("themes/x.md", uri))
    assert f"{references.escape_inline(renderer.districts_text(case))}, " in line
    assert f"*{references.escape_inline(renderer.theme_labels(case))}* <span" in line
    assert "Grading \\*and\\*" in line


def _replaced(text: str, changes: dict[str, str]) -> str:
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    return text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_the_json_filter_writes_strings_as_json_dumps_does(text):
    assert generator._json(text) == json.dumps(text, ensure_ascii=False)
    assert generator._json([text, 1]) == json.dumps([text, 1], ensure_ascii=False)


def test_district_lists_link_each_district_as_a_relative_link_would(tmp_path, monkeypatch):
    monkeypatch.setattr(lists, "DISTRICTS_PER_PAGE", 1)  # the districts index on several pages
    collection = project.load(make_project(tmp_path / "p")).collection
    renderer = generator.Renderer(collection)
    listed = renderer.district_pages() | renderer.state_pages()
    assert "districts/page/2.md" in listed
    checked = 0
    for uri, text in listed.items():
        for name, link in re.findall(r"^- \[(.*?)\]\((.*?)\) · \d+ cases?$", text, re.M):
            district = collection.districts.get(posixpath.basename(link).removesuffix(".md"))
            if district:  # not a state on the states index
                assert link == references.relative(uri, f"districts/{district.slug}.md"), (uri, link)
                assert name == references.escape_inline(district.name)
                checked += 1
    assert checked == 2 * len(collection.districts)  # on its state's page and on the districts index


def test_a_district_named_two_ways_is_a_problem_naming_both_files(tmp_path):
    # Issue 14: one page, one spelling. Before, the last case's spelling silently won.
    text = (DATA_CASES / "ogdenville-restorative.md").read_text()
    root = make_project(tmp_path / "p", {"ogdenville-restorative.md": text.replace(
        "name: Ogdenville Unified", "name: shelbyville  UNIFIED")})
    loaded = project.load(root)
    assert loaded.collection is None
    assert [str(p) for p in loaded.problems if "same district page" in p.message] == [
        "cases/shelbyville-grading.md:6: districts[0].name: 'Shelbyville Unified' and 'shelbyville  UNIFIED' "
        "(cases/ogdenville-restorative.md) make the same district page, /districts/shelbyville-unified-ca/. "
        "Spell the district as the other case does: one district, one spelling."]
    assert District("Ça Va", "TX").slug == "ca-va-tx" != District("Ça Va", "OH").slug


def test_the_index_pages_list_each_case_under_each_of_its_themes(tmp_path):
    collection = project.load(make_project(tmp_path / "p")).collection
    listed = generator.Renderer(collection).theme_pages()
    for case in collection:
        for theme in case.themes:
            assert f"(../cases/{case.id}.md)" in listed[f"themes/{theme}.md"], (case.id, theme)


def test_synthetic_case_text_does_not_depend_on_the_collection_size(tmp_path):
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import synthetic
    small, large = tmp_path / "small", tmp_path / "large"
    synthetic.write_cases(small, 20)
    synthetic.write_cases(large, 60)
    for name in ("synthetic-case-00000.md", "synthetic-case-00019.md"):
        assert (small / name).read_text() == (large / name).read_text()
