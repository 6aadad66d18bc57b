"""The benchmark (benchmarks/run.py) keeps working: a real run at N = 200.

Only that it runs and reports every figure is checked here; speed and memory
targets are judged by the benchmark itself (the README has its table), never
by timed asserts in tests."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO


def test_the_benchmark_runs_at_200_cases_and_reports_every_figure(tmp_path):
    command = [sys.executable, str(REPO / "benchmarks" / "run.py"), "--sizes", "200", "--repeat", "1",
               "--out", str(tmp_path), "--work", str(tmp_path / "work")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "N=200: casebook validate" in result.stderr  # progress while it works
    assert result.stdout.startswith("| N | validate s | again s | build s | plain s | ratio |")
    data = json.loads((tmp_path / "latest.json").read_text())
    run, = data["runs"]
    assert run["n"] == 200 and run["core"]["cases"] == 200
    for measured in (run["validate"], run["validate_again"], run["build"], run["plain_build"]):
        assert measured["seconds"] > 0 and measured["peak_mb"] > 10
    assert run["build"]["tree_peak_mb"] > 10  # MkDocs and Pagefind added up while both run
    assert run["ratio"] == round(run["build"]["seconds"] / run["plain_build"]["seconds"], 3)
    site, plain = run["site"], run["plain_site"]
    assert site["case_page_bytes"] > 5000 and plain["case_page_bytes"] > 5000
    assert site["pages"] >= 200 and plain["pages"] >= 200  # the baseline built the same case pages
    assert plain["search"]["engine"] == "material" and plain["search"]["index_bytes"] > 100_000
    assert site["search"]["engine"] in ("material", "pagefind") and site["search"]["first_query_bytes"] > 0
    assert site["largest_page"]["bytes"] < 300_000
    assert {t["verdict"] for t in data["targets"]} <= {"met", "NOT met", "not measured"}
    largest = next(t for t in data["targets"] if t["target"].startswith("largest page"))
    assert largest["verdict"] == "met"
    assert not list((tmp_path / "work").iterdir())  # the temporary project is gone
