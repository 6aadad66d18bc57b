"""Hostile input of issue 14, refused where it is checked: by `casebook validate`
(exit 1, `file:line`, no traceback) and, where it is about the site's output,
by a strict build.

Where each class is shown:

- work without bound: below, each class on a 100 KB line (or list) through
  `casebook validate` in a process with a CPU budget; benchmarks/hostile.py
  times each at 256 KB;
- caps (aliases, districts, sources, themes, roles, related, [[references]],
  open link addresses): golden/problems/caps.yml;
- dates: dates.yml; invisible characters: invisible-characters.yml;
- one spelling a district page: district-spelling.yml;
- values in messages: message-lines.yml, message-lines-github.yml, and below;
- what may be under cases/ and docs/: contributor-paths.yml, and links below;
- marker counts: marker-count.yml;
- CSV cells: below, through a strict build.

test_hostile.py's test_build_stops_with_the_problems_validate_prints builds
every refusing golden project strictly and checks the build stops with the
same lines `casebook validate` prints.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
from conftest import REPO, build, make_project
from district_casebook.checking import invisible, schema_fast
from district_casebook.model import sections
from jsonschema._utils import uniq
from test_hostile import assert_refused, validate

CASE = "cases/springfield-attendance.md"
LINE = 100 * 1024  # the length of each adversarial line
CPU_SECONDS = 5  # for validating after start-up; quadratic work on 100 KB takes minutes


def _body(text: str):
    return [("Start small.", "Start small.\n\n" + text)]


def _front(text: str):
    return [("added: 2026-11-01", "added: 2026-11-01\n" + text)]


def _flow_list(name: str, item: str) -> str:
    items, number, size = [], 0, 0
    while size < LINE:
        items.append(item.format(n=number))
        size, number = size + len(items[-1]) + 2, number + 1
    return f"{name}: [" + ", ".join(items) + "]"


# Each class: the edits that make it, and the line `casebook validate` names (after the file).
UNBOUNDED = {
    "a section heading of spaces": (_body("## " + " " * LINE + "x"), 47),
    "a section heading of spaces and hashes": (_body("## " + " #" * (LINE // 2) + " x"), 47),
    "a heading with thousands of {#a}": (_body("### x " + "{#a}" * (LINE // 4)), 47),
    "a section heading with thousands of {#a}": (_body("## Lessons " + "{#a}" * (LINE // 4)), 47),
    "one line of [a](b": (_body("[a](b" * (LINE // 5)), 47),
    "32 unclosed '[' before 100 KB": (_body("[a" * 32 + " x" * (LINE // 2)), 47),
    "']('": (_body("](" * (LINE // 2) + "[a"), 47),
    "aliases mixing numbers and text": (_front(_flow_list("aliases", "{n}, a{n}")), 25),
    "aliases that are ids": (_front(_flow_list("aliases", "old-{n}")), 25),
    "districts": ([("districts:\n  - name: Springfield Public Schools\n    state: MA\n    nces_id: \"2511130\"",
                    _flow_list("districts", "{{name: D{n}, state: MA}}"))], 5),
    "themes": ([("themes: [teacher-leadership, collaborative-inquiry]", _flow_list("themes", "teacher-leadership"))],
               13),
    "[[references]]": (_body("[[shelbyville-grading]] " * (LINE // 24)), 47),
    "zero-width spaces": (_body("a\u200b" * (LINE // 2)), 47),
    "a marker line of arguments": (_body("<!-- casebook:recent" + " a=b" * (LINE // 4) + " -->"), 47),
    "a tag left open": (_body("<a" * (LINE // 2)), 47),
}


def _validate_with_budget(root: Path) -> subprocess.CompletedProcess:
    """`casebook validate` in a process whose validating (after its imports) may use
    CPU_SECONDS of CPU time; SIGPROF ends it if it takes more."""
    script = textwrap.dedent(f"""
        import signal, sys
        from district_casebook.cli import commands
        signal.setitimer(signal.ITIMER_PROF, {CPU_SECONDS})
        sys.exit(commands.main(["validate", "--root", {str(root)!r}]))
    """)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(REPO / "hooks")})


def _edit(root: Path, name: str, edits) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("name", UNBOUNDED)
def test_each_class_of_unbounded_work_is_refused_quickly_on_its_line(name, tmp_path):
    edits, line = UNBOUNDED[name]
    root = make_project(tmp_path / "project")
    _edit(root, CASE, edits)
    result = _validate_with_budget(root)
    assert result.returncode == 1, f"ended by signal or error ({result.returncode}): {result.stderr[-2000:]}"
    assert "Traceback" not in result.stdout + result.stderr
    assert any(out.startswith(f"{CASE}:{line}: ") for out in result.stdout.splitlines()), result.stdout[:2000]


def test_the_heading_reader_reads_headings_as_the_pattern_it_replaces():
    old = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
    lines = ["## Problem", "## Problem ##", "##\tProblem", "## Problem {#problem}", "### x # #", "## ###", "##",
             "#######  x", "## a#", "##  spaced  out  ", "#x", "## \t#\t", "# Title", "###### six", "## ` code ` ##"]
    for line in lines:
        match = old.match(line)
        assert sections.heading(line) == ((len(match.group(1)), match.group(2)) if match else None), line


def test_the_refused_format_characters_are_every_one_unicode_knows():
    format_characters = {code for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Cf"}
    assert format_characters <= set(invisible.REFUSED)
    assert set(invisible.FILLERS) <= set(invisible.REFUSED)
    assert not invisible.PATTERN.search("Plain text: é, ß, 中文, العربية, emoji ✓, a\ttab and non\u00a0breaking space.")


@pytest.mark.parametrize("items", [
    [1, 1.0], [True, 1], [False, 0], ["1", 1], [[1, "a"], [1.0, "a"]], [{"a": 1}, {"a": True}],
    [{"a": [1]}, {"a": [1.0]}], [None, 0, "", []], list(range(50)) + ["x", 7], ["a", "b", "a"],
])
def test_uniqueness_agrees_with_jsonschema(items):
    assert schema_fast.unique(items) == uniq(items)


def _refusing_links(root: Path) -> None:
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n")
    (root / "docs" / "repository").symlink_to("../.git", target_is_directory=True)
    (root / "docs" / "meetings" / "config.md").symlink_to("../../.git/config")
    (root / "docs" / "again").symlink_to("meetings", target_is_directory=True)
    (root / "cases" / "readme.md").symlink_to("../README.md")
    (root / "README.md").write_text("# Read me\n")
    (root / "docs" / "gone.md").symlink_to("nothing-here.md")


def test_links_to_the_repository_or_out_of_their_folder_are_refused(tmp_path, capsys, caplog):
    root = make_project(tmp_path / "project")
    _refusing_links(root)
    replace = "Replace the link with the file itself."
    assert_refused(root, capsys, caplog, [
        f"cases/readme.md:1: The file is a link to 'README.md', outside cases/; the site would publish what it "
        f"leads to. {replace}",
        "docs/again:1: The folder is a link to another folder; the site would publish everything in it again. "
        "Replace the link with a folder of its own.",
        "docs/gone.md:1: The file is a link to nothing. Remove it, or put the file itself here.",
        f"docs/meetings/config.md:1: The file is a link to '.git/config', outside docs/; the site would publish "
        f"what it leads to. {replace}",
        f"docs/repository:1: The file is a link to '.git', outside docs/; the site would publish what it leads "
        f"to. {replace}",
    ])


FORMULAS = [  # each would be a formula in a spreadsheet; OWASP's list, tab included
    ("title: Springfield brings teachers into an attendance push",
     """title: '=HYPERLINK("https://example.org") Springfield brings teachers into an attendance push'"""),
    ("summary: Springfield's central office", 'summary: "+1 Springfield\'s central office'),
    ("chronic absence at their schools.", 'chronic absence at their schools."'),
    ("  - name: Springfield Public Schools", '  - name: "@SUM(A1) Springfield Public Schools"'),
    ("  - title: Attendance Works in Springfield", '  - title: "\\t-2+3 Attendance Works in Springfield"'),
]


def test_csv_cells_never_start_a_formula_and_the_json_keeps_the_text(tmp_path, capsys):
    root = make_project(tmp_path / "project")
    _edit(root, CASE, FORMULAS)
    assert validate(root, capsys) == (0, [])
    site = build(root)
    rows = list(csv.reader(io.StringIO((site / "api" / "cases.csv").read_text(encoding="utf-8"), newline="")))
    assert not [cell for row in rows for cell in row if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    names, record = rows[0], next(row for row in rows[1:] if row[0] == "springfield-attendance")
    assert record[names.index("title")] == \
        "'=HYPERLINK(\"https://example.org\") Springfield brings teachers into an attendance push"
    assert record[names.index("summary")].startswith("'+1 Springfield's")
    assert record[names.index("districts.name")] == "'@SUM(A1) Springfield Public Schools"
    assert record[names.index("sources.title")] == "'\t-2+3 Attendance Works in Springfield"
    case = json.loads((site / "api" / "cases" / "springfield-attendance.json").read_text(encoding="utf-8"))["case"]
    assert case["title"].startswith("=HYPERLINK(") and case["summary"].startswith("+1 ")


@pytest.mark.parametrize("output", ["text", "github"])
def test_no_message_line_starts_with_two_colons_or_breaks_in_two(output, tmp_path):
    root = make_project(tmp_path / "project")
    _edit(root, CASE, [("id: springfield-attendance", 'id: "x\\n::error file=a,line=1::forged\\u2028::b\\r::c"'),
                       ("level: district", '"::warning::k\\u0085::k": district')])
    (root / "cases" / "::error file=a::b.md").write_text("")
    result = subprocess.run([sys.executable, "-m", "district_casebook", "validate", "--format", output],
                            cwd=root, capture_output=True, text=True, env={**os.environ,
                                                                          "PYTHONPATH": str(REPO / "hooks")})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stdout.split("\n")[:-1]
    assert lines == result.stdout.splitlines()  # no other line break (U+2028, U+0085, CR) inside a line
    if output == "github":
        assert all(line.startswith(("::error file=", "::warning file=")) for line in lines)
    else:
        assert not [line for line in lines if line.startswith("::")]
    assert "forged" in result.stdout and "\\u2028" in result.stdout
