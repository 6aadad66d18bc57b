"""The fast yes/no schema check (schema_fast.py) and the inlined schemas
(schema_fields.py) agree with jsonschema on the real schemas, for valid cases
and for many broken ones."""
from __future__ import annotations

import copy
import math
from pathlib import Path

import pytest
from district_casebook.checking import json_schema, schema_fast, schema_fields
from district_casebook.model import vocabulary
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from referencing import Registry, Resource

REPO = Path(__file__).resolve().parents[1]
VOCABULARIES, _ = vocabulary.load_all(REPO / "schema")
SCHEMAS = json_schema.load_schemas(REPO / "schema", VOCABULARIES)
INLINED = schema_fields.inline(SCHEMAS)
REGISTRY = Registry().with_resources([(s["$id"], Resource.from_contents(s)) for s in SCHEMAS.values()])
ORIGINAL = {kind: schema_fast.CaseValidator(s, registry=REGISTRY) for kind, s in SCHEMAS.items()}
QUICK = {kind: schema_fast.checker_for(s) for kind, s in INLINED.items()}
INLINED_VALIDATORS = {kind: schema_fast.CaseValidator(s, registry=REGISTRY)
                      for kind, s in INLINED.items()}

VALID_CASE = {
    "id": "springfield-attendance", "title": "Springfield brings teachers into an attendance push",
    "summary": "Teachers led it.", "districts": [{"name": "Springfield Public Schools", "state": "MA",
                                                   "nces_id": "2511130"}],
    "level": "district", "years": {"start": 2019, "end": 2021},
    "themes": ["teacher-leadership", "culture-change"], "roles": ["teachers"],
    "sources": [{"title": "A report", "publisher": "A publisher", "year": 2020, "type": "policy-report",
                 "url": "https://example.org/a"}],
    "related": ["shelbyville-grading"], "added": "2024-05-01",
}
VALID_MEETING = {"title": "Meeting 19", "convened_by": "A network", "dates": {"start": "2012-06"},
                 "place": "Online", "cases": ["springfield-attendance"]}

ODD_VALUES = [None, True, False, 0, 1, -1, 1.0, 1.5, 2021, 2021.0, 10**30, math.nan, math.inf, "", " ",
              "\x1c", "\u2028", "a\n", "abc-def\n", "teacher-leadership", "MA", "2024-02-30", "2024-13-01",
              "https://x.org/a b", "x" * 201, [], [1, True], ["a", "a"], [1, 1.0], {}, {"start": 2020}]


def agrees(kind: str, document) -> bool:
    expected = not list(ORIGINAL[kind].iter_errors(document))
    inlined_valid = not list(INLINED_VALIDATORS[kind].iter_errors(document))
    assert inlined_valid == expected, "the inlined schema judges differently"
    return QUICK[kind](document) == expected


def test_the_real_schemas_get_a_fast_check_and_no_ref_is_left():
    assert QUICK["case"] is not None and QUICK["meeting"] is not None
    assert "$ref" not in repr(INLINED)


@pytest.mark.parametrize("kind, document", [("case", VALID_CASE), ("meeting", VALID_MEETING)])
def test_valid_documents_pass_both(kind, document):
    assert QUICK[kind](document) and agrees(kind, document)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, prefix + (index,))


def _replace(document, path, new):
    document = copy.deepcopy(document)
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = new
    return document


@pytest.mark.parametrize("kind, base", [("case", VALID_CASE), ("meeting", VALID_MEETING)])
def test_every_field_set_to_every_odd_value_is_judged_alike(kind, base):
    for path in list(_paths(base))[1:]:
        for odd in ODD_VALUES:
            document = _replace(base, path, odd)
            assert agrees(kind, document), (path, odd)


def _drop(document, path):
    document = copy.deepcopy(document)
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    del parent[path[-1]]
    return document


def test_every_field_removed_or_an_unknown_one_added_is_judged_alike():
    for path in list(_paths(VALID_CASE))[1:]:
        assert agrees("case", _drop(VALID_CASE, path)), path
        if isinstance(path[-1], str):
            assert agrees("case", _replace(VALID_CASE, path[:-1] + ("extra",), 1)), path


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
    | st.sampled_from(ODD_VALUES[:-4]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_damage_is_judged_alike(data):
    paths = list(_paths(VALID_CASE))[1:]
    document = VALID_CASE
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        document = _replace(document, path, data.draw(json_values))
        paths = [p for p in _paths(document)][1:]
    assert agrees("case", document)


def test_a_keyword_it_does_not_know_means_no_fast_check():
    assert schema_fast.checker_for({"type": "object", "patternProperties": {"^x": {}}}) is None
    assert schema_fast.checker_for({"if": {"type": "string"}, "then": {"minLength": 2}}) is None
    assert schema_fast.checker_for({"$ref": "#/$defs/missing"}) is None
