"""State belongs to whoever owns it: the command line, which owns the process, pauses
Python's garbage collector around a build; the library called by a program leaves the
collector as it is; the preview's log handler replaces tornado's, never adds one."""

from __future__ import annotations

import gc
import logging
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.cli import main
from briefing.editor.liveserver import log_to_terminal
from briefing.pipeline import build
from tests.helpers.common import SEED, TEMPLATES


@contextmanager
def collections() -> Iterator[list[int]]:
    """The generations the collector swept meanwhile, one entry a sweep."""
    swept: list[int] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            swept.append(info["generation"])

    gc.callbacks.append(note)
    try:
        yield swept
    finally:
        gc.callbacks.remove(note)


def seed_copy(tmp_path: Path) -> Path:
    shutil.copytree(SEED, tmp_path / "content")
    return tmp_path / "content"


def swept_during(run: Callable[[], object]) -> list[int]:
    assert gc.isenabled()
    with collections() as swept:
        run()
    assert gc.isenabled()  # on again after, whoever paused it
    return swept


def test_the_command_line_pauses_the_collector_around_a_build(tmp_path: Path):
    """The library's build lets the collector sweep as it goes; the same build by the
    command line, which pauses it, sees only the sweeps of its own work before and after
    the build (reading its arguments, counting the files written)."""
    content = seed_copy(tmp_path)
    by_library = swept_during(lambda: build(content, tmp_path / "a", TEMPLATES, search=False))
    out = tmp_path / "b"
    by_command = swept_during(lambda: main(["build", "--content", str(content), "--out",
                                            str(out), "--no-search", "--templates",
                                            str(TEMPLATES)]))
    assert (out / "index.html").is_file()
    assert len(by_library) >= 10 and len(by_command) <= len(by_library) // 5


def test_the_previews_log_handler_replaces_tornados_never_adds_one():
    tornado_log = logging.getLogger("tornado")
    kept = tornado_log.handlers[:], tornado_log.level, tornado_log.propagate
    try:
        log_to_terminal()
        first = tornado_log.handlers[:]
        log_to_terminal()
        assert len(first) == 1 and len(tornado_log.handlers) == 1
        assert tornado_log.handlers[0] is not first[0]
    finally:
        tornado_log.handlers[:], tornado_log.level, tornado_log.propagate = kept
