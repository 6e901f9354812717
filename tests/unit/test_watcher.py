"""The preview's watcher, on a real folder and the system's real notifications: one
rebuild for a save, however many files it writes; hidden files are no change; closing
it ends its thread."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from briefing.editor.watch import CLOSING_SECONDS, Watcher

Seen = list[set[str]]


def watching(tmp_path: Path, test: Callable[[Watcher, Seen, Path], Awaitable[None]]) -> None:
    """Run `test` with a watcher of tmp_path/content started and ready."""
    content = tmp_path / "content"
    (content / "actors").mkdir(parents=True)
    seen: Seen = []

    async def run() -> None:
        watcher = Watcher([content, tmp_path / "missing"], seen.append)
        watcher.start()
        try:
            await until_ready(content, seen)
            await test(watcher, seen, content)
        finally:
            await watcher.close()

    asyncio.run(run())


async def until_ready(content: Path, seen: Seen) -> None:
    """Save a file until the watcher tells of it (it starts on its own thread)."""
    probe = content / "probe.yaml"
    for n in range(200):
        probe.write_text(f"n: {n}\n")
        await asyncio.sleep(0.05)
        if seen:
            await asyncio.sleep(0.1)
            seen.clear()
            return
    raise AssertionError("the watcher never saw a save")


async def next_change(seen: Seen, within: float = 5.0) -> set[str]:
    deadline = time.monotonic() + within
    while not seen:
        assert time.monotonic() < deadline, "no change seen"
        await asyncio.sleep(0.005)
    await asyncio.sleep(0.2)  # anything more would show now
    assert len(seen) == 1, seen
    return seen.pop()


def files(paths: set[str]) -> set[str]:
    """The paths that are not folders (polling also tells of the folder holding a file)."""
    return {path for path in paths if not Path(path).is_dir()}


@pytest.mark.parametrize("polling", [False, True], ids=["notified", "polling"])
def test_a_save_of_two_files_is_one_change_with_both(tmp_path: Path, polling: bool,
                                                     monkeypatch: pytest.MonkeyPatch):
    if polling:  # what the guide offers where the system cannot tell of saves
        monkeypatch.setenv("WATCHFILES_FORCE_POLLING", "1")

    async def test(_watcher: Watcher, seen: Seen, content: Path) -> None:
        (content / "actors" / "a.yaml").write_text("name: A\n")
        (content / "chronology.yaml").write_text("[]\n")
        assert files(await next_change(seen)) == {str(content / "actors" / "a.yaml"),
                                                  str(content / "chronology.yaml")}
        (content / "actors" / "a.yaml").unlink()  # a removed file is a change too
        assert files(await next_change(seen)) == {str(content / "actors" / "a.yaml")}

    watching(tmp_path, test)


def test_a_change_is_seen_soon_after_the_save(tmp_path: Path):
    async def test(_watcher: Watcher, seen: Seen, content: Path) -> None:
        saved = time.monotonic()
        (content / "actors" / "a.yaml").write_text("name: A\n")
        while not seen:
            await asyncio.sleep(0.001)
        # about 10 ms (QUIET_MS); a scan of every file every 40 ms took 40-60
        assert time.monotonic() - saved < 0.5

    watching(tmp_path, test)


def test_hidden_files_and_folders_are_no_change(tmp_path: Path):
    async def test(_watcher: Watcher, seen: Seen, content: Path) -> None:
        (content / ".a.yaml.swp").write_text("x")
        (content / ".git").mkdir()
        (content / ".git" / "index").write_text("x")
        await asyncio.sleep(0.3)
        assert seen == []
        (content / "actors" / "b.yaml").write_text("name: B\n")
        assert await next_change(seen) == {str(content / "actors" / "b.yaml")}

    watching(tmp_path, test)


def test_closing_ends_the_watch_at_once(tmp_path: Path):
    async def test(watcher: Watcher, _seen: Seen, _content: Path) -> None:
        began = time.monotonic()
        await watcher.close()
        assert watcher.task is not None and watcher.task.done()
        assert time.monotonic() - began < CLOSING_SECONDS / 2

    watching(tmp_path, test)
