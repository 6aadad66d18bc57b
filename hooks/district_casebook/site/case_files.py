"""The files with a part for every case, written into site/ by a process of their own.

Each case's JSON record and embeddable card, cases.json, cases.csv and the
finder's data are nearly all the files a large build generates besides its
pages: 26 MB at 1,000 cases. Made in the build's process, they cost it some
0.7 s at 1,000 cases before the engine rendered its first page, then waited
in its memory until the engine copied them after the last page: 230 MB of
the build's peak at 10,000 cases. A build on several cores hands them to a
helper process instead (loading/parallel.Helpers), which makes and writes
them one at a time straight into site/ while the engine renders, then exits,
its memory going with it.

The cases go to the helper through a file, which pickle writes and reads a
piece at a time, without what the case files never read: each body whole
(its sections go) and the line of each field. Through the pool's pipe, the
build held two copies of everything at once (one pickled, one queued), and
the helper a third: 1.7 GB for the build's processes together at 10,000 cases.

The engine is told of every file, so that links to them are checked; its
source is its destination, and the engine does not copy a file onto itself
(MkDocs and ProperDocs: "Let plugins write directly into site_dir"). The
helper has to be done before the engine writes (`Build.all_rendered`).
Should it fail, the build writes the files itself: time is lost, never a
file. A build that stops removes what the helper wrote: it leaves site/
empty, as before.
"""
from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from pathlib import Path

from ..loading import parallel
from ..publishing import outputs
from ..reading.documents import Document

WRITE_CHUNK = 1 << 20  # characters encoded at a time: cases.json is 70 MB at 10,000 cases


class CaseFiles:
    """The case files of one build, being written into ``site_dir`` by a helper."""

    def __init__(self, collection, site, case_schema: dict, site_dir: Path):
        self.site_dir = site_dir
        self._inputs = (collection, site, case_schema)
        self.paths = [path for path, _ in outputs.case_files(*self._inputs)]  # nothing made yet
        self._helper = self._writing = self._handed = None
        self.failure = ""  # why no helper writes them, if none does
        try:
            descriptor, self._handed = tempfile.mkstemp(prefix="casebook-cases-", suffix=".pickle")  # 0600
            with os.fdopen(descriptor, "wb") as handed:
                _WithoutBodies(handed, protocol=pickle.HIGHEST_PROTOCOL).dump(self._inputs)
            self._helper = parallel.Helpers(1)
            self._writing = self._helper.submit(write, self._handed, str(site_dir))
            self._helper.end_when_done()
        except Exception as error:  # no temporary folder, no process, something pickle refuses
            self.failure = _reason(error)  # the build writes them: time is lost, never a file
            self._end_helper()

    def written(self) -> str:
        """Once every file is in site/: written by the helper, or here if it failed (then, why it did).
        Here, a fault in making the files shows as it would without a helper."""
        failure = ""
        try:
            if self._writing is not None:
                self._writing.result()
                return ""
        except Exception as error:  # killed, out of memory, the handed file unreadable: written here
            failure = _reason(error)
        finally:
            self._forget_handed()
        _write(outputs.case_files(*self._inputs), self.site_dir)
        return failure

    def stop(self) -> None:
        """The helper killed, whatever it wrote removed (site/ as the engine left it)."""
        self._end_helper()
        remove(self.site_dir, self.paths)

    def _end_helper(self) -> None:
        if self._helper is not None:
            self._helper.kill()
        self._helper = self._writing = None
        self._forget_handed()

    def _forget_handed(self) -> None:
        if self._handed is not None:
            Path(self._handed).unlink(missing_ok=True)


class _WithoutBodies(pickle.Pickler):
    """Pickles each document without its body and its fields' lines, which no case file reads."""

    def reducer_override(self, obj):
        if type(obj) is Document:
            return _bodiless, (obj.src_uri, obj.data, obj.body_line)
        return NotImplemented


def _bodiless(src_uri: str, data: dict, body_line: int) -> Document:
    return Document(src_uri=src_uri, data=data, lines={}, body="", body_line=body_line)


def write(handed: str, site_dir: str) -> None:
    """The helper's work: each file made, then written, one at a time."""
    with open(handed, "rb") as inputs:
        made = outputs.case_files(*pickle.load(inputs))
    with contextlib.suppress(OSError):  # read: it need not wait in the temporary folder (in memory, often)
        os.unlink(handed)
    _write(made, Path(site_dir))


def _reason(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}".rstrip(": ")


def _write(made, site_dir: Path) -> None:
    for path, make in made:
        file, text = site_dir / path, make()
        file.parent.mkdir(parents=True, exist_ok=True)
        with open(file, "wb") as out:
            for start in range(0, len(text), WRITE_CHUNK):  # not a second copy of the whole text
                out.write(text[start:start + WRITE_CHUNK].encode("utf-8"))


def remove(site_dir: Path, paths: list[str]) -> None:
    """Files written into site/, and the folders they leave empty."""
    for path in paths:
        file = site_dir / path
        with contextlib.suppress(OSError):  # left behind rather than hide why the build stopped
            file.unlink(missing_ok=True)
        for folder in file.parents:
            if folder == site_dir:
                break
            try:
                folder.rmdir()  # only when empty
            except FileNotFoundError:
                continue  # never made (a helper killed between two folders), or gone: its parent may be empty
            except OSError:
                break  # not empty
