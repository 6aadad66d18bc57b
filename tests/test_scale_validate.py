"""`casebook validate` at scale: reading on several cores gives exactly what one
core gives, and each shortcut taken for speed (a cheap pre-test before a full
check) finds exactly what the full check finds."""
from __future__ import annotations

import os
import re
import shutil
import threading
from pathlib import Path

import pytest
import yaml
from conftest import REPO, make_project
from district_casebook.checking import body_limits, hostile_text, rendered
from district_casebook.loading import parallel, project
from district_casebook.markup import references
from district_casebook.model import sections, vocabulary
from district_casebook.reading import documents, strict_yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

GOLDEN = Path(__file__).parent / "golden" / "problems"
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _pid_of(item: int) -> tuple[int, int]:
    return item, os.getpid()


@pytest.mark.skipif(not parallel.can_fork(), reason="no fork on this system")
def test_items_are_shared_with_other_processes_and_each_comes_back_once_with_its_index(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "CHUNK", 3)
    results = list(parallel.map_as_done(_pid_of, list(range(40)), workers=3))
    assert sorted(index for index, _ in results) == list(range(40))
    assert all(index == item for index, (item, _) in results)
    pids = {pid for _, (_, pid) in results}
    assert os.getpid() in pids and len(pids) >= 2


def test_few_items_or_one_worker_stay_in_this_process():
    assert {pid for _, (_, pid) in parallel.map_as_done(_pid_of, list(range(20)), workers=2)} == {os.getpid()}
    many = list(range(parallel.PARALLEL_FROM))
    assert {pid for _, (_, pid) in parallel.map_as_done(_pid_of, many, workers=1)} == {os.getpid()}


def broken_project(root: Path) -> Path:
    """The test project plus every golden file's broken cases, each under its own name."""
    make_project(root)
    from test_problems import apply
    for golden_path in sorted(GOLDEN.glob("*.yml")):
        scratch = make_project(root.parent / f"scratch-{golden_path.stem}")
        apply(scratch, yaml.safe_load(golden_path.read_text(encoding="utf-8")))
        for case in sorted((scratch / "cases").glob("*.md")):
            shutil.copy(case, root / "cases" / f"{golden_path.stem}--{case.name}")
    return root


def _as_seen(loaded: project.Loaded) -> tuple:
    cases = [(c.id, c.doc.data, c.doc.lines, c.sections) for c in loaded.collection] if loaded.collection else None
    return [vars(p) for p in loaded.problems], [vars(p) for p in loaded.notices], cases


@pytest.mark.skipif(not parallel.can_fork(), reason="no fork on this system")
@pytest.mark.parametrize("broken", [False, True], ids=["valid", "broken"])
def test_several_cores_find_exactly_what_one_finds(tmp_path, monkeypatch, broken):
    root = broken_project(tmp_path / "project") if broken else make_project(tmp_path / "project")
    one = project.load(root, workers=1)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "CHUNK", 2)
    several = project.load(root, workers=2)
    assert bool(one.problems) == broken and len(one.problems) > (40 if broken else -1)
    assert _as_seen(several) == _as_seen(one)


# The shortcuts, each against the full check it stands in front of.

def _slow_first_too_deep(text: str) -> int | None:
    return next((n for n, line in enumerate(text.split("\n")) if body_limits._nesting(line) > body_limits.MAX_NESTING),
                None)


MARKDOWNISH = st.text(alphabet=" \t\n->*+1.)[]ab", max_size=400)


@FAST
@given(MARKDOWNISH, st.integers(0, 40), st.integers(0, 40))
def test_the_deep_line_pre_test_misses_no_deep_line(text, spaces, markers):
    text = text + "\n" + " " * spaces + "- " * markers + "x\n" + text
    assert body_limits._first_too_deep(text) == _slow_first_too_deep(text)


@FAST
@given(MARKDOWNISH, st.integers(0, 40))
def test_the_bracket_pre_test_misses_no_deep_brackets(text, opened):
    text = text + "[" * opened + text
    full = body_limits._brackets_too_deep(text.split("\n"))
    assert [p.line for p in body_limits.problems("x.md", text, 1) if "'['" in p.message] == \
        ([] if full is None else [full + 1])


@FAST
@given(st.text(alphabet=" \t\n-?:[]{}a", max_size=300), st.integers(0, 120), st.integers(0, 120))
def test_the_yaml_nesting_pre_test_misses_no_deep_line(text, indent, brackets):
    text = text + "\n" + " " * indent + "- " * (indent // 3) + "[" * brackets + "\n" + text
    assert strict_yaml._too_deep(text) == strict_yaml._first_deep_line(text)


@FAST
@given(st.text(alphabet="ab<{:\n\x01\u202e", max_size=60))
def test_the_field_pre_test_skips_only_fields_with_nothing_to_find(text):
    doc = documents.Document("cases/x.md", {"title": text}, {("title",): 2}, "", 4)
    assert bool(hostile_text.front_matter(doc)) == (hostile_text._first_in_field(text) is not None)


def test_attribute_lists_are_refused_except_on_a_section_heading():
    """A section heading's line is replaced by the template's own heading; `## Context {: .x }`
    is no section name, which the section check reports. Braces inside a line of text are no
    attribute list to Python-Markdown: they stay text, and are accepted."""
    text = "## Problem {#problem}\n\nText {: onclick=x }\nmore\n{: onclick=x }\n## Context {: .x }\n"
    found = rendered.body_problems("cases/x.md", text, 10, section_lines=sections.heading_lines(text))
    assert [p.line for p in found] == [14]
    assert "Text {: onclick=x }" in rendered.to_html(text)
    assert [p.line for p in sections.split(text, 10, "cases/x.md", vocabulary.load_all(REPO / "schema")[0]["sections"])[1]
            if "is not a case section" in p.message] == [15]


@FAST
@given(st.lists(st.sampled_from(["text", "\n", "[[a-case]]", "[[Bad]]", "[[b#approach]]", "[", "]"]), max_size=30))
def test_references_carry_the_line_they_are_on(parts):
    text = "".join(parts)
    expected = [(number, match.group(0)) for number, line in enumerate(text.split("\n"), 5)
                for match in re.finditer(r"\[\[([^\[\]\n]*)\]\]", line)]
    assert [(line, raw) for line, _, _, raw in references.find(text, 5)] == expected


def test_strings_come_in_document_order_with_their_paths():
    data = {"a": "x", "b": [{"c": "y", "d": 1}, "z"], "e": {"f": ["w"]}}
    assert documents.strings(data) == [(("a",), "x"), (("b", 0, "c"), "y"), (("b", 1), "z"),
                                       (("e", "f", 0), "w")]


@FAST
@given(st.text(alphabet="ab ·\n&<>\\`*_[]|#!{}é", max_size=40))
def test_inline_escaping_skips_only_text_with_nothing_to_escape(text):
    assert references.escape_inline(text) == " ".join(text.split()).translate(references._INLINE_ESCAPES)


def test_a_process_running_other_threads_reads_on_one_core_only():
    """MkDocs' server runs threads; forking it could leave a lock held forever in a worker."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert parallel.safe_workers() == 1
    finally:
        stop.set()
        other.join()
    if threading.active_count() == 1:
        assert parallel.safe_workers() == parallel.available()
