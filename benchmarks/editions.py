"""What editions cost a deploy, which keeps nothing between runs: a repository with N
edition tags of the seed briefing; every edition built by its own code, as the
workflow's editions job does (`editions --build-only`, an environment made first), then
published into the live site as the build job does (`editions --built`); and, as an
editor's second run on their computer, published again from the cache.

    .venv/bin/python benchmarks/editions.py 20

Uses the project's own files (copied into a scratch repository); the first run needs the
package index, to make the editions' environment from requirements.lock.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ["briefing", "templates", "content", "build.py", "pyproject.toml", "requirements.lock"]


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("editions", type=int, nargs="?", default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefing-editions-") as scratch:
        repo = Path(scratch) / "newsroom"
        repo.mkdir()
        for name in PROJECT:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, repo / name,
                                ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
            else:
                shutil.copy2(source, repo / name)
        git(repo, "init", "-q", "-b", "main")
        git(repo, "-c", "user.email=b@example.org", "-c", "user.name=B", "add", "-A")
        for n in range(args.editions):
            git(repo, "-c", "user.email=b@example.org", "-c", "user.name=B", "commit", "-q",
                "--allow-empty", "-m", f"edition {n}")
            git(repo, "tag", f"edition-2025-05-{1 + n // 9:02d}" + (f"-{n % 9 + 1}"
                                                                   if n % 9 else ""))
        run = [sys.executable, str(ROOT / "build.py")]
        subprocess.run([*run, "build", "--out", "site"], cwd=repo, check=True,
                       capture_output=True)
        steps = {"the editions job: every edition built": ["--build-only", "built"],
                 "the build job: publishing them": ["--out", "site", "--built", "built"],
                 "on a computer, again, from the cache": ["--out", "site"]}
        timings = []
        for label, options in steps.items():
            started = time.perf_counter()
            done = subprocess.run([*run, "editions", *options], cwd=repo,
                                  capture_output=True, text=True)
            timings.append(time.perf_counter() - started)
            if done.returncode != 0 or "left out" in done.stderr:
                raise SystemExit(done.stderr)
            print(f"{label}: {timings[-1]:.2f} s", file=sys.stderr)
        pages = sum(1 for _ in (repo / "site" / "editions").rglob("*.html"))
        print(f"{args.editions} editions ({pages} pages): a deploy builds them in "
              f"{timings[0]:.2f} s (beside the tests) and publishing them adds "
              f"{timings[1]:.2f} s")


if __name__ == "__main__":
    main()
