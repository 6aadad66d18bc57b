"""The front-matter reader: exact lines, and YAML that keeps what the author wrote."""
from __future__ import annotations

from district_casebook.problems import Problem
from district_casebook.reading import documents


def parse(text: str | bytes):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return documents.parse(raw, "cases/x.md")


def test_every_field_and_item_has_its_line():
    doc = parse("---\nid: x\ntitle: T\nthemes:\n  - a\n  - b\nyears:\n  start: 2012\n---\n\n## Problem\n")
    assert doc.lines[("id",)] == 2
    assert doc.lines[("themes", 1)] == 6
    assert doc.lines[("years", "start")] == 8
    assert doc.body_line == 10


def test_values_keep_the_type_the_author_wrote():
    doc = parse("---\nadded: 2024-05-01\nnces_id: 0100005\nstate: No\nyes: on\nstart: 2012\nok: true\n---\n")
    assert doc.data == {"added": "2024-05-01", "nces_id": "0100005", "state": "No", "yes": "on",
                        "start": 2012, "ok": True}


def test_duplicate_keys_are_reported_with_both_lines():
    doc = parse("---\ntitle: A\nid: x\ntitle: B\n---\n")
    assert [str(p) for p in doc.problems] == [
        "cases/x.md:4: title: The key 'title' appears twice (first on line 2). "
        "Keep one of them; YAML would silently use the last."]
    assert doc.data["title"] == "A"


def test_tags_and_aliases_are_rejected():
    doc = parse("---\na: !!python/object/apply:os.system ['true']\nb: &x [1]\nc: *x\n---\n")
    assert [(p.line, p.field) for p in doc.problems] == [(2, "a"), (4, "c")]
    assert "!!python/object/apply:os.system" in doc.problems[0].message


def test_a_byte_order_mark_is_accepted():
    doc = parse(b"\xef\xbb\xbf---\nid: x\n---\n")
    assert doc.data == {"id": "x"}


def test_bytes_that_are_not_utf8_are_located():
    problem = parse(b"---\nid: x\ntitle: caf\xe9\n---\n")
    assert isinstance(problem, Problem)
    assert (problem.line, problem.message) == (3, "The file is not UTF-8 text (byte 0xe9).")


def test_structural_problems_are_single_located_problems():
    cases = {
        "": "The file is empty.",
        "# Title\n": "The file does not start with front matter.",
        "---\nid: x\n": "The front matter opened here has no closing '---' line.",
        "---\n- a\n- b\n---\n": "The front matter holds a list; it must be 'key: value' lines.",
        "---\njust text\n---\n": "The front matter holds a single value; it must be 'key: value' lines.",
        "---\n---\n": "The front matter holds nothing; it must be 'key: value' lines.",
    }
    for text, message in cases.items():
        problem = parse(text)
        assert isinstance(problem, Problem), text
        assert problem.message == message


def test_syntax_errors_and_tabs_point_at_their_line():
    assert parse("---\nid: x\ntitle: [a\nsummary: b\n---\n").line in (3, 4)
    tab = parse("---\nyears:\n\tstart: 2012\n---\n")
    assert (tab.line, tab.message) == (3, "This line is indented with a tab.")


def test_windows_line_endings_give_the_same_lines():
    doc = parse("---\r\nid: x\r\ntitle: T\r\n---\r\n")
    assert doc.lines[("title",)] == 3 and doc.data["title"] == "T"
