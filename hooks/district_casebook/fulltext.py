"""Full-text search: Pagefind indexes the built site after every build.

Pagefind splits its index into small chunks, so one query downloads a few
hundred kilobytes even at thousands of cases (a whole-site index, like
Material's search plugin, would be tens of megabytes). The `pagefind[bin]`
package ships the binary; this module only runs it and reports.

What gets indexed is decided in the HTML: pages mark their content with
`data-pagefind-body` (hooks/theme/main.html), case pages give their summary
and facts panel extra `data-pagefind-weight`, and lists of other cases carry
`data-pagefind-ignore`, so a case is found by its own words, not its neighbours'.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

BUNDLE_FOLDER = "pagefind"  # site/pagefind/: the index and Pagefind's own UI scripts
# Heading permalinks (¶) and the edit button are page furniture, not content.
EXCLUDE_SELECTORS = ".headerlink, .md-content__button"
SEARCH_PAGE = "search/"


class IndexingFailed(Exception):
    """Pagefind is missing or failed; the message says what to do."""


def executable() -> Path:
    try:
        import pagefind_bin  # the binary shipped by `pip install 'pagefind[bin]'`
        return pagefind_bin.get_executable()
    except (ImportError, FileNotFoundError) as error:
        raise IndexingFailed(f"Pagefind, which builds the search index, is not installed ({error}). "
                             "Install the casebook's dependencies: .venv/bin/pip install -e .") from None


def index_site(site_dir: Path) -> str:
    """Index ``site_dir`` into site_dir/pagefind/; returns Pagefind's one-line summary."""
    command = [str(executable()), "--site", str(site_dir), "--output-subdir", BUNDLE_FOLDER,
               "--exclude-selectors", EXCLUDE_SELECTORS]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise IndexingFailed(f"Pagefind could not index {site_dir} (exit {result.returncode}): "
                             f"{reason(result.stderr + result.stdout)}")
    return summary(result.stdout)


def reason(output: str) -> str:
    """Pagefind's error lines, each once, as one sentence-like line."""
    lines = [line.strip().removeprefix("Error: ").strip() for line in output.splitlines()]
    return " ".join(dict.fromkeys(line for line in lines if line)) or "no message"


def summary(output: str) -> str:
    """'Indexed 61 pages' and the like from Pagefind's report, as one line."""
    counts = re.findall(r"Indexed (\d+ (?:pages|words|filters))", output)
    return "Search index: " + (", ".join(counts) if counts else "built")
