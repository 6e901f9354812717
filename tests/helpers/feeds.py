"""Helpers of the feeds tests, shared by tests of more than one kind or file."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from tests.helpers.common import ROOT, run_cli, serve_like_pages

UPDATE = """
- id: ceasefire-refused
  at: 2025-05-12
  kind: update
  summary: Russia did not accept the ceasefire.
  affects: [event:2025-05-12-the-proposed-30-day-ceasefire-not-accepted-by-russia]
"""
EVENT = "2025-05-12-the-proposed-30-day-ceasefire-not-accepted-by-russia"


@pytest.fixture(scope="session")
def unaddressed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seed with a change to an event, built with no base URL (as a local build is),
    served under a sub-path; yields the site's URL."""
    root = tmp_path_factory.mktemp("feeds")
    shutil.copytree(ROOT / "content", root / "content")
    with open(root / "content" / "changes.yaml", "a", encoding="utf-8") as log:
        log.write(UPDATE)
    result = run_cli("build", "--out", "www/site", "--no-search", cwd=root)
    assert result.returncode == 0, result.stderr
    with serve_like_pages(root / "www", root / "www" / "site" / "404.html") as url:
        yield f"{url}/site/"
