"""Watching content/ and templates/ for saves, by the system's own notifications
(inotify, FSEvents, ReadDirectoryChangesW, through watchfiles): a save is seen at once,
and a preview left open uses next to nothing while nobody edits. Scanning the folders
every 40 ms, as the preview did before, took about 20 ms a scan at 5,000 actors: half a
core spent while nothing happened, and a scan's wait before each rebuild and after it.
Where notifications do not reach (a folder shared into a container, some network
disks), WATCHFILES_FORCE_POLLING=1 makes watchfiles scan instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from watchfiles import Change, awatch

from ..problems import printable

QUIET_MS = 20  # a save writing several files is one rebuild, once they are this quiet
CLOSING_SECONDS = 2.0  # the most the watcher may take to stop


class Watcher:
    """Calls `on_change` with the paths a save changed, on the running loop, once they
    are quiet; hidden files and folders (an editor's swap file, .git) are not changes."""

    def __init__(self, folders: list[Path], on_change: Callable[[set[str]], None]):
        # Resolved: the system tells of a file by its real path (macOS, a linked folder)
        self.folders = [Path(os.path.realpath(folder)) for folder in folders
                        if folder.is_dir()]
        self.on_change = on_change
        self.stopping = threading.Event()  # read by watchfiles' own thread
        self.task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Watch from now on, on the running loop."""
        self.task = asyncio.get_running_loop().create_task(self.watch())
        self.task.add_done_callback(stopped)

    async def watch(self) -> None:
        async for changes in awatch(*self.folders, watch_filter=self.shown, step=QUIET_MS,
                                    stop_event=self.stopping):
            try:
                self.on_change({path for _, path in changes})
            except Exception:  # a bug in a rebuild: said, and the next save tried again
                traceback.print_exc(file=sys.stderr)

    def shown(self, _change: Change, path: str) -> bool:
        """Whether no part of `path` below its watched folder is hidden (starts with a dot)."""
        found = Path(path)
        for folder in self.folders:
            if found.is_relative_to(folder):
                return not any(part.startswith(".") for part in found.relative_to(folder).parts)
        return False

    async def close(self) -> None:
        """Stop watching; returns once watchfiles' thread has ended (or after a while).
        Why it ended, if it failed, was said when it did (`stopped`)."""
        self.stopping.set()
        if self.task is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(self.task, CLOSING_SECONDS)


def stopped(task: asyncio.Task[None]) -> None:
    """Say so if watching failed (the system's limit of watched folders reached, a
    folder removed): the preview serves on, but no longer sees saves."""
    if not task.cancelled() and task.exception() is not None:
        print(printable(f"python build.py serve: error: saves are no longer watched "
                        f"({task.exception()}): restart the preview"),
              file=sys.stderr, flush=True)
