"""Shared fixtures: a complete, isolated casebook project in a temporary folder."""
from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's notice about MkDocs 2.0


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


@pytest.fixture
def no_warnings(caplog):
    """Fails the test if MkDocs logged a warning or error it did not expect."""
    caplog.set_level(logging.INFO, logger="mkdocs")
    yield caplog
    bad = [r for r in caplog.records if r.levelno >= logging.WARNING and r.name.startswith("mkdocs")]
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
