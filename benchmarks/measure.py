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
    exit_code: int
    log: Path

    def tail(self, lines: int = 15) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def run(command: list[str], log: Path, cwd: Path | None = None, env: dict | None = None) -> Run:
    """Run ``command`` with its output in ``log``; the time and memory it took.

    Memory comes from the kernel's accounting of this one child (os.wait4),
    which also covers the programs it runs and waits for (MkDocs running
    Pagefind), so other processes on the machine do not count.
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
    return Run(seconds, cpu, usage.ru_maxrss / 1024, sampler.peak_kb / 1024, process.returncode, log)


class _HighWaterMark:
    """Samples a process's own peak resident size (VmHWM) while it runs."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.status = Path(f"/proc/{pid}/status")
        self.peak_kb, self.interval = 0, interval
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.done.wait(self.interval):
            self.peak_kb = max(self.peak_kb, _vm_hwm_kb(self.status))

    def stop(self) -> None:
        self.done.set()
        self.thread.join()


def _vm_hwm_kb(status: Path) -> int:
    try:
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass  # the process has ended (or is a zombie with no memory left)
    return 0
