"""The build's last guards on contributor text: the case bodies' allow-list check and nh3 over
every contributed page, handed to helper processes while the engine renders.

Rendering every case body for the allow-list check (checking/rendered.py) is
most of the time it takes to load a large casebook, and nh3 takes a tenth of
the rendering. A build on several cores whose other checks all passed hands
both to helpers (loading/parallel.Helpers) and goes on rendering: a page's
HTML goes to a helper when rendered and comes back cleaned when the engine
writes it. The bodies' check must end before the engine writes any page
(`Build.all_rendered`); any problem stops the build there.

Defence in depth: should anything outside the allow-list get through, nh3
removes it from the page and the build reports it as a casebook bug (a strict
build stops). Until the bodies' check has ended those reports are held: if it
refuses the file, its problems say what is wrong instead.
"""
from __future__ import annotations

import logging
from collections import deque
from concurrent.futures import Future, wait
from concurrent.futures.process import BrokenProcessPool

from ..checking import sanitiser
from ..loading import case_reading, parallel, project
from ..problems import Problem

CHUNK = 100  # case bodies a helper's task: its pages' cleaning waits behind no more than this


class PageSafety:
    def __init__(self, log: logging.Logger | logging.LoggerAdapter):
        self.log = log
        self._sanitiser: sanitiser.Sanitiser | None = None
        self._helpers: parallel.Helpers | None = None
        self._checks: list[tuple[list, Future]] = []  # (bodies, their check) while it runs
        self._pages: dict[str, tuple[str | None, Future]] = {}  # page -> (its HTML until cleaned, the cleaning)
        self._cleaning: deque[str] = deque()  # pages in the order they were handed over
        self._held: list[tuple[str, str]] = []  # (page, what was removed) until the check has ended
        self.problems: list[Problem] = []  # what the bodies' check found

    def hand_over(self, cases: list, workers: int) -> None:
        """The case bodies' check, and from now on the pages' cleaning, to ``workers`` helpers."""
        self._helpers = parallel.Helpers(workers)
        bodies = [(case.doc.src_uri, case.doc.body, case.doc.body_line) for case in cases]
        for start in range(0, len(bodies), CHUNK):
            chunk = bodies[start:start + CHUNK]
            self._checks.append((chunk, self._helpers.submit(case_reading.bodies_problems, chunk)))

    def page_html(self, uri: str, html_text: str, toc=(), *, draft: bool = False) -> str:
        """``toc``: the page's table of contents (items with .id, .title and .children), which the
        theme prints unescaped: checked and made safe on every page, as list pages' headings hold
        contributors' names. A ``draft`` (a preview's page with problems) lists them already.
        Handed to a helper, a page's HTML is "" until `written` gives it back cleaned."""
        self._report(uri, [] if draft else sanitiser.table_of_contents(toc))  # made safe in place
        if not sanitiser.contributed(uri):
            return html_text
        if self._helpers is None:
            cleaned, removed = self._clean_here(html_text)
            self._report(uri, [] if draft else _by_sanitiser(removed))
            return cleaned
        self._pages[uri] = (html_text, self._helpers.submit(sanitiser.clean, html_text))
        self._cleaning.append(uri)
        self._forget_cleaned()
        return ""

    def written(self, uri: str, html_text: str) -> str:
        """The page's HTML as the engine writes it: cleaned, if a helper took it."""
        if uri not in self._pages:
            return html_text
        original, cleaning = self._pages.pop(uri)
        cleaned, removed = self._result(cleaning, lambda: self._clean_here(original))
        self._report(uri, _by_sanitiser(removed))
        return cleaned

    def rendered_all(self) -> list[Problem]:
        """The bodies' check once ended (its problems logged); the helpers end once every page is clean."""
        if self._helpers is None:
            return []
        found = [self._result(check, lambda chunk=chunk: case_reading.bodies_problems(chunk))
                 for chunk, check in self._checks]
        self._checks, self.problems = [], project.capped(sorted({p for each in found for p in each}))
        for problem in self.problems:
            self.log.error(str(problem))
        held, self._held = self._held, []
        for uri, finding in held:
            self._report(uri, [finding])
        wait([cleaning for _, cleaning in self._pages.values()])
        self.stop()  # the helpers exit before the engine writes: the build's peak of memory
        return self.problems

    def stop(self) -> None:
        if self._helpers is not None:
            self._helpers.close()
            self._helpers = None

    def _report(self, uri: str, found: list[str]) -> None:
        for finding in found:
            if self._checks:
                self._held.append((uri, finding))
            elif not any(problem.src_uri == sanitiser.source_of(uri) for problem in self.problems):
                self.log.warning(f"{sanitiser.source_of(uri)}: its page carried {finding}. `casebook validate` "
                                 "should have refused it; please report this as a casebook bug.")

    def _clean_here(self, html_text: str) -> tuple[str, list[str]]:
        self._sanitiser = self._sanitiser or sanitiser.Sanitiser()
        return self._sanitiser.clean(html_text)

    def _forget_cleaned(self) -> None:
        """Drops the HTML of pages a helper has cleaned: kept, it would double their memory."""
        while self._cleaning and self._cleaning[0] not in self._pages:
            self._cleaning.popleft()
        while self._cleaning and self._pages[self._cleaning[0]][1].done():
            uri = self._cleaning.popleft()
            cleaning = self._pages[uri][1]
            if cleaning.exception() is None:
                self._pages[uri] = (None, cleaning)

    @staticmethod
    def _result(future: Future, here):
        """A helper's result; should the helpers have died (out of memory, say), done here instead."""
        try:
            return future.result()
        except BrokenProcessPool:
            return here()


def _by_sanitiser(removed: list[str]) -> list[str]:
    return [f"{finding}, which the sanitiser removed" for finding in removed]
