"""cases/_template.md and the other files made from schema/: complete, current,
and every placeholder left in a case is reported with its field and line."""
from __future__ import annotations

import re
import shutil

import yaml
from conftest import REPO, make_project
from district_casebook.checking import json_schema, schema_fields
from district_casebook.cli import commands
from district_casebook.contributing import committed_files, issue_form
from district_casebook.model import vocabulary


def case_schema():
    vocabularies, _ = vocabulary.load_all(REPO / "schema")
    return json_schema.load_schemas(REPO / "schema", vocabularies)["case"], vocabularies


def test_committed_generated_files_match_the_schema():
    stale = committed_files.stale(REPO)
    assert not stale, f"{stale} no longer match schema/: run `.venv/bin/casebook schema --sync` and commit them."


def test_template_names_every_field_and_section():
    template = (REPO / "cases" / "_template.md").read_text(encoding="utf-8")
    schema, vocabularies = case_schema()
    for path in schema_fields.paths(schema_fields.flatten(schema)):
        key = path.rsplit(".", 1)[-1]
        assert re.search(rf"^ *(- |# )?{re.escape(key)}:", template, re.M), f"no line for '{path}'"
        assert re.search(rf"^ *# {re.escape(key)} \((required|optional)", template, re.M), f"'{path}' unexplained"
    for key, term in vocabularies["sections"].terms.items():
        assert f"## {key.capitalize()}\n\n<<{term.guide}>>" in template


def test_template_is_skipped_by_the_reader_and_fails_when_copied(tmp_path, capsys):
    project = make_project(tmp_path / "project")
    shutil.copy(REPO / "cases" / "_template.md", project / "cases" / "_template.md")
    assert commands.main(["validate", "--root", str(project)]) == 0  # _template.md is not a case
    shutil.copy(REPO / "cases" / "_template.md", project / "cases" / "my-case.md")
    capsys.readouterr()
    assert commands.main(["validate", "--root", str(project)]) == 1
    lines = capsys.readouterr().out.splitlines()
    template_lines = (REPO / "cases" / "_template.md").read_text(encoding="utf-8").splitlines()
    for line in lines:
        number, field = re.match(r"cases/my-case\.md:(\d+): (?:([\w.\[\]]+): )?", line).groups()
        assert "<<" in template_lines[int(number) - 1], line  # the line holding the placeholder
        assert "placeholder" in line, line  # and nothing else: no "not a year", no "differs from the file name"
    named = {re.match(r"cases/my-case\.md:\d+: ([\w.\[\]]+): ", line).group(1) for line in lines if ": The field" in line}
    assert named == {"id", "title", "summary", "districts[0].name", "districts[0].state", "level", "years.start",
                     "themes[0]", "roles[0]", "sources[0].title", "sources[0].publisher", "sources[0].year",
                     "sources[0].type", "added"}
    assert sum("still holds the template's placeholder" in line and "section" in line for line in lines) == 5


def test_issue_form_asks_for_every_template_field():
    form = yaml.safe_load((REPO / issue_form.FORM_FILE).read_text(encoding="utf-8"))
    ids = {element.get("id") for element in form["body"]}
    schema, vocabularies = case_schema()
    for path in schema_fields.paths(schema_fields.flatten(schema)):
        if schema_fields.is_group(schema_fields.field(schema_fields.flatten(schema), path)[0]):
            continue  # districts, years, sources: their fields are asked one by one
        assert path.replace(".", "-") in ids or path in issue_form.MAINTAINER_FIELDS, path
    assert {f"section-{key}" for key in vocabularies["sections"].terms} <= ids
    themes = next(e for e in form["body"] if e.get("id") == "themes")["attributes"]
    assert themes["multiple"] and len(themes["options"]) == len(vocabularies["themes"].terms)
    assert all(len(i) <= 100 and re.fullmatch(r"[\w-]+", i) for i in ids if i)  # GitHub's rule for ids
