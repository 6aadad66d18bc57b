"""Asking a contributor in a terminal: plain questions, and choices among allowed values.

Shared by the `casebook new` modes. Ctrl-C and Ctrl-D end the questions
quietly (`Ended`, which the command turns into exit 130 or 1, no traceback);
a choice shows its values numbered, takes numbers or keys, and completes keys
with Tab where the terminal has readline.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

EXIT_INTERRUPTED = 130  # what shells report for Ctrl-C
EXIT_END_OF_INPUT = 1


class Ended(Exception):
    """The contributor ended the questions (Ctrl-C or Ctrl-D); ``code`` is the exit status."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


def ask(prompt: str) -> str:
    """One answer, stripped; Ctrl-C / Ctrl-D raise Ended."""
    try:
        return input(f"{prompt}: ").strip()
    except KeyboardInterrupt:
        print(file=sys.stderr)
        raise Ended(EXIT_INTERRUPTED) from None
    except EOFError:
        print(file=sys.stderr)
        raise Ended(EXIT_END_OF_INPUT) from None


def menu(choices: dict[str, str]) -> str:
    """The allowed values, numbered: '  1. district: District (the whole district)'."""
    return "\n".join(f"  {number:>2}. {key}" + (f": {label}" if label and label != key else "")
                     for number, (key, label) in enumerate(choices.items(), 1))


def choose(prompt: str, choices: dict[str, str], *, many: bool = False,
           reask: Callable[[str], None] | None = None) -> str | list[str]:
    """The key (or, with ``many``, keys) picked by number or by key; '' or [] for Enter.

    An answer naming no value is refused with the closest values, and asked again."""
    print(menu(choices), file=sys.stderr)
    hint = "numbers or keys, comma-separated" if many else "a number or a key"
    keys = list(choices)
    while True:
        with completing(keys):
            text = ask(f"{prompt} ({hint}; Tab completes)")
        if not text:
            return [] if many else ""
        picked, wrong = _picked(text, keys, many)
        if not wrong:
            return picked if many else picked[0]
        message = f"'{wrong}' is not one of the numbers or keys above."
        (reask or (lambda m: print(m, file=sys.stderr)))(message)


def _picked(text: str, keys: list[str], many: bool) -> tuple[list[str], str]:
    parts = [p.strip() for p in text.split(",") if p.strip()] if many else [text.strip()]
    by_lower = {key.lower(): key for key in keys}  # 'ca' is CA
    picked = []
    for part in parts:
        if part.isdigit() and 1 <= int(part) <= len(keys):
            picked.append(keys[int(part) - 1])
        elif part.lower() in by_lower:
            picked.append(by_lower[part.lower()])
        else:
            return [], part
    return list(dict.fromkeys(picked)), ""


@contextmanager
def completing(words: list[str]) -> Iterator[None]:
    """Tab completes ``words`` while asking (when readline is there: not on every platform)."""
    try:
        import readline
    except ImportError:  # Windows without pyreadline
        yield
        return
    before, delims = readline.get_completer(), readline.get_completer_delims()

    def complete(text: str, state: int) -> str | None:
        found = [w for w in words if w.lower().startswith(text.strip().lower())]
        return found[state] if state < len(found) else None
    readline.set_completer(complete)
    readline.set_completer_delims(", ")
    readline.parse_and_bind("tab: complete")
    try:
        yield
    finally:
        readline.set_completer(before)
        readline.set_completer_delims(delims)


def confirm(prompt: str) -> bool:
    """Yes unless the answer starts with n."""
    return not ask(f"{prompt} [Y/n]").lower().startswith("n")
