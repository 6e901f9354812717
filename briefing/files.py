"""Files written whole or not at all, and never over an edit made meanwhile.

An editor's file (`new`, `translations`, `ids`) and a cache's entry are both written
the same way: into a temporary file beside the target (the same file system, so that
the rename is atomic), flushed to disk, given the target's mode, then renamed over it.
A full disk or a killed process leaves the old file as it was, and at worst a hidden
`.<name>.<random>.tmp` beside it (read by nothing: content files starting with '.' are
not read).
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

UNCHECKED = object()  # `was` for a file no one else edits (a cache's entry)


class ChangedMeanwhile(Exception):
    """The file no longer holds what the command read: someone saved it meanwhile."""

    def __init__(self, path: Path):
        super().__init__(f"{path} changed while it was being rewritten")
        self.path = path


def write_atomically(path: Path, data: bytes, was: bytes | None | object = UNCHECKED,
                     durable: bool = True) -> None:
    """Replace `path` with `data`. `was`: the bytes the caller read `path` as (None: it
    did not exist); if it no longer holds them, nothing is written and ChangedMeanwhile
    is raised (the check is made last, just before the rename). `durable`: synced to
    disk, so that a crash just after cannot leave an empty file (a cache, which checks
    what it reads, can skip it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    # 0o666 less the umask, as a new file gets; an existing file's own mode below.
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            if durable:
                file.flush()
                os.fsync(file.fileno())
        mode = own_mode(path)
        if mode is not None:
            os.chmod(temporary, mode)
        if was is not UNCHECKED and current_bytes(path) != was:
            raise ChangedMeanwhile(path)
        os.replace(temporary, path)
    except OSError as exc:  # said of the file meant, not of the temporary one
        temporary.unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, os.fspath(path)) from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    if durable:
        sync_folder(path.parent)


def own_mode(path: Path) -> int | None:
    """The permissions of the regular file at `path`, if one is there: never those of
    what a link there points to (a link left by someone else is replaced, not followed)."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return None
    return stat.S_IMODE(found.st_mode) if stat.S_ISREG(found.st_mode) else None


def current_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def sync_folder(folder: Path) -> None:
    """Flush the folder's entry for the renamed file (POSIX; elsewhere the rename is
    as durable as the system makes it)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
