"""The preview server (`mkdocs serve`): what the casebook changes in it.

- After a failed rebuild, the last good site stays on screen, and every page
  says the rebuild failed and why, until a save builds again.
- While files have problems, every page carries a banner linking to the
  list of them (pages/drafts.py); their own pages show them at the top.
- After the first build, rebuilds are MkDocs' own `--dirty` builds: a page
  whose output is unchanged (site/preview.py) is neither rendered nor written.
- Problems are shown, not fatal: the strict count of warnings is left out.

This relies on private state of the live-reload server and of `mkdocs serve`:
`_epoch_cond`, `_wanted_epoch`, `_visible_epoch` and `_inject_js_into_html` of
`mkdocs.livereload.LiveReloadServer`, the `is_dirty` variable of serve's
`builder`, and File.is_modified, as in MkDocs 1.6.1 (frozen) and ProperDocs
1.6.x, whose server is the same code. Any other version must be checked
before it is allowed: tests/test_contributing_serve.py and tests/test_preview.py
fail if the behaviour changes.
"""
from __future__ import annotations

import html
import logging
from collections.abc import Callable

from .preview import STATUS

STUCK = "will appear stuck"
REWORDED = "The rebuild failed: the server keeps showing the last site that built. Fix the file and save."
DIRTY = "A 'dirty' build is being performed"
BANNER_LIMIT = 20  # problems listed in a failed rebuild's banner; the terminal has them all


def adapt(server, builder: Callable, watched: list):
    """The preview server as the module's docstring says; ``builder`` is the one serve made."""
    for path in watched:
        server.watch(str(path))
    server.builder = keeping_last_site(server, server.builder)
    incremental(builder)
    showing_status(server)
    logging.getLogger(type(server).__module__).addFilter(reword_stuck)  # mkdocs. or properdocs.livereload
    logging.getLogger(builder.__module__.replace(".serve", ".build")).addFilter(quiet_dirty)
    return server


def keeping_last_site(server, build: Callable[[], None]) -> Callable[[], None]:
    """``build``, wrapped so that a failure releases the requests waiting for it and
    reloads the open pages, which then say that the rebuild failed."""
    def rebuild() -> None:
        try:
            build()
        except BaseException as error:
            STATUS.failure = STATUS.failure or f"{type(error).__name__}: {error}"
            with server._epoch_cond:
                server._visible_epoch = server._wanted_epoch  # browsers reload: the same site, with the banner
                server._epoch_cond.notify_all()
            raise
    return rebuild


def incremental(builder: Callable) -> None:
    """Every later build of serve's ``builder`` a `--dirty` one (the first, already made, was whole)."""
    names = builder.__code__.co_freevars
    if "is_dirty" in names:
        builder.__closure__[names.index("is_dirty")].cell_contents = True


def showing_status(server) -> None:
    """Every page the server sends carries the banner of the last build's problems or failure."""
    inject = server._inject_js_into_html
    mount = server.mount_path

    def with_banner(content: bytes, epoch) -> bytes:
        return inject(_with(content, banner(mount)), epoch)
    server._inject_js_into_html = with_banner


def banner(mount: str = "/") -> bytes:
    if STATUS.failure:
        items = "".join(f"<li>{html.escape(str(p))}</li>" for p in STATUS.problems[:BANNER_LIMIT])
        more = len(STATUS.problems) - BANNER_LIMIT
        items += f"<li>… and {more} more, listed in the terminal.</li>" if more > 0 else ""
        text = (f"<strong>The last save did not build</strong> ({html.escape(STATUS.failure)}). This is the last "
                f"site that built; fix the file and save.{f'<ul>{items}</ul>' if items else ''}")
    elif STATUS.problems:
        count, files = len(STATUS.problems), len({p.src_uri for p in STATUS.problems})
        text = (f"<strong>{count} problem{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}"
                f"</strong>: the preview shows them anyway; <code>mkdocs build</code> refuses them. "
                f'<a href="{html.escape(mount.rstrip("/"))}/preview-problems/">See them all</a>.')
    else:
        return b""
    style = ("position:sticky;top:0;z-index:10;margin:0;padding:.6em 1em;background:#fff3cd;color:#3d2c00;"
             "border-bottom:2px solid #b45309;font:15px/1.4 system-ui,sans-serif")
    return f'<div id="casebook-preview-status" role="alert" style="{style}">{text}</div>'.encode()


def _with(content: bytes, banner_html: bytes) -> bytes:
    if not banner_html:
        return content
    start = content.find(b"<body")
    end = content.find(b">", start) + 1 if start >= 0 else 0
    return content[:end] + banner_html + content[end:]


def settle(files, unchanged: set[str]) -> None:
    """What a `--dirty` build renders: every hand-written page (their listings follow the cases), and
    each generated file unless the last build made the same."""
    for file in files:
        if file.generated_by is None and file.is_documentation_page():
            file.is_modified = _always
        elif file.generated_by is not None and file.src_uri in unchanged:
            file.is_modified = _never


def _always() -> bool:
    return True


def _never() -> bool:
    return False


def not_strict() -> None:
    """Under serve, warnings (a draft's broken link) are shown, not fatal: a draft is previewed anyway."""
    for name in ("mkdocs", "properdocs"):
        logger = logging.getLogger(name)
        for handler in [h for h in logger.handlers if type(h).__name__ == "CountHandler"]:
            logger.removeHandler(handler)


def reword_stuck(record: logging.LogRecord) -> bool:
    """A logging filter: the server's "will appear stuck" said as it now is."""
    if STUCK in str(record.msg):
        record.msg = REWORDED
    return True


def quiet_dirty(record: logging.LogRecord) -> bool:
    """A logging filter: the engine's warning about dirty builds (the casebook renders what changed)."""
    return DIRTY not in str(record.msg)
