#!/usr/bin/env bash
# Install everything the tests need, then lint, hold the site to its Lighthouse budget
# and run the test suite. Usage: bash scripts/test.sh [pytest options]
#
# Installs: a virtual environment in .venv with the project and its test extras;
# Debian's Chromium for the browser tests (never a browser downloaded by Playwright),
# unless CHROMIUM_PATH names another Chromium-based browser (as on GitHub's runners);
# Java for the Nu HTML Checker; and, with npm, the checker, Lighthouse and the forms' CMS
# (package.json, package-lock.json). Lints the code (ruff), and the workflows and
# Dependabot's settings with zizmor's pedantic persona (offline: its online audits need a
# GitHub token), suppressing nothing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

need=()
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then need+=(chromium); fi
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing ${need[*]} for the tests" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
npm ci --no-audit --no-fund --loglevel=error
.venv/bin/ruff check .
.venv/bin/zizmor --persona pedantic --offline .github/
.venv/bin/python scripts/lighthouse.py
.venv/bin/python -m pytest "$@"
