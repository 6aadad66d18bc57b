"""Work on every core the machine gives us: reading thousands of case files, and helpers.

Each case is read and checked on its own, so the files split into chunks.
Forked worker processes take chunks while this process reads chunks too
(its results need no copying back), so the load stays balanced on two cores.
`casebook validate` and `mkdocs build` ask for it; never a process that runs
other threads (MkDocs' server, its file watcher): forking a process with
threads can leave a lock held forever in the child (see `safe_workers`).
Below a thousand files the workers' start and the copying of results back
cost more than they save.

`Helpers` are spawned processes a build hands work to while it goes on
(site/page_safety.py).
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import types
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

PARALLEL_FROM = 1000  # files
CHUNK = 250  # files a task: enough to make the copying back cheap, small enough for steady progress

KILL_WAIT = 10.0  # seconds for a killed worker to be gone
_task: dict[str, Callable] = {}  # set before forking: the workers inherit it, nothing is pickled


def available() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def safe_workers() -> int:
    """Every core while this process runs no other thread; else one (no forking)."""
    return available() if threading.active_count() == 1 else 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def map_as_done(work: Callable, items: list, workers: int = 1) -> Iterator[tuple[int, object]]:
    """(index, ``work(item)``) for each item, in the order they finish; with ``workers`` > 1 and
    enough items, ``workers`` - 1 forked processes work alongside this one."""
    if workers < 2 or len(items) < PARALLEL_FROM or not can_fork():
        yield from enumerate(map(work, items))
        return
    _task["work"] = work
    chunks = deque((start, items[start:start + CHUNK]) for start in range(0, len(items), CHUNK))
    try:
        with ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from _share(chunks, pool, workers - 1)
    finally:
        _task.clear()


def _share(chunks: deque, pool: ProcessPoolExecutor, helpers: int) -> Iterator[tuple[int, object]]:
    sent: deque[tuple[int, Future]] = deque()
    while chunks or sent:
        while chunks and len(sent) < 2 * helpers:  # one chunk waiting behind each one in work
            start, chunk = chunks.popleft()
            sent.append((start, pool.submit(_work_on_chunk, chunk)))
        if chunks:  # this process takes the last chunks, so the workers' stay in file order
            start, chunk = chunks.pop()
            yield from enumerate(_work_on_chunk(chunk), start)
        while sent and (sent[0][1].done() or not chunks):
            start, future = sent.popleft()
            yield from enumerate(future.result(), start)


def _work_on_chunk(chunk: list) -> list:
    work = _task["work"]
    return [work(item) for item in chunk]


class Helpers:
    """Worker processes that take work while this one goes on: a build hands them its case bodies'
    check and its pages' sanitising while the engine renders. They are started fresh (spawned),
    not forked: they share no memory with this process, so they neither hold on to its pages as
    it changes them nor count twice in its memory, and they may start while threads run. Work and
    results are pickled; the work is a module-level function."""

    def __init__(self, workers: int):
        # Ctrl-C reaches the whole process group: this process ends the helpers (no traceback of theirs).
        self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=signal.signal, initargs=(signal.SIGINT, signal.SIG_IGN))
        self._workers: list = []  # the pool forgets them once shut down
        try:
            with _spawning():
                for _ in range(workers):  # a submit starts a worker while none is idle; they start here, as set
                    self._pool.submit(os.getpid)
                    self._workers = list(self._pool._processes.values())
        except BaseException:  # one could not start: those that did must not outlive a pool nobody holds
            self.kill()
            raise

    def submit(self, work: Callable, *args) -> Future:
        """Raises BrokenProcessPool (or RuntimeError, once closed) if a worker has died."""
        return self._pool.submit(work, *args)

    @property
    def pids(self) -> list[int]:
        return [process.pid for process in self._workers]  # the tests end them

    def end_when_done(self) -> None:
        """The workers exit once the work handed to them is done (its results still come): whatever
        they held in memory goes with them, and no work can be handed to them any more."""
        self._pool.shutdown(wait=False)

    def kill(self) -> None:
        """The workers end at once, their work unfinished."""
        for process in self._workers:
            with contextlib.suppress(ValueError):  # closed: it has exited
                process.kill()
                process.join(KILL_WAIT)  # gone before its files are removed (Windows: open files stay)
        self._pool.shutdown(wait=True, cancel_futures=True)

    def close(self, *, wait: bool) -> None:
        """Ends the workers; ``wait``: until they have exited (with their work done), else at once."""
        self._pool.shutdown(wait=wait, cancel_futures=not wait)


@contextmanager
def _spawning():
    """What a spawned worker starts from: this package's folder first on sys.path (the engine's
    hook put it there only while the hook file loaded), and no main module. A worker would run
    the engine's command line again, which need not guard against it (`mkdocs` does, a script
    may not), and needs nothing of it."""
    folder, main = str(Path(__file__).resolve().parents[2]), sys.modules["__main__"]
    sys.path.insert(0, folder)
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main
        sys.path.remove(folder)
