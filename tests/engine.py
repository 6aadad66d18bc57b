"""The engine the tests build and serve with: MkDocs 1.6.1 (the default), or ProperDocs, the
maintained fork of MkDocs 1.x, with CASEBOOK_ENGINE=properdocs, run from .venv-properdocs, where
MkDocs is not installed. tests/run.sh runs the build and serve tests on both.

conftest.py imports this module before any test module. Under ProperDocs it makes every later
`mkdocs.*` import load ProperDocs' module, as the `properdocs` command does before it loads Material
and the hook, so the tests import from `mkdocs` on both engines. What differs is named here: the
engine's loggers (the hook's is NAME + ".plugins.casebook") and its command.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

NAME = os.environ.get("CASEBOOK_ENGINE") or "mkdocs"
if NAME == "properdocs":
    import properdocs.replacement  # noqa: F401  (mkdocs.* imports load properdocs.* from here on)

    # As the command does: what is logged on the legacy `mkdocs.*` loggers counts in a strict build.
    logging.getLogger("mkdocs").parent = logging.getLogger("properdocs")
elif NAME != "mkdocs":
    raise RuntimeError(f"CASEBOOK_ENGINE={NAME!r}: it is mkdocs (the default) or properdocs")

import mkdocs  # noqa: E402

assert mkdocs.__name__ == NAME, f"CASEBOOK_ENGINE={NAME}, but `import mkdocs` loads {mkdocs.__name__}"

LOGGER = NAME  # every message of the engine, and of the hook: get_plugin_logger names it LOGGER.plugins.NAME
HOOK_LOGGER = f"{NAME}.plugins.casebook"
LOGGERS = ("mkdocs", "properdocs")  # prefixes of every engine logger, either engine's (startswith)


def command(subcommand: str, *args: str) -> list[str]:
    """The engine's command line, run in the project folder: `mkdocs serve ...`, or
    `properdocs serve -f mkdocs.yml ...` (it looks for properdocs.yml first)."""
    config = ["-f", "mkdocs.yml"] if NAME == "properdocs" else []
    return [str(Path(sys.executable).with_name(NAME)), subcommand, *config, *args]
