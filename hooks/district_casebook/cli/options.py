"""What every `casebook` command shares: its exit codes and where the project is."""
from __future__ import annotations

from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2  # 0: all is well; 1: problems found; 2: called wrongly


def add_root_option(command) -> None:
    command.add_argument("--root", type=Path, help="the project folder (default: found from the current folder)")


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding schema/case.schema.json."""
    for folder in (start, *start.parents):
        if (folder / "schema" / "case.schema.json").is_file():
            return folder
    return None
