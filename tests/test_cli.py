"""The `casebook` command as contributors and CI run it."""
from __future__ import annotations

from conftest import casebook, make_project


def test_clean_project_exits_zero(tmp_path):
    result = casebook("validate", cwd=make_project(tmp_path / "p"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Checked 3 case file(s)" in result.stderr and "no problems" in result.stderr


def test_three_broken_cases_are_all_listed(tmp_path):
    project = make_project(tmp_path / "p")
    for name in ("springfield-attendance.md", "shelbyville-grading.md", "ogdenville-restorative.md"):
        path = project / "cases" / name
        path.write_text(path.read_text().replace("level: ", "level: x"))
    result = casebook("validate", cwd=project)
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [
        "cases/ogdenville-restorative.md", "cases/shelbyville-grading.md", "cases/springfield-attendance.md"]
    assert "Traceback" not in result.stderr


def test_paths_limit_the_report_but_not_the_references(tmp_path):
    project = make_project(tmp_path / "p")
    broken = project / "cases" / "ogdenville-restorative.md"
    broken.write_text(broken.read_text().replace("level: school", "level: x"))
    result = casebook("validate", "cases/springfield-attendance.md", cwd=project)
    assert result.returncode == 0, result.stdout  # related: shelbyville-grading still resolves
    result = casebook("validate", "cases", cwd=project)
    assert result.returncode == 1


def test_bad_usage_exits_two(tmp_path):
    assert casebook("validate", "no-such-file.md").returncode == 2
    assert casebook("frobnicate").returncode == 2
    outside = casebook("validate", cwd=tmp_path)
    assert outside.returncode == 2 and "schema/case.schema.json" in outside.stderr
