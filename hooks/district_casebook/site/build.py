"""One build of the casebook, engine-neutral.

A site generator that runs hooks (MkDocs, ProperDocs) drives a `Build`
through its events: `start` (load and check everything), `outputs` (the
generated pages and files), then for each page `page_markdown`, `page_html`,
`head` and `rendered`, and at the end `finish` (write the search index) or
`stop`. The adapter only turns these into its own types; every rule about
what is generated, where it is edited and how it is encoded lives here.
"""
from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .. import templating
from ..contributing import site_pages
from ..loading import parallel, project
from ..markup import markers, references
from ..pages import drafts
from ..pages.generator import Renderer
from ..problems import counted
from ..publishing import outputs, page_head
from ..search import fulltext
from ..urls.permalinks import Site
from . import case_files, preview
from .page_safety import PageSafety


class BuildFailed(Exception):
    """The build cannot go on; the message says why and what to do (problems were logged before)."""


@dataclass(frozen=True)
class RunOptions:
    """What the engine was asked to do, for the life of its process."""

    command: str = "build"  # "build", "serve" or "gh-deploy"
    dirty: bool = False  # only changed pages are rendered


@dataclass(frozen=True)
class Output:
    """A generated file: a Markdown page (str) or a file copied as it is (bytes)."""

    uri: str  # relative to docs/, e.g. "cases/oakland-restorative-justice.md"
    content: str | bytes
    in_nav: bool = True  # False: kept out of the navigation (case pages: the nav is in every page)
    edit_uri: str | None = None  # relative to the engine's edit_uri (which points into docs/)
    replaces: bool = False  # True: docs/ holds a contributor's file at this uri; the engine must drop it, unread
    changed: bool = True  # False: the last build of this process made the same (a preview renders it not again)
    source: Path | None = None  # written into site/ by the build itself (case_files.py): there, not copied


class Build:
    """The state of one build, from `start` to `finish` or `stop`."""

    def __init__(self, root: Path, site: Site, *, repo_url: str = "", options: RunOptions = RunOptions(),
                 log: logging.Logger | logging.LoggerAdapter):
        self.root, self.site, self.repo_url, self.options, self.log = root, site, repo_url, options, log
        self.helper_writes_to: Path | None = None  # site/, where a helper writes the case files, if one does
        self.loaded: project.Loaded | None = None
        self.renderer: Renderer | None = None
        self.indexer: fulltext.Indexer | None = None
        self.safety = PageSafety(log)
        # A preview (`serve`) shows files with problems and, after its first build, renders only what changed.
        self.previewing = options.command == "serve"
        self.memory = preview.MEMORY if self.previewing else preview.Memory()
        self.incremental = False
        self.by_page: dict[str, list] = {}  # a preview's problems, by the page that shows them
        self.case_files: case_files.CaseFiles | None = None  # being written by a helper (case_files.py)

    @property
    def collection(self):
        return self.loaded.collection

    def start(self, site_dir: Path | None = None) -> None:
        """Load and check the whole project; on any problem, log each and raise BuildFailed
        (a preview goes on while what it can show was read: the problems are shown on the pages).
        Given ``site_dir``, a build on several cores has a helper write the case files there."""
        self.incremental = self.memory.begin(self.root)
        workers = 1 if self.previewing else parallel.safe_workers()
        self.loaded = project.load(self.root, progress=self.log.info, lenient=self.previewing,
                                   reuse=self.memory.reads if self.previewing else None, workers=workers,
                                   render_later=not self.previewing)
        if self.loaded.bodies_unchecked:  # checked by helper processes while the engine renders
            self.safety.hand_over(self.loaded.cases, max(1, workers - 1))
        problems = self.loaded.problems
        for problem in problems:
            self.log.error(str(problem))
        preview.STATUS.problems, preview.STATUS.failure = list(problems), ""
        # A preview goes on while every problem is in a file it can show (a case, a page); one in
        # schema/ concerns every page.
        pageless = any(drafts.page_of(p.src_uri) is None for p in problems)
        if problems and (not self.previewing or self.collection is None or pageless):
            preview.STATUS.failure = f"{counted(problems)}."
            raise BuildFailed(f"{counted(problems)}, listed above. " + self._next_step())
        if problems:
            self.log.info(f"{counted(problems)}, listed above: the preview shows each "
                          "on its page and all at /preview-problems/; `mkdocs build` refuses them.")
            self.by_page = drafts.by_page(problems)
        for notice in self.loaded.notices:
            # INFO, not WARNING: a strict build aborts on any warning, and a notice breaks nothing.
            self.log.info(f"Notice: {notice}")
        # A large build on several cores has a helper write the case files (--dirty keeps the last ones).
        large = workers > 1 and not self.options.dirty and len(self.collection) >= parallel.PARALLEL_FROM
        self.helper_writes_to = site_dir if large else None
        self.renderer = Renderer(self.collection, self.site, self.memory.case_pages if self.previewing else None)
        self.log.info(f"Loaded {len(self.collection)} cases in {self.loaded.seconds:.2f} s")
        if not self.options.dirty and not self.incremental:  # a --dirty build renders only changed pages
            with self._indexing():
                self.indexer = fulltext.Indexer()  # indexes each page on the second core as the engine renders

    def outputs(self, exists: Callable[[str], bool]) -> Iterator[Output]:
        """Every generated page and file; ``exists`` tells whether docs/ holds a page. A hand-written
        page wins over a generated one, except a meeting summary: the engine must never read its
        front matter, so its page is generated from the validated file and `replaces` the file."""
        made: set[str] = set()
        changed = self.memory.changed if self.previewing else None  # a build's files are all new: no digests
        for output in self._all_outputs(exists, made):
            yield dataclasses.replace(output, changed=changed(output.uri, output.content)) if changed else output

    def _all_outputs(self, exists: Callable[[str], bool], made: set[str]) -> Iterator[Output]:
        replaced = {meeting.page_uri for meeting in self.collection.meetings}  # validated; read by us alone
        for uri, markdown in (self.renderer.all_pages() | drafts.pages(self.by_page, self.loaded, exists)).items():
            if uri in replaced:  # edited where the contributor wrote it, docs/meetings/<id>.md
                yield Output(uri, markdown, in_nav=False, edit_uri=uri, replaces=exists(uri))
            elif not exists(uri):
                made.add(uri)
                yield _page(uri, markdown)
        case_schema, meeting_schema = self.loaded.schemas["case"], self.loaded.schemas["meeting"]
        if self.helper_writes_to is not None:
            site_dir = self.helper_writes_to
            self.case_files = case_files.CaseFiles(self.collection, self.site, case_schema, site_dir)
            self.log.info(f"Writing {len(self.case_files.paths)} files of the cases' data and cards " + (
                f"here after the pages render: no helper could take them ({self.case_files.failure})."
                if self.case_files.failure else "in a helper process while the pages render"))
            yield from (Output(path, b"", source=site_dir / path) for path in self.case_files.paths)
            files = outputs.other_files(self.collection, self.site, case_schema, meeting_schema)
        else:
            kept = self.memory.case_outputs if self.previewing else None
            files = outputs.files(self.collection, self.site, case_schema, meeting_schema, kept)
        for path, content in files.items():
            yield Output(path, _utf8(content))  # .html, .json, .xml: copied as they are
        yield from self._guides(case_schema, lambda uri: uri in made or exists(uri))

    @property
    def unchanged(self) -> set[str]:
        """Outputs (docs-relative) equal to the last build's: a preview need not render them again."""
        return {uri for uri, digest in self.memory.pending.items() if self.memory.outputs.get(uri) == digest}

    def all_rendered(self, env):
        """Every page is rendered and none written: the bodies' check ends here (a problem stops
        the build, which has emptied site/ by then, unlike a problem `start` finds); then the theme."""
        refused = self.safety.rendered_all()
        if refused:
            raise BuildFailed(f"{counted(refused)}, listed above; the build stopped before writing any page "
                              "(site/ is left empty). " + self._next_step())
        failure = self.case_files.written() if self.case_files is not None else ""
        self.case_files = None  # in site/, as the engine's own files will be
        if failure:
            self.log.info(f"The helper writing the case files failed ({failure}); they were written here.")
        return self.theme_environment(env)

    def theme_environment(self, env):
        """The engine's theme templates, compiled once a process: a preview's rebuilds make a new
        environment each, and compiling Material's templates again took most of a small rebuild.
        While the theme and the settings are unchanged (preview.SHARED_INPUTS), the last build's
        compiled templates are used as they are; else they compile from the process's bytecode."""
        env.bytecode_cache = templating.COMPILED
        if self.previewing:
            if self.incremental and self.memory.theme_templates is not None:
                env.cache = self.memory.theme_templates
            self.memory.theme_templates = env.cache
        return env

    def page_markdown(self, uri: str, markdown: str, meta: dict, *, generated: bool) -> str:
        page_head.escape_meta(meta)
        if generated:  # generated pages are complete already; a meeting's draft shows its problems above
            meeting_draft = uri in self.by_page and uri.startswith("meetings/")
            return drafts.notice(self.by_page[uri]) + markdown if meeting_draft else markdown
        if uri in self.by_page:  # a preview of a page with problems: the notice, and no listings
            return drafts.notice(self.by_page[uri]) + references.expand(markdown, uri, self.collection.resolve)
        markdown = markers.expand(markdown, uri, self.collection, self.renderer)
        return references.expand(markdown, uri, self.collection.resolve)

    def page_html(self, uri: str, html_text: str, toc=()) -> str:
        """Defence in depth (page_safety.py): the checks before the build refuse anything outside the
        allow-list; should anything get through, nh3 removes it (here or in a helper process) and the
        strict build stops."""
        return self.safety.page_html(uri, html_text, toc, draft=uri in self.by_page)

    def page_written(self, uri: str, html_text: str) -> str:
        """The page's HTML as the engine writes it (page_html may have handed it to a helper)."""
        return self.safety.written(uri, html_text)

    def head(self, uri: str, *, title: str, description: str, url: str, generated: bool) -> dict:
        """Open Graph, feed links and a case's JSON-LD, printed (escaped) by hooks/theme/main.html."""
        case_id = uri.removeprefix("cases/").removesuffix(".md")
        case = self.collection.cases.get(case_id) if generated else None
        meeting = self._meetings.get(uri) if generated else None
        return page_head.head(self.site, title=title, description=description, url=url, page_uri=uri,
                              collection=self.collection, case=case, meeting=meeting)

    @functools.cached_property
    def _meetings(self) -> dict:
        return {meeting.page_uri: meeting for meeting in self.collection.meetings}

    def rendered(self, html_text: str, dest_uri: str) -> str:
        """The page as the engine writes it, given to the search index."""
        if self.indexer is not None:
            with self._indexing():
                self.indexer.add(html_text, dest_uri)
        return html_text

    def finish(self, site_dir: Path) -> None:
        """After every build, `serve` included; only writing the search index is left to do."""
        indexer, self.indexer = self.indexer, None
        if self.incremental:
            gone, total = self.memory.gone(), len(self.memory.pending)
            self.log.info(f"Rebuilt {total - len(self.unchanged)} of {total} generated files that changed "
                          f"(and removed {len(gone)}); the others were kept as the last build wrote them.")
            self._remove(site_dir, gone)
        self.memory.commit()
        if self.incremental:  # only the changed pages were rendered: index the written site, meanwhile serve it
            preview.INDEXING.request(fulltext.index_site, site_dir, self.log)
            return
        with self._indexing():
            self.log.info(indexer.write(site_dir) if indexer else fulltext.index_site(site_dir))

    def _remove(self, site_dir: Path, uris: list[str]) -> None:
        """What the last build wrote and this one no longer makes (a deleted case's page)."""
        case_files.remove(site_dir, [_dest(uri) for uri in uris])

    def stop(self) -> None:
        """End the indexer, if any: after a failed build, or one interrupted (Ctrl-C)."""
        indexer, self.indexer = self.indexer, None
        if indexer is not None:
            indexer.stop(kill=True)
        self.safety.stop()
        if self.case_files is not None:
            self.case_files.stop()  # its helper killed, what it wrote removed
            self.case_files = None
        if self.memory.pending:  # the engine may have written part of the outputs: render all next time
            self.memory.forget()

    def watched(self) -> list[Path]:
        """Files outside docs/ whose edits a server should rebuild on, beyond mkdocs.yml's `watch:`."""
        source = self.root / site_pages.SOURCE
        return [source] if source.is_file() else []

    def _guides(self, case_schema: dict, exists: Callable[[str], bool]) -> Iterator[Output]:
        """The field reference and CONTRIBUTING.md as site pages (both named in the nav)."""
        guides = site_pages.pages(self.root, case_schema, self.collection.vocabularies, self.repo_url, exists,
                                  self.loaded.schemas.get("meeting"))
        for uri, markdown in guides.items():
            # CONTRIBUTING.md is edited at the repository root: climb out of docs/.
            yield Output(uri, markdown, edit_uri="../CONTRIBUTING.md" if uri == site_pages.PAGE_URI else None)

    def _next_step(self) -> str:
        if self.options.command == "serve":  # the failed rebuild left the last good site in place
            return "Fix them and save: until then the server keeps showing the last site that built."
        return "Fix them and build again; `casebook validate` lists them too."

    @contextmanager
    def _indexing(self):
        try:
            yield
        except fulltext.IndexingFailed as error:
            self.stop()
            raise BuildFailed(str(error)) from None


def _dest(uri: str) -> str:
    """Where the engine writes an output (directory URLs, as mkdocs.yml has them)."""
    if not uri.endswith(".md"):
        return uri
    stem = uri.removesuffix(".md")
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


def _page(uri: str, markdown: str) -> Output:
    # Only the index pages are in the nav: Material embeds the whole nav in
    # every page, so listing each case there grows the site with N squared.
    edit_uri = f"../{uri}" if uri.startswith("cases/") else None  # climb out of docs/ to cases/
    in_nav = uri.endswith("/index.md") and uri != drafts.PROBLEMS_URI
    return Output(uri, markdown, in_nav=in_nav, edit_uri=edit_uri)


def _utf8(content: str | bytes) -> bytes:
    """Files copied as they are wait in memory until the engine writes them, after every page is
    rendered: as UTF-8 they take half the room of text holding one non-ASCII character."""
    return content.encode("utf-8") if isinstance(content, str) else content
