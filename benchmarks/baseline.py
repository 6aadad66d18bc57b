"""The baseline: the casebook's pages built by plain Material.

The same Markdown the casebook generates (written out by core.py) sits in an
ordinary docs/ folder, with the project's mkdocs.yml minus everything that is
the casebook's: no hook, no theme overrides, no watched folders, and
Material's own search plugin (the default of a plain Material site) in place
of the casebook's search. Cases stay out of the nav in both builds.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml


class _AnyTag(yaml.SafeLoader):
    """Reads mkdocs.yml's `!ENV [NAME, default]` as its default, and any other tag as its value."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        return items[-1] if suffix == "ENV" and items else items
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return loader.construct_scalar(node)


_AnyTag.add_multi_constructor("!", _untagged)


def config(project: Path, docs: Path) -> dict:
    """The project's mkdocs.yml made plain, its nav keeping only pages that exist in ``docs``."""
    settings = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)
    for key in ("hooks", "watch"):
        settings.pop(key, None)
    settings.get("theme", {}).pop("custom_dir", None)
    settings["plugins"] = ["search"]
    settings["strict"] = False  # a link to something only the casebook generates must not stop it
    settings["not_in_nav"] = "*"  # nothing but the nav's own pages in the nav, as in the casebook
    settings["nav"] = _existing(settings.get("nav", []), docs)
    return settings


def _existing(nav: list, docs: Path) -> list:
    kept = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            value = _existing(value, docs)
            if value:
                kept.append({next(iter(entry)): value})
        elif isinstance(value, str) and (docs / value).is_file():
            kept.append(entry)
    return kept


def make(project: Path, target: Path) -> Path:
    """A plain project in ``target`` with the project's hand-written docs; returns its docs/ folder.

    The generated pages are written into docs/ afterwards (core.py --pages-to);
    call ``write_config`` once they are there.
    """
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(project / "docs", target / "docs")
    return target / "docs"


def write_config(project: Path, target: Path) -> Path:
    path = target / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config(project, target / "docs"), sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    return path
