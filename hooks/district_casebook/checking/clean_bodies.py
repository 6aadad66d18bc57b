"""Case bodies `casebook validate` has rendered and found clean, remembered between its runs.

Rendering every body (rendered.py) is most of what validate costs: about 3 ms of CPU a case,
half a minute at 10,000 cases. A contributor runs validate again and again while only one case
changes, so a body already found clean need not be rendered again. What is remembered is a
digest of the body and of everything the check's answer depends on: where its section headings
are, the checking code itself (every source file of this package) and the versions of Python and
of the Markdown packages. Any change to any of them, and the body is rendered again.

The digests live in the user's cache folder, never in the repository, which contributors write;
only `casebook validate` reads them. The site's build renders and sanitises every page whatever
this file holds, so a tampered cache could at worst let validate miss what the build then refuses.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path

from ..model import sections

DIGEST_SIZE = 16
KEPT = 200_000  # digests (3 MB): several large casebooks and their branches
FILE_NAME = "clean-bodies"
PACKAGE = Path(__file__).resolve().parent.parent
_remembered: CleanBodies | None = None  # set by `remembering`; forked readers inherit it


class CleanBodies:
    """Digests of clean bodies: those read from the cache file, then those learnt in this run."""

    def __init__(self, path: Path, known: bytes = b"") -> None:
        self.path = path
        self.known = {known[i:i + DIGEST_SIZE] for i in range(0, len(known), DIGEST_SIZE)}
        self.order = [known[i:i + DIGEST_SIZE] for i in range(0, len(known), DIGEST_SIZE)]

    def learn(self, digest: bytes) -> None:
        if digest not in self.known:
            self.known.add(digest)
            self.order.append(digest)

    def save(self) -> None:
        """Written whole to a new file, then renamed: a second validate running at once never
        reads half a file. A cache that cannot be written only costs speed."""
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f"{FILE_NAME}.{os.getpid()}")
            temporary.write_bytes(b"".join(self.order[-KEPT:]))
            temporary.replace(self.path)


def cache_folder() -> Path:
    """$CASEBOOK_CACHE, else the platform's user cache folder (XDG on Linux)."""
    if os.environ.get("CASEBOOK_CACHE"):
        return Path(os.environ["CASEBOOK_CACHE"])
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "district-casebook"
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "district-casebook" / "Cache"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "district-casebook"


@contextlib.contextmanager
def remembering(folder: Path | None) -> Iterator[CleanBodies | None]:
    """While open, `known` answers from the cache file in ``folder`` (None: remember nothing)."""
    global _remembered
    if folder is None:
        yield None
        return
    path = folder / FILE_NAME
    try:
        _remembered = CleanBodies(path, path.read_bytes())
    except OSError:
        _remembered = CleanBodies(path)
    try:
        yield _remembered
    finally:
        _remembered = None


def known(body: str, section_lines: Iterable[int]) -> bool:
    """Whether this body, with its sections at these lines, was found clean by this code before."""
    return _remembered is not None and digest(body, section_lines) in _remembered.known


def learn(cases, problems) -> None:
    """Remember the body of each case whose file has no problem at all in this run: its body
    was rendered and found clean (or was known to be). A file with problems is never learnt."""
    if _remembered is None:
        return
    wrong = {problem.src_uri for problem in problems}
    for case in cases:
        if case.doc.src_uri not in wrong:
            _remembered.learn(digest(case.doc.body, sections.heading_lines(case.doc.body)))


def digest(body: str, section_lines: Iterable[int]) -> bytes:
    made = hashlib.blake2b(_salt(), digest_size=DIGEST_SIZE)
    made.update(",".join(map(str, section_lines)).encode() + b"\0")
    made.update(body.encode("utf-8", "surrogatepass"))
    return made.digest()


@functools.cache
def _salt() -> bytes:
    """What the check's answer depends on besides the body: this package's code, the renderer."""
    made = hashlib.blake2b(digest_size=DIGEST_SIZE)
    made.update(sys.version.encode())
    for package in ("markdown", "pymdown-extensions", "nh3"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            made.update(f"{package} {metadata.version(package)}\n".encode())
    for source in sorted(PACKAGE.rglob("*.py")):
        made.update(source.relative_to(PACKAGE).as_posix().encode() + b"\0" + source.read_bytes())
    return made.digest()
