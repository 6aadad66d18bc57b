"""How long and how much memory refusing hostile files takes, against the
targets of issue 8: an alias bomb is refused within 1 s and 100 MB; a file
over the size limit is refused without being parsed.

    .venv/bin/python benchmarks/hostile.py

Each input is checked the way `casebook validate` checks a case file (reading,
YAML, schema, sections, injection), in this process: the time is the median of
five runs, the memory the peak of Python allocations (tracemalloc) while
checking it.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "hooks"), str(HERE.parent / "tests")]

from conftest import make_project  # noqa: E402
from district_casebook.checking import json_schema
from district_casebook.loading import project
from district_casebook.model import vocabulary
from district_casebook.reading import documents  # noqa: E402

SECONDS, MEGABYTES = 1.0, 100
SECTIONS = "\n".join(f"## {name}\n\nText.\n" for name in ("Problem", "Context", "Approach", "Outcomes", "Lessons"))


def inputs() -> dict[str, str]:
    laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    laughs += [f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]" for prev, name in zip("abcdefgh", "bcdefghi")]
    return {
        "billion laughs (9 levels of 9 aliases)": "---\n" + "\n".join(laughs) + "\n---\n\n" + SECTIONS,
        "80,000 aliases in one list": "---\na: &a [lol]\nb: [" + ",".join(["*a"] * 80_000) + "]\n---\n\n" + SECTIONS,
        "brackets nested 100,000 deep": "---\nx: " + "[" * 100_000 + "]" * 100_000 + "\n---\n\n" + SECTIONS,
        "'![' opened 40,000 times": "---\nid: x\n---\n\n## Problem\n\n" + "![x" * 40_000,
        "250 KB of HTML tags": "---\nid: x\n---\n\n## Problem\n\n" + "<b onclick=x>a</b> " * 13_000,
        f"over the size limit ({documents.MAX_BYTES // 1024 + 44} KB)": "---\n" + "x" * (documents.MAX_BYTES + 45_000),
    }


def measure(root: Path, path: Path, checker, sections) -> tuple[float, float, int]:
    times = []
    for _ in range(5):
        started = time.perf_counter()
        _, problems = project._read_case(root, path, checker, sections)
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    project._read_case(root, path, checker, sections)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20, len(problems)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        root = make_project(Path(folder) / "project")
        vocabularies, _ = vocabulary.load_all(root / "schema")
        checker = json_schema.SchemaChecker(json_schema.load_schemas(root / "schema", vocabularies), vocabularies)
        failed = False
        print(f"{'input':45} {'bytes':>9} {'seconds':>9} {'peak MB':>8} {'problems':>9}")
        for name, text in inputs().items():
            path = root / "cases" / "hostile.md"
            path.write_text(text, encoding="utf-8")
            seconds, peak, count = measure(root, path, checker, vocabularies["sections"])
            failed |= seconds > SECONDS or peak > MEGABYTES or count == 0
            print(f"{name:45} {len(text.encode()):9,} {seconds:9.4f} {peak:8.1f} {count:9}")
    print(f"targets: refused (at least one problem) within {SECONDS} s and {MEGABYTES} MB:",
          "missed" if failed else "met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
