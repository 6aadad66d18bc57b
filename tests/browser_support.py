"""Helpers for the real-browser tests: Debian's Chromium driven by Playwright,
every request leaving the site's origin blocked and counted, console errors
collected, axe-core injected on demand."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from conftest import REPO
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(REPO / "benchmarks"))
from siteserver import SiteServer, build_site  # noqa: E402,F401 - re-exported for the tests

CHROMIUM = "/usr/bin/chromium"  # Debian's package; Playwright's own browser download cannot work offline
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE = REPO / "tests" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts"


@dataclass
class Visit:
    """One browser page on the served site, with what it did wrong."""

    page: object
    origin: str
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        self.page.goto(self.origin + path)

    def problems(self) -> list[str]:
        return [f"request outside the site: {url}" for url in self.outside] + \
               [f"console: {text}" for text in self.errors]

    def axe_violations(self) -> list[str]:
        self.page.add_script_tag(path=str(AXE))
        found = self.page.evaluate("axe.run(document).then(r => r.violations.map(v => "
                                   "v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', ')))")
        return found


def new_visit(browser, origin: str, **context_options) -> Visit:
    context = browser.new_context(**context_options)
    visit = Visit(context.new_page(), origin)

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith(origin):
            request_route.continue_()
        else:
            visit.outside.append(url)
            request_route.abort()
    context.route("**/*", route)
    visit.page.on("console", lambda message: visit.errors.append(message.text) if message.type == "error" else None)
    visit.page.on("pageerror", lambda error: visit.errors.append(str(error)))
    # The console names no URL for a failed load; this does.
    visit.page.on("response", lambda response: visit.errors.append(f"HTTP {response.status}: {response.url}")
                  if response.status >= 400 else None)
    return visit


def serving(folder: Path, project: Path):
    """``project`` built into ``folder`` with its own address as site_url, served on 127.0.0.1."""
    with SiteServer(folder) as running:
        build_site(project, folder, site_url=running.url)
        yield running


DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def visits(browser, origin: str, **context_options):
    """A fresh page for a fixture to yield; the test fails if it left the origin or logged an error."""
    current = new_visit(browser, origin, **context_options)
    yield current
    current.page.context.close()
    assert not current.problems(), "\n".join(current.problems())


@contextmanager
def chromium():
    """Debian's Chromium, launched headless for a module's tests."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
