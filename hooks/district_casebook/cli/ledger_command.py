"""`casebook ledger`: keep the URL ledger (tests/published-urls.txt) complete,
and say which recorded address the content or a built site has lost."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..loading import project
from ..urls import ledger, reachable
from . import options
from .options import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

SHOWN = 20  # new addresses listed; a first run would list them all


def add_parser(commands) -> None:
    command = commands.add_parser(
        "ledger", help="check the published-URL ledger; --update adds new URLs to it",
        description=f"Compare {ledger.LEDGER} with the addresses the content publishes: list every recorded "
        "address that is gone without a redirect, and every new one not yet recorded. --update records the "
        "new ones (it never removes any); --site checks a built site instead, following redirect pages.")
    command.add_argument("--update", action="store_true", help="add the new addresses to the ledger")
    command.add_argument("--site", type=Path, metavar="DIR", help="check this built site (e.g. site/) against the ledger")
    options.add_root_option(command)
    command.set_defaults(run=run)


def run(root: Path, args: argparse.Namespace) -> int:
    path = root / ledger.LEDGER
    if args.site and not (args.site / "index.html").is_file():
        print(f"casebook: {args.site} holds no built site (no index.html); run `mkdocs build` first.", file=sys.stderr)
        return EXIT_USAGE
    if args.site:
        status = _report(reachable.check(args.site, ledger.read(path)), "the built site")
        if not status:
            print(f"{args.site}: every address in {ledger.LEDGER} answers.", file=sys.stderr)
        return status
    loaded = project.load(root, progress=project.stderr_progress)
    if loaded.collection is None:
        print("casebook: the content has problems; `casebook validate` lists them. Fix them first.", file=sys.stderr)
        return EXIT_PROBLEMS
    # Former ids' redirects are recorded too, so dropping an alias later is caught like deleting a page.
    urls = ledger.published(loaded.collection, ledger.doc_pages(root)) | ledger.redirected(loaded.collection)
    status = _report(ledger.gone(ledger.read(path), urls), "the content")
    return max(status, _update(path, urls) if args.update else _unrecorded(path, urls))


def _report(problems, where: str) -> int:
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} recorded address(es) missing from {where}.", file=sys.stderr)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _update(path: Path, urls: set[str]) -> int:
    added = ledger.update(path, urls)
    print(f"Added {len(added)} address(es) to {ledger.LEDGER}." if added else f"{ledger.LEDGER} is up to date.",
          file=sys.stderr)
    return EXIT_OK


def _unrecorded(path: Path, urls: set[str]) -> int:
    new = sorted(urls - set(ledger.read(path)))
    for url in new[:SHOWN]:
        print(f"{ledger.LEDGER}: {url} is published but not recorded.")
    if len(new) > SHOWN:
        print(f"{ledger.LEDGER}: … and {len(new) - SHOWN} more.")
    if new:
        print(f"{len(new)} new address(es); run `casebook ledger --update` and commit {ledger.LEDGER}.",
              file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{ledger.LEDGER}: every address is recorded and reachable.", file=sys.stderr)
    return EXIT_OK
