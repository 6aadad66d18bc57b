"""`casebook validate` remembers the case bodies it rendered and found clean (checking/clean_bodies.py):
a second run renders only what changed, and nothing remembered can hide a problem."""
from __future__ import annotations

import shutil

import pytest
from conftest import build, casebook
from district_casebook.checking import clean_bodies, rendered
from district_casebook.cli import commands

CASE = "cases/shelbyville-grading.md"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CASEBOOK_CACHE", str(folder))
    return folder / clean_bodies.FILE_NAME


@pytest.fixture
def rendered_files(monkeypatch) -> list[str]:
    """The files whose body the check renders, in this process."""
    seen, render = [], rendered.body_problems
    monkeypatch.setattr(rendered, "body_problems", lambda src_uri, *a, **k: seen.append(src_uri) or render(src_uri, *a, **k))
    return seen


def _validate_here(project, *args: str) -> int:
    return commands.main(["validate", "--root", str(project), *args])


def test_a_second_run_renders_no_case_body_found_clean_before(project, cache, rendered_files):
    assert _validate_here(project) == 0
    cases = sorted(path for path in rendered_files if path.startswith("cases/"))
    assert len(cases) == 3 and cache.stat().st_size == 3 * clean_bodies.DIGEST_SIZE
    rendered_files.clear()
    assert _validate_here(project) == 0
    assert rendered_files == ["docs/meetings/spring-meeting.md"]  # meetings are few: always rendered


def test_a_changed_body_is_rendered_and_checked_again(project, cache):
    assert casebook("validate", cwd=project).returncode == 0
    path = project / CASE
    path.write_text(path.read_text().replace("Context text.", "Context <script>alert(1)</script> text."))
    again = casebook("validate", cwd=project)
    assert again.returncode == 1, again.stdout
    assert f"{CASE}:27: The body has raw HTML (<script>)" in again.stdout


def test_a_body_with_problems_is_never_remembered(project, cache):
    path = project / CASE
    path.write_text(path.read_text().replace("Context text.", "Context <b>bold</b> text."))
    for _ in range(2):
        result = casebook("validate", cwd=project)
        assert result.returncode == 1 and f"{CASE}:27: The body has raw HTML (<b>)" in result.stdout
    assert cache.stat().st_size == 2 * clean_bodies.DIGEST_SIZE


def test_fresh_renders_every_body_and_leaves_the_cache_alone(project, cache, rendered_files):
    assert _validate_here(project) == 0
    before = cache.read_bytes()
    rendered_files.clear()
    assert _validate_here(project, "--fresh") == 0
    assert len([path for path in rendered_files if path.startswith("cases/")]) == 3
    assert cache.read_bytes() == before


def test_a_cache_that_cannot_be_written_costs_only_speed(project, tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("CASEBOOK_CACHE", str(blocked))
    result = casebook("validate", cwd=project)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "no problems" in result.stderr


def test_a_damaged_cache_file_keeps_its_whole_digests_and_is_mended(project, cache, rendered_files):
    assert _validate_here(project) == 0
    cache.write_bytes(cache.read_bytes()[:2 * clean_bodies.DIGEST_SIZE] + b"\x00" * 5)  # cut off mid-digest
    rendered_files.clear()
    assert _validate_here(project) == 0
    assert len([path for path in rendered_files if path.startswith("cases/")]) == 1  # the one cut off
    assert cache.stat().st_size == 3 * clean_bodies.DIGEST_SIZE
    rendered_files.clear()
    assert _validate_here(project) == 0
    assert not [path for path in rendered_files if path.startswith("cases/")]


def test_a_build_is_never_given_what_validate_remembered(project, cache, rendered_files):
    """Only `casebook validate` hands the remembered bodies to the loader; the build renders them all."""
    assert _validate_here(project) == 0
    rendered_files.clear()
    build(project)
    assert len([path for path in rendered_files if path.startswith("cases/")]) == 3


def test_the_digest_depends_on_the_body_and_on_the_checking_code(tmp_path, monkeypatch):
    body, salt = "## Problem\n\nText.\n", clean_bodies._salt()
    assert clean_bodies.digest(body, salt) != clean_bodies.digest(body.replace("## ", "### "), salt)
    package = tmp_path / "district_casebook"
    shutil.copytree(clean_bodies.PACKAGE, package)
    source = package / "checking" / "rendered.py"
    source.write_text(source.read_text() + "\n# changed\n")
    monkeypatch.setattr(clean_bodies, "PACKAGE", package)
    clean_bodies._salt.cache_clear()
    try:
        assert clean_bodies._salt() != salt
    finally:
        monkeypatch.undo()
        clean_bodies._salt.cache_clear()
    assert clean_bodies._salt() == salt
