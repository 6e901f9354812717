"""The search index, with Pagefind: the last build step, over the finished site.

It runs on the new site's folder before that folder replaces the old one, so a failed
index leaves the old site as it was. The index is an enhancement: pages work without
it, and the preview server does without it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ..problems import BuildFailed, Problem, display_path


def index_for_search(site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind"],
        capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildFailed([Problem(display_path(site), 1, 1, "the search index failed: "
                                   + (result.stderr or result.stdout).strip()[-500:])])
    _sort_languages(site / "pagefind" / "pagefind-entry.json")


def _sort_languages(entry: Path) -> None:
    """Pagefind lists the languages in a hash map's order, which changes from run to
    run; sorted, the same content gives the same bytes."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                     encoding="utf-8")
