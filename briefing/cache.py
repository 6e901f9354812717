"""What a build keeps for the next one, in an ignored folder (`.cache/build/`), so that a
rebuild after one edit reads, renders and writes only what the edit changed.

Everything is keyed by what made it: each run of content files by their bytes (their
records, `reads/`), each Markdown text by its text, each event's fragment and each page
by the digest of its inputs, and all of it by the code that made it (the package's
source, the templates, Python's and the libraries' versions, the working folder that
error messages' paths are relative to). A different code version, a cache that does
not read back, or an output file that is not as the last build left it means that part
is made again: the output is byte-identical to a cold build's (tests/process/test_cache.py).

What is kept is trusted no further than it can be checked (tests/process/test_hostile_cache.py):
- it is plain JSON (plain.py), never pickle, so reading it cannot run code; compiled
  templates are not kept at all (Jinja's bytecode cache is code);
- each file starts with its format and code version, compared as bytes before anything
  else is read, then a signature made with a key that only this user's builds on this
  machine have (signed.py): a cache folder copied from another machine, restored from
  CI or edited by hand does not check out, and the build starts afresh, silently;
- a page of the last site is reused only if its bytes' digest is the one the (signed)
  state holds.
Pickle serves only in memory: for digests of values (Fingerprints, which only dumps),
and for results sent back by the processes that share a build (parallel.py).
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import shutil
import sys
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .model.values import Rich
from .signed import SignedFolder, machine_key

FORMAT = 2  # 1 was pickled: such a cache is left unread
LIBRARIES = ("jinja2", "markdown-it-py", "mdit-py-plugins", "pyyaml", "babel", "markupsafe")


# Fields left out of digests: where an item was written (no page shows it) and the
# briefing's indexes, made from its other fields (model/briefing.py's cross_index).
SKIPPED = frozenset({"loc", "by_actor", "citations", "sources_by_id", "claims_by_issue"})


class Fingerprints:
    """Values' digests, from their pickled bytes (the model holds no sets, whose order
    would change from run to run). An object of the model shared by many (an actor named
    in a thousand events) is pickled once: the others hold its digest instead (the model
    is frozen dataclasses with no cycles). Where an item was written (`Loc`) is left
    out, since no page shows it: a line added above an event changes no page.

    Pickle only dumps here, in memory: nothing pickled is kept or read back."""

    def __init__(self) -> None:
        from .model.briefing import Briefing
        from .model.changes import Change, History
        from .model.positions import Claim, Issue
        from .model.story import Actor, Article, Event, Source
        from .model.values import Side
        from .reading.fields import Loc

        # The model's objects that others share (an actor named by a thousand events):
        # each pickled once. The small ones (Rich, Quote, Link…) are pickled where they are.
        self.fields = {kind: tuple(f.name for f in fields(kind) if f.name not in SKIPPED)
                       for kind in (Actor, Event, Source, Issue, Claim, Article, Side,
                                    History, Change, Briefing)}
        # By identity on purpose: one shared frozen object is digested once (hashing it
        # by its fields would walk the model it holds); the object is kept beside it.
        self.memo: dict[int, tuple[object, bytes]] = {}
        self.plain: dict[type, tuple[str, ...] | None] = {Loc: None}  # other dataclasses
        self.loc = Loc

    def __call__(self, value: object) -> bytes:
        kind = type(value)
        if kind in self.fields:  # its fields (the rest of the model by their digests)
            value = (kind.__name__, *(getattr(value, name) for name in self.fields[kind]))
        file = io.BytesIO()
        DigestPickler(file, self).dump(value)
        return file_digest(file.getvalue())

    def reduce(self, obj: object) -> Any:
        """How `obj` is pickled inside a digest: a shared model object as its digest, `Loc`
        as nothing, another dataclass (dates, pages) as its name and fields (a
        dataclass's own way is slow), anything else as pickle does."""
        kind = type(obj)
        if kind in self.fields:
            return stand_in, (self.of(obj),)
        if kind is self.loc:
            return stand_in, (b"",)
        if kind not in self.plain:
            self.plain[kind] = tuple(f.name for f in fields(kind) if f.name not in SKIPPED
                                     ) if is_dataclass(kind) else None
        names = self.plain[kind]
        if names is None:
            return NotImplemented
        return stand_in, ((kind.__name__, *(getattr(obj, n) for n in names)),)

    def of(self, obj: object) -> bytes:
        hit = self.memo.get(id(obj))
        if hit is None or hit[0] is not obj:  # (the object kept: its id stays its own)
            hit = self.memo[id(obj)] = (obj, self(obj))
        return hit[1]


class DigestPickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, prints: Fingerprints):
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self.prints = prints

    def reducer_override(self, obj: object) -> Any:
        # Called for objects other than str, int, tuple, list, dict and the like.
        return self.prints.reduce(obj)


def stand_in(digest: object) -> object:
    """What an object is pickled as inside a digest: a model object as its own digest,
    another dataclass as its name and fields."""
    return digest


def code_version(templates: Path) -> str:
    """What every kept thing was made by: this package's code, the templates, the
    working folder (paths in messages), Python and the libraries."""
    from importlib import metadata  # here: 14 ms to import, for builds with a cache only

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}\0{sys.version}\0{os.getcwd()}\0".encode())
    for name in LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=none\0".encode())
    package = Path(__file__).resolve().parent
    for root in (package, templates.resolve()):
        for path in sorted(p for p in root.rglob("*") if p.is_file()
                           and "__pycache__" not in p.parts):
            h.update(f"{path.relative_to(root).as_posix()}\0".encode())
            h.update(path.read_bytes())
    return h.hexdigest()


@dataclass
class State:
    """The small part of the cache, read whole at the start of a build."""

    markdown: dict[tuple[str, str], Rich] = field(default_factory=dict)
    articles: dict[tuple, Any] = field(default_factory=dict)
    fragments: dict[bytes, str] = field(default_factory=dict)  # digest(site, event) → HTML
    # each file the last build wrote (pages, machine files), by path → (the digest of
    # what it shows, its bytes' digest)
    written: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)

    def to_plain(self) -> list:
        """As plain values (plain.py): a Markdown text's Rich as its text and HTML (its
        source is that text), digests as hex, so that the many fragments and files are
        JSON's own objects (the fastest to read back)."""
        return [[[base, text, str(rich.html)] for (base, text), rich in self.markdown.items()],
                self.articles, {key.hex(): html for key, html in self.fragments.items()},
                {path: [key.hex(), found.hex()] for path, (key, found) in self.written.items()}]

    @classmethod
    def from_plain(cls, value: Any) -> State:
        markdown, articles, fragments, written = value
        return cls({(base, text): Rich(text, Markup(html)) for base, text, html in markdown},
                   dict(articles), {bytes.fromhex(key): html for key, html in fragments.items()},
                   {path: (bytes.fromhex(key), bytes.fromhex(found))
                    for path, (key, found) in written.items()})


class BuildCache:
    """One build's view of the cache folder: what it found, and what it made."""

    def __init__(self, folder: Path, templates: Path):
        self.folder = folder / "build"
        self.version = code_version(templates)
        self.files = SignedFolder(self.folder, f"briefing build cache {FORMAT} {self.version}",
                                  machine_key())
        self.kept = self.read_state()
        self.used_reads: set[str] = set()
        self.fragments: dict[bytes, str] = {}  # this build's, kept for the next
        self.digest = Fingerprints()

    def read_state(self) -> State:
        found = self.files.read("state.json")
        try:
            return State.from_plain(found) if found is not None else State()
        except (AttributeError, TypeError, ValueError):  # not a state: start afresh
            return State()

    # Records read from content files, by the digest of the files' bytes (and of the
    # code that read them), one file for each run of files.
    def reads(self, key: str) -> Any | None:
        return self.files.read(f"reads/{self.shard(key)}")

    def keep_reads(self, key: str, records: Any) -> None:
        self.files.keep(f"reads/{self.shard(key)}", records)

    def note_used(self, key: str) -> None:
        """Keep the records under `key` past this build (save drops the others)."""
        self.used_reads.add(key)

    def shard(self, key: str) -> str:
        return hashlib.blake2b(f"{self.version}\0{key}".encode(), digest_size=16).hexdigest()

    def fragment(self, key: bytes) -> str | None:
        html = self.kept.fragments.get(key)
        if html is not None:
            self.fragments[key] = html
        return html

    def keep_fragment(self, key: bytes, html: str) -> None:
        self.fragments[key] = html

    def reuse(self, path: str, key: bytes | None, out: Path, fresh: Path) -> bytes | None:
        """The last build's file at `path` in `out`, if made from `key` and left as it
        was, linked into the new folder `fresh`: its digest (None: make it again)."""
        found = self.unchanged(path, key, out) if key is not None else None
        return found if found is not None and linked(out, fresh, path) else None

    def unchanged(self, path: str, key: bytes, out: Path) -> bytes | None:
        """The digest of the file `path` in `out` if it is the one made from `key`, as the
        last build wrote it (its bytes are checked: a site restored from elsewhere, or
        a file changed by hand, is made again)."""
        kept = self.kept.written.get(path)
        if kept is None or kept[0] != key:
            return None
        try:
            found = file_digest((out / path).read_bytes())
        except OSError:
            return None
        return found if found == kept[1] else None

    def save(self, markdown: dict, articles: dict, made: list[tuple[str, bytes, bytes]]
             ) -> None:
        """Keep what this build made (and nothing it no longer uses) for the next:
        `made` is each file's (path, key, its bytes' digest)."""
        written = {path: (key, found) for path, key, found in made}
        self.files.keep("state.json",
                        State(markdown, articles, self.fragments, written).to_plain())
        reads, used = self.folder / "reads", {self.shard(key) for key in self.used_reads}
        if reads.is_dir():
            for name in os.listdir(reads):
                if name not in used:
                    (reads / name).unlink(missing_ok=True)
        # What FORMAT 1 kept (pickled, and Jinja's bytecode), never read now.
        (self.folder / "state.pickle").unlink(missing_ok=True)
        shutil.rmtree(self.folder / "templates", ignore_errors=True)


def file_digest(data: bytes) -> bytes:
    """16 bytes that change with any of `data`'s (a file's, or a value's pickle)."""
    return hashlib.blake2b(data, digest_size=16).digest()


def linked(out: Path, fresh: Path, path: str) -> bool:
    """The last build's file at `path`, put into the new folder (a hard link: the same
    bytes, no copy); False where links are not possible, to make it instead."""
    target = fresh / path
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(out / path, target)
    except OSError:
        return False
    return True


class Touched(dict):
    """A dict that notes the keys looked up in it: what a build used, and so keeps."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.used: set[Any] = set()

    def get(self, key: Any, default: Any = None) -> Any:
        self.used.add(key)
        return super().get(key, default)

    def __getitem__(self, key: Any) -> Any:
        self.used.add(key)
        return super().__getitem__(key)

    def touched(self) -> dict:
        return {key: value for key, value in self.items() if key in self.used}
