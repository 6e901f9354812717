"""Files that this machine's builds wrote, read back only as they wrote them.

A build's cache folder can be written by others (restored in CI, copied with a project,
edited by hand), so each file carries what it is and who made it:

    briefing build cache 2 <code version>\\n     what wrote it (cache.py), compared first
    <HMAC-SHA256 of name, first line and body, hex>\\n
    <the value, as plain JSON (plain.py)>

The signature's key is this user's own (`cache-key` in `$XDG_CACHE_HOME/briefing/` or
`~/.cache/briefing/`, mode 0600), made at random on first use and kept outside any
project: a file from anywhere else does not check out. Any file that does not (another
version, another key, another name, cut short, not decodable) reads as nothing.
"""

from __future__ import annotations

import hmac
import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

from . import plain
from .files import write_atomically

KEY_BYTES = 32
SIGNATURE = 64  # hex digits of an HMAC-SHA256


class SignedFolder:
    """The files of one folder, each read and written whole: `header` (one line) says
    what wrote them; without a key, nothing is kept or read."""

    def __init__(self, folder: Path, header: str, key: bytes | None):
        self.folder = folder
        self.header = f"{header}\n".encode()
        self.key = key

    def read(self, name: str) -> Any | None:
        """The value kept in the file `name`, if written here, with this header, as it
        is; else None. The header is compared first, then the signature, and only then
        is anything parsed."""
        if self.key is None:
            return None
        try:
            with open(self.folder / name, "rb") as file:
                if file.read(len(self.header)) != self.header:
                    return None
                signature, body = file.read(SIGNATURE + 1), file.read()
        except OSError:
            return None
        if not hmac.compare_digest(signature, self.signature(name, body) + b"\n"):
            return None
        try:
            return plain.loads(body)
        except ValueError:
            return None

    def keep(self, name: str, value: Any) -> None:
        if self.key is not None:
            body = plain.dumps(value)
            write_atomically(self.folder / name,  # (a damaged file is not trusted: no sync)
                             b"%s%s\n%s" % (self.header, self.signature(name, body), body),
                             durable=False)

    def signature(self, name: str, body: bytes) -> bytes:
        """Of the file's name too: a file is only what it was written as (the records of
        one run of files are not another's)."""
        assert self.key is not None
        mac = hmac.new(self.key, f"{name}\0".encode() + self.header, "sha256")
        mac.update(body)
        return mac.hexdigest().encode()


def machine_key() -> bytes | None:
    """This user's key for signing what builds keep, made at random on first use;
    None where it cannot be kept (nothing is then kept or trusted)."""
    try:
        base = os.environ.get("XDG_CACHE_HOME", "")  # (a relative one is to be ignored)
        folder = Path(base if os.path.isabs(base) else Path.home() / ".cache") / "briefing"
        try:
            key = (folder / "cache-key").read_bytes()
        except FileNotFoundError:
            key = b""
        return key if len(key) == KEY_BYTES else new_key(folder / "cache-key")
    except (OSError, RuntimeError):  # RuntimeError: no home folder
        return None


def new_key(path: Path) -> bytes:
    """A new random key at `path`, for the user's eyes only; if two builds make one at
    once, the first one's."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = secrets.token_bytes(KEY_BYTES)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".new-")  # mode 0600
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(key)
        try:
            os.link(temporary, path)  # only where there is none yet
        except FileExistsError:
            found = path.read_bytes()
            if len(found) == KEY_BYTES:
                return found
            os.replace(temporary, path)  # a damaged key: replaced
    finally:
        Path(temporary).unlink(missing_ok=True)
    return key

