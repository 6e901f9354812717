#!/usr/bin/env bash
# Install everything the tests need, then lint and run the test suite.
# Usage: bash scripts/test.sh [pytest options]
#
# Installs: a virtual environment in .venv with the project and its test extras, and
# Debian's Chromium for the browser tests (never a browser downloaded by Playwright),
# unless CHROMIUM_PATH names another Chromium-based browser (as on GitHub's runners).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "installing Debian's chromium for the browser tests" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "scripts/test.sh: Chromium is missing: run 'sudo apt-get install chromium'" >&2
    exit 1
  fi
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
