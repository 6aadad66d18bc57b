"""`casebook new` as a contributor runs it: no terminal, options only."""
from __future__ import annotations

import re
import shlex

import pytest
from conftest import REPO, build, casebook, make_project
from district_casebook.cli.new_case import derive_id

CASE = "cases/north-haverbrook-teachers-redesign-homework.md"
OPTIONS = ["--title", "North Haverbrook teachers redesign homework", "--district", "North Haverbrook Unified",
           "--state", "ca", "--start", "2020", "--end", "2022", "--themes", "teacher-leadership,culture-change"]
MORE = ["--summary", "Teachers rewrote the homework policy with families.", "--level", "district",
        "--roles", "teachers,principals", "--source-title", "Homework Reconsidered",
        "--source-publisher", "Example Press", "--source-year", "2023", "--source-type", "case-study"]


def problems(project, path=CASE):
    result = casebook("validate", path, cwd=project)
    return result.returncode, result.stdout.splitlines()


def test_new_case_needs_only_its_sections_then_builds(tmp_path, no_warnings):
    project = make_project(tmp_path / "project")
    created = casebook("new", *OPTIONS, *MORE, cwd=project)
    assert created.returncode == 0, created.stdout + created.stderr
    assert f"Created {CASE} from the template." in created.stdout
    code, lines = problems(project)
    assert code == 1
    text = (project / CASE).read_text(encoding="utf-8")
    numbered = text.splitlines()
    sections = [re.match(rf"{CASE}:(\d+): The section '## (\w+)' still holds", line) for line in lines]
    assert all(sections), lines  # the unwritten sections, and nothing else
    assert [m.group(2) for m in sections] == ["Problem", "Context", "Approach", "Outcomes", "Lessons"]
    assert all(numbered[int(m.group(1)) - 1].startswith("<<") for m in sections)  # each on its own line
    assert [line for line in created.stdout.splitlines() if line.startswith("  ")] == [f"  {line}" for line in lines]

    for match in sections:
        numbered[int(match.group(1)) - 1] = f"What happened, part {match.group(2)}."
    (project / CASE).write_text("\n".join(numbered) + "\n", encoding="utf-8")
    assert problems(project) == (0, [])
    site = build(project)
    page = (site / "cases" / "north-haverbrook-teachers-redesign-homework" / "index.html").read_text("utf-8")
    assert "North Haverbrook teachers redesign homework" in page and "What happened, part Outcomes." in page


def test_values_not_given_stay_placeholders_and_are_listed(tmp_path):
    project = make_project(tmp_path / "project")
    created = casebook("new", *OPTIONS, cwd=project)
    assert created.returncode == 0, created.stderr
    listed = [line.strip() for line in created.stdout.splitlines() if line.startswith("  ")]
    fields = [re.match(rf"{CASE}:\d+: ([\w.\[\]]+): The field still holds", line) for line in listed]
    assert {m.group(1) for m in fields if m} == {"summary", "level", "roles[0]", "sources[0].title",
                                                 "sources[0].publisher", "sources[0].year", "sources[0].type"}
    assert problems(project)[1] == listed


def test_running_twice_never_overwrites(tmp_path):
    project = make_project(tmp_path / "project")
    assert casebook("new", *OPTIONS, cwd=project).returncode == 0
    (project / CASE).write_text("my work", encoding="utf-8")
    again = casebook("new", *OPTIONS, cwd=project)
    assert again.returncode == 1
    assert f"{CASE} already exists; casebook new never overwrites a case." in again.stderr
    assert (project / CASE).read_text(encoding="utf-8") == "my work"
    clash = casebook("new", *OPTIONS, "--id", "Springfield-Attendance", cwd=project)
    assert clash.returncode == 2 and "--id:" in clash.stderr  # an id must be lowercase


def test_without_a_terminal_missing_values_are_a_usage_error(tmp_path):
    project = make_project(tmp_path / "project")
    result = casebook("new", "--title", "Something", cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith("casebook new: missing --district, --state, --start, --themes.")
    assert "run `casebook new` in a terminal" in result.stderr
    assert not list((project / "cases").glob("*something*"))


@pytest.mark.parametrize(("option", "value", "expected"), [
    ("--themes", "teacher-leadership,grading", "--themes: 'grading' is not a theme. Did you mean "
                                               "'grading-and-assessment'?"),
    ("--state", "Calif", "--state: 'CALIF' is not a state code."),
    ("--start", "twenty", "--start: 'twenty' is not a year like 2021 or 'unknown'."),
    ("--end", "2001", "--end: The end year 2001 is before the start year 2020."),
])
def test_wrong_values_are_refused_before_writing(tmp_path, option, value, expected):
    project = make_project(tmp_path / "project")
    given = OPTIONS[:OPTIONS.index(option) + 1] + [value] + OPTIONS[OPTIONS.index(option) + 2:]
    result = casebook("new", *given, cwd=project)
    assert result.returncode == 2, result.stdout
    assert expected in result.stderr
    assert not (project / CASE).exists()


def test_ids_come_from_the_district_and_the_title():
    assert derive_id("Oakland Unified School District", "Oakland leads culture change for restorative justice") \
        == "oakland-leads-culture-change-restorative-justice"
    assert derive_id("Northwest ISD", "Aligning school goals") == "northwest-aligning-school-goals"
    assert len(derive_id("Springfield Public Schools", "word " * 60)) <= 80


def test_unknown_start_reported_year_and_undated_source(tmp_path):
    project = make_project(tmp_path / "project")
    options = [*OPTIONS[:OPTIONS.index("--start")], "--start", "unknown", "--reported", "2012",
               *OPTIONS[OPTIONS.index("--themes"):]]
    more = [*MORE[:MORE.index("--source-year")], "--source-year", "Unknown", *MORE[MORE.index("--source-type"):]]
    created = casebook("new", *options, *more, cwd=project)
    assert created.returncode == 0, created.stderr
    text = (project / CASE).read_text(encoding="utf-8")
    assert "years:\n  start: unknown\n" in text and "  reported: 2012\n" in text and "    year: unknown\n" in text
    code, lines = problems(project)
    assert all("still holds" in line for line in lines), lines  # only the unwritten sections


def test_the_guides_example_makes_the_id_and_the_lines_it_shows(tmp_path):
    """CONTRIBUTING.md's Step 1, run as written: the id and the first section's line it quotes are real."""
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    command = re.search(r"```sh\n\.venv/bin/casebook new (.*?)\n```", guide, re.S).group(1)
    created = casebook("new", *shlex.split(command.replace("\\\n", " ")), cwd=make_project(tmp_path / "p"))
    assert created.returncode == 0, created.stdout + created.stderr
    case_id = re.search(r"\(here `([a-z0-9-]+)`\)", guide).group(1)
    assert f"The case's id: {case_id} " in created.stdout
    quoted = re.search(rf"^(cases/{case_id}\.md:\d+: The section '## Problem' .*)$", guide, re.M).group(1)
    assert f"  {quoted}" in created.stdout.splitlines()
    assert not any(case.stem == case_id for case in (REPO / "cases").glob("*.md"))  # an example, not a real case
