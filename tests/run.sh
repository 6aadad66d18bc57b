#!/usr/bin/env bash
# Installs everything the tests need, then runs them all: `bash tests/run.sh`.
# Extra arguments go to pytest (e.g. `bash tests/run.sh -k reader`).
# The build and serve tests run twice: on MkDocs 1.6.1 (.venv), then on ProperDocs (.venv-properdocs,
# tests/engine.py). CASEBOOK_ENGINE=mkdocs or =properdocs runs one engine only, the arguments on it.
set -euo pipefail
cd "$(dirname "$0")/.."

PROPERDOCS=properdocs==1.6.7
ENGINE_TESTS=(tests/test_engines.py tests/test_build.py tests/test_contributing_serve.py tests/test_hostile.py
              tests/test_fulltext.py tests/test_finding.py tests/test_real_site.py tests/test_links.py
              tests/test_links_real.py tests/test_late_body_check.py)
engine="${CASEBOOK_ENGINE:-}"
case "$engine" in ""|mkdocs|properdocs) ;; *) echo "CASEBOOK_ENGINE is mkdocs or properdocs" >&2; exit 2;; esac

step() { printf '\n== %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

step "Python packages (.venv)"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test]'

if [ "$engine" != mkdocs ]; then
  step "Python packages (.venv-properdocs): ProperDocs, with MkDocs removed so that nothing runs it there"
  [ -x .venv-properdocs/bin/python ] || python3 -m venv .venv-properdocs
  .venv-properdocs/bin/pip install --quiet --disable-pip-version-check -e '.[test]' "$PROPERDOCS"
  .venv-properdocs/bin/pip uninstall --quiet --yes mkdocs  # required by Material and the casebook; ProperDocs stands in
fi

step "Chromium for the browser tests (Debian's package; Playwright's own download cannot work offline)"
if ! command -v chromium >/dev/null 2>&1; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
chromium --version

step "Node tools: axe-core (accessibility), vnu-jar (W3C HTML checker), yaml-language-server (editor support)"
command -v java >/dev/null 2>&1 || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
(cd tests && npm install --no-audit --no-fund --silent)

if [ "$engine" != properdocs ]; then
  step "Tests on MkDocs"
  .venv/bin/pytest "$@"
fi
if [ "$engine" = properdocs ] || { [ -z "$engine" ] && [ $# = 0 ]; }; then
  step "Build and serve tests on ProperDocs (CASEBOOK_ENGINE=properdocs)"
  [ $# -gt 0 ] || set -- "${ENGINE_TESTS[@]}"  # the arguments only with CASEBOOK_ENGINE=properdocs
  CASEBOOK_ENGINE=properdocs .venv-properdocs/bin/pytest "$@"
fi
