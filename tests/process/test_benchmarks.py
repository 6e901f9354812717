"""The benchmark kit's own parts, from a fresh clone: the synthetic briefing is valid by
the content format, the same from run to run, and shaped as documented; the Python
floor builds it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers.common import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

sys.path.insert(0, str(ROOT / "benchmarks" / "peers"))


def test_the_rebuild_benchmark_builds_from_the_cache_the_same_bytes(tmp_path: Path):
    """rebuild.py on a small briefing: it runs from a fresh clone, and its last rebuild
    from the cache is byte for byte a cold build (it fails otherwise)."""
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "rebuild.py"), "60",
                           "--runs", "1"], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "BENCH_WORK": str(tmp_path)})
    assert done.returncode == 0, done.stdout + done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith(("| off", "| on"))]
    assert len(rows) == 2 and "not the same" not in done.stdout
