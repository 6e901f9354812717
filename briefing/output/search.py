"""The search index, with Pagefind: the last build step, over the finished site.

It runs on the new site's folder before that folder replaces the old one, so a failed
index leaves the old site as it was. The index is an enhancement: pages work without
it, and the preview server does without it.
"""

from __future__ import annotations

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
