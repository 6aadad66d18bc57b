"""`casebook new`'s districts after the first: from --district and --state given again, or asked
for in a terminal, checked, and written under the first in the case file."""
from __future__ import annotations

import sys

from ..contributing.scaffold import yaml_value
from . import prompts


def more_given(given: dict) -> list[tuple[str, str]] | str:
    """Districts after the first, from --district and --state given again; the first stays in ``given``."""
    names, states = given["districts.name"] or [], given["districts.state"] or []
    if len(names) > 1 and len(names) != len(states):
        return f"{len(names)} --district but {len(states)} --state: give a --state for each --district."
    given["districts.name"] = names[0] if names else None
    given["districts.state"] = states[0] if states else None
    return [(name.strip(), state.strip().upper()) for name, state in zip(names[1:], states[1:])]


def ask_more(vocabularies) -> list[tuple[str, str]]:
    more = []
    while name := prompts.ask("Another district's full name (Enter if none)"):
        more.append((name, choose_state(vocabularies)))
    return more


def choose_state(vocabularies) -> str:
    while not (state := prompts.choose("Its state", {k: t.label for k, t in vocabularies["states"].terms.items()})):
        print("A district needs its state.", file=sys.stderr)
    return state


def problems(more: list[tuple[str, str]], vocabularies) -> list[str]:
    states = vocabularies["states"]
    return [f"--state: '{state}' (for {name}) is not a state code. Did you mean '{states.closest(state)}'?"
            if states.closest(state) else f"--state: '{state}' (for {name}) is not a state code."
            for name, state in more if state not in states.terms] + \
        [f"--district: the district's name is empty after '{more[0][0]}'." for name, _ in more if not name][:1]


def with_districts(text: str, more: list[tuple[str, str]]) -> str:
    """The case file with the districts after the first, each under the one before."""
    if not more:
        return text
    lines = text.split("\n")
    after = next(i for i, line in enumerate(lines) if line.startswith("    state: ")) + 1
    while after < len(lines) and lines[after].startswith("    #"):  # the first district's optional fields
        after += 1
    extra = [f"  - name: {yaml_value(name)}\n    state: {yaml_value(state)}" for name, state in more]
    return "\n".join(lines[:after] + extra + lines[after:])
