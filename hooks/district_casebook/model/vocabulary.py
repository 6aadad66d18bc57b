"""The controlled vocabularies in schema/*.yml: one source of truth for the
validator, the generated pages and the field reference."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem
from ..reading.documents import read_yaml

# file stem -> the noun used in messages ("'x' is not a theme")
NOUNS = {
    "themes": "theme",
    "roles": "role",
    "levels": "level",
    "source-types": "source type",
    "states": "state code",
    "sections": "body section",
}


@dataclass(frozen=True)
class Term:
    key: str
    label: str
    description: str = ""
    guide: str = ""


@dataclass(frozen=True)
class Vocabulary:
    name: str
    terms: dict[str, Term]

    @property
    def noun(self) -> str:
        return NOUNS[self.name]

    def label(self, key: str) -> str:
        term = self.terms.get(key)
        return term.label if term else key

    def closest(self, value: str) -> str | None:
        """The term a misspelt or shortened value most likely meant."""
        return closest(value, self.terms, {t.label.lower(): k for k, t in self.terms.items()})


def closest(value: str, keys, aliases: dict[str, str] | None = None) -> str | None:
    text = str(value).strip().lower()
    keys = list(keys)
    lowered = {k.lower(): k for k in keys} | (aliases or {})
    if text in lowered:
        return lowered[text]
    starts = sorted(k for k in keys if k.lower().startswith(text) or text.startswith(k.lower()))
    if text and starts:
        return starts[0]
    match = difflib.get_close_matches(text, list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def load_all(schema_dir: Path) -> tuple[dict[str, Vocabulary], list[Problem]]:
    vocabularies, problems = {}, []
    for name in NOUNS:
        vocabulary, found = _load(schema_dir / f"{name}.yml", f"schema/{name}.yml", name)
        vocabularies[name] = vocabulary
        problems += found
    return vocabularies, problems


def _load(path: Path, src_uri: str, name: str) -> tuple[Vocabulary, list[Problem]]:
    parsed = read_yaml(path, src_uri)
    problems = list(parsed.problems)
    if parsed.problems and parsed.value is None:
        return Vocabulary(name, {}), problems
    if not isinstance(parsed.value, dict):
        return Vocabulary(name, {}), problems + [Problem(src_uri, 1, "", "The vocabulary must map each key to its label.")]
    terms = {}
    for key, entry in parsed.value.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("label"), str):
            problems.append(Problem(src_uri, parsed.lines[(key,)], key, "Each term needs a 'label'."))
            continue
        terms[key] = Term(key, entry["label"], str(entry.get("description", "")).strip(), str(entry.get("guide", "")))
    return Vocabulary(name, terms), problems
