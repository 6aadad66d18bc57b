"""The house rules of hooks/: the core never imports the engine, imports only
go down the floors of the tree, the hook stays thin and no file grows past
300 lines. A change that breaks one fails here, naming the file."""
from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

CORE = REPO / "hooks" / "district_casebook"
HOOK = REPO / "hooks" / "casebook_hook.py"
# Bottom to top: a module may import from its own floor and the floors below it.
FLOORS = ["problems", "templating", "reading", "model", "markup", "checking", "loading", "urls",
          "publishing", "pages", "search", "contributing", "site", "cli"]
ENGINES = ("mkdocs", "properdocs")


def _modules() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def _room(path: Path, base: Path = CORE) -> str | None:
    first = path.relative_to(base).parts[0].removesuffix(".py")
    return first if first in FLOORS else None


def _imported_rooms(path: Path, base: Path = CORE) -> set[str]:
    package = list(path.relative_to(base).parts[:-1])
    rooms = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            target = package[:len(package) - (node.level - 1)] + (node.module.split(".") if node.module else [])
            rooms |= {target[0]} if target else {alias.name for alias in node.names}
    return rooms & set(FLOORS)


def _absolute_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_every_module_sits_on_a_floor():
    homeless = [str(p.relative_to(CORE)) for p in _modules()
                if _room(p) is None and p.name not in ("__init__.py", "__main__.py")]
    assert not homeless, f"modules outside the floors {FLOORS}: {homeless}"


def test_imports_only_go_down_the_tree():
    upward = [f"{p.relative_to(CORE)} imports {room}" for p in _modules() if _room(p)
              for room in _imported_rooms(p) if FLOORS.index(room) > FLOORS.index(_room(p))]
    assert not upward, "\n".join(upward)


def test_the_core_never_imports_an_engine():
    found = [f"{p.relative_to(CORE)} imports {name}" for p in _modules()
             for name in _absolute_imports(p) if name in ENGINES]
    assert not found, "\n".join(found)


def test_the_hook_is_thin_and_no_file_is_long():
    assert len(HOOK.read_text(encoding="utf-8").splitlines()) <= 100
    long_files = [f"{p.relative_to(REPO)}: {n} lines" for p in (REPO / "hooks").rglob("*")
                  if p.is_file() and p.suffix in (".py", ".html", ".j2")
                  and (n := len(p.read_text(encoding="utf-8").splitlines())) > 300]
    assert not long_files, "\n".join(long_files)


def test_the_checks_see_an_upward_import_and_an_engine(tmp_path):
    upward = tmp_path / "reading" / "x.py"
    upward.parent.mkdir()
    upward.write_text("from ..cli import commands\nfrom . import documents\nimport mkdocs.config\n", encoding="utf-8")
    assert _room(upward, tmp_path) == "reading"
    assert _imported_rooms(upward, tmp_path) == {"cli", "reading"}
    assert "mkdocs" in _absolute_imports(upward)
