"""Full-text search: Pagefind indexes every page as the build renders it.

Pagefind splits its index into small chunks, so one query downloads a few
hundred kilobytes even at thousands of cases (a whole-site index, like
Material's search plugin, would be tens of megabytes). The `pagefind[bin]`
package ships the binary; this module only runs it and reports.

What gets indexed is decided in the HTML: pages mark their content with
`data-pagefind-body` (hooks/theme/main.html), case pages give their summary
and facts panel extra `data-pagefind-weight`, and lists of other cases carry
`data-pagefind-ignore`, so a case is found by its own words, not its neighbours'.

Pages reach Pagefind as MkDocs renders them (`Indexer`, through a
`pagefind --service` process, pagefind_service.py), so Pagefind indexes on
the second core while MkDocs renders the next page, and only writing the
bundle waits for the end of the build. The service keeps what it extracted
from each page rather than the page (the CLI reads every HTML file of the
site at once), but writing the bundle still builds the whole index in memory:
at 10,000 cases the service peaks at about 1.4 GB, the CLI at 1.7 GB. The CLI
(`index_site`) remains for `--dirty` builds, which render only the pages
that changed: the index must also hold the pages left as they were.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from .bundle import Bundle
from .pagefind_service import ServiceFailed, one_line

BUNDLE_FOLDER = "pagefind"  # site/pagefind/: the index and Pagefind's own UI scripts
# site/pagefind/bundles.json: the bundles the search page searches, relative to site/pagefind/.
BUNDLE_LIST = "bundles.json"
# Heading permalinks (¶) and the edit button are page furniture, not content.
EXCLUDE_SELECTORS = ".headerlink, .md-content__button"
SEARCH_PAGE = "search/"
BODY_ATTRIBUTE = " data-pagefind-body"  # main.html wraps a page's content in an element carrying it
BODY_END = "</article>"  # Material's content ends here, just after main.html's wrapper
# Pages a bundle of the index holds (bundle.py). Writing one takes some 0.15 MB a page: at 10,000 cases
# (some 10,300 indexed pages) MkDocs alone holds about 1.35 GiB, which leaves Pagefind little under 1.5 GiB.
PAGES_PER_BUNDLE = 800


class IndexingFailed(Exception):
    """Pagefind is missing or failed; the message says what to do."""


def executable() -> Path:
    try:
        import pagefind_bin  # the binary shipped by `pip install 'pagefind[bin]'`
        return pagefind_bin.get_executable()
    except (ImportError, FileNotFoundError) as error:
        raise IndexingFailed(f"Pagefind, which builds the search index, is not installed ({error}). "
                             "Install the casebook's dependencies: .venv/bin/pip install -e .") from None


class Indexer:
    """One build's search index, fed a page at a time while MkDocs renders.

    Start it once the build is known to go ahead, `add` every rendered page,
    `write` at the end; `stop` on any other way out (twice is harmless). Every
    PAGES_PER_BUNDLE pages the bundle so far is written on a thread and a new
    one begins (bundle.py says why); `write` moves them all into site/pagefind/.
    """

    def __init__(self, command: Path | str | None = None, *, silence: float = 60.0,
                 pages_per_bundle: int | None = None):
        """Starts Pagefind's service; ``command`` replaces its binary, ``silence`` is how long it may go
        without answering before it counts as stuck, ``pages_per_bundle`` the size of a bundle."""
        self._command, self._silence = command or executable(), silence
        self._per_bundle = pages_per_bundle or PAGES_PER_BUNDLE
        self._config = {"exclude_selectors": [s.strip() for s in EXCLUDE_SELECTORS.split(",")]}
        self._folder = tempfile.TemporaryDirectory(prefix="casebook-search-")
        self._sealed: list[Bundle] = []
        self._stopped = False
        self._count = 0
        self._bundle: Bundle | None = None
        self._bundle = self._asking(lambda: Bundle(1, self._command, self._config, self._silence))

    @property
    def pid(self) -> int:
        return self._bundle.service.pid

    def add(self, html: str, dest_uri: str) -> None:
        """Queue one rendered page (``dest_uri`` as in site/: themes/x/index.html), if it is indexed."""
        body = body_start(html)
        if body == -1:
            return
        if len(self._bundle.pages) >= self._per_bundle:
            self._next_bundle()
        request = {"type": "AddFile", "file_path": dest_uri,
                   "url": "/" + dest_uri.removesuffix("index.html"),  # the CLI's URLs
                   "file_contents": with_bundle_filter(essentials(html, body), self._bundle.number)}
        self._asking(lambda: self._bundle.add(request, dest_uri), self._bundle)
        self._count += 1

    def write(self, site_dir: Path) -> str:
        """Wait for the queued pages, write the bundles into site_dir/pagefind/; returns a one-line summary."""
        started = time.perf_counter()
        bundles = [*self._sealed, self._bundle]
        for bundle in self._sealed:
            self._asking(bundle.finish, bundle)
        self._asking(lambda: self._bundle.write_now(self._part(self._bundle)), self._bundle)
        output = Path(site_dir) / BUNDLE_FOLDER
        shutil.rmtree(output, ignore_errors=True)
        shutil.move(self._part(bundles[0]), output)
        for bundle in bundles[1:]:
            shutil.move(self._part(bundle), output / _subfolder(bundle.number))
        write_bundle_list(site_dir, ["./"] + [_subfolder(b.number) + "/" for b in bundles[1:]])
        self.stop()
        seconds = time.perf_counter() - started
        return (f"Search index: {self._count} pages in {len(bundles)} "
                f"bundle{'s' if len(bundles) > 1 else ''}, ready {seconds:.1f} s after the last page")

    def stop(self, *, kill: bool = False) -> None:
        if not self._stopped:
            self._stopped = True
            for bundle in [*self._sealed, self._bundle]:
                if bundle is not None:
                    bundle.stop(kill=kill)
            self._folder.cleanup()

    def _next_bundle(self) -> None:
        """Write the full bundle on a thread, once the one before it is written: one bundle is
        written at a time, so Pagefind holds at most one being written and one being filled."""
        full = self._bundle
        if self._sealed:
            self._asking(self._sealed[-1].finish, self._sealed[-1])
        full.write_later(self._part(full))
        self._sealed.append(full)
        self._bundle = self._asking(lambda: Bundle(full.number + 1, self._command, self._config, self._silence))

    def _part(self, bundle: Bundle) -> Path:
        return Path(self._folder.name) / str(bundle.number)

    def _asking(self, request, bundle: Bundle | None = None):
        """``request()``'s result; a failure stops every service and becomes one IndexingFailed
        (naming the page, when ``bundle``, the bundle the request went to, says which it was)."""
        try:
            return request()
        except ServiceFailed as error:
            self.stop(kill=True)
            page = bundle.pages.get(error.message_id) if bundle is not None else None
            raise IndexingFailed(_failed(error, page)) from None
        except BaseException:  # KeyboardInterrupt too: no service outlives the build
            self.stop(kill=True)
            raise


def _subfolder(number: int) -> str:
    return f"bundle-{number}"


def with_bundle_filter(page: str, number: int) -> str:
    """``page`` with the filter bundle:<number> inside its data-pagefind-body element."""
    body = body_start(page)
    end = page.find(">", body) + 1
    return f'{page[:end]}<span data-pagefind-filter="bundle:{number}"></span>{page[end:]}'


def body_start(html: str) -> int:
    """Where the first tag carrying data-pagefind-body starts, or -1: the CLI indexes only such pages
    once any page has one. In a tag, so a page that mentions the attribute in its text does not count."""
    at = html.find(BODY_ATTRIBUTE)
    while at != -1:
        end = at + len(BODY_ATTRIBUTE)
        tag = html.rfind("<", 0, at)
        if tag > html.rfind(">", 0, at) and (html[end:end + 1] in "=>/" or html[end:end + 1].isspace()):
            return tag
        at = html.find(BODY_ATTRIBUTE, end)
    return -1


def essentials(html: str, body: int) -> str:
    """The page as Pagefind needs it: <html lang>, <head> and the data-pagefind-body element at
    ``body``. Material's header, navigation and footer around it are more than half a page's bytes,
    which the service would parse only to skip; it indexes the same words from what is left. The
    whole page when anything left out carries a data-pagefind- attribute (a filter, say)."""
    head_end, end = html.find("</head>"), html.rfind(BODY_END)
    if not 0 < head_end < body < end:
        return html
    left_out = (html[head_end:body], html[end:])
    if any("data-pagefind-" in part for part in left_out):
        return html
    return f"{html[:head_end]}</head><body>{html[body:end]}</body></html>"


def _failed(error: ServiceFailed, page: str | None = None) -> str:
    what = f"could not index {page}" if page else "could not build the search index"
    return (f"Pagefind {what}: {error}. Build again; if it fails the same way, reinstall the "
            "casebook's dependencies: .venv/bin/pip install -e .")


def index_site(site_dir: Path) -> str:
    """Index ``site_dir`` into site_dir/pagefind/ with the CLI; returns Pagefind's one-line summary."""
    command = [str(executable()), "--site", str(site_dir), "--output-subdir", BUNDLE_FOLDER,
               "--exclude-selectors", EXCLUDE_SELECTORS]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise IndexingFailed(f"Pagefind could not index {site_dir} (exit {result.returncode}): "
                             f"{one_line(result.stderr + result.stdout) or 'no message'}")
    write_bundle_list(site_dir, ["./"])
    return summary(result.stdout)


def write_bundle_list(site_dir: Path, folders: list[str]) -> None:
    """site/pagefind/bundles.json: the folders (relative to site/pagefind/) of the index's bundles."""
    (Path(site_dir) / BUNDLE_FOLDER / BUNDLE_LIST).write_text(json.dumps(folders) + "\n", encoding="utf-8")


def summary(output: str) -> str:
    """'Indexed 61 pages' and the like from Pagefind's report, as one line."""
    counts = re.findall(r"Indexed (\d+ (?:pages|words|filters))", output)
    return "Search index: " + (", ".join(counts) if counts else "built")
