"""`casebook validate` refuses every link the strict build refuses: each kind below,
in a case and in a meeting summary, is found by both, with the validator giving
the file, the line and the advice to write [[id]] or [[id#section]]."""
from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import build, make_project
from district_casebook.loading import project as project_loading

CASEBOOK = Path(sys.executable).with_name("casebook")
# Each kind of link the build refuses, as a contributor might write it.
KINDS = {
    "a section that does not exist": "[[springfield-attendance#approch]]",
    "a relative link to no page": "[text](../richland-two.md)",
    "a page's address instead of its file": "[text](../springfield-attendance/)",
    "an absolute address": "[text](/cases/springfield-attendance/)",
    "a missing anchor on a linked page": "[text](springfield-attendance.md#nope)",
    "a missing anchor on the page itself": "[text](#lesons)",
    "a reference-style link to no page": "[text][r2]\n\n[r2]: ../richland-two.md",
}
FINE = "[[springfield-attendance#approach]], [text](springfield-attendance.md#lessons), [web](https://example.org/a/)"
_WARNING = re.compile(r"Doc file '([^']+)' contains (?:a link|an unrecognized relative link|an absolute link) '([^']+)'")


def _with_links(tmp_path: Path, links: list[str]) -> Path:
    project = make_project(tmp_path / "project")
    case = project / "cases" / "shelbyville-grading.md"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "## Problem\n", "## Problem\n\n" + "\n\n".join(links + [FINE]) + "\n\n", 1), encoding="utf-8")
    meeting = project / "docs" / "meetings" / "spring-meeting.md"
    # From docs/meetings/, a case page is ../cases/<id>.md.
    meeting_links = [link.replace("](springfield-attendance.md", "](../cases/springfield-attendance.md")
                     .replace("](../springfield-attendance/)", "](../cases/springfield-attendance/)")
                     .replace("#lesons", "#discusion") for link in links]
    meeting.write_text(meeting.read_text(encoding="utf-8") + "\n" + "\n\n".join(meeting_links) + "\n",
                       encoding="utf-8")
    return project


def _validate(project: Path) -> list[str]:
    result = subprocess.run([str(CASEBOOK), "validate"], cwd=project, capture_output=True, text=True)
    assert "Traceback" not in result.stderr
    return [line for line in result.stdout.splitlines() if re.match(r"^\S+\.md:\d+: ", line)]


def _engine_refuses(project: Path, monkeypatch, caplog) -> list[tuple[str, str]]:
    """What MkDocs' own link checks refuse, the casebook's link check switched off."""
    monkeypatch.setattr(project_loading.page_links, "check", lambda *args, **kwargs: [])
    caplog.set_level(logging.INFO, logger="mkdocs")
    with pytest.raises(SystemExit):  # the strict build aborts on its warnings
        build(project)
    return [match.groups() for r in caplog.records if r.levelno >= logging.WARNING
            for match in [_WARNING.search(r.getMessage())] if match]


@pytest.mark.parametrize("kind", KINDS)
def test_validate_and_the_strict_build_refuse_the_same_links(kind, tmp_path, monkeypatch, caplog):
    project = _with_links(tmp_path, [KINDS[kind]])
    ours = _validate(project)
    theirs = _engine_refuses(project, monkeypatch, caplog)
    assert len(theirs) == 2, f"the build should refuse {kind} in the case and in the meeting: {theirs}"
    assert len(ours) == 2, ours
    for line, (page, _) in zip(sorted(ours), sorted(theirs, key=lambda t: not t[0].startswith("cases/"))):
        source = page if page.startswith("cases/") else f"docs/{page}"
        assert line.startswith(f"{source}:"), (line, page)
        assert re.match(r"^\S+\.md:\d+: ", line)
        assert "[[" in line  # the advice names the casebook's own form


def test_all_kinds_at_once_agree_and_fine_links_pass(tmp_path, monkeypatch, caplog):
    project = _with_links(tmp_path, list(KINDS.values()))
    ours = _validate(project)
    theirs = _engine_refuses(project, monkeypatch, caplog)
    assert len(ours) == len(theirs) == 2 * len(KINDS), (ours, theirs)


def test_the_strict_build_reports_them_with_lines(tmp_path):
    project = _with_links(tmp_path, [KINDS["a section that does not exist"]])
    result = subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "--strict"], cwd=project,
                            capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})
    assert result.returncode != 0
    assert "cases/shelbyville-grading.md:23: [[springfield-attendance#approch]]: the case 'springfield-attendance' " \
        "has no section '#approch'" in result.stderr
    assert "Did you mean [[springfield-attendance#approach]]?" in result.stderr
