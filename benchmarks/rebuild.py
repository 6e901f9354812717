"""A rebuild after one edit, with the last site and a cache kept (`build --cache`),
against a cold build, at one size, with and without the search index.

    .venv/bin/python benchmarks/rebuild.py 5000 [--runs 3]

The synthetic briefing of `synthetic.py` is copied (it is edited), then for each of
`--no-search` and search: a cold build without the cache (the reference), a first build
with the cache (which writes it), then `runs` times: one actor's summary edited, a
rebuild with the cache, timed. Each is `build.py build` in a new process, output on
tmpfs. The last rebuild's site is compared, file by file, with a cold build of the
edited content: they must be the same bytes (Pagefind's files aside, which it does not
write the same way twice).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402  (a sibling file, not a package)
from run import python_as_usual  # noqa: E402

WORK = Path(os.environ.get("BENCH_WORK", "/tmp/briefing-bench"))
OUT = Path("/dev/shm" if Path("/dev/shm").is_dir() else WORK) / "briefing-rebuild"


def timed_build(content: Path, out: Path, search: bool, cache: Path | None) -> float:
    args = [sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
            "--out", str(out), *([] if search else ["--no-search"]),
            *(["--cache", str(cache)] if cache else [])]
    started = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file() and "pagefind" not in p.parts}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("size", type=int)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    python_as_usual()  # compiled modules kept, as Python does by default (run.py)
    source = WORK / f"content-{args.size}" / "content"
    if not (source / "briefing.yaml").is_file():
        synthetic.write(args.size, source)
    shutil.rmtree(OUT, ignore_errors=True)
    content = OUT / "content"
    shutil.copytree(source, content)
    actors = sorted((content / "actors").iterdir())
    print(f"{args.size:,} actors, {os.cpu_count()} cores, median of {args.runs}")
    print("| search index | cold build | first build with the cache | rebuild after one "
          "edit | rebuild / cold |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for search in (False, True):
        shutil.rmtree(OUT / "cold", ignore_errors=True)
        cold = timed_build(content, OUT / "cold", search, None)
        shutil.rmtree(OUT / "cache", ignore_errors=True)
        shutil.rmtree(OUT / "site", ignore_errors=True)
        first = timed_build(content, OUT / "site", search, OUT / "cache")
        rebuilds = []
        for run in range(args.runs):
            actor = actors[(run * 7919 + (1 if search else 0)) % len(actors)]
            actor.write_text(actor.read_text().replace("summary: |\n  ",
                                                       f"summary: |\n  Edit {run}. ", 1))
            rebuilds.append(timed_build(content, OUT / "site", search, OUT / "cache"))
        shutil.rmtree(OUT / "check", ignore_errors=True)
        timed_build(content, OUT / "check", search, None)
        same = files(OUT / "site") == files(OUT / "check")
        rebuild = statistics.median(rebuilds)
        print(f"| {'on' if search else 'off'} | {cold:.2f} s | {first:.2f} s | {rebuild:.2f} s "
              f"| {rebuild / cold:.0%} |" + ("" if same else " **not the same bytes**"))
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
