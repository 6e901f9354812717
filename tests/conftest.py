"""Fixtures every kind of test may use (tiny briefings, the seed built once), and the
markers each test takes from its folder: tests/unit, tests/process, tests/browser.
Nothing here needs a browser: Playwright is imported by tests/browser/conftest.py only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.common import ROOT, minimal, run_cli, serve_like_pages, write_content

KINDS = ("unit", "process", "browser")
# Fixtures that build something slow (a newsroom's repository and its editions, a day of
# edits, a served site) for tests of two kinds: registered here once, session-scoped, so
# that the process and the browser tests share one build, as they did in one module.
pytest_plugins = ["tests.helpers.crawl", "tests.helpers.editions", "tests.helpers.feeds",
                  "tests.helpers.newsroom_day", "tests.helpers.translations"]


@pytest.fixture(scope="session")
def seed_server(seed_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The strictly built seed, served under /briefing-site/; yields that URL."""
    root = tmp_path_factory.mktemp("www")
    (root / "briefing-site").symlink_to(seed_site, target_is_directory=True)
    with serve_like_pages(root, seed_site / "404.html") as origin:
        yield origin + "/briefing-site/"


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A minimal briefing in tmp_path/content, with tmp_path as the current folder."""
    monkeypatch.chdir(tmp_path)
    return write_content(tmp_path, minimal())


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed briefing built once, strictly, for a site at a sub-path."""
    out = tmp_path_factory.mktemp("seed") / "site"
    result = run_cli("build", "--strict", "--out", str(out),
                     "--base-url", "https://example.github.io/briefing-site/", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each test is marked by its folder (`unit`, `process` or `browser`), so that
    `-m "not process and not browser"` still picks what runs in-process without Chromium
    (mutation testing leaves the other two out)."""
    tests = Path(__file__).resolve().parent
    for item in items:
        path = Path(item.path).resolve()
        if tests in path.parents and path.relative_to(tests).parts[0] in KINDS:
            item.add_marker(getattr(pytest.mark, path.relative_to(tests).parts[0]))


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    """Test ids of plain characters: an id with '/', '.', '#' or ':' in it (a URL, a time)
    cannot be asked for again by id, as the mutation tool does to run a test."""
    if isinstance(val, str):
        return re.sub(r"[^\w-]+", "_", val).strip("_")[:40] or "blank"
    return None
