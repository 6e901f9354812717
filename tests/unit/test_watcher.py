"""The preview's watcher, on a real folder and the system's real notifications: one
rebuild for a save, however many files it writes; hidden files are no change; closing
it ends its thread."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from briefing.editor.watch import CLOSING_SECONDS, Watcher

Seen = list[set[str]]


def watching(tmp_path: Path, test: Callable[[Watcher, Seen, Path], Awaitable[None]],
             on_change: Callable[[set[str]], None] | None = None) -> None:
    """Run `test` with a watcher of tmp_path/content started and ready, given by a
    linked folder (as a content folder on macOS's /tmp is: the system tells of the real
    path); what the watcher tells of is in `seen`, then given to `on_change`."""
    real = tmp_path / "real"
    (real / "actors").mkdir(parents=True)
    content = tmp_path / "content"
    content.symlink_to(real, target_is_directory=True)
    seen: Seen = []

    def seeing(paths: set[str]) -> None:
        seen.append(paths)
        if on_change is not None:
            on_change(paths)

    async def run() -> None:
        watcher = Watcher([content, tmp_path / "missing"], seeing)
        watcher.start()
        try:
            await until_ready(content, seen)
            await test(watcher, seen, real)
        finally:
            await watcher.close()

    apart(run)


def apart(run: Callable[[], Awaitable[None]]) -> None:
    """asyncio.run(run()) on a thread of its own: the browser tests' Playwright keeps an
    event loop running on this one."""
    failed: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(run())  # type: ignore[arg-type]
        except BaseException as exc:  # noqa: BLE001  (raised again on the test's thread)
            failed.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "the watcher's test did not end"
    if failed:
        raise failed[0]


async def until_ready(content: Path, seen: Seen) -> None:
    """Save a file until the watcher tells of it (it starts on its own thread)."""
    probe = content / "probe.yaml"
    for n in range(200):
        probe.write_text(f"n: {n}\n")
        await asyncio.sleep(0.05)
        if seen:  # what the probe's last saves still make known (polling: 300 ms)
            await asyncio.sleep(0.5)
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
    """The paths that are not folders (polling also tells of the folder holding a file)
    nor the probe that found the watcher ready."""
    return {path for path in paths if not Path(path).is_dir() and "probe" not in path}


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


def test_a_failed_rebuild_does_not_stop_the_watching(tmp_path: Path, capsys):
    def rebuild(paths: set[str]) -> None:
        if any(path.endswith("a.yaml") for path in paths):
            raise RuntimeError("a bug in a rebuild")

    async def test(_watcher: Watcher, seen: Seen, content: Path) -> None:
        (content / "actors" / "a.yaml").write_text("name: A\n")
        assert files(await next_change(seen)) == {str(content / "actors" / "a.yaml")}
        (content / "actors" / "b.yaml").write_text("name: B\n")  # the next save is seen
        assert files(await next_change(seen)) == {str(content / "actors" / "b.yaml")}

    watching(tmp_path, test, rebuild)
    assert "RuntimeError: a bug in a rebuild" in capsys.readouterr().err  # said
