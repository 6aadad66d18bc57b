"""MkDocs/ProperDocs adapter: events become calls on a `Build` (site/build.py: no engine imports), results
engine types; site/serve.py adapts the preview server. A Build a (re)build; Python edits need a restart."""
from __future__ import annotations

from pathlib import Path

from district_casebook.site import serve  # at the top: hooks/ is on sys.path only while this body runs
from district_casebook.site.build import Build, BuildFailed, RunOptions
from district_casebook.urls.permalinks import Site
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

log = get_plugin_logger("casebook")  # not __name__, which is the literal "hooks/casebook_hook.py"
_options = RunOptions()  # for the life of the process: what the engine was asked to do
_build: Build | None = None


def on_startup(*, command: str, dirty: bool) -> None:
    global _options
    _options = RunOptions(command, dirty)


def on_config(config: MkDocsConfig) -> None:
    global _build
    on_shutdown()  # an indexer left by a build that ended without on_build_error (a KeyboardInterrupt)
    _build = Build(Path(config.config_file_path).parent, Site(config.site_name, config.site_url or ""),
                   repo_url=config.repo_url or "", options=_options, log=log)
    if _build.previewing:
        serve.not_strict()  # a draft's problems are shown on its page, not fatal to the preview


def on_pre_build(*, config: MkDocsConfig) -> None:
    _engine_errors(_build.start, Path(config.site_dir))  # failing before site/ is cleaned leaves it whole


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for output in _build.outputs(lambda uri: files.get_file_from_path(uri) is not None):
        if output.replaces:  # a contributor's file (a meeting summary): MkDocs must never read it
            files.remove(files.get_file_from_path(output.uri))
        inclusion = InclusionLevel.UNDEFINED if output.in_nav else InclusionLevel.NOT_IN_NAV
        source = {"abs_src_path": str(output.source)} if output.source else {"content": output.content}
        file = File.generated(config, output.uri, inclusion=inclusion, **source)
        file.edit_uri = output.edit_uri  # None, as for any generated file, unless its source is elsewhere
        files.append(file)
    serve.settle(files, _build.unchanged)  # what a preview's --dirty rebuild renders again
    return files


def on_env(env, *, config: MkDocsConfig, files: Files):
    return _engine_errors(_build.all_rendered, env)  # every page is rendered and none written yet


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = page.file.generated_by is not None
    if generated:
        page.file.content_bytes = b""  # read into page.markdown: a second copy costs 300 MB at 10,000 cases
    return _build.page_markdown(page.file.src_uri, markdown, page.meta, generated=generated)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    page.markdown = ""  # rendered; kept to the end it costs 350 MB at 10,000 cases ("": the title stays)
    return _build.page_html(page.file.src_uri, html, page.toc)


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    page.content = _build.page_written(page.file.src_uri, page.content)  # cleaned, maybe by a helper process
    context["casebook_head"] = _build.head(page.file.src_uri, title=page.title, url=page.canonical_url or "",
                                           description=page.meta.get("description") or config.site_description,
                                           generated=bool(page.file.generated_by))
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return _engine_errors(_build.rendered, output, page.file.dest_uri)


def on_post_build(*, config: MkDocsConfig) -> None:
    _engine_errors(_build.finish, Path(config.site_dir))


def on_shutdown(**_) -> None:
    if _build is not None:
        _build.stop()


on_build_error = on_shutdown  # (error=...): ends the indexer and the helper processes


def on_serve(server, *, config: MkDocsConfig, builder):
    return serve.adapt(server, builder, _build.watched())  # not mkdocs.yml's `watch:`: it refuses a missing path


def _engine_errors(step, *args):
    try:
        return step(*args)
    except BuildFailed as error:
        raise PluginError(str(error)) from None
