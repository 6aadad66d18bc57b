"""The casebook's scale benchmark: one command, every figure the targets need.

    .venv/bin/python benchmarks/run.py [--sizes 100,1000,5000,10000] [--repeat N] [--keep]

For each N it writes N synthetic, schema-valid cases (synthetic.py) into a
temporary project and measures, each in a fresh process: `casebook validate`;
`mkdocs build` with the casebook (time and peak memory); the same generated
pages built by plain Material (baseline.py) and the ratio of the two; the
core's related cases and index pages (core.py); the site's size, one case
page, its largest page, and what a browser downloads to search it and for the
case finder (sizes.py). It prints a table and the targets met, and writes
JSON to benchmarks/results/. N = 10,000 takes about ten minutes on 2 cores.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import baseline  # noqa: E402
import measure  # noqa: E402
import report  # noqa: E402
import sizes  # noqa: E402
import synthetic  # noqa: E402

BIN = Path(sys.executable).parent


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def mkdocs_build(project: Path, logs: Path, name: str) -> measure.Run:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(project / "mkdocs.yml"),
               "-d", str(project / "site")]
    return _checked(measure.run(command, logs / f"{name}.log", env={"NO_MKDOCS_2_WARNING": "1"}), name)


def _checked(run: measure.Run, name: str) -> measure.Run:
    if run.exit_code != 0:
        raise SystemExit(f"{name} failed (exit {run.exit_code}); the end of {run.log}:\n{run.tail()}")
    return run


def _casebook_command() -> list[str]:
    script = BIN / "casebook"
    return [str(script)] if script.exists() else [sys.executable, "-m", "district_casebook"]


def _fastest(runs: list[measure.Run]) -> dict:
    """The fastest of the repeats (the least disturbed by other work) and the highest peak."""
    return {"seconds": round(min(r.seconds for r in runs), 2),
            "cpu_seconds": round(min(r.cpu_seconds for r in runs), 2),
            "peak_mb": round(max(r.peak_mb for r in runs)),
            "own_peak_mb": round(max(r.own_peak_mb for r in runs)),
            "tree_peak_mb": round(max(r.tree_peak_mb for r in runs))}


def prepare(n: int, seed: int, work: Path) -> dict:
    """The two projects (casebook and plain) with the same pages; the core's own timings."""
    casebook, plain, logs = work / "casebook", work / "plain", work / "logs"
    logs.mkdir(parents=True)
    progress(f"N={n}: writing {n} synthetic cases")
    synthetic.make_project(casebook, n, seed)
    plain_docs = baseline.make(casebook, plain)
    progress(f"N={n}: timing the core and writing the plain baseline's pages")
    command = [sys.executable, str(HERE / "core.py"), str(casebook), "--pages-to", str(plain_docs)]
    core = _checked(measure.run(command, logs / "core.log"), "core.py")
    baseline.write_config(casebook, plain)
    return {"casebook": casebook, "plain": plain, "logs": logs,
            "core": json.loads(core.log.read_text().strip().splitlines()[-1])}


def builds(n: int, repeat: int, projects: dict) -> dict:
    """Both builds, alternated so that other work on the machine weighs on both alike."""
    casebook, plain, logs = projects["casebook"], projects["plain"], projects["logs"]
    runs, plains, load = [], [], []
    for attempt in range(1, repeat + 1):
        progress(f"N={n}: mkdocs build with the casebook ({attempt}/{repeat})")
        load.append(round(os.getloadavg()[0], 2))
        runs.append(mkdocs_build(casebook, logs, f"casebook-build-{attempt}"))
        progress(f"N={n}: mkdocs build of the same pages by plain Material ({attempt}/{repeat})")
        plains.append(mkdocs_build(plain, logs, f"plain-build-{attempt}"))
    build, plain_build = _fastest(runs), _fastest(plains)
    paired = [run.seconds / plain.seconds for run, plain in zip(runs, plains)]
    return {"build": build, "plain_build": plain_build,
            "ratio": round(build["seconds"] / plain_build["seconds"], 3),
            "cpu_ratio": round(build["cpu_seconds"] / plain_build["cpu_seconds"], 3),
            "builds_each": repeat, "load_average_before_builds": load,
            # Every build, for how far the fastest stands from the rest (the ratio judged is the fastest's).
            "build_seconds_each": [round(run.seconds, 2) for run in runs],
            "plain_seconds_each": [round(plain.seconds, 2) for plain in plains],
            "paired_ratio_median": round(statistics.median(paired), 3)}


def validations(n: int, projects: dict) -> dict:
    """`casebook validate` twice: the first run renders every body; the second, with nothing
    changed, renders none (checking/clean_bodies.py), as a contributor's next run would."""
    command = [*_casebook_command(), "validate", "--root", str(projects["casebook"])]
    env = {"CASEBOOK_CACHE": str(projects["logs"] / "cache")}
    checked = {}
    for name, when in (("validate", "first run"), ("validate_again", "again, nothing changed")):
        progress(f"N={n}: casebook validate ({when})")
        run = _checked(measure.run(command, projects["logs"] / f"{name}.log", env=env), f"casebook {name}")
        checked[name] = {"seconds": round(run.seconds, 2), "cpu_seconds": round(run.cpu_seconds, 2),
                         "peak_mb": round(run.peak_mb)}
    return checked


def measure_size(n: int, seed: int, repeat: int, work: Path) -> dict:
    projects = prepare(n, seed, work)
    checked = validations(n, projects)
    return {"n": n, **checked, **builds(n, repeat, projects), "core": projects["core"],
            "site": sizes.site(projects["casebook"] / "site"),
            "plain_site": sizes.site(projects["plain"] / "site")}


def machine() -> dict:
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Measure the casebook at several collection sizes.")
    parser.add_argument("--sizes", default="100,1000,5000,10000",
                        help="numbers of cases, comma-separated (default: 100,1000,5000,10000)")
    parser.add_argument("--repeat", type=int,
                        help="builds per size, the fastest counting (default: 5 below 5,000 cases, "
                        "where a build is short and other work on the machine weighs most, else 1)")
    parser.add_argument("--seed", type=int, default=0, help="the synthetic cases' seed (default 0)")
    parser.add_argument("--out", type=Path, default=HERE / "results", help="folder for the JSON results")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects and sites")
    parser.add_argument("--work", type=Path,
                        help="where to make the temporary projects (default: the system's)")
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(size) for size in args.sizes.split(",")]
    except ValueError:
        parser.error(f"--sizes takes whole numbers separated by commas, like 100,1000; not '{args.sizes}'")
    if any(size < 1 for size in args.sizes) or (args.repeat is not None and args.repeat < 1):
        parser.error("sizes and --repeat must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = datetime.datetime.now().astimezone()
    results = {"measured": started.isoformat(timespec="seconds"), "machine": machine(), "seed": args.seed,
               "repeat": args.repeat or "5 below 5,000 cases, else 1", "runs": []}
    for n in args.sizes:
        if args.work:
            args.work.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f"casebook-bench-{n}-", dir=args.work))
        try:
            repeat = args.repeat or (5 if n < 5000 else 1)
            results["runs"].append(measure_size(n, args.seed, repeat, work))
        finally:
            if args.keep:
                progress(f"N={n}: kept in {work}")
            else:
                shutil.rmtree(work, ignore_errors=True)
    results["targets"] = report.targets(results["runs"])
    path = report.save(results, args.out, started)
    print(report.table(results))
    progress(f"Results written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
