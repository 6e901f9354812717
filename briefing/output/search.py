"""The search index, with Pagefind: the last build step, over the finished site.

It runs on the new site's folder before that folder replaces the old one, so a failed
index leaves the old site as it was. The index is an enhancement: pages work without
it, and the preview server does without it.

Each language gets an index of its own, in its own folder (`pagefind/`, `uk/pagefind/`),
made by its own Pagefind process, all at once: a reader searches their language alone,
and the two cores share the work (one Pagefind run over every language uses about one
and a half).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Collection
from pathlib import Path

from ..problems import BuildFailed, Problem, display_path


def index_for_search(site: Path, translations: tuple[str, ...] = (),
                     unindexed: Collection[str] = ()) -> None:
    """`translations`: the folders of the translated sites ('uk/', 'ru/'), which the
    original's index leaves out; `unindexed`: folders of each site whose pages are
    never indexed (noindex: the cards, the forms), which Pagefind would read for nothing
    (at 1,000 actors the cards took a tenth of its time)."""
    left_out = {folder.strip("/") for folder in unindexed}
    runs = [(site, indexed_pages(site, left_out | {p.strip("/") for p in translations}))]
    runs += [(site / prefix, indexed_pages(site / prefix, left_out)) for prefix in translations]
    running = [subprocess.Popen(
        [sys.executable, "-m", "pagefind", "--site", str(root), "--output-subdir", "pagefind",
         "--glob", glob], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for root, glob in runs]
    failed = [output for process in running
              if (output := process.communicate()[0]) is not None and process.returncode != 0]
    if failed:
        raise BuildFailed([Problem(display_path(site), 1, 1, "the search index failed: "
                                   + failed[0].strip()[-500:])])


def indexed_pages(root: Path, left_out: set[str]) -> str:
    """A glob of the pages Pagefind reads: every folder and page at the top of `root`
    but the folders `left_out`."""
    tops = sorted(entry.name + ("/**/*.html" if entry.is_dir() else "")
                  for entry in root.iterdir() if entry.name not in left_out
                  and (entry.is_dir() or entry.suffix == ".html"))
    return "{" + ",".join(tops) + "}"
