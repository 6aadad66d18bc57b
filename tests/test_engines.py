"""The second engine: `properdocs build --strict -f mkdocs.yml` writes the same files as
`mkdocs build --strict`, byte for byte but for the generator tag each engine signs its pages
with. Runs in the ProperDocs pass of tests/run.sh, against the MkDocs installed in .venv."""
from __future__ import annotations

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
    assert sorted(by_properdocs) == sorted(by_mkdocs)
    assert GENERATOR.search(by_mkdocs["index.html"])[1] == b"1.6.1"
    assert GENERATOR.search(by_properdocs["index.html"])[1].startswith(b"ProperDocs 1.6.")
    differ = [path for path, content in by_mkdocs.items()
              if GENERATOR.sub(b"", content) != GENERATOR.sub(b"", by_properdocs[path])]
    assert differ == []
