"""The build's last guards on contributor text: the case bodies' allow-list check and nh3 over
every contributed page, handed to helper processes while the engine renders.

Rendering every case body for the allow-list check (checking/rendered.py) is
most of the time it takes to load a large casebook, and nh3 takes a tenth of
the rendering. A build on several cores whose other checks all passed hands
both to helpers (loading/parallel.Helpers) and goes on rendering: a page's
HTML goes to a helper when rendered, and what nh3 would remove from it is
known by the time the engine writes it. The bodies' check must end before
the engine writes any page (`Build.all_rendered`); any problem stops the
build there. Should the helpers
fail (a worker killed for memory, say), their work is done here: time is
lost, never a check.

Defence in depth: should anything outside the allow-list get through, nh3
removes it from the page and the build reports it as a casebook bug (a strict
build stops). A page nh3 finds nothing to remove from is kept as the renderer
made it, so a helper sends back next to nothing: cleaned pages coming back
through another thread of the build scattered its memory (glibc gives each
thread a heap of its own), 140 MiB more at 10,000 cases. What the table of
contents check finds while the bodies' check runs is held: if that check
refuses the file, its problems say what is wrong.
"""
from __future__ import annotations

import functools
import logging
from concurrent.futures import Future, wait
from concurrent.futures.process import BrokenProcessPool

from ..checking import sanitiser
from ..loading import case_reading, parallel, project
from ..problems import Problem

CHUNK = 100  # case bodies a helper's task
_HELPERS_GONE = (BrokenProcessPool, RuntimeError, OSError)  # died, shut down, or could not start


class PageSafety:
    def __init__(self, log: logging.Logger | logging.LoggerAdapter):
        self.log = log
        self._helpers: parallel.Helpers | None = None
        self._checks: list[tuple[list, Future | None]] = []  # (bodies, their check; None: here) until it ends
        self._cleaning: dict[str, Future] = {}  # page -> what nh3 removes from it (sanitiser.removals)
        self._held: list[tuple[str, str]] = []  # (page, finding) until the bodies' check ends
        self.problems: list[Problem] = []  # what the bodies' check found

    def hand_over(self, cases: list, workers: int) -> None:
        """The case bodies' check, and from now on the pages' cleaning, to ``workers`` helpers."""
        bodies = [(case.doc.src_uri, case.doc.body, case.doc.body_line) for case in cases]
        chunks = [bodies[start:start + CHUNK] for start in range(0, len(bodies), CHUNK)]
        try:
            self._helpers = parallel.Helpers(workers)
            self.log.info(f"Checking {len(cases)} case bodies as rendered, and cleaning their pages, "
                          f"in {workers} helper process(es) while the pages render")
        except _HELPERS_GONE as error:
            self.log.info(f"Checking the case bodies here: no helper process could start ({error}).")
        self._checks = [(chunk, self._submit(case_reading.bodies_problems, chunk)) for chunk in chunks]

    def page_html(self, uri: str, html_text: str, toc=(), *, draft: bool = False) -> str:
        """``toc``: the page's table of contents (items with .id, .title and .children), which the
        theme prints unescaped: checked and made safe on every page, as list pages' headings hold
        contributors' names. A ``draft`` (a preview's page with problems) lists them already.
        Handed to a helper, the page is cleaned, if need be, when `written`."""
        self._report(uri, [] if draft else sanitiser.table_of_contents(toc))  # made safe in place
        if not sanitiser.contributed(uri):
            return html_text
        cleaning = self._submit(sanitiser.removals, html_text)
        if cleaning is None:
            return self._cleaned(uri, html_text, sanitiser.removals(html_text), draft)
        self._cleaning[uri] = cleaning  # what is to remove is known when the page is written
        return html_text

    def written(self, uri: str, html_text: str) -> str:
        """The page's HTML as the engine writes it: cleaned, if a helper found anything to remove."""
        if uri not in self._cleaning:
            return html_text
        return self._cleaned(uri, html_text, _done(self._cleaning.pop(uri), functools.partial(sanitiser.removals, html_text)))

    def _cleaned(self, uri: str, html_text: str, removals: tuple[str, list[str]] | None, draft: bool = False) -> str:
        if removals is None:
            return html_text
        cleaned, removed = removals
        self._report(uri, [] if draft else [f"{finding}, which the sanitiser removed" for finding in removed])
        return cleaned

    def rendered_all(self) -> list[Problem]:
        """The bodies' check, ended (its problems logged); the helpers end once every page is clean."""
        found = [_done(check, functools.partial(case_reading.bodies_problems, chunk))
                 for chunk, check in self._checks]
        self._checks, self.problems = [], project.capped(sorted({p for each in found for p in each}))
        for problem in self.problems:
            self.log.error(str(problem))
        held, self._held = self._held, []
        for uri, finding in held:
            self._report(uri, [finding])
        wait(self._cleaning.values())
        self._end_helpers(wait=True)  # they exit before the engine writes: the build's peak of memory
        return self.problems

    def stop(self) -> None:
        """After a failed or interrupted build: the helpers end at once."""
        self._end_helpers(wait=False)

    def _end_helpers(self, *, wait: bool) -> None:
        if self._helpers is not None:
            self._helpers.close(wait=wait)
            self._helpers = None

    def _submit(self, work, *args) -> Future | None:
        """The work handed to a helper; None (do it here) without helpers, or once they have died."""
        if self._helpers is None:
            return None
        try:
            return self._helpers.submit(work, *args)
        except _HELPERS_GONE:
            self._end_helpers(wait=False)
            return None

    def _report(self, uri: str, found: list[str]) -> None:
        for finding in found:
            if self._checks:
                self._held.append((uri, finding))
            elif not any(problem.src_uri == sanitiser.source_of(uri) for problem in self.problems):
                self.log.warning(f"{sanitiser.source_of(uri)}: its page carried {finding}. `casebook validate` "
                                 "should have refused it; please report this as a casebook bug.")


def _done(future: Future | None, here):
    """A helper's result; without one (no helper took it, or the helpers died), ``here()``,
    the same work done in this process."""
    if future is None:
        return here()
    try:
        return future.result()
    except _HELPERS_GONE:
        return here()
