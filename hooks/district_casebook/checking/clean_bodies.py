"""Case bodies `casebook validate` has rendered and found clean, remembered between its runs.

Rendering every body (rendered.py) is most of what validate costs: about 3 ms of CPU a case,
half a minute at 10,000 cases. A contributor runs validate again and again while only one case
changes, so a body already found clean need not be rendered again. What is remembered is a
digest of the body and of everything else the check's answer depends on: the checking code
itself (every source file of this package, which also finds the body's section headings) and the
versions of Python and of the Markdown packages. Any change to any of them, and the body is rendered again.

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
from importlib import metadata
from pathlib import Path

DIGEST_SIZE = 32  # a contributor would need two bodies with one digest: none is known for BLAKE2b-256
KEPT = 100_000  # digests (3 MB): several large casebooks and their branches
FILE_NAME = "clean-bodies"
PACKAGE = Path(__file__).resolve().parent.parent


class CleanBodies:
    """Digests of clean bodies: those read from the cache file, then those learnt in this run.
    Handed to `project.load` by `casebook validate` alone; a build is never given one."""

    def __init__(self, path: Path, known: bytes = b"") -> None:
        self.path = path
        whole = len(known) - len(known) % DIGEST_SIZE  # a damaged file: its whole digests still count
        self.order = [known[i:i + DIGEST_SIZE] for i in range(0, whole, DIGEST_SIZE)]
        self.known = set(self.order)
        self.salt = _salt()  # before any worker is forked: the code that was imported, checked once

    def knows(self, body: str) -> bool:
        """Whether this body was found clean by this code before."""
        return digest(body, self.salt) in self.known

    def learn(self, cases, problems) -> None:
        """Remember the body of each case whose file has no problem at all in this run: its body
        was rendered and found clean (or was known to be). A file with problems is never learnt."""
        wrong = {problem.src_uri for problem in problems}
        for case in cases:
            if case.doc.src_uri not in wrong:
                self._add(digest(case.doc.body, self.salt))

    def _add(self, found: bytes) -> None:
        if found not in self.known:
            self.known.add(found)
            self.order.append(found)

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


def opened(folder: Path) -> CleanBodies:
    """What earlier runs remembered in ``folder`` (nothing if it cannot be read)."""
    path = folder / FILE_NAME
    try:
        return CleanBodies(path, path.read_bytes())
    except OSError:
        return CleanBodies(path)


def digest(body: str, salt: bytes) -> bytes:
    """The body's digest; its section lines need no place in it: they are found from the body."""
    return hashlib.blake2b(body.encode("utf-8", "surrogatepass"), digest_size=DIGEST_SIZE, key=salt).digest()


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
