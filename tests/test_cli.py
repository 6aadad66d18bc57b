"""The `casebook` command as contributors and CI run it."""
from __future__ import annotations

import subprocess
import sys

from conftest import REPO, make_project


def run(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "district_casebook", *args], cwd=cwd,
                          capture_output=True, text=True, env={"PYTHONPATH": str(REPO / "hooks")})


def test_clean_project_exits_zero(tmp_path):
    result = run("validate", cwd=make_project(tmp_path / "p"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Checked 3 case file(s)" in result.stderr and "no problems" in result.stderr


def test_three_broken_cases_are_all_listed(tmp_path):
    project = make_project(tmp_path / "p")
    for name in ("springfield-attendance.md", "shelbyville-grading.md", "ogdenville-restorative.md"):
        path = project / "cases" / name
        path.write_text(path.read_text().replace("level: ", "level: x"))
    result = run("validate", cwd=project)
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [
        "cases/ogdenville-restorative.md", "cases/shelbyville-grading.md", "cases/springfield-attendance.md"]
    assert "Traceback" not in result.stderr


def test_paths_limit_the_report_but_not_the_references(tmp_path):
    project = make_project(tmp_path / "p")
    broken = project / "cases" / "ogdenville-restorative.md"
    broken.write_text(broken.read_text().replace("level: school", "level: x"))
    result = run("validate", "cases/springfield-attendance.md", cwd=project)
    assert result.returncode == 0, result.stdout  # related: shelbyville-grading still resolves
    result = run("validate", "cases", cwd=project)
    assert result.returncode == 1


def test_bad_usage_exits_two(tmp_path):
    assert run("validate", "no-such-file.md").returncode == 2
    assert run("frobnicate").returncode == 2
    outside = run("validate", cwd=tmp_path)
    assert outside.returncode == 2 and "schema/case.schema.json" in outside.stderr
