"""The fields of a case as the schema defines them, by dotted path
("districts.state"): what the template, the issue form, the field reference
and the editor schema are all made from."""
from __future__ import annotations

from . import schemarefs


def flatten(schema: dict) -> dict:
    """The case schema with every $ref written out in place."""
    return schemarefs.inline({"case": schema})["case"]


def field(flat: dict, path: str) -> tuple[dict, bool]:
    """The schema of a dotted path and whether it is required where it sits."""
    node, required = flat, True
    for part in path.split("."):
        container = node.get("items", node) if node.get("type") == "array" else node
        node = container["properties"][part]  # a KeyError: the path names a field the schema does not have
        required = part in container.get("required", [])
    return node, required


def paths(flat: dict, prefix: str = "") -> list[str]:
    """Every field's dotted path, nested ones after their parent, in schema order."""
    found = []
    for key, prop in flat.get("properties", {}).items():
        found.append(prefix + key)
        found += paths(prop.get("items", prop) if prop.get("type") == "array" else prop, f"{prefix}{key}.")
    return found


def is_group(prop: dict) -> bool:
    """A field holding other fields (years), or a list of such groups (districts)."""
    inner = prop.get("items", prop) if prop.get("type") == "array" else prop
    return inner.get("type") == "object"
