"""The checks around a pull request: the GitHub workflows (linted by the real
actionlint), the pre-commit hook (run by the real pre-commit) and the schema
exported for editors (checked by jsonschema as draft-07)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, casebook, make_project
from district_casebook.contributing import editor_support
from district_casebook.loading import project
from district_casebook.reading import documents

BIN = Path(sys.executable).parent
WORKFLOWS = REPO / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_actionlint_passes_on_both_workflows():
    result = subprocess.run([str(BIN / "actionlint"), "-no-color", "check.yml", "publish.yml"], cwd=WORKFLOWS,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_request_workflow_can_only_read():
    lines = (WORKFLOWS / "check.yml").read_text(encoding="utf-8").splitlines()
    text = "\n".join(re.sub(r"(^|\s)#.*", "", line) for line in lines)  # without the comments
    data = workflow("check.yml")
    assert set(data["on"]) == {"pull_request"} and "pull_request_target" not in text
    assert data["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in data["jobs"].values())
    assert not re.search(r"\bwrite\b", text.split("jobs:")[1])
    steps = [step.get("run", "") for step in data["jobs"]["check"]["steps"]]
    assert "casebook validate --format github" in steps and "mkdocs build --strict" in steps


def test_only_the_deploy_job_may_write_to_pages():
    data = workflow("publish.yml")
    assert data["on"]["push"] == {"branches": ["main"]}
    assert data["permissions"] == {"contents": "read"}
    assert "permissions" not in data["jobs"]["build"]
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


@pytest.mark.parametrize("name", ["check.yml", "publish.yml"])
def test_every_action_is_pinned_to_a_commit(name):
    uses = re.findall(r"uses: (.+)$", (WORKFLOWS / name).read_text(encoding="utf-8"), re.M)
    assert uses
    for action in uses:
        assert PINNED.match(action.strip()), f"not pinned to a full commit SHA with its version: {action}"


def test_pre_commit_hook_validates_the_changed_case_files(tmp_path):
    project_dir = make_project(tmp_path / "project")
    (project_dir / ".venv").symlink_to(REPO / ".venv", target_is_directory=True)
    (project_dir / ".pre-commit-config.yaml").write_bytes((REPO / ".pre-commit-config.yaml").read_bytes())
    broken = project_dir / "cases" / "springfield-attendance.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("level: district", "level: distrct"), "utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_CONFIG_GLOBAL": os.devnull}

    def git(*args):
        subprocess.run(["git", *args], cwd=project_dir, check=True, capture_output=True, env=env)

    git("init", "-q")
    git("add", ".")
    run = subprocess.run([str(BIN / "pre-commit"), "run", "--files", "cases/springfield-attendance.md",
                          "cases/shelbyville-grading.md"], cwd=project_dir, capture_output=True, text=True, env=env)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "cases/springfield-attendance.md:9: level: 'distrct' is not a level." in run.stdout
    clean = subprocess.run([str(BIN / "pre-commit"), "run", "--files", "cases/shelbyville-grading.md"],
                           cwd=project_dir, capture_output=True, text=True, env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr


def test_editor_schema_is_draft7_with_every_term_and_accepts_the_real_cases():
    schema = editor_support.editor_schema(REPO / "schema")
    jsonschema.Draft7Validator.check_schema(schema)
    assert "$ref" not in json.dumps(schema)  # written out: yaml-language-server reads draft-07 and older
    validator = jsonschema.Draft7Validator(schema)
    theme = schema["properties"]["themes"]["items"]
    assert len(theme["enum"]) == len(theme["enumDescriptions"]) > 10
    for path in project.case_files(REPO):
        doc = documents.read(path, path.name)
        assert not list(validator.iter_errors(doc.data)), path.name
    doc = documents.read(project.case_files(REPO)[0], "x")
    doc.data["themes"] = ["grading"]
    assert [e.validator for e in validator.iter_errors(doc.data)] == ["enum"]


def test_casebook_schema_prints_and_writes_it(tmp_path):
    printed = casebook("schema")
    assert printed.returncode == 0 and json.loads(printed.stdout) == editor_support.editor_schema(REPO / "schema")
    target = tmp_path / ".vscode" / "case.schema.json"
    written = casebook("schema", "--output", str(target))
    assert written.returncode == 0 and json.loads(target.read_text(encoding="utf-8")) == json.loads(printed.stdout)
