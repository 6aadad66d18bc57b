"""MkDocs adapter for the District Casebook. Only event handlers live here;
all logic is in the district_casebook package, which never imports mkdocs.

Edits to Python files need a restart of `mkdocs serve`: MkDocs loads a hook
module once per process. That is also why per-build state is reset in
on_config, which runs at the start of every build and rebuild.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

# Imported at the top: MkDocs puts hooks/ on sys.path only while this body runs.
from district_casebook import export, markers, pages, project, references

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("casebook")  # not __name__, which is the literal "hooks/casebook_hook.py"
_build: dict = {}


def on_config(config: MkDocsConfig) -> None:
    _build.clear()  # the module outlives a build under `mkdocs serve` and in tests


def on_pre_build(*, config: MkDocsConfig) -> None:
    # Failing here, before MkDocs cleans site/, leaves the previous site untouched.
    loaded = project.load(_root(config), progress=log.info)
    for problem in loaded.problems:
        log.error(str(problem))
    if loaded.problems:
        files = len({p.src_uri for p in loaded.problems})
        raise PluginError(f"{len(loaded.problems)} problem(s) in {files} file(s), listed above. "
                          "Fix them and build again; `casebook validate` lists them too.")
    _build["collection"] = loaded.collection
    _build["renderer"] = pages.Renderer(loaded.collection)
    log.info(f"Loaded {len(loaded.collection)} cases in {loaded.seconds:.2f} s")


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for uri, markdown in _build["renderer"].all_pages().items():
        if files.get_file_from_path(uri) is None:  # a hand-written page at the same path wins
            files.append(_generated(config, uri, markdown))
    api = export.cases_json(_build["collection"], config.site_url or "")
    files.append(File.generated(config, "api/cases.json", content=api))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    _escape_meta(page.meta)
    if page.file.generated_by:  # generated pages are complete already
        return markdown
    collection = _build["collection"]
    markdown = markers.expand(markdown, page.file.src_uri, collection, _build["renderer"])
    return references.expand(markdown, page.file.src_uri, collection.resolve)


def _escape_meta(meta: dict) -> None:
    # Material prints these front-matter values unescaped (<title>, <meta>, the
    # header), and MkDocs' theme templates do not autoescape.
    for key in ("title", "description", "author"):
        if isinstance(meta.get(key), str):
            meta[key] = html.escape(meta[key])


def _generated(config: MkDocsConfig, uri: str, markdown: str) -> File:
    # Only the index pages are in the nav: Material embeds the whole nav in
    # every page, so listing each case there grows the site with N squared.
    in_nav = uri.endswith("/index.md")
    file = File.generated(config, uri, content=markdown,
                          inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV)
    if uri.startswith("cases/"):
        file.edit_uri = f"../{uri}"  # joined to edit_uri (.../edit/main/docs/): climb out of docs/
    return file


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent
