"""The case file a contributor starts from, written from schema/.

One Jinja template (templates/case-file.md.j2) gives both cases/_template.md,
where every value is a placeholder and every field is explained by its schema
description, and the files `casebook new` writes, where the values it was
given are filled in. Field explanations, required or optional, and examples
all come from schema/case.schema.json, so the template cannot drift from it.
"""
from __future__ import annotations

import json
import re
import textwrap
from urllib.parse import urljoin

from .. import templating
from ..checking import schema_fields
from ..markup.placeholders import placeholder
from ..model.vocabulary import Vocabulary

TEMPLATE_FILE = "cases/_template.md"
_WIDTH = 88

# What to write in place of each required value; the comment above it says more.
PLACEHOLDERS = {
    "id": "the-file-name-without-.md",
    "title": "Who did what, in one line",
    "summary": "One to three sentences on who, the problem and what they tried",
    "districts.name": "The district's full name",
    "districts.state": "Two-letter state code",
    "level": "{levels}",
    "years.start": "The year the work began, like 2021, or unknown",
    "themes": "A theme key from schema/themes.yml, most important first",
    "roles": "A role key, one per line, like {role}",
    "sources.title": "The document's title as published",
    "sources.publisher": "The organization that published it",
    "sources.year": "The year it was published, or unknown if it is undated",
    "sources.type": "{source_types}",
    "added": "Today's date as YYYY-MM-DD",
}
# Fields the schema requires one of: the template asks for the first.
_EITHER = {"sources.publisher": "author", "sources.year": "date"}
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .,'()&/-]*")
_YAML_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


class Scaffold:
    """Renders a case file; ``values`` maps dotted paths ("years.start") to values."""

    def __init__(self, schema: dict, vocabularies: dict[str, Vocabulary], values: dict | None = None):
        self.schema, self.vocabularies = schema_fields.flatten(schema), vocabularies
        self.values = values or {}
        self.compact = values is not None  # `casebook new`: explain only what is left to do

    def render(self) -> str:
        env = templating.markdown_environment()
        sections = list(self.vocabularies["sections"].terms.items())
        text = env.get_template("case-file.md.j2").render(
            entry=self.entry, placeholder=placeholder, sections=sections, compact=self.compact,
            reference_url=urljoin(self.schema.get("$id", ""), "/reference/"))
        return re.sub(r"\n{3,}", "\n\n", text.replace("\n\n---\n", "\n---\n", 1))

    def entry(self, path: str, item: bool = False) -> str:
        """The comment and the line (or lines) of one field."""
        prop, required = schema_fields.field(self.schema, path)
        depth = path.count(".")
        pad = " " * (4 if depth and self._in_list(path) else 2 * depth)
        lead = (pad[:-2] + "- ") if item else pad
        value = self.values.get(path)
        group = schema_fields.is_group(prop)
        lines = [] if self.compact and (value is not None or group) else self._about(path, prop, required, pad)
        if group:
            return "\n".join(lines + [f"{lead}{_key(path)}:"])
        if value is not None:
            return "\n".join(lines + [f"{lead}{_key(path)}: {yaml_value(value)}"])
        if not required and path not in _EITHER:
            return "\n".join(lines + [f"{pad}# {_key(path)}: {yaml_value(prop['examples'][0])}"])
        return "\n".join(lines + [self._placeholder_line(path, prop, lead, pad)])

    def _in_list(self, path: str) -> bool:
        return schema_fields.field(self.schema, path.rsplit(".", 1)[0])[0].get("type") == "array"

    def _about(self, path: str, prop: dict, required: bool, pad: str) -> list[str]:
        need = f"required, or give '{_EITHER[path]}' instead" if path in _EITHER else (
            "required" if required else "optional")
        text = f"{_key(path)} ({need}): {prop.get('description', prop.get('title', ''))}"
        return textwrap.wrap(text, _WIDTH - len(pad), initial_indent=f"{pad}# ", subsequent_indent=f"{pad}#   ",
                             break_on_hyphens=False, break_long_words=False)

    def _placeholder_line(self, path: str, prop: dict, lead: str, pad: str) -> str:
        text = placeholder(self._placeholder_text(path))
        if prop.get("type") == "array":
            return f"{lead}{_key(path)}:\n{pad}  - {text}"
        return f"{lead}{_key(path)}: {text}"

    def _placeholder_text(self, path: str) -> str:
        keys = {name: list(self.vocabularies[name].terms) for name in ("levels", "roles", "source-types")}
        return PLACEHOLDERS[path].format(levels=_one_of(keys["levels"]), role=" or ".join(keys["roles"][:2]),
                                         source_types=_one_of(keys["source-types"]))


def _key(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def _one_of(keys: list[str]) -> str:
    return ", ".join(keys[:-1]) + " or " + keys[-1] if len(keys) > 1 else "".join(keys)


def yaml_value(value) -> str:
    """A value as one line of YAML that reads back as exactly this value."""
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {yaml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str) and _PLAIN.fullmatch(value) and value.lower() not in _YAML_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)  # JSON strings and numbers are YAML too


def blank(schema: dict, vocabularies: dict[str, Vocabulary]) -> str:
    """cases/_template.md as it should read."""
    return Scaffold(schema, vocabularies).render()
