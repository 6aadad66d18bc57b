"""The GitHub issue form for proposing a case without Git
(.github/ISSUE_TEMPLATE/propose-a-case.yml), made from the same schema and
vocabularies as cases/_template.md, so both ask for the same fields."""
from __future__ import annotations

from urllib.parse import urljoin

import yaml

from ..checking import schema_fields
from ..model.vocabulary import Vocabulary

FORM_FILE = ".github/ISSUE_TEMPLATE/propose-a-case.yml"
# Set by the maintainer who turns the proposal into a file, not by the proposer.
MAINTAINER_FIELDS = ("id", "added", "updated", "reviewed", "aliases")
# (schema path, form element, vocabulary for dropdowns); in the template's order.
FIELDS = (
    ("title", "input", None), ("summary", "textarea", None),
    ("districts.name", "input", None), ("districts.state", "dropdown", "states"),
    ("districts.nces_id", "input", None), ("level", "dropdown", "levels"),
    ("years.start", "input", None), ("years.end", "input", None), ("years.reported", "input", None),
    ("years.approximate", "input", None),
    ("themes", "dropdown", "themes"), ("roles", "dropdown", "roles"),
    ("sources.title", "input", None), ("sources.publisher", "input", None), ("sources.author", "input", None),
    ("sources.year", "input", None), ("sources.date", "input", None),
    ("sources.type", "dropdown", "source-types"), ("sources.section", "input", None),
    ("sources.url", "input", None), ("related", "input", None),
)
_GROUPS = {"districts": "District", "sources": "Source", "years": "Years"}
_MULTIPLE = {"themes", "roles"}
HEADER = "# Generated from schema/ by `casebook schema --sync`: edit schema/ and run it, not this file.\n"


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def render(schema: dict, vocabularies: dict[str, Vocabulary]) -> str:
    reference = urljoin(schema.get("$id", ""), "/reference/")
    body = [_markdown(_intro(reference))]
    flat = schema_fields.flatten(schema)
    body += [_element(flat, vocabularies, *field) for field in FIELDS]
    body.append(_element_more("districts-more", "Other districts",
                              "For a case across several districts: one per line, as 'name, state code'."))
    body.append(_element_more("sources-more", "Other sources",
                              "One per line: title, publisher or author, year, type, web address."))
    body += [_section(key, term) for key, term in vocabularies["sections"].terms.items()]
    body.append(_confirm())
    form = {"name": "Propose a case", "description": "Suggest a case for the casebook without using Git.",
            "title": "Case proposal: ", "labels": ["case proposal"], "body": body}
    return HEADER + yaml.dump(form, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _intro(reference: str) -> str:
    return ("Thank you for proposing a case. Fill in what your sources say; a maintainer turns this into a "
            "case file and credits you in the pull request.\n\n"
            f"Every field, theme, role and level is explained on the field reference page: {reference}\n\n"
            "The case id and the dates (added, updated, reviewed, former ids) are set by the maintainer.")


def _markdown(text: str) -> dict:
    return {"type": "markdown", "attributes": {"value": text}}


def _element(flat: dict, vocabularies: dict, path: str, kind: str, vocabulary: str | None) -> dict:
    prop, required = schema_fields.field(flat, path)
    head = path.split(".")[0]
    label = prop.get("title", path)
    if "." in path and not label.startswith(_GROUPS[head]):
        label = f"{_GROUPS[head]}: {label}"
    attributes = {"label": label, "description": prop.get("description", "")}
    if kind == "dropdown":
        terms = vocabularies[vocabulary].terms.values()
        attributes |= {"multiple": path in _MULTIPLE, "options": [f"{t.label} ({t.key})" for t in terms]}
    else:
        attributes["placeholder"] = _example(prop)
    element = {"type": kind, "id": path.replace(".", "-"), "attributes": attributes}
    return element | {"validations": {"required": required}}


def _element_more(element_id: str, label: str, description: str) -> dict:
    return {"type": "textarea", "id": element_id, "attributes": {"label": label, "description": description},
            "validations": {"required": False}}


def _section(key: str, term) -> dict:
    return {"type": "textarea", "id": f"section-{key}",
            "attributes": {"label": f"{key.capitalize()}: {term.label}", "description": term.guide},
            "validations": {"required": True}}


def _confirm() -> dict:
    return {"type": "checkboxes", "id": "sources-checked", "attributes": {
        "label": "Sources", "options": [{"label": "Every fact and figure above appears in one of the sources listed.",
                                         "required": True}]}}


def _example(prop: dict) -> str:
    example = (prop.get("examples") or [""])[0]
    if isinstance(example, bool):
        return "true" if example else "false"
    return ", ".join(map(str, example)) if isinstance(example, list) else str(example)
