"""One problem found in the content, and the two ways of printing it."""
from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    """A located problem: ``cases/x.md:12: themes[1]: message hint``."""

    src_uri: str
    line: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.src_uri}:{self.line}: " + (f"{self.field}: " if self.field else "")
        return one_line(where + self.text)

    @property
    def text(self) -> str:
        return self.message + (f" {self.hint}" if self.hint else "")

    def github(self) -> str:
        """A GitHub workflow command, shown as an annotation on the line."""
        title = _escape_property(one_line(self.field) or "casebook")
        where = f"file={_escape_property(one_line(self.src_uri))},line={self.line},title={title}"
        return f"::error {where}::{_escape_data(one_line(self.text))}"


# A value quoted in a message (an id, a key, a file name) could hold a line break and so
# start an output line of its own, such as a forged '::error file=...' annotation in a CI
# log, or a control or format character that hides text in a terminal. Every character
# Python does not call printable (line and paragraph separators, controls, format
# characters, spaces other than ' ') is shown as its escape; a tab stays a tab.
def one_line(text: str) -> str:
    """``text`` with every line break, control and format character escaped, never starting with '::'."""
    if not text.isprintable():
        text = "".join(char if char == "\t" or char.isprintable() else _escape(char) for char in text)
    return " " + text if text.startswith("::") else text


def _escape(char: str) -> str:
    code = ord(char)
    return {10: "\\n", 13: "\\r"}.get(code) or (f"\\x{code:02x}" if code < 0x100 else
                                                  f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")


def _escape_data(text: str) -> str:
    # The workflow-command grammar reserves these characters in the message.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def field_name(path: tuple) -> str:
    """JSON-path style: ("sources", 0, "title") -> "sources[0].title"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class Notice(Problem):
    """Worth fixing but not wrong: reported by `casebook validate` and the build, which still succeed."""

    def github(self) -> str:
        return "::warning" + super().github().removeprefix("::error")


def counted(problems) -> str:
    """'3 problem(s) in 2 file(s)'."""
    return f"{len(problems)} problem(s) in {len({p.src_uri for p in problems})} file(s)"
