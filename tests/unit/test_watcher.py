"""The preview's watcher: one rebuild for a burst of saves, started once the files the
burst changed are quiet, without waiting for another scan of every folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from briefing.editor.serve import QUIET_SECONDS, Watcher


class Clock:
    """Callbacks asked for later, run when the test says."""

    def __init__(self) -> None:
        self.waiting: list[tuple[float, Callable[[], None]]] = []

    def later(self, seconds: float, callback: Callable[[], None]) -> None:
        self.waiting.append((seconds, callback))

    def run(self) -> None:
        waiting, self.waiting = self.waiting, []
        for _, callback in waiting:
            callback()


def watching(tmp_path: Path) -> tuple[Watcher, Clock, list[set[str]]]:
    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / "a.yaml").write_text("name: A\n")
    clock, rebuilds = Clock(), []
    return Watcher([tmp_path], rebuilds.append, clock.later), clock, rebuilds


def test_a_save_is_rebuilt_once_its_file_is_quiet(tmp_path: Path):
    watcher, clock, rebuilds = watching(tmp_path)
    watcher.poll()
    assert not clock.waiting and not rebuilds  # nothing changed
    (tmp_path / "actors" / "a.yaml").write_text("name: A B\n")
    watcher.poll()
    assert [seconds for seconds, _ in clock.waiting] == [QUIET_SECONDS]
    watcher.poll()  # a poll while waiting asks for no second rebuild
    assert len(clock.waiting) == 1 and not rebuilds
    clock.run()
    assert rebuilds == [{str(tmp_path / "actors" / "a.yaml")}]
    assert not clock.waiting


def test_a_file_still_being_written_waits_and_the_burst_is_one_rebuild(tmp_path: Path):
    watcher, clock, rebuilds = watching(tmp_path)
    (tmp_path / "actors" / "a.yaml").write_text("name: A B\n")
    watcher.poll()
    (tmp_path / "actors" / "a.yaml").write_text("name: A B C\n")  # written again
    clock.run()
    assert not rebuilds and len(clock.waiting) == 1  # it looks again later
    (tmp_path / "actors" / "b.yaml").write_text("name: B\n")  # the same save's second file
    watcher.poll()
    assert len(clock.waiting) == 1
    clock.run()
    assert rebuilds == [{str(tmp_path / "actors" / name) for name in ("a.yaml", "b.yaml")}]
    watcher.poll()  # what settling saw is what the next scan finds: no rebuild again
    assert not clock.waiting


def test_a_removed_file_is_a_change(tmp_path: Path):
    watcher, clock, rebuilds = watching(tmp_path)
    (tmp_path / "actors" / "a.yaml").unlink()
    watcher.poll()
    clock.run()
    assert rebuilds == [{str(tmp_path / "actors" / "a.yaml")}]
