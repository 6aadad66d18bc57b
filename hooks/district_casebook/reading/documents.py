"""Reading a Markdown file with YAML front matter, with exact lines.

Our own reader rather than python-frontmatter: that one gives no line numbers,
drops front matter that is not a mapping and ignores it after a UTF-8 BOM.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem
from . import strict_yaml

MAX_BYTES = 256 * 1024
_FENCE = "---"
TEMPLATE_HINT = "Copy the layout of cases/_template.md."


@dataclass
class Document:
    """A file's front matter (``data``), the line of each field, and its body."""

    src_uri: str
    data: dict
    lines: dict[tuple, int]
    body: str
    body_line: int
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, path: tuple) -> int:
        """The line of ``path``, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def read(path: Path, src_uri: str) -> Document | Problem:
    """Read one file; a Problem when it cannot be read as a document at all."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Problem(src_uri, 1, "", f"The file is {-(-size // 1024)} KB; the limit is {MAX_BYTES // 1024} KB.",
                           "A case is a short summary: shorten it or split it into several cases.")
        raw = path.read_bytes()
    except OSError as error:
        return Problem(src_uri, 1, "", f"The file cannot be read: {error.strerror}.")
    return parse(raw, src_uri)


def parse(raw: bytes, src_uri: str) -> Document | Problem:
    text = _decode(raw, src_uri)
    if isinstance(text, Problem):
        return text
    lines = text.split("\n")
    if not text.strip():
        return Problem(src_uri, 1, "", "The file is empty.", TEMPLATE_HINT)
    if lines[0].rstrip() != _FENCE:
        return Problem(src_uri, 1, "", "The file does not start with front matter.",
                       "Its first line must be '---', followed by the fields and another '---' line. "
                       + TEMPLATE_HINT)
    close = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in (_FENCE, "...")), None)
    if close is None:
        return Problem(src_uri, 1, "", "The front matter opened here has no closing '---' line.",
                       "Add a line holding only '---' after the last field.")
    return _document(src_uri, lines, close)


def _decode(raw: bytes, src_uri: str) -> str | Problem:
    try:
        text = raw.decode("utf-8-sig")  # a BOM, as some Windows editors write, is fine
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return Problem(src_uri, line, "", f"The file is not UTF-8 text (byte 0x{raw[error.start]:02x}).",
                       "Save it as UTF-8 in your editor.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _document(src_uri: str, lines: list[str], close: int) -> Document | Problem:
    parsed = strict_yaml.parse("\n".join(lines[1:close]), src_uri, first_line=2)
    if parsed.problems and parsed.value is None:
        return parsed.problems[0]
    if not isinstance(parsed.value, dict):
        found = "nothing" if parsed.value is None else ("a list" if isinstance(parsed.value, list) else "a single value")
        return Problem(src_uri, 2, "", f"The front matter holds {found}; it must be 'key: value' lines.",
                       TEMPLATE_HINT)
    body = "\n".join(lines[close + 1:])
    return Document(src_uri, parsed.value, parsed.lines, body, close + 2, parsed.problems)


def string_items(value) -> list[str]:
    """The text items of a list field such as `related` or `aliases` (others are the schema's to report)."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def strings(value, path: tuple = ()) -> list[tuple[tuple, str]]:
    """(path, text) for every string in a front-matter value, nested ones included, in order."""
    found, pending = [], [(path, value)]
    while pending:  # a loop rather than recursion: this runs over every field of every case
        path, value = pending.pop()
        if isinstance(value, str):
            found.append((path, value))
        elif isinstance(value, dict):
            pending += [(path + (key,), item) for key, item in reversed(value.items())]
        elif isinstance(value, list):
            pending += [(path + (index,), value[index]) for index in range(len(value) - 1, -1, -1)]
    return found


def read_yaml(path: Path, src_uri: str) -> strict_yaml.Parsed:
    """A whole YAML file (the vocabularies), read with the same rules."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "it is not UTF-8 text"
        return strict_yaml.Parsed(None, problems=[Problem(src_uri, 1, "", f"The file cannot be read: {reason}.")])
    return strict_yaml.parse(text, src_uri)
