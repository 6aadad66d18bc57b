"""The `casebook` command: `casebook validate [PATH...]` for contributors and CI."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..checking import clean_bodies
from ..loading import parallel, project
from . import ledger_command, new_case, new_meeting, options, schema_command
from .options import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="casebook", description="Check and build the District Casebook.")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check case files and meeting summaries; report every problem",
                                   description="Check case files and meeting summaries against schema/ and each "
                                   "other. With no PATH, checks all of cases/ and docs/meetings/; a file in "
                                   "docs/meetings/ is checked as a meeting summary.")
    validate.add_argument("paths", nargs="*", metavar="PATH",
                          help="case files, meeting summaries or folders to report on")
    validate.add_argument("--format", choices=("text", "github"), default="text",
                          help="'github' prints workflow annotations (::error file=…,line=…::…)")
    validate.add_argument("--fresh", action="store_true",
                          help="render every case body again, forgetting which ones earlier runs found clean "
                          "(kept in $CASEBOOK_CACHE, else ~/.cache/district-casebook)")
    options.add_root_option(validate)
    for command in (new_case, new_meeting, schema_command, ledger_command):  # each command module registers itself
        command.add_parser(commands)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root = (args.root or options.find_root(Path.cwd()) or Path.cwd()).resolve()
    if not (root / "schema" / "case.schema.json").is_file():
        print(f"casebook: no schema/case.schema.json in {root} or above it; run this inside the casebook "
              "repository or pass --root.", file=sys.stderr)
        return EXIT_USAGE
    if hasattr(args, "run"):
        return args.run(root, args)
    return validate(root, args.paths, args.format, fresh=args.fresh)


def validate(root: Path, paths: list[str], output: str, fresh: bool = False) -> int:
    selected = _expand(paths)
    if isinstance(selected, str):
        print(f"casebook: {selected}", file=sys.stderr)
        return EXIT_USAGE
    clean = None if fresh else clean_bodies.opened(clean_bodies.cache_folder())
    loaded = project.load(root, selected, progress=project.stderr_progress, workers=parallel.available(), clean=clean)
    if clean is not None:
        clean.learn(loaded.cases, loaded.problems)
        clean.save()
    shown = _only(loaded.problems, root, selected) if paths else loaded.problems
    for problem in shown:
        print(problem.github() if output == "github" else str(problem))
    _print_notices(_only(loaded.notices, root, selected) if paths else loaded.notices, output)
    print(_summary(loaded, shown), file=sys.stderr)
    return EXIT_PROBLEMS if shown else EXIT_OK


def _print_notices(notices, output: str) -> None:
    # Worth fixing, never a failure: GitHub shows them as warnings; in a terminal they go
    # to stderr beside the summary, so stdout stays the list of problems.
    for notice in notices:
        print(notice.github() if output == "github" else str(notice), file=sys.stdout if output == "github" else sys.stderr)
    if notices:
        print(f"{len(notices)} notice(s): nothing is broken, but each says what to update.", file=sys.stderr)


def _expand(paths: list[str]) -> list[Path] | str:
    files = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files += sorted(p for p in path.glob("*.md") if not p.name.startswith("_"))
        elif path.is_file() or path.is_symlink():
            files.append(path)
        else:
            return f"'{name}' is not a file or folder."
    return files


def _only(problems, root: Path, selected: list[Path]):
    wanted = {project.uri(root, p) for p in selected}
    return [p for p in problems if p.src_uri in wanted]


def _summary(loaded: project.Loaded, shown) -> str:
    checked = (f"Checked {loaded.case_count} case file(s) and {loaded.meeting_count} meeting summary(ies) "
               f"in {loaded.seconds:.2f} s")
    if not shown:
        return f"{checked}: no problems."
    files = len({p.src_uri for p in shown})
    return f"{checked}: {len(shown)} problem(s) in {files} file(s). Each line says file:line: field: what to fix."


def entry_point() -> None:
    sys.exit(main())
