"""`build.py check` on the seed, as an editor's save hook runs it: wall time of the whole
process, median of `--runs`.

    .venv/bin/python benchmarks/check.py [--runs 20]

Python runs as it does by default, its compiled bytecode kept (run.py says why); the
same with every module compiled at each run (no bytecode kept or found) beside it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(env: dict[str, str], runs: int) -> float:
    walls = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "build.py"), "check"], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        walls.append(time.perf_counter() - started)
    return statistics.median(walls)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    usual = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "briefing"),
                    str(ROOT / "build.py")], check=True, env=usual)
    start = timed(usual, args.runs)
    started = time.perf_counter()
    for _ in range(args.runs):
        subprocess.run([sys.executable, "-c", "pass"], check=True, env=usual)  # the floor
    floor = (time.perf_counter() - started) / args.runs
    with tempfile.TemporaryDirectory() as empty:  # no compiled module to be found there
        compiled = timed({**usual, "PYTHONDONTWRITEBYTECODE": "1",
                          "PYTHONPYCACHEPREFIX": empty}, args.runs)
    print(f"build.py check on the seed: {start:.3f} s (median of {args.runs}; Python's own "
          f"start {floor:.3f} s); compiling every module at each run: {compiled:.3f} s")


if __name__ == "__main__":
    main()
