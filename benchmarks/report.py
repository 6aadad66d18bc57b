"""The benchmark's table, its verdict on each target, and its JSON file."""
from __future__ import annotations

import datetime
import json
from pathlib import Path

MB = 1024 * 1024
PAGE_LIMIT = 300_000  # bytes: any one page of the site


def _at(runs: list[dict], n: int) -> dict | None:
    return next((run for run in runs if run["n"] == n), None)


def _target(name: str, limit: str, value: str | None, met: bool | None) -> dict:
    verdict = "not measured" if met is None else ("met" if met else "NOT met")
    return {"target": name, "limit": limit, "value": value, "verdict": verdict}


def targets(runs: list[dict]) -> list[dict]:
    """Each target of issue 7, judged on the sizes that were measured."""
    found = []
    for n in (1000, 5000):
        run = _at(runs, n)
        found.append(_target(f"build time with the casebook / plain Material at {n:,}", "<= 1.15",
                             run and f"{run['ratio']:.2f}", run and run["ratio"] <= 1.15))
    big, small, mid = _at(runs, 10000), _at(runs, 100), _at(runs, 5000)
    found.append(_target("casebook validate at 10,000", "<= 4 s",
                         big and f"{big['validate']['seconds']:.2f} s",
                         big and big["validate"]["seconds"] <= 4))
    again = big and big.get("validate_again")
    found.append(_target("casebook validate at 10,000, run again with nothing changed", "<= 4 s",
                         again and f"{again['seconds']:.2f} s", again and again["seconds"] <= 4))
    growth = small and mid and mid["site"]["case_page_bytes"] / small["site"]["case_page_bytes"]
    found.append(_target("one case page at 5,000 / at 100", "<= 1.1", growth and f"{growth:.3f}",
                         growth and growth <= 1.1))
    found.append(_target("peak memory of mkdocs build at 10,000", "< 1.5 GiB",
                         big and f"{big['build']['peak_mb']:,} MiB", big and big["build"]["peak_mb"] < 1536))
    core = big and big["core"]["related_s"] + big["core"]["index_pages_s"]
    found.append(_target("related cases + index pages at 10,000", "<= 1 s", core and f"{core:.2f} s",
                         core and core <= 1))
    largest = max((run["site"]["largest_page"]["bytes"] for run in runs), default=None)
    found.append(_target("largest page of the site, at every size measured", "< 300 KB",
                         largest and f"{largest / 1000:,.0f} KB", largest and largest < PAGE_LIMIT))
    return found


COLUMNS = [
    ("N", lambda r: f"{r['n']:,}"),
    ("validate s", lambda r: f"{r['validate']['seconds']:.2f}"),
    ("again s", lambda r: f"{r['validate_again']['seconds']:.2f}" if "validate_again" in r else "-"),
    ("build s", lambda r: f"{r['build']['seconds']:.1f}"),
    ("plain s", lambda r: f"{r['plain_build']['seconds']:.1f}"),
    ("ratio", lambda r: f"{r['ratio']:.2f}"),
    ("median paired", lambda r: f"{r['paired_ratio_median']:.2f}" if "paired_ratio_median" in r else "-"),
    ("CPU ratio", lambda r: f"{r['cpu_ratio']:.2f}"),
    ("peak MiB", lambda r: f"{r['build']['peak_mb']:,}"),
    ("plain peak MiB", lambda r: f"{r['plain_build']['peak_mb']:,}"),
    ("site MB", lambda r: f"{r['site']['site_bytes'] / 1e6:,.0f}"),
    ("case page KB", lambda r: f"{r['site']['case_page_bytes'] / 1000:.1f}"),
    ("largest page KB", lambda r: f"{r['site']['largest_page']['bytes'] / 1000:,.0f}"),
    ("search KB", lambda r: _search(r["site"]["search"])),
    ("plain search KB", lambda r: _search(r["plain_site"]["search"])),
    ("finder KB", lambda r: _finder(r["site"]["finder"])),
    ("related s", lambda r: f"{r['core']['related_s']:.2f}"),
    ("index pages s", lambda r: f"{r['core']['index_pages_s']:.2f}"),
]


def _search(search: dict) -> str:
    return "-" if not search.get("engine") else f"{search['first_query_bytes'] / 1000:,.0f}"


def _finder(finder: dict | None) -> str:
    return "-" if not finder else f"{finder['gzip_bytes'] / 1000:,.0f}"


def table(results: dict) -> str:
    """A Markdown table of every size, then the targets (pasted into the README as it is)."""
    rows = [[name for name, _ in COLUMNS]] + [[cell(run) for _, cell in COLUMNS] for run in results["runs"]]
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("---:" for _ in COLUMNS) + "|")
    lines += ["", "| target | limit | measured | verdict |", "|---|---|---|---|"]
    lines += [f"| {t['target']} | {t['limit']} | {t['value'] or '-'} | {t['verdict']} |"
              for t in results["targets"]]
    return "\n".join(lines)


def save(results: dict, folder: Path, started: datetime.datetime) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"results-{started:%Y%m%d-%H%M%S}.json"
    text = json.dumps(results, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")
    (folder / "latest.json").write_text(text, encoding="utf-8")
    return path
