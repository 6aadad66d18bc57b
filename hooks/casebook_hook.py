"""MkDocs adapter for the District Casebook. Only event handlers live here;
all logic is in the district_casebook package, which never imports mkdocs.

Edits to Python files need a restart of `mkdocs serve`: MkDocs loads a hook
module once per process. That is also why per-build state is reset in
on_config, which runs at the start of every build and rebuild.
"""
from __future__ import annotations

import html
import logging
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

# Imported at the top: MkDocs puts hooks/ on sys.path only while this body runs.
from district_casebook import finder, fulltext, markers, metadata, outputs, pages, project, references
from district_casebook import inert  # defence in depth against contributors' HTML
from district_casebook import contributing, guides  # the contributor's pages: CONTRIBUTING.md, field reference
from district_casebook.permalinks import Site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger("casebook")  # not __name__, which is the literal "hooks/casebook_hook.py"
_build: dict = {}
_process: dict = {}  # for the life of the process: the command MkDocs runs


def on_startup(*, command: str, dirty: bool) -> None:
    _process["command"] = command
    _process["dirty"] = dirty


def on_config(config: MkDocsConfig) -> None:
    _stop_indexer()  # left by a build that ended without on_build_error (a KeyboardInterrupt)
    _build.clear()  # the module outlives a build under `mkdocs serve` and in tests


def on_pre_build(*, config: MkDocsConfig) -> None:
    # Failing here, before MkDocs cleans site/, leaves the previous site untouched.
    loaded = project.load(_root(config), progress=log.info)
    for problem in loaded.problems:
        log.error(str(problem))
    if loaded.problems:
        files = len({p.src_uri for p in loaded.problems})
        raise PluginError(f"{len(loaded.problems)} problem(s) in {files} file(s), listed above. " + _next_step())
    for notice in loaded.notices:
        # INFO, not WARNING: a strict build aborts on any warning, and a notice breaks nothing.
        log.info(f"Notice: {notice}")
    _build["collection"] = loaded.collection
    _build["site"] = Site(config.site_name, config.site_url or "")
    _build["renderer"] = pages.Renderer(loaded.collection, _build["site"])
    log.info(f"Loaded {len(loaded.collection)} cases in {loaded.seconds:.2f} s")
    if not _process.get("dirty"):  # a --dirty build renders only changed pages: on_post_build indexes site/
        with _indexing():
            _build["indexer"] = fulltext.Indexer()  # indexes each page on the second core as MkDocs renders


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for uri, markdown in _build["renderer"].all_pages().items():
        if files.get_file_from_path(uri) is None:  # a hand-written page at the same path wins
            files.append(_generated(config, uri, markdown))
    for path, content in outputs.files(_build["collection"], _build["site"], _root(config)).items():
        files.append(File.generated(config, path, content=_utf8(content)))  # .html, .json, .xml: copied as is
    finder_data = finder.data_json(_build["collection"])
    files.append(File.generated(config, "finder/data.json", content=_utf8(finder_data)))
    _add_guides(files, config)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    _escape_meta(page.meta)
    if page.file.generated_by:  # generated pages are complete already
        page.file.content_bytes = b""  # read into page.markdown: a second copy costs 300 MB at 10,000 cases
        return markdown
    collection = _build["collection"]
    markdown = markers.expand(markdown, page.file.src_uri, collection, _build["renderer"])
    return references.expand(markdown, page.file.src_uri, collection.resolve)


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Defence in depth: the checks before the build refuse contributors' HTML; should
    # anything get through, it is made inert here and the strict build stops.
    if not inert.contributed(page.file.src_uri):
        return html_text
    html_text, findings = inert.neutralise(html_text)
    for finding in findings:
        log.warning(f"{inert.source_of(page.file.src_uri)}: its page carried {finding}, now made inert. "
                    "`casebook validate` should have refused it; please report this as a casebook bug.")
    return html_text


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    # Open Graph, feed links and a case's JSON-LD, printed (escaped) by hooks/theme/main.html.
    collection, uri = _build["collection"], page.file.src_uri
    case = collection.cases.get(uri.removeprefix("cases/").removesuffix(".md")) if page.file.generated_by else None
    context["casebook_head"] = metadata.head(
        _build["site"], title=page.title, description=page.meta.get("description") or config.site_description,
        url=page.canonical_url or "", page_uri=uri, collection=collection, case=case)
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if "indexer" in _build:
        with _indexing():
            _build["indexer"].add(output, page.file.dest_uri)
    return output


def on_post_build(*, config: MkDocsConfig) -> None:
    # After every build, `mkdocs serve` included; only writing the index is left to do.
    indexer, site_dir = _build.pop("indexer", None), Path(config.site_dir)
    with _indexing():
        log.info(indexer.write(site_dir) if indexer else fulltext.index_site(site_dir))


def on_build_error(*, error: Exception) -> None:
    _stop_indexer()


def on_shutdown() -> None:
    _stop_indexer()


def _stop_indexer() -> None:
    if (indexer := _build.pop("indexer", None)) is not None:
        indexer.stop(kill=True)


@contextmanager
def _indexing():
    try:
        yield
    except fulltext.IndexingFailed as error:
        _stop_indexer()
        raise PluginError(str(error)) from None


def _next_step() -> str:
    if _process.get("command") == "serve":  # the failed rebuild left the last good site in place
        return "Fix them and save: until then the server keeps showing the last site that built."
    return "Fix them and build again; `casebook validate` lists them too."


def _escape_meta(meta: dict) -> None:
    # Material prints these front-matter values unescaped (<title>, <meta>, the
    # header), and MkDocs' theme templates do not autoescape.
    for key in ("title", "description", "author"):
        if isinstance(meta.get(key), str):
            meta[key] = html.escape(meta[key])


def _utf8(content: str | bytes) -> str | bytes:
    """Files copied as they are wait in memory until MkDocs writes them, after every page is
    rendered: as UTF-8 they take half the room of text holding one non-ASCII character."""
    return content.encode("utf-8") if isinstance(content, str) else content


def _generated(config: MkDocsConfig, uri: str, markdown: str) -> File:
    # Only the index pages are in the nav: Material embeds the whole nav in
    # every page, so listing each case there grows the site with N squared.
    in_nav = uri.endswith("/index.md")
    file = File.generated(config, uri, content=markdown,
                          inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV)
    if uri.startswith("cases/"):
        file.edit_uri = f"../{uri}"  # joined to edit_uri (.../edit/main/docs/): climb out of docs/
    return file


def on_serve(server, *, config: MkDocsConfig, builder):
    # Watched here, not under `watch:` in mkdocs.yml, which refuses a path that does not exist.
    source = _root(config) / contributing.SOURCE
    if source.is_file():
        server.watch(str(source))
    server.builder = _keeping_last_site(server, server.builder)
    for engine in ("mkdocs", "properdocs"):  # ProperDocs, the fork of MkDocs 1.x, logs as properdocs.*
        logging.getLogger(f"{engine}.livereload").addFilter(_reword_stuck)
    return server


def _keeping_last_site(server, build):
    """MkDocs 1.6.1 holds every request after a failed rebuild until one succeeds
    ("the server will appear stuck"). A case problem fails the build before
    site/ is touched, so the last good site is whole: serve it meanwhile."""
    def rebuild() -> None:
        try:
            build()
        except BaseException:
            with server._epoch_cond:  # MkDocs 1.6.1 is frozen, ProperDocs pinned: so is this private state
                server._wanted_epoch = server._visible_epoch  # release waiting requests; browsers do not reload
                server._epoch_cond.notify_all()
            raise
    return rebuild


def _reword_stuck(record: logging.LogRecord) -> bool:
    if "will appear stuck" in str(record.msg):
        record.msg = "The rebuild failed: the server keeps showing the last site that built. Fix the file and save."
    return True


def _add_guides(files: Files, config: MkDocsConfig) -> None:
    """The field reference and CONTRIBUTING.md as site pages (both named in the nav)."""
    exists = lambda uri: files.get_file_from_path(uri) is not None  # noqa: E731
    for uri, markdown in guides.pages(_root(config), _build["collection"].vocabularies, config.repo_url or "",
                                      exists).items():
        file = File.generated(config, uri, content=markdown)
        if uri == "contributing.md":
            file.edit_uri = "../CONTRIBUTING.md"  # edit the source at the repository root
        files.append(file)


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent
