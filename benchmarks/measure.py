"""Running one command and measuring its wall time and peak memory."""
from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    seconds: float
    cpu_seconds: float   # user + system time of the command and the programs it waited for
    peak_mb: float       # the largest resident size of the command or any program it ran (wait4)
    own_peak_mb: float   # the command's own process, sampled from /proc (0 where /proc is missing)
    tree_peak_mb: float  # the command and the programs it runs, added up while they run side by side
    exit_code: int
    log: Path

    def tail(self, lines: int = 15) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def run(command: list[str], log: Path, cwd: Path | None = None, env: dict | None = None) -> Run:
    """Run ``command`` with its output in ``log``; the time and memory it took.

    The peak is the larger of two figures. The kernel's accounting of this one
    child (os.wait4) gives the largest resident size of it or any program it
    ran and waited for, so other processes on the machine do not count. The
    sampled figure adds up the command and its descendants every 0.2 s, which
    matters when one runs beside another (Pagefind indexing while MkDocs builds).
    """
    with log.open("wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})},
                                   stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        sampler = _HighWaterMark(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait for it again
        sampler.stop()
    cpu = usage.ru_utime + usage.ru_stime
    peak_mb = max(usage.ru_maxrss / 1024, sampler.tree_peak_kb / 1024)
    return Run(seconds, cpu, peak_mb, sampler.peak_kb / 1024, sampler.tree_peak_kb / 1024, process.returncode, log)


class _HighWaterMark:
    """Samples a process's own peak resident size (VmHWM) while it runs, and the resident
    size of it and its descendants together (Pagefind indexing beside MkDocs)."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid, self.status = pid, Path(f"/proc/{pid}/status")
        self.peak_kb, self.tree_peak_kb, self.interval = 0, 0, interval
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.done.wait(self.interval):
            self.peak_kb = max(self.peak_kb, _status_kb(self.status, "VmHWM:"))
            tree = [self.pid, *_descendants(self.pid)]
            self.tree_peak_kb = max(self.tree_peak_kb, sum(_status_kb(Path(f"/proc/{p}/status"), "VmRSS:")
                                                           for p in tree))

    def stop(self) -> None:
        self.done.set()
        self.thread.join()


def _status_kb(status: Path, key: str) -> int:
    try:
        for line in status.read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass  # the process has ended (or is a zombie with no memory left)
    return 0


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid``, from the kernel's list of each task's children."""
    found, pending = [], [pid]
    while pending:
        parent = pending.pop()
        for task in Path(f"/proc/{parent}/task").glob("*/children"):
            try:
                children = [int(child) for child in task.read_text().split()]
            except (OSError, ValueError):
                continue
            found += children
            pending += children
    return found
