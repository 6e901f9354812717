"""Where a full build's time goes, per phase and per page, at several sizes.

    .venv/bin/python benchmarks/phases.py 1000 5000 10000 20000
    .venv/bin/python benchmarks/phases.py 5000 --living

Each size is the synthetic briefing of `benchmarks/synthetic.py`
(N actors, 2N events, N/20 issues, N/50 articles), generated once into
$BENCH_WORK (default /tmp/briefing-bench) and built in a new process, output on
tmpfs. The phases are timed by wrapping the pipeline's functions from outside, so the
pipeline carries no timing code. If each phase's time per page stays flat from 1,000
to 20,000 actors, no step grows faster than the briefing (cross-references, quote
search in articles, sorting, the positions matrix are all inside these phases).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402  (a sibling file, not a package)

WORK = Path(os.environ.get("BENCH_WORK", "/tmp/briefing-bench"))
OUT = Path("/dev/shm" if Path("/dev/shm").is_dir() else WORK) / "briefing-phases"
PHASES = ("read", "markdown", "articles", "link", "fragments", "pages", "search")


def measure(content: Path, out: Path) -> dict[str, float]:
    """One build in this process, timed phase by phase."""
    import briefing.linking.linker as linker
    import briefing.linking.loading as loading
    import briefing.output.render as render
    import briefing.pipeline as pipeline
    from briefing.cli import collector

    times: dict[str, float] = {}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                times[name] = times.get(name, 0) + time.perf_counter() - started
        return wrapper

    loading.fill_in_shares = timed("markdown", loading.fill_in_shares)
    linker.fill_in_shares = timed("articles", linker.fill_in_shares)
    loading.read_content = timed("read", loading.read_content)
    link = linker.Linker.link
    linker.Linker.link = lambda self: timed("link", link)(self)
    fragments = render.Renderer.render_fragments
    render.Renderer.render_fragments = lambda self, *a: timed("fragments", fragments)(self, *a)
    pipeline.share_out = timed("pages", pipeline.share_out)
    index = timed("search", pipeline.index_for_search)

    def search(*args, **kwargs):  # our processes' peak, before Pagefind's joins the children's
        times["own_peak_mib"] = peak()
        index(*args, **kwargs)
    pipeline.index_for_search = search
    started = time.perf_counter()
    with collector.paused():  # as the command line builds
        _, written = pipeline.build(content, out, ROOT / "templates")
    times["total"] = time.perf_counter() - started
    times["link"] -= times.get("articles", 0)  # articles are made inside linking
    times["pages_written"] = written
    times["peak_mib"] = peak()
    return times


def peak() -> float:
    """The largest resident size of this process or any it waited for, in MiB."""
    import resource

    return max(resource.getrusage(who).ru_maxrss for who in (
        resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024


def content_of(size: int, living: bool = False) -> Path:
    folder = WORK / f"content-{size}{'-living' if living else ''}"
    if not (folder / "content" / "briefing.yaml").is_file():
        synthetic.write(size, folder / "content")
        if living:
            synthetic.live(folder / "content", size)
    return folder / "content"


def main(sizes: list[int], living: bool = False) -> None:
    rows = []
    for size in sizes:
        content = content_of(size, living)
        result = subprocess.run(
            [sys.executable, __file__, "--one", str(content), str(OUT / str(size))],
            check=True, capture_output=True, text=True, cwd=ROOT)
        times = json.loads(result.stdout)
        pages = sum(1 for _ in (OUT / str(size)).rglob("*.html")) - sum(
            1 for _ in (OUT / str(size) / "pagefind").rglob("*.html"))
        rows.append((size, pages, times))
    print("| actors | pages | " + " | ".join(PHASES)
          + " | total | ms/page | without search | peak MiB | peak without search |")
    print("| ---: " * (len(PHASES) + 7) + "|")
    for size, pages, t in rows:
        cells = [f"{t.get(p, 0):.2f}" for p in PHASES]
        print(f"| {size:,} | {pages:,} | " + " | ".join(cells)
              + f" | {t['total']:.2f} | {1000 * t['total'] / pages:.2f}"
              f" | {t['total'] - t.get('search', 0):.2f} | {t['peak_mib']:.0f}"
              f" | {t.get('own_peak_mib', t['peak_mib']):.0f} |")
    print("\nms per page, per phase:")
    print("| actors | " + " | ".join(PHASES) + " |")
    print("| ---: " * (len(PHASES) + 1) + "|")
    for size, pages, t in rows:
        print(f"| {size:,} | " + " | ".join(f"{1000 * t.get(p, 0) / pages:.3f}" for p in PHASES)
              + " |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(measure(Path(sys.argv[2]), Path(sys.argv[3]))))
    else:
        living = "--living" in sys.argv  # with a change log, stance histories and claims
        main([int(arg) for arg in sys.argv[1:] if arg != "--living"] or [1000, 5000], living)
