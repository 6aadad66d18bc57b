"""The case schema as plain data: `$ref`s written out in place, and the
fields by dotted path ("districts.state"), what the template, the issue form,
the field reference and the editor schema are all made from.

Written out for a fast validator too: jsonschema resolves a `$ref` through
its registry on every use, and at 5,000 cases that lookup was two thirds of
the validation time. Our schemas refer only to definitions (`#/$defs/x`,
`case.schema.json#/$defs/x`), never to themselves recursively, so each `$ref`
can be replaced by a copy of its target merged with the keywords beside it
(title, description, examples), unless both have the same keyword. The error
a definition raises then carries the same keywords (x-message,
x-vocabulary), so the messages do not change. A reference that cannot be
written out (a cycle, or a target we cannot find) is left for jsonschema.
"""
from __future__ import annotations

import copy
from urllib.parse import urljoin

MAX_DEPTH = 16
_LITERAL = {"enum", "const", "examples", "default"}  # values, not schemas


def inline(schemas: dict[str, dict]) -> dict[str, dict]:
    """Copies of ``schemas`` (by kind) with every resolvable `$ref` in place."""
    by_id = {schema["$id"]: schema for schema in schemas.values() if "$id" in schema}
    return {kind: _inline(copy.deepcopy(schema), schema.get("$id", ""), by_id, 0)
            for kind, schema in schemas.items()}


def _inline(node, base: str, by_id: dict[str, dict], depth: int):
    if isinstance(node, list):
        return [_inline(item, base, by_id, depth) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: value if key in _LITERAL else _inline(value, base, by_id, depth)
           for key, value in node.items()}
    target = _target(node.get("$ref"), base, by_id) if depth < MAX_DEPTH else None
    # A keyword on both sides would apply twice: leave that reference to jsonschema.
    if target is not None and not set(target[1]) & set(out):
        del out["$ref"]
        out |= _inline(copy.deepcopy(target[1]), target[0], by_id, depth + 1)
    return out


def _target(ref, base: str, by_id: dict[str, dict]) -> tuple[str, dict] | None:
    """(the $id of the target's document, the target) for a `#/$defs/name` reference."""
    if not isinstance(ref, str) or "#/$defs/" not in ref:
        return None
    address, _, pointer = urljoin(base, ref).partition("#/$defs/")
    definition = by_id.get(address, {}).get("$defs", {}).get(pointer)
    return (address, definition) if isinstance(definition, dict) else None


def flatten(schema: dict) -> dict:
    """The case schema with every $ref written out in place."""
    return inline({"case": schema})["case"]


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
