"""Helpers of the crawl tests, shared by tests of more than one kind or file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.common import ROOT, run_cli, serve_like_pages

SITES = {  # mount on the test server → the --base-url the site is built for
    "/briefing-site/": "https://example.github.io/briefing-site/",  # GitHub project pages
    "/": "https://briefing.example.org/",  # a custom domain
}


@pytest.fixture(scope="session", params=list(SITES), ids=["sub-path", "root"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[str, str, Path]]:
    """(server origin, mount, site folder): the seed built for SITES[mount], served there."""
    mount = request.param
    root = tmp_path_factory.mktemp("www")
    out = root / mount.strip("/") if mount != "/" else root / "site"
    result = run_cli("build", "--strict", "--out", str(out), "--base-url", SITES[mount],
                     cwd=ROOT)
    assert result.returncode == 0, result.stderr
    with serve_like_pages(out if mount == "/" else root, out / "404.html") as origin:
        yield origin, mount, out
