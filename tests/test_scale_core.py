"""The fast paths of the core give exactly what the plain ways give:
related cases (bit-sliced scores, related.py), relative links, inline
escaping, and list lines (caselines.py)."""
from __future__ import annotations

import posixpath
import random
import re
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import make_project
from district_casebook import pages, project, references
from district_casebook.related import RelatedIndex, terms

THEMES = [f"theme-{i}" for i in range(16)]
ROLES = [f"role-{i}" for i in range(9)]


def counted(items: list, position: int, count: int, skip: set[int]) -> list[int]:
    """The plain way: add up each shared term's weight over the posting lists, sort."""
    postings: dict[str, list[int]] = {}
    for other, item in enumerate(items):
        for term, _weight in item:
            postings.setdefault(term, []).append(other)
    scores: Counter[int] = Counter()
    for term, weight in items[position]:
        for other in postings[term]:
            scores[other] += weight
    ranked = sorted((-score, other) for other, score in scores.items() if other not in skip | {position})
    return [other for _, other in ranked[:count]]


def random_items(rng: random.Random, n: int) -> list:
    return [terms(rng.sample(THEMES, rng.randint(1, 6)), rng.sample(ROLES, rng.randint(0, 5))) for _ in range(n)]


def test_related_ranks_exactly_as_counting_does():
    rng = random.Random(7)
    for n in (1, 2, 6, 50, 400):
        items = random_items(rng, n)
        index = RelatedIndex(items)
        for position in range(0, n, max(1, n // 40)):
            skip = set(rng.sample(range(n), min(n, 2)))
            for count in (0, 1, 5, n + 3):
                assert index.top(position, count, skip) == counted(items, position, count, skip), (n, position)


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
    renderer = pages.Renderer(collection)
    case = collection.cases["shelbyville-grading"]
    line = renderer.env.globals["case_lines"]([case], lambda uri: references.relative("themes/x.md", uri))
    expected = (f"- [{references.escape_inline(case.title)}](../cases/shelbyville-grading.md) — "
                f"{references.escape_inline(renderer.districts_text(case))}, {case.year_span}. "
                f"*{references.escape_inline(renderer.theme_labels(case))}*\n")
    assert line == expected
    assert "<" not in line  # contributor text stays text


def test_the_index_pages_list_each_case_under_each_of_its_themes(tmp_path):
    collection = project.load(make_project(tmp_path / "p")).collection
    listed = pages.Renderer(collection).theme_pages()
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
