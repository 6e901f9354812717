"""Watching content/ and templates/ for saves, by the system's own notifications
(inotify, FSEvents, ReadDirectoryChangesW, through watchfiles): a save is seen at once,
and a preview left open costs nothing while nobody edits. Scanning the folders every
40 ms, as the preview did before, took about 20 ms a scan at 5,000 actors: half a core
spent while nothing happened, and a scan's wait before each rebuild and after it.
Where notifications do not reach (a folder shared into a container, some network
disks), WATCHFILES_FORCE_POLLING=1 makes watchfiles scan instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import Change, awatch

QUIET_MS = 10  # a save writing several files is one rebuild, once they are this quiet
CLOSING_SECONDS = 2.0  # the most the watcher may take to stop


class Watcher:
    """Calls `on_change` with the paths a save changed, on the running loop, once they
    are quiet; hidden files and folders (an editor's swap file, .git) are not changes."""

    def __init__(self, folders: list[Path], on_change: Callable[[set[str]], None]):
        self.folders = [os.path.abspath(folder) for folder in folders if folder.is_dir()]
        self.on_change = on_change
        self.stopping = threading.Event()  # read by watchfiles' own thread
        self.task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Watch from now on, on the running loop."""
        self.task = asyncio.get_running_loop().create_task(self.watch())

    async def watch(self) -> None:
        async for changes in awatch(*self.folders, watch_filter=self.shown, step=QUIET_MS,
                                    stop_event=self.stopping):
            self.on_change({path for _, path in changes})

    def shown(self, _change: Change, path: str) -> bool:
        """Whether no part of `path` below its watched folder is hidden (starts with a dot)."""
        for folder in self.folders:
            below = os.path.relpath(path, folder)
            if not below.startswith(os.pardir):
                return not any(part.startswith(".") for part in below.split(os.sep))
        return False

    async def close(self) -> None:
        """Stop watching; returns once watchfiles' thread has ended (or after a while)."""
        self.stopping.set()
        if self.task is not None:
            with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(self.task, CLOSING_SECONDS)
