"""Times the core's own steps on a project, in a fresh process, and can write
out every generated page as Markdown (the plain-Material baseline's pages).

    python benchmarks/core.py PROJECT [--pages-to DOCS_DIR]

Prints one JSON object: seconds to load and validate, to rank the related
cases of every case, to render the theme, district and state pages, and to
render every generated page. The pages written are those the casebook's build
generates: every page of the collection and the contributor's two pages.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from district_casebook.contributing import site_pages  # noqa: E402
from district_casebook.loading import project  # noqa: E402
from district_casebook.pages import generator  # noqa: E402

REPO_URL = "https://github.com/district-casebook/district-casebook"  # only shown in links: any will do


def timed(work):
    started = time.perf_counter()
    result = work()
    return result, round(time.perf_counter() - started, 3)


def index_pages(renderer: generator.Renderer) -> dict[str, str]:
    """The theme, district and state pages (the listings that grow with N)."""
    return renderer.theme_pages() | renderer.district_pages() | renderer.state_pages()


def measure(root: Path) -> tuple[dict, dict[str, str]]:
    loaded, load_s = timed(lambda: project.load(root))
    if loaded.problems:
        raise SystemExit("\n".join(map(str, loaded.problems[:20])))
    collection = loaded.collection
    _, related_s = timed(lambda: [collection.related(case) for case in collection])
    listings, index_s = timed(lambda: index_pages(generator.Renderer(collection)))
    generated, all_s = timed(lambda: generator.Renderer(collection).all_pages())
    generated |= contributor_pages(root, loaded, lambda uri: uri in generated or (root / "docs" / uri).is_file())
    largest = max(len(markdown.encode()) for markdown in listings.values())
    figures = {"cases": len(collection), "load_s": load_s, "related_s": related_s, "index_pages_s": index_s,
               "index_pages": len(listings), "largest_index_markdown_bytes": largest, "all_pages_s": all_s}
    return figures, generated


def contributor_pages(root: Path, loaded: project.Loaded, exists) -> dict[str, str]:
    """The field reference and the contributing guide: two pages, but the nav of every page names them."""
    schemas = loaded.schemas
    return site_pages.pages(root, schemas["case"], loaded.collection.vocabularies, REPO_URL,
                            exists, schemas.get("meeting"))


def write_pages(generated: dict[str, str], docs: Path) -> None:
    """Each generated page as an ordinary Markdown file; a hand-written page at the path wins."""
    for uri, markdown in generated.items():
        path = docs / uri
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(markdown, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--pages-to", type=Path, help="write every generated page under this docs folder")
    args = parser.parse_args()
    figures, generated = measure(args.project.resolve())
    if args.pages_to:
        write_pages(generated, args.pages_to)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
