"""The repository's own content is a test: every case valid, the schema sound."""
from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import REPO
from district_casebook.checking import json_schema
from district_casebook.loading import project
from district_casebook.model import vocabulary

LOADED = project.load(REPO)


@pytest.mark.parametrize("path", project.case_files(REPO), ids=lambda p: p.stem)
def test_case_is_valid(path):
    src_uri = f"cases/{path.name}"
    problems = [p for p in LOADED.problems if p.src_uri == src_uri]
    assert not problems, "\n".join(map(str, problems))


def test_whole_collection_is_valid():
    assert not LOADED.problems, "\n".join(map(str, LOADED.problems))


# Every problem of practice in the seed sources (issue 3), one case each.
SOURCE_CASES = [
    "garden-grove-grading-reform", "fresno-accountable-communities", "oakland-restorative-justice",
    "sacramento-common-core-capacity", "new-york-city-sam-inquiry-teams", "fresno-leadership-cohort",
    "sanger-principal-summits", "long-beach-lending-leaders-across-districts", "alameda-spsa-teacher-led-plcs",
    "pomona-armstrong-co-teaching", "pomona-pbis-teacher-coaches", "pomona-spreading-teacher-expertise",
    "wake-county-micro-credentials", "walker-gamble-sc-collective-leadership", "stone-creek-one-leader-to-many",
    "long-beach-collective-leadership-central-office", "northwest-isd-school-goals-alignment",
    "richland-two-time-priority-one-team",
]


@pytest.mark.parametrize("case_id", SOURCE_CASES)
def test_source_case_exists_and_is_valid(case_id):
    assert (REPO / "cases" / f"{case_id}.md").is_file()
    assert not [p for p in LOADED.problems if p.src_uri == f"cases/{case_id}.md"]


@pytest.mark.parametrize("name", sorted(json_schema.SCHEMAS.values()))
def test_schema_passes_its_metaschema(name):
    jsonschema.Draft202012Validator.check_schema(json.loads((REPO / "schema" / name).read_text()))


@pytest.mark.parametrize("name", sorted(json_schema.SCHEMAS.values()))
def test_every_property_is_documented(name):
    schema = json.loads((REPO / "schema" / name).read_text())
    missing = [path for path, prop in _properties(schema) if not {"title", "description", "examples"} <= set(prop)]
    assert not missing


def _properties(schema, path=""):
    for key, prop in schema.get("properties", {}).items():
        yield f"{path}{key}", prop
        yield from _properties(prop, f"{path}{key}.")
    for key, definition in schema.get("$defs", {}).items():
        yield from _properties(definition, f"$defs.{key}.")


def test_every_theme_has_a_case():
    vocabularies, _ = vocabulary.load_all(REPO / "schema")
    unused = set(vocabularies["themes"].terms) - set(LOADED.collection.by_theme)
    assert not unused


def test_every_vocabulary_term_has_a_label_and_themes_a_description():
    vocabularies, problems = vocabulary.load_all(REPO / "schema")
    assert not problems
    for name, vocab in vocabularies.items():
        assert vocab.terms, name
        assert all(term.label.strip() for term in vocab.terms.values()), name
    assert all(term.description for term in vocabularies["themes"].terms.values())
