"""What a preview server (`mkdocs serve`) keeps between the builds of one process.

The engine loads the hook once per process and makes a new `Build` for every
rebuild, so what must outlive a build lives here: the cases read last time
(keyed by their bytes, so an unchanged file is neither read nor checked
again), a fingerprint of every output (so the engine renders and writes only
the outputs that changed), and the state the server shows on every page (the
problems of the last build, or why it failed).
"""
from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem

# Everything besides cases and meetings that every page depends on: a change here renders every page again.
SHARED_INPUTS = ("mkdocs.yml", "schema", "hooks/district_casebook/templates", "hooks/theme", "docs/assets")


@dataclass
class Status:
    """What the server adds on top of every page it serves (site/serve.py)."""

    problems: list[Problem] = field(default_factory=list)  # of the last build: its drafts are shown anyway
    failure: str = ""  # why the last rebuild failed; the pages are the last site that built


@dataclass
class Memory:
    """The previous build of this process, for the next one."""

    shared: str = ""  # fingerprint of SHARED_INPUTS when the outputs below were written
    reads: dict = field(default_factory=dict)  # {src_uri: (digest, result)}: project.load's reuse
    outputs: dict[str, bytes] = field(default_factory=dict)  # {uri: digest} of the last good build
    pending: dict[str, bytes] = field(default_factory=dict)  # this build's, kept when it ends well
    built: bool = False  # a build of this process ended well: site_dir holds its outputs
    theme_templates: object = None  # the engine's compiled theme templates (site/build.py)
    case_pages: dict = field(default_factory=dict)  # pages/generator.py's kept case pages
    case_outputs: dict = field(default_factory=dict)  # publishing/outputs.py's kept files of each case

    def begin(self, root: Path) -> bool:
        """Start a build; True when it may be incremental (same shared inputs as the last good one)."""
        shared = fingerprint(root)
        if shared != self.shared:
            self.reads.clear()  # schemas may have changed: every case is checked again
            self.outputs.clear()
            self.theme_templates = None
            self.case_pages.clear()
            self.case_outputs.clear()
            self.shared = shared
        self.pending = {}
        return self.built and bool(self.outputs)

    def changed(self, uri: str, content: str | bytes) -> bool:
        """Record an output of this build; False when the last good build wrote the same."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        digest = hashlib.blake2b(data, digest_size=16).digest()
        self.pending[uri] = digest
        return self.outputs.get(uri) != digest

    def gone(self) -> list[str]:
        """Outputs of the last good build that this one no longer makes."""
        return sorted(set(self.outputs) - set(self.pending))

    def commit(self) -> None:
        self.outputs, self.pending, self.built = self.pending, {}, True

    def forget(self) -> None:
        """After a build that failed half-way: the next one renders everything."""
        self.outputs.clear()
        self.pending = {}


def fingerprint(root: Path) -> str:
    """Names, sizes and times of the files every page depends on (cheap: a few hundred files)."""
    digest = hashlib.blake2b(digest_size=16)
    for name in SHARED_INPUTS:
        for path in _files(root / name):
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    digest.update(" ".join(sorted(p.name for p in (root / "docs").rglob("*.md"))).encode())
    return digest.hexdigest()


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(Path(folder, name) for folder, _, names in os.walk(path) for name in names)


class Indexing:
    """The search index of an incremental build, written after the build on another thread:
    the pages are served at once, search follows a few seconds later."""

    def __init__(self):
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._again: tuple | None = None

    def request(self, index, site_dir: Path, log) -> None:
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                self._again = (index, site_dir, log)  # one more run when the current one ends
                return
            self._thread = threading.Thread(target=self._run, args=(index, site_dir, log), daemon=True)
            self._thread.start()

    def wait(self) -> None:
        """For tests and benchmarks: until the index is written."""
        while (thread := self._thread) is not None and thread.is_alive():
            thread.join()

    def _run(self, index, site_dir: Path, log) -> None:
        while True:
            try:
                log.info("Search index brought up to date: " + index(site_dir))
            except Exception as error:  # a failed index must not take the server down
                log.warning(f"The search index could not be updated ({error}); search shows the last one.")
            with self._lock:
                if self._again is None:
                    return
                index, site_dir, log = self._again
                self._again = None


STATUS = Status()
MEMORY = Memory()
INDEXING = Indexing()
