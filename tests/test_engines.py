"""The second engine: `properdocs build --strict -f mkdocs.yml` writes the same files as
`mkdocs build --strict`, byte for byte but for the generator tag each engine signs its pages
with. Runs in the ProperDocs pass of tests/run.sh, against the MkDocs installed in .venv.

One exception, not the engines': Pagefind 1.5.2 writes the values of a search filter (the page
kinds) in hash-map order, which differs from one Pagefind process to the next even for two builds
by the same engine; the filter and metadata files, and the names that hash them, are compared
with that order set aside."""
from __future__ import annotations

import gzip
import os
import re
import subprocess
from pathlib import Path

import engine
import pytest
from conftest import REPO

pytestmark = pytest.mark.skipif(engine.NAME != "properdocs",
                                reason="runs in the ProperDocs pass (CASEBOOK_ENGINE=properdocs)")
MKDOCS = REPO / ".venv" / "bin" / "mkdocs"
HASHED = re.compile(r"en_[0-9a-f]+")  # Pagefind names these files by a hash of their content
HASHED_IN_FILES = re.compile(HASHED.pattern.encode())
UNORDERED = ("pagefind/filter/", "pagefind/pagefind.en_", "pagefind/pagefind-entry.json")
GENERATOR = re.compile(rb'<meta name="generator" content="mkdocs-([^,"]*), mkdocs-material-[^"]*">')


def built(command: list[str], site: Path) -> dict[str, bytes]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([*command, "--strict", "-d", str(site)], cwd=REPO, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_properdocs_builds_the_same_files_as_mkdocs(tmp_path):
    assert MKDOCS.is_file(), f"{MKDOCS} is missing: tests/run.sh installs .venv first"
    by_mkdocs = built([str(MKDOCS), "build"], tmp_path / "mkdocs")
    by_properdocs = built(engine.command("build"), tmp_path / "properdocs")
    assert sorted(map(_name, by_properdocs)) == sorted(map(_name, by_mkdocs))
    assert sorted(_unordered(by_properdocs)) == sorted(_unordered(by_mkdocs))
    by_mkdocs, by_properdocs = _ordered(by_mkdocs), _ordered(by_properdocs)
    assert sorted(by_properdocs) == sorted(by_mkdocs)
    assert GENERATOR.search(by_mkdocs["index.html"])[1] == b"1.6.1"
    assert GENERATOR.search(by_properdocs["index.html"])[1].startswith(b"ProperDocs 1.6.")
    differ = [path for path, content in by_mkdocs.items()
              if GENERATOR.sub(b"", content) != GENERATOR.sub(b"", by_properdocs[path])]
    assert differ == []


def _name(path: str) -> str:
    return HASHED.sub("en_#", path) if path.startswith(UNORDERED) else path


def _ordered(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: content for path, content in files.items() if not path.startswith(UNORDERED)}


def _unordered(files: dict[str, bytes]) -> list[tuple[str, bytes]]:
    """Each Pagefind file written in hash-map order: its name without the hash, its bytes sorted."""
    def plain(content: bytes) -> bytes:
        if content.startswith(b"\x1f\x8b"):  # gzip: the filter and metadata files
            content = gzip.decompress(content)
        return HASHED_IN_FILES.sub(b"en_#", content)  # they name each other by hash
    return [(_name(path), bytes(sorted(plain(content)))) for path, content in files.items()
            if path.startswith(UNORDERED)]
