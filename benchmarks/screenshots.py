"""Screenshots of the map of states, the timeline and the compare page for the README.

Builds this repository's site (or takes a built one with --site), serves it on
127.0.0.1 and photographs each in Debian's Chromium, writing
docs/assets/map.png, docs/assets/timeline.png and docs/assets/compare.png.

    .venv/bin/python benchmarks/screenshots.py [--site site/]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
from siteserver import SiteServer, build_site  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
COMPARED = "garden-grove-grading-reform,wake-county-micro-credentials"  # the issue's own example
SHOTS = {  # file: (address, element to photograph, viewport height)
    "map.png": ("states/", ".cb-map", 900),
    "timeline.png": ("timeline/", ".cb-timeline", 900),
    "compare.png": (f"compare/?ids={COMPARED}", ".md-content", 1150),
}


def take(site: Path, out: Path = REPO / "docs" / "assets") -> list[Path]:
    written = []
    with SiteServer(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 1150})
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server.url)
                   else route.abort())
        for name, (address, selector, height) in SHOTS.items():
            page.goto(server.url + address)
            page.locator(selector).first.wait_for()
            if name == "compare.png":
                page.locator(".cb-compare__table").wait_for()
            target = out / name
            page.locator(selector).first.screenshot(path=str(target)) if name != "compare.png" else \
                page.screenshot(path=str(target), clip={"x": 0, "y": 0, "width": 1280, "height": height})
            written.append(target)
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a site built already (default: build one)")
    args = parser.parse_args()
    if args.site:
        print("\n".join(map(str, take(args.site))))
        return
    with tempfile.TemporaryDirectory() as folder, SiteServer(Path(folder)) as server:
        build_site(REPO, Path(folder), server.url)
        print("\n".join(map(str, take(Path(folder)))))


if __name__ == "__main__":
    main()
