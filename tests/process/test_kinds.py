"""The tests by kind: tests/unit needs no browser (collected with Playwright made
unimportable), and every test is marked by its folder, so that `-m "not process and not
browser"` (mutation testing) picks exactly tests/unit."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.helpers.common import ROOT


def collect(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "--collect-only", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_unit_tests_are_collected_without_playwright(tmp_path: Path):
    blocked = tmp_path / "blocked" / "playwright"
    blocked.mkdir(parents=True)
    (blocked / "__init__.py").write_text('raise ImportError("no Playwright here")\n')
    env = {**os.environ, "PYTHONPATH": str(blocked.parent)}
    probe = subprocess.run([sys.executable, "-c", "import playwright"], env=env,
                           capture_output=True, text=True)
    assert "no Playwright here" in probe.stderr  # the block holds
    unit = collect("tests/unit", env=env)
    assert unit.returncode == 0, unit.stdout[-3000:] + unit.stderr[-3000:]
    assert int(re.search(r"(\d+) tests? collected", unit.stdout)[1]) > 500
    browser = collect("tests/browser", env=env)  # the same block does stop browser tests
    assert browser.returncode != 0 and "no Playwright here" in browser.stdout + browser.stderr


def test_each_folder_gives_its_marker():
    counts = {}
    for kind in ("unit", "process", "browser"):
        ran = collect(f"tests/{kind}", "-m", kind)
        assert ran.returncode == 0, ran.stdout[-3000:]
        counts[kind] = int(re.search(r"(\d+) tests? collected", ran.stdout)[1])
        assert "deselected" not in ran.stdout  # every test there has its folder's marker
    fast = collect("-m", "not process and not browser")
    assert re.search(rf"{counts['unit']}/\d+ tests collected", fast.stdout), fast.stdout[-500:]
