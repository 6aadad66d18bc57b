"""Golden tests: every kind of validation message, exactly as a contributor sees it.

Each file in golden/problems/ edits the valid test project (tests/data/project)
and records what `casebook validate` prints. These files are the catalogue of
contributor-facing messages: review their diffs like code
(`pytest --update-goldens` rewrites them).
"""
from __future__ import annotations

import pytest
from conftest import make_project
from district_casebook.cli import commands


def apply(project, golden) -> None:
    for name, text in (golden.get("files") or {}).items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else bytes(text))
    for name, edits in (golden.get("edits") or {}).items():
        path = project / name
        text = path.read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, f"golden edit does not apply to {name}: {old!r}"
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    for name in golden.get("delete") or []:
        (project / name).unlink()


@pytest.mark.golden_test("golden/problems/*.yml")
def test_validation_messages(golden, tmp_path, capsys):
    project = make_project(tmp_path / "project")
    apply(project, golden)
    code = commands.main(["validate", "--root", str(project), *golden.get("args", [])])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert {"exit": code, "lines": out.splitlines()} == golden.out["output"]
