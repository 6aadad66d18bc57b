"""A yes/no JSON Schema check compiled into plain Python functions.

jsonschema walks a document keyword by keyword through generic machinery,
about 0.3 ms for a case's front matter: 3 s at 10,000 cases, most of
`casebook validate`. Nearly every document is valid, so a fast yes/no comes
first, and jsonschema runs only on a document this check rejects, to find and
explain its errors. Each keyword here does what jsonschema 4's own keyword
function does (same type checker, `re.search`, `equal`; uniqueness as `uniq` decides it, in linear time); a schema
using any keyword not listed below gets no fast check at all
(``checker_for`` returns None), so nothing jsonschema would report can slip through.
tests/test_scale_fastcheck.py compares the two on generated documents.
"""
from __future__ import annotations

import numbers
import re
from collections.abc import Callable

import jsonschema.validators
from jsonschema import Draft202012Validator
from jsonschema._utils import equal

Check = Callable[[object], bool]


def _whole_number(checker, value) -> bool:
    # Stricter than draft 2020-12, where 2019.0 is an integer: a year written
    # 2019.0 is a typo to report, not a value to show as "2019.0".
    return isinstance(value, int) and not isinstance(value, bool)


def unique(items: list) -> bool:
    """jsonschema's uniqueness (``equal``: 1 == 1.0, but true is not 1; lists and mappings by
    content) in linear time. jsonschema's own ``uniq`` sorts, and when the items cannot be
    sorted (numbers mixed with text) compares every pair: 30,000 such aliases took minutes."""
    seen = set()
    for item in items:
        key = _identity(item)
        if key in seen:
            return False
        seen.add(key)
    return True


def _identity(value):
    """A hashable key equal for two values exactly when jsonschema's ``equal`` says they are."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, numbers.Number):
        return ("number", value)  # 1 and 1.0 hash alike and are equal, as in jsonschema
    if isinstance(value, str):
        return ("text", value)
    if isinstance(value, list):
        return ("list", tuple(_identity(item) for item in value))
    if isinstance(value, dict):
        return ("map", frozenset((key, _identity(item)) for key, item in value.items()))
    return ("other", repr(value))


def _unique_items(validator, wanted, instance, schema):
    if wanted and validator.is_type(instance, "array") and not unique(instance):
        yield jsonschema.ValidationError(f"{instance!r:.80} has non-unique elements")


CaseValidator = jsonschema.validators.extend(
    Draft202012Validator, validators={"uniqueItems": _unique_items},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _whole_number))
_TYPES = CaseValidator.TYPE_CHECKER
_SIMPLE_TYPES = {"string": str, "array": list, "object": dict, "boolean": bool}
_IGNORED = {"$schema", "$id", "$defs", "$comment", "title", "description", "examples", "default",
            "format", "deprecated", "readOnly", "writeOnly"}  # annotations: they never fail a document


class Unsupported(Exception):
    """The schema uses a keyword this module does not implement."""


def checker_for(schema) -> Check | None:
    """A function telling whether a document is valid, or None if the schema is beyond it."""
    try:
        return _node(schema)
    except Unsupported:
        return None


def _node(schema) -> Check:
    if schema is True:
        return lambda value: True
    if schema is False:
        return lambda value: False
    if not isinstance(schema, dict):
        raise Unsupported(schema)
    known = _known_kind(schema)
    keys = sorted((key for key in schema if key not in _IGNORED and not key.startswith("x-")),
                  key=lambda key: key != "type")  # the type first: cheapest and most telling
    checks = [_keyword(key, schema[key], schema, known) for key in keys]
    return _all([check for check in checks if check is not None])


def _all(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]

    def every(value) -> bool:
        for check in checks:
            if not check(value):
                return False
        return True
    return every


def _known_kind(schema: dict) -> str | None:
    """The one type the node requires: its other keywords need not test for it again."""
    kind = schema.get("type")
    return kind if isinstance(kind, str) else None


def _keyword(key: str, value, schema: dict, known: str | None) -> Check | None:
    build = _KEYWORDS.get(key)
    if build is None:
        raise Unsupported(key)
    check = build(value, schema)
    return check.for_node(known) if isinstance(check, _When) else check


def _is(kind: str) -> Check:
    """Draft 2020-12's type checker, written out for the JSON types (jsonschema/_types.py)."""
    simple = _SIMPLE_TYPES.get(kind)
    if simple is not None:
        return lambda value: isinstance(value, simple)
    if kind == "integer":
        return lambda value: _whole_number(None, value)
    if kind == "number":
        return lambda value: isinstance(value, numbers.Number) and not isinstance(value, bool)
    if kind == "null":
        return lambda value: value is None
    return lambda value: _TYPES.is_type(value, kind)


def _type(types, _schema) -> Check:
    if isinstance(types, str):
        return _is(types)
    kinds = [_is(kind) for kind in types]
    return lambda value: any(is_kind(value) for is_kind in kinds)


def _enum(options, _schema) -> Check:
    if all(isinstance(option, str) for option in options):
        allowed = frozenset(options)  # equal() on text is ==, and text never equals a non-text
        return lambda value: isinstance(value, str) and value in allowed
    return lambda value: any(equal(option, value) for option in options)


def _const(expected, _schema) -> Check:
    return lambda value: equal(value, expected)


class _When:
    """A keyword that jsonschema applies only to values of one type (it ignores the others)."""

    def __init__(self, kind: str, test: Check):
        self.kind, self.test = kind, test

    def for_node(self, known: str | None) -> Check:
        """The test alone when the node's own type already ensures the kind."""
        if known == self.kind or (known == "integer" and self.kind == "number"):
            return self.test
        is_kind, test = _is(self.kind), self.test
        return lambda value: not is_kind(value) or test(value)


def _pattern(pattern, _schema) -> _When:
    search = re.compile(pattern).search
    return _When("string", lambda value: search(value) is not None)


# Loops rather than all(...) over a generator: these run some forty times per case.
def _properties(properties, _schema) -> _When:
    checks = [(name, _node(sub)) for name, sub in properties.items()]

    def each_property(value) -> bool:
        for name, check in checks:
            if name in value and not check(value[name]):
                return False
        return True
    return _When("object", each_property)


def _additional(extra, schema) -> _When:
    known = set(schema.get("properties", {}))
    if "patternProperties" in schema:
        raise Unsupported("patternProperties")
    check = _node(extra)

    def each_other_key(value) -> bool:
        for key in value:
            if key not in known and not check(value[key]):
                return False
        return True
    return _When("object", each_other_key)


def _items(items, schema) -> _When:
    if "prefixItems" in schema:
        raise Unsupported("prefixItems")
    check = _node(items)

    def each_item(value) -> bool:
        for item in value:
            if not check(item):
                return False
        return True
    return _When("array", each_item)


def _combine(kind: str) -> Callable:
    def build(subschemas, _schema) -> Check:
        checks = [_node(sub) for sub in subschemas]
        if kind == "allOf":
            return lambda value: all(check(value) for check in checks)
        if kind == "anyOf":
            return lambda value: any(check(value) for check in checks)
        return lambda value: sum(1 for check in checks if check(value)) == 1
    return build


def _not(subschema, _schema) -> Check:
    check = _node(subschema)
    return lambda value: not check(value)


def _unique(wanted, _schema) -> _When | None:
    return _When("array", unique) if wanted else None


_KEYWORDS: dict[str, Callable] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    "pattern": _pattern,
    # Written as jsonschema's own tests, negated: `not v < n` lets NaN through, as jsonschema does.
    "minLength": lambda n, _s: _When("string", lambda v: not len(v) < n),
    "maxLength": lambda n, _s: _When("string", lambda v: not len(v) > n),
    "minimum": lambda n, _s: _When("number", lambda v: not v < n),
    "maximum": lambda n, _s: _When("number", lambda v: not v > n),
    "minItems": lambda n, _s: _When("array", lambda v: not len(v) < n),
    "maxItems": lambda n, _s: _When("array", lambda v: not len(v) > n),
    "uniqueItems": _unique,
    "required": lambda names, _s: _When("object", lambda v: all(name in v for name in names)),
    "properties": _properties,
    "additionalProperties": _additional,
    "items": _items,
    "allOf": _combine("allOf"),
    "anyOf": _combine("anyOf"),
    "oneOf": _combine("oneOf"),
    "not": _not,
}
