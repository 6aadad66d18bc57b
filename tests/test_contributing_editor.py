"""The editor route in CONTRIBUTING.md, followed step by step against the real
yaml-language-server (the server inside VS Code's YAML extension): the exported
schema checks a case's front matter, offers the vocabularies and explains fields."""
from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import REPO
from district_casebook.cli import commands
from district_casebook.model import vocabulary
from language_server import SERVER, LanguageServer

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
CASE = "garden-grove-grading-reform.md"


def documented(pattern: str) -> str:
    found = re.search(pattern, GUIDE, re.S)
    assert found, f"CONTRIBUTING.md no longer has {pattern!r}; update this test with the guide"
    return found.group(1)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A checkout with the schema exported the way the guide says."""
    assert SERVER.is_file(), "run tests/run.sh: it installs yaml-language-server with npm"
    root = tmp_path_factory.mktemp("workspace")
    shutil.copytree(REPO / "cases", root / "cases")
    shutil.copytree(REPO / "schema", root / "schema")
    output = documented(r"casebook schema --output (\S+)`")
    assert commands.main(["schema", "--root", str(root), "--output", str(root / output)]) == 0
    return root


@pytest.fixture(scope="module")
def server(workspace):
    """The server with the workspace settings the guide tells contributors to add."""
    settings = json.loads(documented(r"add:\s*```json\n(.*?)```"))
    running = LanguageServer(workspace, {"yaml": {"schemas": settings["yaml.schemas"], "validate": True,
                                                  "completion": True, "hover": True}})
    yield running
    running.close()


def opened(server, path, text: str):
    """``path`` saved with ``text`` and open in the editor, as a contributor's file is."""
    path.write_text(text, encoding="utf-8")
    server.open(path, text)
    return path


def line_starting(text: str, prefix: str) -> int:
    """The number (from 1) of the first line of ``text`` starting with ``prefix``."""
    return next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith(prefix))


def front_matter_problems(server, path, text: str) -> list[tuple[int, str]]:
    """(line from 1, message) for each problem in the front matter; the sections below are not YAML."""
    opened(server, path, text)
    closing = text.splitlines().index("---", 1)
    found = server.diagnostics(path)
    return [(d["range"]["start"]["line"] + 1, d["message"]) for d in found if d["range"]["start"]["line"] < closing]


def test_a_real_case_has_no_problems_in_its_front_matter(server, workspace):
    path = workspace / "cases" / "copy-of-a-real-case.md"
    text = (workspace / "cases" / CASE).read_text(encoding="utf-8")
    assert front_matter_problems(server, path, text) == []
    hover = server.at("textDocument/hover", path, line_starting(text, "themes:") - 1, 1)
    assert hover["contents"]["value"].startswith("#### Themes"), "the schema was not applied to the case"


def test_a_misspelled_theme_is_underlined_on_its_line_with_the_real_themes(server, workspace):
    text = (workspace / "cases" / CASE).read_text(encoding="utf-8").replace("[grading-and-assessment,", "[grading,")
    problems = front_matter_problems(server, workspace / "cases" / "misspelled-theme.md", text)
    assert [line for line, _ in problems] == [line_starting(text, "themes:")]
    assert '"grading-and-assessment"' in problems[0][1]


def test_completion_offers_every_level_and_theme_with_its_label(server, workspace):
    path = opened(server, workspace / "cases" / "being-written.md", "---\nlevel: \nthemes:\n  - \n---\n")
    levels = {item["label"]: item.get("documentation")
              for item in server.at("textDocument/completion", path, 1, 7)["items"]}
    themes = {item["label"] for item in server.at("textDocument/completion", path, 3, 4)["items"]}
    assert set(levels) == set(vocabulary_keys("levels"))
    assert levels["district"].startswith("District: ")
    assert themes == set(vocabulary_keys("themes"))


def test_hover_explains_a_field(server, workspace):
    path = opened(server, workspace / "cases" / "hover.md", "---\nroles: [teachers]\n---\n")
    assert server.at("textDocument/hover", path, 1, 1)["contents"]["value"].startswith("#### Roles\n\nWho acts")


def test_the_modeline_works_without_workspace_settings(workspace):
    modeline = documented(r"```yaml\n(# yaml-language-server: \$schema=\S+)\n```")
    path = workspace / "cases" / "with-modeline.md"
    text = (workspace / "cases" / CASE).read_text(encoding="utf-8").replace("---\n", f"---\n{modeline}\n", 1)
    text = text.replace("level: district", "level: county")
    bare = LanguageServer(workspace, {"yaml": {"validate": True}})
    try:
        problems = front_matter_problems(bare, path, text)
    finally:
        bare.close()
    assert [line for line, _ in problems] == [line_starting(text, "level: county")]


def vocabulary_keys(name: str) -> list[str]:
    return list(vocabulary.load_all(REPO / "schema")[0][name].terms)
