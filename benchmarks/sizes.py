"""What a built site weighs: in all, one case page, its largest pages, and
what a browser downloads to search it and to use the case finder."""
from __future__ import annotations

import gzip
import json
import statistics
from pathlib import Path

CASE_PAGE = "cases/synthetic-case-00000/index.html"  # the same text at every N (synthetic.py)
LISTINGS = ("themes", "districts", "states")
RESULTS_SHOWN = 10  # the search page shows ten results a load; each needs its fragment


def _size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else 0


def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6)) if path.is_file() else 0


def _mean(paths: list[Path]) -> int:
    return round(statistics.fmean(p.stat().st_size for p in paths)) if paths else 0


def site(site_dir: Path) -> dict:
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    cases = sorted(site_dir.glob("cases/*/index.html"))
    listings = [p for p in pages if p.relative_to(site_dir).parts[0] in LISTINGS]
    largest = max(pages, key=_size)
    largest_listing = max(listings, key=_size, default=None)
    return {
        "site_bytes": sum(map(_size, files)), "files": len(files), "pages": len(pages),
        "case_page_bytes": _size(site_dir / CASE_PAGE),
        "case_page_median_bytes": round(statistics.median(map(_size, cases))) if cases else 0,
        "largest_page": {"path": largest.relative_to(site_dir).as_posix(), "bytes": _size(largest)},
        "largest_listing_page": {"path": largest_listing.relative_to(site_dir).as_posix(),
                                 "bytes": _size(largest_listing)} if largest_listing else None,
        "listing_pages": len(listings),
        "search": search(site_dir),
        "finder": finder(site_dir),
    }


def search(site_dir: Path) -> dict:
    """Material's one index, or Pagefind's chunks: what the first query downloads."""
    material = site_dir / "search" / "search_index.json"
    if material.is_file():
        return {"engine": "material", "first_query_bytes": _gzip_size(material),
                "index_bytes": _size(material), "index_gzip_bytes": _gzip_size(material)}
    bundle = site_dir / "pagefind"
    if bundle.is_dir():
        return _pagefind(bundle)
    return {"engine": None}


def _pagefind(bundle: Path) -> dict:
    """Pagefind's files are gzipped already, except its scripts (counted gzipped, as served).

    A one-word query on the search page (docs/assets/search.js) loads pagefind.js
    and the WebAssembly once; from every bundle of the index (pagefind/bundles.json)
    its entry file, metadata, one index chunk (counted at the average size), its
    filter files (the kind of page, the bundle) and the fragment of the page that
    shows the word is really there; then a fragment for each result shown. The
    search box's own interface is not counted.
    """
    listed = bundle / "bundles.json"
    folders = [bundle / path for path in json.loads(listed.read_text())] if listed.is_file() else [bundle]
    once = [*bundle.glob("wasm.en.pagefind")]
    first = sum(map(_size, once)) + _gzip_size(bundle / "pagefind.js")
    chunks, fragments = [], []
    for folder in folders:
        chunks += list(folder.glob("index/*.pf_index"))
        fragments += list(folder.glob("fragment/*.pf_fragment"))
    for folder in folders:
        each = [folder / "pagefind-entry.json", *folder.glob("*.pf_meta"), *folder.glob("filter/*.pf_filter")]
        first += sum(map(_size, each)) + _mean(list(folder.glob("index/*.pf_index"))) + _mean(fragments)
    first += RESULTS_SHOWN * _mean(fragments)
    return {"engine": "pagefind", "first_query_bytes": first, "bundles": len(folders), "index_chunks": len(chunks),
            "mean_chunk_bytes": _mean(chunks), "bundle_bytes": sum(_size(p) for p in bundle.rglob("*"))}


def finder(site_dir: Path) -> dict | None:
    data = site_dir / "finder" / "data.json"
    if not data.is_file():
        return None
    return {"path": "finder/data.json", "bytes": _size(data), "gzip_bytes": _gzip_size(data)}
