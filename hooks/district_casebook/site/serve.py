"""Keeping the last good site on screen while a rebuild fails under `mkdocs serve`.

MkDocs 1.6.1 holds every request after a failed rebuild until one succeeds
("the server will appear stuck"). A case problem fails the build before
site/ is touched, so the last good site is whole: serve it meanwhile.

This relies on private state of the live-reload server, `_epoch_cond`,
`_wanted_epoch` and `_visible_epoch` of `mkdocs.livereload.LiveReloadServer`,
as in MkDocs 1.6.1 (frozen) and ProperDocs 1.6.x, whose server is the same
code. Any other version must be checked before it is allowed:
tests/test_contributing_serve.py fails if the behaviour changes.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

STUCK = "will appear stuck"
REWORDED = "The rebuild failed: the server keeps showing the last site that built. Fix the file and save."


def keeping_last_site(server, build: Callable[[], None]) -> Callable[[], None]:
    """``build``, wrapped so that a failure releases the requests waiting for it."""
    def rebuild() -> None:
        try:
            build()
        except BaseException:
            with server._epoch_cond:
                server._wanted_epoch = server._visible_epoch  # release waiting requests; browsers do not reload
                server._epoch_cond.notify_all()
            raise
    return rebuild


def reword_stuck(record: logging.LogRecord) -> bool:
    """A logging filter: the server's "will appear stuck" said as it now is."""
    if STUCK in str(record.msg):
        record.msg = REWORDED
    return True
