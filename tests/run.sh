#!/usr/bin/env bash
# Installs everything the tests need, then runs them all: `bash tests/run.sh`.
# Extra arguments go to pytest (e.g. `bash tests/run.sh -k reader`).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "Python packages (.venv)"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'

step "Tests"
.venv/bin/pytest "$@"
