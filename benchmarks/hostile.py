"""How long and how much memory refusing hostile files takes, against the
targets of issue 8: an alias bomb is refused within 1 s and 100 MB; a file
over the size limit is refused without being parsed.

Then, for issue 14, each class of hostile input at 256 KB (just under the
size limit), in a project of its own: the wall time of `casebook validate`
(target: at most 2 s) and of `mkdocs build --strict` (at most 10 s), each in a
fresh process, start-up included, and what each answered (exit code; a
refused file stops the build before any page is rendered).

    .venv/bin/python benchmarks/hostile.py            # both tables
    .venv/bin/python benchmarks/hostile.py --classes  # the 256 KB table only

Each input is checked the way `casebook validate` checks a case file (reading,
YAML, schema, sections, injection), in this process: the time is the median of
five runs, the memory the peak of Python allocations (tracemalloc) while
checking it.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "hooks"), str(HERE.parent / "tests")]

from conftest import make_project  # noqa: E402
from district_casebook.checking import json_schema
from district_casebook.loading import case_reading
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
        _, problems = case_reading.read_case(root, path, case_reading.CaseChecks(checker, sections))
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    case_reading.read_case(root, path, case_reading.CaseChecks(checker, sections))
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


LIMIT = documents.MAX_BYTES - 1024  # each file just under the size limit
VALIDATE_SECONDS, BUILD_SECONDS = 2.0, 10.0
CASE = """---
id: hostile
title: A hostile case
summary: One case, written to cost the casebook as much as it can.
districts:
  - name: Springfield Public Schools
    state: MA
level: district
years:
  start: 2019
themes: [teacher-leadership]
roles: [teachers]
sources:
  - title: A report
    publisher: Example Press
    year: 2021
    type: case-study
added: 2026-11-01
---

## Problem

{problem}

## Context

Text.

## Approach

Text.

## Outcomes

Text.

## Lessons

Text.
"""


def _fill(unit: str, head: str = "", tail: str = "", room: int = 0) -> str:
    """``unit`` repeated to fill what the file has left under the limit."""
    free = LIMIT - len(CASE.encode()) - len((head + tail).encode()) - room
    return head + unit * (free // len(unit.encode())) + tail


def _case(problem: str = "Text.", front: str = "", replace: tuple[str, str] = ("", "")) -> str:
    text = CASE.replace("added: 2026-11-01", "added: 2026-11-01" + front).replace("{problem}", problem)
    return text.replace(*replace) if replace[0] else text


def _list(name: str, item: str, wrap: str = "") -> str:
    """A front-matter list ``name`` of as many ``item`` (formatted with their number) as fit."""
    items, size, number = [], 0, 0
    while size < LIMIT - len(CASE) - 200:
        items.append(item.format(n=number))
        size, number = size + len(items[-1]) + 2, number + 1
    return f"\n{name}: [" + ", ".join(items) + "]"


def classes() -> dict[str, dict[str, str]]:
    """Each class of hostile input at 256 KB: {name: {file in the project: text}}."""
    body = lambda text: {"cases/hostile.md": _case(text)}  # noqa: E731
    many = lambda front: {"cases/hostile.md": _case(front=front)}  # noqa: E731
    page = "---\ntitle: Home\n---\n\n# Home\n\n"
    return {
        "section heading of spaces": body("Text.\n\n## " + _fill(" ", tail="x")),
        "heading with thousands of `{#a}`": body("Text.\n\n### x " + _fill("{#a}")),
        "one line of `[a](b`": body(_fill("[a](b")),
        "32 unclosed `[` before 250 KB of text": body("[a" * 32 + _fill(" x", room=64)),
        "`![` opened 40,000 times": body(_fill("![x")),
        "HTML tags": body(_fill("<b onclick=x>a</b> ")),
        "aliases mixing numbers and text": many(_list("aliases", "{n}, a{n}")),
        "aliases (valid ids)": many(_list("aliases", "old-{n}")),
        "districts": {"cases/hostile.md": _case(replace=("districts:\n", "districts:\n" + _fill(
            "  - {name: D, state: MA}\n", room=400)))},
        "sources": {"cases/hostile.md": _case(replace=("sources:\n", "sources:\n" + _fill(
            "  - {title: R, publisher: P, year: 2021, type: case-study}\n", room=400)))},
        "themes": many(_list("themes", "teacher-leadership")),
        "`[[references]]`": body(_fill("[[hostile]] ")),
        "zero-width spaces": body(_fill("a\u200b")),
        "impossible dates, newline in an id": {"cases/hostile.md": _case(_fill("Text. "), replace=(
            "added: 2026-11-01", 'added: 2023-02-29\nupdated: 0000-02-31\naliases: ["a\\n::error file=x::y"]'))},
        "marker `count=\u00b2` on a hand-written page": {"docs/index.md": page + _fill("<!-- casebook:recent count=\u00b2 --> ")},
        "`<script>` on a hand-written page": {"docs/index.md": page + _fill("<script>alert(1)</script> ")},
        "accepted: a case of plain prose": body(_fill("Plain prose, and nothing else. ")),
        "accepted: CSV formula cells and emphasis": {"cases/hostile.md": _case(_fill("*a _b ", room=64), replace=(
            "title: A hostile case", 'title: "=HYPERLINK(1)"'))},
        "accepted: `[[references]]` and links, 100 of each": body(_fill(
            "Plain prose. ", head="[[hostile]] [a](https://example.org/a) " * 100 + "\n\n")),
    }


def _timed(command: list[str], root: Path) -> tuple[float, int, str]:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return time.perf_counter() - started, result.returncode, result.stdout + result.stderr


def run_classes() -> bool:
    """Prints the 256 KB table; True when every class met both targets."""
    bin_folder = Path(sys.executable).parent
    met = True
    print(f"| class | file KB | validate s | exit | build s | exit |\n|---|---:|---:|---:|---:|---:|")
    for name, files in classes().items():
        with tempfile.TemporaryDirectory() as folder:
            root = make_project(Path(folder) / "project")
            for relative, text in files.items():
                (root / relative).write_text(text, encoding="utf-8")
            size = max(len(text.encode()) for text in files.values())
            assert size <= documents.MAX_BYTES, (name, size)
            check = _timed([str(bin_folder / "casebook"), "validate"], root)
            build = _timed([str(bin_folder / "mkdocs"), "build", "--strict", "-q"], root)
            for seconds, code, output in (check, build):
                if "Traceback" in output:
                    print(f"{name}: a traceback\n{output[-3000:]}")
                    met = False
            met &= check[0] <= VALIDATE_SECONDS and build[0] <= BUILD_SECONDS
            print(f"| {name} | {size / 1024:.0f} | {check[0]:.2f} | {check[1]} | {build[0]:.2f} | {build[1]} |",
                  flush=True)
    print(f"targets: validate within {VALIDATE_SECONDS} s and build within {BUILD_SECONDS} s a file:",
          "met" if met else "missed")
    return met


if __name__ == "__main__":
    if "--classes" in sys.argv:
        sys.exit(0 if run_classes() else 1)
    code = main()
    sys.exit(code or (0 if run_classes() else 1))
