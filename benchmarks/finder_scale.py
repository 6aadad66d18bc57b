"""Finding cases at scale: the case finder and full-text search on a generated
collection, measured in headless Chromium.

    .venv/bin/python benchmarks/finder_scale.py            # 5,000 cases
    .venv/bin/python benchmarks/finder_scale.py --cases 1000 --runs 5

It builds a site of synthetic, valid cases (benchmarks/synthetic.py), serves
it on 127.0.0.1 with gzip like a static host (benchmarks/siteserver.py) and
measures, in a fresh browser context each run (nothing cached):

- finder: time from navigation start to the first result on screen, and the
  compressed bytes downloaded before it (every response, the page included);
- search: the compressed bytes one full-text query downloads after the search
  page has loaded (Pagefind's loader, WebAssembly, index chunks, result
  excerpts), and the search page's own load.

Targets (issue 4): first results within 1 s, at most 1 MB before them; one
query at most 500 KB. `measure()` returns the figures for benchmarks/run.py.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402
from siteserver import SiteServer, build_site  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TARGETS = {"finder_first_results_s": 1.0, "finder_bytes": 1_000_000, "query_bytes": 500_000}
QUERIES = ("coaching", "union trust")  # synthetic words: each is in nearly every case, the worst case for an index
# Records the moment the first result row appears, relative to navigation start.
FIRST_RESULT_PROBE = """
new MutationObserver((_, observer) => {
  if (document.querySelector('.cb-finder__results li')) {
    window.__firstResults = performance.now(); observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def build(n: int, seed: int, folder: Path, site: Path, url: str) -> None:
    project = synthetic.make_project(folder / "project", n, seed)
    print(f"Wrote {n} cases; building the site (a few minutes at 5,000)", file=sys.stderr, flush=True)
    started = time.perf_counter()
    build_site(project, site, url)
    print(f"Built {n} cases in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)


def finder_run(browser, server: SiteServer) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(FIRST_RESULT_PROBE)
    server.reset()
    page.goto(server.url + "finder/")
    page.wait_for_function("window.__firstResults !== undefined", timeout=30_000)
    seconds = page.evaluate("window.__firstResults") / 1000
    downloaded = page.evaluate(f"""(() => {{
        const until = {seconds * 1000};
        const entries = performance.getEntriesByType('navigation').concat(
            performance.getEntriesByType('resource').filter(e => e.responseEnd <= until));
        return entries.reduce((sum, e) => sum + e.encodedBodySize, 0);
    }})()""")
    context.close()
    return {"seconds": seconds, "bytes": downloaded, "server_bytes": server.bytes_sent}


def query_run(browser, server: SiteServer, words: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    server.reset()
    page.goto(server.url + "search/")
    page.wait_for_load_state("networkidle")
    page_bytes = server.bytes_sent
    server.reset()
    page.get_by_role("searchbox", name="Search the casebook", exact=True).last.fill(words)
    page.locator(".cb-search__result a").first.wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # excerpts of the first results load just after
    query_bytes = server.bytes_sent
    context.close()
    return {"page_bytes": page_bytes, "query_bytes": query_bytes}


def measure(n: int = 5000, seed: int = 0, runs: int = 3, site: Path | None = None) -> dict:
    """Build (unless ``site`` is given) and measure; returns the worst run of each figure."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="finder-scale-") as temporary:
        target = site or Path(temporary) / "site"
        target.mkdir(exist_ok=True)
        with SiteServer(target) as server, sync_playwright() as playwright:
            if site is None:
                build(n, seed, Path(temporary), target, server.url)
            data_file = target / "finder" / "data.json"
            n = len(json.loads(data_file.read_text(encoding="utf-8"))["cases"])
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            finder_run(browser, server)  # unmeasured: the server compresses each file once, as a host has already
            finder = [finder_run(browser, server) for _ in range(runs)]
            queries = {words: query_run(browser, server, words) for words in QUERIES}
            browser.close()
            data_bytes = data_file.stat().st_size
    return {
        "cases": n,
        "finder_first_results_s": max(r["seconds"] for r in finder),
        "finder_first_results_median_s": statistics.median(r["seconds"] for r in finder),
        "finder_bytes": max(r["bytes"] for r in finder),
        "finder_data_json_bytes": data_bytes,
        "search_page_bytes": max(q["page_bytes"] for q in queries.values()),
        "query_bytes": max(q["query_bytes"] for q in queries.values()),
        "queries": queries,
    }


def report(figures: dict) -> str:
    lines = [f"Finding cases at {figures['cases']} cases",
             f"  finder: first results {figures['finder_first_results_s']:.2f} s after navigation "
             f"(worst run; median {figures['finder_first_results_median_s']:.2f} s); target 1 s",
             f"  finder: {figures['finder_bytes'] / 1000:.0f} KB downloaded before them, compressed; target 1000 KB "
             f"(its data file is {figures['finder_data_json_bytes'] / 1000:.0f} KB uncompressed)",
             f"  search: one query downloads at most {figures['query_bytes'] / 1000:.0f} KB ("
             + ", ".join(f"{words!r}: {q['query_bytes'] / 1000:.0f} KB" for words, q in figures["queries"].items())
             + "); target 500 KB",
             f"  search: the search page itself loads {figures['search_page_bytes'] / 1000:.0f} KB"]
    missed = [key for key, limit in TARGETS.items() if figures[key] > limit]
    lines.append("  all within target" if not missed else f"  OVER TARGET: {', '.join(missed)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=5000, help="how many synthetic cases (default 5000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3, help="finder page loads to measure (the worst is reported)")
    parser.add_argument("--site", type=Path, help="measure this already built site instead of building one")
    args = parser.parse_args(argv)
    figures = measure(args.cases, args.seed, args.runs, args.site)
    print(report(figures))
    return 0 if all(figures[key] <= limit for key, limit in TARGETS.items()) else 1


if __name__ == "__main__":
    sys.exit(main())
