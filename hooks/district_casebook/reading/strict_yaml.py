"""YAML that never changes a value's type behind the author's back.

PyYAML's safe loader reads 2024-05-01 as a date, 0100005 as the octal number
32773 and No as False, keeps the last of two duplicate keys and expands
aliases. Here plain scalars resolve only as in JSON (true/false, null, decimal
numbers without leading zeros); everything else stays the text the author
wrote. Tags, anchors, aliases and duplicate keys are reported as problems, each
with its line.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import yaml

from ..problems import Problem, field_name
from . import yaml_words

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~9x faster
_TAG = "tag:yaml.org,2002:"
MAX_DEPTH = 32
MAX_NESTING = 100  # beyond this the text is not even parsed (see _too_deep)
_BLOCK_RUN = re.compile(r"(?:[-?:][ \t]+)*")


class _Loader(_BaseLoader):
    yaml_implicit_resolvers: dict = {}

    def resolve(self, kind, value, implicit):
        # BaseResolver.resolve, less what this loader never has (wildcard and path
        # resolvers): libyaml calls it for every scalar, 60 times a case.
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    ("float", r"^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
):
    _Loader.add_implicit_resolver(_TAG + _tag, re.compile(_pattern), list(_first))

_SCALARS = {
    _TAG + "str": str,
    _TAG + "null": lambda text: None,
    _TAG + "bool": lambda text: text.lower() == "true",
    _TAG + "int": int,
    _TAG + "float": float,
}


@dataclass
class Parsed:
    """A YAML value and the file line of every key and list item in it."""

    value: object
    lines: dict[tuple, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def parse(text: str, src_uri: str, first_line: int = 1) -> Parsed:
    """Parse ``text``, whose first line is line ``first_line`` of the file."""
    deep = _too_deep(text)
    if deep is not None:
        message = (f"The front matter nests lists or groups more than {MAX_NESTING} levels deep here; "
                   "it was not read.")
        hint = "Case fields nest at most three levels: remove the extra brackets."
        return Parsed(None, problems=[Problem(src_uri, deep + first_line, "", message, hint)])
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        return Parsed(None, problems=[_syntax_problem(error, text, src_uri, first_line)])
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        return Parsed(None, problems=[Problem(src_uri, first_line, "", _reader_message(error))])
    return _Walker(src_uri, first_line).run(node)


def _too_deep(text: str) -> int | None:
    """The line (from 0) where nesting may pass MAX_NESTING, or None.

    libyaml's composer recurses once a level, and some 20,000 levels (40 KB of
    '[') crash the process. This counts generously, brackets inside quotes too:
    flow brackets, block indicators ('- ', '? ') and indentation.
    """
    opens = text.count("[") + text.count("{")
    if opens < MAX_NESTING and not _leading_run(MAX_NESTING - opens).search("\n" + text):
        return None  # every line's indentation and block indicators plus every bracket stay within
    return _first_deep_line(text)


def _first_deep_line(text: str) -> int | None:
    """_too_deep without its quick test: every line counted."""
    flow = 0
    for number, line in enumerate(text.split("\n")):
        content = line.lstrip(" ")
        block = len(line) - len(content) + len(_BLOCK_RUN.match(content).group(0))
        opens, closes = line.count("[") + line.count("{"), line.count("]") + line.count("}")
        if flow + opens + block > MAX_NESTING and _deepest(line, flow) + block > MAX_NESTING:
            return number
        flow = max(0, flow + opens - closes)
    return None


@functools.lru_cache(maxsize=None)
def _leading_run(length: int) -> re.Pattern:
    """A line starting with at least ``length`` characters of indentation or block indicators."""
    return re.compile(r"\n[ \t?:-]{%d}" % length)  # after a newline: much faster than '^' with re.M


def _deepest(line: str, flow: int) -> int:
    deepest = flow
    for char in line:
        flow += (char in "[{") - (char in "]}")
        deepest = max(deepest, flow)
    return deepest


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, src_uri: str, first: int) -> Problem:
    mark = error.problem_mark or error.context_mark
    index = mark.line if mark else 0
    line_text = text.split("\n")[index] if index < len(text.split("\n")) else ""
    if "\t" in line_text[: len(line_text) - len(line_text.lstrip())] or "'\\t'" in str(error.problem):
        return Problem(src_uri, index + first, "", "This line is indented with a tab.",
                       "YAML needs spaces for indentation; replace the tab with spaces.")
    problem = (error.problem or "a syntax error").rstrip(".")
    column = (mark.column + 1) if mark else 1
    opened = (error.context_mark.line + first) if error.context_mark else index + first
    char = line_text[column - 1] if 0 < column <= len(line_text) else ""
    words = yaml_words.plain(problem, column=column, opened=opened, char=char)
    if words is not None:
        return Problem(src_uri, index + first, "", *words)
    return Problem(src_uri, index + first, "", f"The front matter is not valid YAML: {problem} (column {column}).",
                   "Check the quotes, colons and indentation on this line or the one above; "
                   "put text that contains ': ' or starts with a special character in quotes.")


def _reader_message(error: yaml.YAMLError) -> str:
    return f"The front matter cannot be read as YAML: {error}".split("\n")[0].rstrip(".") + "."


def _short(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


class _Walker:
    """Turns a composed YAML node into plain values, recording lines."""

    def __init__(self, src_uri: str, first_line: int):
        self.src_uri, self.first_line = src_uri, first_line
        self.result = Parsed(None)
        self.seen: set[int] = set()
        self.aliased: set[tuple] = set()  # top-level fields whose alias is reported already

    def run(self, node: yaml.Node | None) -> Parsed:
        self.result.value = None if node is None else self.value(node, (), 0)
        return self.result

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.first_line

    def problem(self, node: yaml.Node, path: tuple, message: str, hint: str = "", line: int = 0) -> None:
        # An alias node is the anchored node itself, so prefer the line of the key or item.
        line = line or self.result.lines.get(path) or self.line(node)
        self.result.problems.append(Problem(self.src_uri, line, field_name(path), message, hint))

    def value(self, node: yaml.Node, path: tuple, depth: int) -> object:
        if id(node) in self.seen:  # the composer hands back the anchored node for an alias
            if path[:1] not in self.aliased:  # once a field: an alias bomb holds thousands
                self.aliased.add(path[:1])
                # A list item's recorded line is the anchor's: give the line of the list's key instead.
                in_list = path and isinstance(path[-1], int)
                line = self.result.lines.get(path[:-1], 0) if in_list else 0
                self.problem(node, path, "YAML aliases (*name) are not allowed.", "Write the value out in full.",
                             line)
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.problem(node, path, f"The value is nested more than {MAX_DEPTH} levels deep.")
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return self.sequence(node, path, depth)
        return self.scalar(node, path)

    def scalar(self, node: yaml.ScalarNode, path: tuple) -> object:
        construct = _SCALARS.get(node.tag)
        if construct is None:
            self.problem(node, path, f"The YAML tag '{_short(node.tag)}' is not allowed.",
                         "Remove the tag: case files hold only text, numbers, lists and fields.")
            return None
        try:
            return construct(node.value)
        except ValueError:
            self.problem(node, path, f"'{node.value}' cannot be read as {node.tag[len(_TAG):]}.",
                         "Remove the tag.")
            return None

    def sequence(self, node: yaml.SequenceNode, path: tuple, depth: int) -> list:
        self.check_tag(node, path, "seq")
        items = []
        for index, item in enumerate(node.value):
            self.result.lines[path + (index,)] = self.line(item)
            items.append(self.value(item, path + (index,), depth + 1))
        return items

    def mapping(self, node: yaml.MappingNode, path: tuple, depth: int) -> dict:
        self.check_tag(node, path, "map")
        out: dict = {}
        for key_node, value_node in node.value:
            key = self.key(key_node, path)
            if key is None:
                continue
            if key in out:
                first = self.result.lines[path + (key,)]
                self.problem(key_node, path + (key,), f"The key '{key}' appears twice (first on line {first}).",
                             "Keep one of them; YAML would silently use the last.", line=self.line(key_node))
                continue
            self.result.lines[path + (key,)] = self.line(key_node)
            out[key] = self.value(value_node, path + (key,), depth + 1)
        return out

    def key(self, node: yaml.Node, path: tuple) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag in _SCALARS:
            return node.value  # as written: the key `No` stays "No", `2012` stays "2012"
        self.problem(node, path, "A key must be a plain word, not a list, a mapping or a tagged value.")
        return None

    def check_tag(self, node: yaml.Node, path: tuple, kind: str) -> None:
        if node.tag != _TAG + kind:
            self.problem(node, path, f"The YAML tag '{_short(node.tag)}' is not allowed.",
                         "Remove the tag: case files hold only text, numbers, lists and fields.")
