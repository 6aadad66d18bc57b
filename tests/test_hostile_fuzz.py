"""Property tests: whatever a case file holds, the validator answers with
located problems and never raises. Mutations start from a valid case: its
front matter changed as data (a field deleted, renamed, or given any YAML
value) or as text (characters inserted, lines cut or repeated), and raw bytes.
Each example goes through the same per-file checks `casebook validate` runs,
in this process, so a thousand examples take seconds.
"""
from __future__ import annotations

import copy
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import make_project
from district_casebook.checking import across_cases, json_schema, sanitiser
from district_casebook.loading import case_reading, project
from district_casebook.model import vocabulary
from district_casebook.problems import Problem
from district_casebook.reading import documents
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SETTINGS = dict(max_examples=1000, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


class Checker:
    """The per-file checks of project.load, set up once (compiling the schema is the slow part)."""

    def __init__(self, root: Path):
        self.root = root
        self.vocabularies, problems = vocabulary.load_all(root / "schema")
        assert not problems
        schemas = json_schema.load_schemas(root / "schema", self.vocabularies)
        self.schema = json_schema.SchemaChecker(schemas, self.vocabularies)
        self.path = root / "cases" / "springfield-attendance.md"  # mutated in place; the others stay valid
        self.text = self.path.read_text(encoding="utf-8")
        self.others = [self.read(path)[0] for path in project.case_files(root) if path != self.path]
        front, self.body = self.text.split("\n---\n", 1)
        self.data = yaml.safe_load(front.removeprefix("---\n"))

    def read(self, path: Path):
        checks = case_reading.CaseChecks(self.schema, self.vocabularies["sections"])
        return case_reading.read_case(self.root, path, checks)

    def problems(self, raw: bytes) -> list[Problem]:
        self.path.write_bytes(raw)
        case, problems = self.read(self.path)
        problems += across_cases.check([case, *self.others] if case else self.others, [], [])
        # One assert, not one a problem: pytest's assertion hooks cost more than the checks.
        unlocated = [p for p in problems if not (isinstance(p, Problem) and p.src_uri.startswith("cases/")
                                                 and isinstance(p.line, int) and p.line >= 1 and p.message)]
        assert not unlocated and all(map(str, problems))
        return problems


@pytest.fixture(scope="module")
def checker(tmp_path_factory) -> Checker:
    return Checker(make_project(tmp_path_factory.mktemp("fuzz") / "project"))


def test_the_unmutated_case_is_valid(checker):
    assert checker.problems(checker.text.encode("utf-8")) == []


scalars = st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats() | st.text(max_size=30)
yaml_values = scalars | st.lists(scalars, max_size=3) | st.dictionaries(st.text(max_size=8), scalars, max_size=3)


@st.composite
def mutated_data(draw, data: dict) -> dict:
    """``data`` with one to three fields deleted, renamed, replaced, or nested values changed."""
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        node = data
        while isinstance(node, (dict, list)) and node and draw(st.booleans()):
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            child = node[draw(st.sampled_from(keys))]
            if not isinstance(child, (dict, list)) or not child:
                break
            node = child
        if isinstance(node, dict) and node:
            key = draw(st.sampled_from(list(node)))
            action = draw(st.sampled_from(["delete", "rename", "replace", "add"]))
            value = node.pop(key)
            if action != "delete":
                node[draw(st.text(max_size=12)) if action == "rename" else key] = \
                    value if action == "rename" else draw(yaml_values)
            if action == "add":
                node[draw(st.text(min_size=1, max_size=12))] = draw(yaml_values)
        elif isinstance(node, list) and node:
            node[draw(st.integers(0, len(node) - 1))] = draw(yaml_values)
    return data




YAML_BITS = st.sampled_from([":", ": ", "- ", "---", "...", "&a ", "*a", "!!python/object:os.system ", "!!binary ",
                             "|", ">", "{", "}", "[", "]", "\"", "'", "#", "%", "@", "`", "\t", "\r", "\n", "\x00",
                             "\ufeff", "\u202e", "<script>", "{: onclick=x}", "](javascript:x)", "<<", ">>",
                             "[[", "]]", "## Problem", "0x1F", "2024-05-01", "No", "~", "? "])


@st.composite
def mutated_text(draw, text: str) -> str:
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "repeat-line", "bits"]))
        if action == "insert":
            text = text[:at] + draw(st.text(max_size=8)) + text[at:]
        elif action == "bits":
            text = text[:at] + draw(YAML_BITS) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        else:
            lines = text.split("\n")
            line = draw(st.integers(0, len(lines) - 1))
            text = "\n".join(lines[:line + 1] + [lines[line]] + lines[line + 1:])
    return text


@st.composite
def mutated_case(draw, checker: Checker) -> bytes:
    """The valid case with its front matter changed as data, or its whole text changed as text."""
    if draw(st.booleans()):
        front = yaml.safe_dump(draw(mutated_data(checker.data)), allow_unicode=draw(st.booleans()), sort_keys=False)
        return f"---\n{front}---\n{checker.body}".encode("utf-8", "surrogatepass")
    return draw(mutated_text(checker.text)).encode("utf-8", "surrogatepass")


@settings(**SETTINGS)
@given(st.data())
def test_a_mutated_case_gets_located_problems_and_never_an_exception(checker, data):
    checker.problems(data.draw(mutated_case(checker)))


@settings(**{**SETTINGS, "max_examples": 100})
@given(st.binary(max_size=400) | st.binary(max_size=200).map(lambda b: b"---\n" + b + b"\n---\n"))
def test_any_bytes_never_raise(checker, raw):
    checker.problems(raw)


HTML_BITS = st.sampled_from(list("<>/=\"' \t\n&#;:ab!-") + [
    "script", "style", "iframe", "svg", "img", "a", "<a ", "<img ", "<p ", "onerror", "onclick", "on", "srcdoc",
    "href", "src", "formaction", "javascript:", "data:", "https://", "mailto:", "&#106;", "&#x3a;", "-->", "<!--"])


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.outside: list[str] = []

    def handle_starttag(self, tag, attrs):
        allowed = sanitiser.TAGS.get(tag)
        if allowed is None:
            self.outside.append(f"<{tag}>")
        for name, value in attrs:
            if allowed is not None and (name not in allowed or not sanitiser._value_allowed(name, value or "")):
                self.outside.append(f"<{tag} {name}={value!r}>")

    def handle_comment(self, data):
        self.outside.append("<!--")


@settings(**{**SETTINGS, "max_examples": 500})
@given(st.lists(HTML_BITS, max_size=40))
def test_the_sanitiser_leaves_only_the_allow_list_and_is_stable(pieces):
    """nh3's output holds only allow-listed markup, read by another parser; a second pass changes
    and reports nothing."""
    out, _ = sanitiser.Sanitiser().clean("".join(pieces))
    parsed = _Markup()
    parsed.feed(out)
    parsed.close()
    assert parsed.outside == []
    assert sanitiser.Sanitiser().clean(out) == (out, [])


def test_problems_come_back_for_an_oversized_file(checker):
    problems = checker.problems(b"x" * (documents.MAX_BYTES + 1))
    assert [p.message for p in problems if p.src_uri == "cases/springfield-attendance.md"] == [
        "The file is 257 KB; the limit is 256 KB."]
