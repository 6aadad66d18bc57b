"""One bundle of the search index: a `pagefind --service` process fed pages, then written.

A large site's index is written in several bundles (fulltext.Indexer): writing
builds a bundle's whole index in memory at about three times the size of what
the service held, so a bundle of a few thousand pages, written on a thread
while MkDocs renders the next ones, keeps Pagefind's share of the build's
memory small and flat (one process at 10,000 cases peaked at 1.3 to 1.6 GB).
The search page merges the bundles in the browser (Pagefind's `mergeIndex`,
docs/assets/search.js); each page carries the filter `bundle:<n>`, so the page
can search one bundle at a time where it must (each bundle does its own
prefix fallback for words it lacks).
"""
from __future__ import annotations

import threading
from pathlib import Path

from .pagefind_service import PagefindService, ServiceFailed

WRITE_SECONDS = 600.0  # no answer to WriteFiles for this long: the service is stuck


class Bundle:
    """Pages sent to one service; `write_later` or `write_now`, then `finish` (re-raises its failure)."""

    def __init__(self, number: int, command: Path | str, config: dict, silence: float):
        self.number = number
        self.pages: dict[int, str] = {}  # message id -> path in site/, to name a page Pagefind refuses
        self.failure: ServiceFailed | None = None
        self._thread: threading.Thread | None = None
        self._stopped = False
        self.service = PagefindService(command, silence=silence)
        try:
            self.index_id = self.service.ask({"type": "NewIndex", "config": config})["index_id"]
        except BaseException:
            self.stop(kill=True)
            raise

    def add(self, request: dict, dest_uri: str) -> None:
        request = dict(request, index_id=self.index_id)
        self.pages[self.service.send(request)] = dest_uri

    def write_later(self, folder: Path) -> None:
        """Write on a thread: the service works on the second core while MkDocs renders."""
        self._thread = threading.Thread(target=self._write_keeping_failure, args=(folder,), daemon=True,
                                        name=f"pagefind-bundle-{self.number}")
        self._thread.start()

    def write_now(self, folder: Path) -> None:
        self._write_keeping_failure(folder)
        self.finish()

    def finish(self) -> None:
        if self._thread is not None:
            self._thread.join()
        if self.failure is not None:
            raise self.failure

    def stop(self, *, kill: bool = False) -> None:
        if not self._stopped:
            self._stopped = True
            self.service.close(kill=kill)

    def _write_keeping_failure(self, folder: Path) -> None:
        try:
            self.service.wait(self.pages)
            self.service.ask({"type": "WriteFiles", "index_id": self.index_id, "output_path": str(folder)},
                             silence=WRITE_SECONDS)
            self.stop()
        except ServiceFailed as error:
            self.failure = error
            self.stop(kill=True)
