"""Edit-to-preview: save a case, until `mkdocs serve` serves the changed page.

    .venv/bin/python benchmarks/preview.py [--sizes 19,1000,10000] [--edits 3]

For each size (19 is this repository's own cases; other sizes are synthetic,
synthetic.py) it starts, each on its own loopback port and one after the
other, `mkdocs serve` of the casebook and `mkdocs serve` of plain Material
(Material's own search plugin, no hook) whose docs/ holds the same case files
as ordinary pages (baseline.py). After each server's first build it saves an
edit to one case's text --edits times, and times from the save until the
page served at that case's address carries the new text (the server holds
requests while it rebuilds, so the first answer with the text is the new
site). The median counts. The casebook's search index follows a few seconds
later on another thread: it is not part of the time, but the next edit waits
for it, so that each edit starts from a quiet server. Prints a Markdown table and
writes JSON to benchmarks/results/.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import baseline  # noqa: E402
import synthetic  # noqa: E402

MKDOCS = Path(sys.executable).with_name("mkdocs")
TARGETS = {19: 1.0, 1000: 1.5, 10000: 3.0}  # seconds, issue 16
FIRST_BUILD_LIMIT = 3600


def progress(message: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def casebook_project(n: int, target: Path) -> Path:
    if n != 19:
        return synthetic.make_project(target, n)
    target.mkdir(parents=True)
    for name in ("cases", "docs", "schema"):
        shutil.copytree(REPO / name, target / name)
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(REPO / name, target / name)
    (target / "hooks").symlink_to(REPO / "hooks", target_is_directory=True)
    return target


def plain_project(casebook: Path, target: Path) -> Path:
    """Plain Material with the case files as ordinary pages in docs/cases/."""
    docs = baseline.make(casebook, target)
    shutil.copytree(casebook / "cases", docs / "cases", ignore=shutil.ignore_patterns("_*"))
    baseline.write_config(casebook, target)
    return target


class Serving:
    def __init__(self, project: Path, log: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.log = log.open("w")
        self.process = subprocess.Popen([str(MKDOCS), "serve", "-a", f"127.0.0.1:{self.port}"], cwd=project,
                                        env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def page(self, path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=600) as response:
                return response.read().decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return ""

    def until(self, path: str, text: str, limit: float) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < limit:
            if self.process.poll() is not None:
                raise RuntimeError(f"mkdocs serve stopped; see {self.log.name}")
            if text in self.page(path):
                return time.perf_counter() - started
            time.sleep(0.02)
        raise RuntimeError(f"gave up waiting for {text!r} at /{path}; see {self.log.name}")

    def settle(self, limit: float = 300) -> None:
        """Until the casebook's search index (written after the pages, on another thread) is up to date."""
        time.sleep(1.0)
        started = time.perf_counter()
        while time.perf_counter() - started < limit:
            log = Path(self.log.name).read_text(encoding="utf-8", errors="replace")
            if log.count("Rebuilt ") <= log.count("Search index brought up to date"):
                return
            time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def edits(project: Path, case_file: Path, page: str, count: int, log: Path) -> dict:
    """Start serving ``project``, then save ``count`` edits of ``case_file``; seconds until each is served."""
    server = Serving(project, log)
    try:
        first_text = case_file.read_text(encoding="utf-8")
        started = time.perf_counter()
        first_word = first_text.split("## Problem", 1)[1].split()[0] if "## Problem" in first_text else ""
        server.until(page, first_word, FIRST_BUILD_LIMIT)
        first = time.perf_counter() - started
        times = []
        for attempt in range(count):
            marker = f"Editedword{attempt}x{os.getpid()}"
            text = first_text.replace("## Problem\n", f"## Problem\n\n{marker} in the problem.\n", 1)
            server.settle()  # the last edit's search index written: each edit starts from a quiet server
            saved = time.perf_counter()
            case_file.write_text(text, encoding="utf-8")
            server.until(page, marker, 600)
            times.append(round(time.perf_counter() - saved, 3))
        return {"first_build_seconds": round(first, 2), "edits": times, "median": statistics.median(times)}
    finally:
        server.stop()


def measure(n: int, count: int, work: Path) -> dict:
    casebook = casebook_project(n, work / "casebook")
    plain = plain_project(casebook, work / "plain")
    case = sorted(p for p in (casebook / "cases").glob("*.md") if not p.name.startswith("_"))[n // 2]
    page = f"cases/{case.stem}/"
    progress(f"N={n}: casebook serve, {count} edits of {case.name}")
    ours = edits(casebook, case, page, count, work / "casebook-serve.log")
    progress(f"N={n}: plain Material serve, {count} edits")
    theirs = edits(plain, plain / "docs" / "cases" / case.name, page, count, work / "plain-serve.log")
    target = TARGETS.get(n)
    return {"n": n, "casebook": ours, "plain": theirs, "target": target,
            "met": target is not None and ours["median"] <= target and ours["median"] < theirs["median"]}


def table(results: list[dict], date: str) -> str:
    lines = [f"Measured on {date} (median of each server's edits; 2 cores shared with other work):", "",
             "| cases | casebook: save to served page | plain Material, same case files | target | met |",
             "| --- | --- | --- | --- | --- |"]
    for r in results:
        target = f"{r['target']} s and faster than plain" if r["target"] else "-"
        lines.append(f"| {r['n']:,} | {r['casebook']['median']:.2f} s | {r['plain']['median']:.2f} s | {target} | "
                     f"{'yes' if r['met'] else 'no'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Edit-to-preview of the casebook and of plain Material.")
    parser.add_argument("--sizes", default="19,1000,10000", help="19 is the real cases; others synthetic")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "results")
    args = parser.parse_args(argv)
    results = []
    for n in (int(size) for size in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix=f"casebook-preview-{n}-") as folder:
            results.append(measure(n, args.edits, Path(folder)))
            progress(json.dumps(results[-1]))
    date = datetime.date.today().isoformat()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"preview-{date}.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results, date))
    return 0


if __name__ == "__main__":
    sys.exit(main())
