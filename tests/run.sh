#!/usr/bin/env bash
# Installs everything the tests need, then runs them all: `bash tests/run.sh`.
# Extra arguments go to pytest (e.g. `bash tests/run.sh -k reader`).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

step "Python packages (.venv)"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'

step "Chromium for the browser tests (Debian's package; Playwright's own download cannot work offline)"
if ! command -v chromium >/dev/null 2>&1; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
chromium --version

step "Node tools: axe-core (accessibility), vnu-jar (W3C HTML checker), yaml-language-server (editor support)"
command -v java >/dev/null 2>&1 || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
(cd tests && npm install --no-audit --no-fund --silent)

step "Tests"
.venv/bin/pytest "$@"
