"""Shared fixtures: a complete, isolated casebook project in a temporary folder."""
from __future__ import annotations

import atexit
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import engine  # first: under ProperDocs, it makes the tests' `mkdocs.*` imports load ProperDocs
import pytest
from _pytest.assertion import util as assertion_util

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's notice about MkDocs 2.0
# What `casebook validate` remembers between runs (checking/clean_bodies.py): the tests' own, not the user's.
os.environ["CASEBOOK_CACHE"] = tempfile.mkdtemp(prefix="casebook-test-cache-")
atexit.register(shutil.rmtree, os.environ["CASEBOOK_CACHE"], ignore_errors=True)


@pytest.fixture(autouse=True)
def assertion_pass_hook_for_goldens_only(request, monkeypatch):
    """pytest-golden needs the pytest_assertion_pass hook (pyproject.toml) to update golden files, but
    with it on, every passing assert in a rewritten module formats its explanation, Hypothesis's own
    asserts included: the property tests took ten times as long (109 s against 10 s for one of them).
    Only tests using the `golden` fixture keep it."""
    if "golden" not in request.fixturenames:
        monkeypatch.setattr(assertion_util, "_assertion_pass", None)


def make_project(target: Path, cases: dict[str, str] | None = None) -> Path:
    """The test project (tests/data/project) with the real schema, hooks and mkdocs.yml.

    ``cases`` adds or replaces case files: {"x.md": text}; a value of None deletes one.
    """
    shutil.copytree(DATA / "project", target, dirs_exist_ok=True)
    for path in (REPO / "schema").iterdir():
        if not (target / "schema" / path.name).exists():
            shutil.copy(path, target / "schema" / path.name)
    (target / "hooks").symlink_to(REPO / "hooks", target_is_directory=True)
    shutil.copytree(REPO / "docs" / "assets", target / "docs" / "assets")
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copy(REPO / "CONTRIBUTING.md", target / "CONTRIBUTING.md")  # the nav's /contributing/ page
    for name, text in (cases or {}).items():
        if text is None:
            (target / "cases" / name).unlink()
        else:
            (target / "cases" / name).write_text(text, encoding="utf-8")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def build(project_dir: Path) -> Path:
    """`mkdocs build --strict` of ``project_dir`` in this process; returns site/."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(project_dir / "mkdocs.yml"), strict=True)
    mkdocs_build(config)
    return Path(config.site_dir)


def casebook(*args: str, cwd: Path = REPO, **options) -> subprocess.CompletedProcess:
    """The `casebook` command in its own process (no terminal: standard input is empty)."""
    options.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run([sys.executable, "-m", "district_casebook", *args], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(REPO / "hooks")}, **options)


def links_in(page: Path):
    """The ids and link addresses of a built HTML page (the core's own parser, urls/reachable.py)."""
    from district_casebook.urls.reachable import page_links

    return page_links(page.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def real_collection():
    """The repository's own cases and meetings, loaded and checked once per session."""
    from district_casebook.loading import project

    loaded = project.load(REPO)
    assert loaded.collection is not None, "\n".join(map(str, loaded.problems))
    return loaded.collection


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, shared by a module's tests."""
    from browser_support import chromium

    with chromium() as launched:
        yield launched


def lenient_build(root: Path, site_url: str) -> None:
    """A build that goes on after warnings, so a site the sanitiser cleaned can be looked at."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    saved = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = site_url  # Material fetches <site_url>sitemap.xml: keep it on the test server
    try:
        mkdocs_build(load_config(str(root / "mkdocs.yml"), strict=False))
    finally:
        if saved is None:
            del os.environ["SITE_URL"]
        else:
            os.environ["SITE_URL"] = saved


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The repository's own site, built with its own address as site_url and served on 127.0.0.1
    (a module that needs another site defines its own `server`)."""
    from browser_support import serving

    yield from serving(tmp_path_factory.mktemp("served-site"), REPO)


@pytest.fixture
def visit(browser, server):
    """A fresh desktop page on `server`; the test fails if it left the origin or logged an error."""
    from browser_support import DESKTOP, visits

    yield from visits(browser, server.url, **DESKTOP)


@pytest.fixture
def no_warnings(caplog):
    """Fails the test if the engine logged a warning or error it did not expect."""
    caplog.set_level(logging.INFO, logger=engine.LOGGER)
    yield caplog
    bad = [r for r in caplog.records if r.levelno >= logging.WARNING and r.name.startswith(engine.LOGGERS)]
    assert not bad, "\n".join(f"{r.levelname}: {r.getMessage()}" for r in bad)


@pytest.fixture(scope="session")
def project_site(tmp_path_factory) -> Path:
    """The test project's site, built strictly once per session (read it, never change it)."""
    return build(make_project(tmp_path_factory.mktemp("project-site-session") / "project"))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The repository's own site, built strictly once per test session (read it, never change it)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    target = tmp_path_factory.mktemp("real-site-session")
    mkdocs_build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(target), strict=True))
    return target
