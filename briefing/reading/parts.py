"""Large briefings read on every core: runs of files, and large list files cut into
parts, each job taken by whichever process is free (parallel.share_out).

A list file (the chronology, the change log, the claims) or a translation's map of ids
is cut before its top-level items ('- ' or 'id:' at column 0) into runs of PART_ITEMS,
and each part is parsed alone, padded with blank lines so that YAML's lines and columns
are the file's own. A part that does not parse alone, or an id repeated across parts,
means the file is read whole: the records and every message are always those of
reading each file whole, in order (tests/unit/test_parallel.py). With a build's cache, each
job's records are kept by the digest of the bytes it read (as plain JSON, cache.py).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import yaml

from ..parallel import share_out
from ..problems import display_path
from .records import LIST_FILES, TRANSLATION_FILES, Records, note_ids, read_items, read_translated
from .yamlsource import parse_yaml

PART_ITEMS = 500  # a list file's items per job, when it has more than twice as many
ITEM_START = re.compile(r"^-(?: |$)", re.M)  # a list's item
KEY_START = re.compile(r"^[a-z0-9]", re.M)  # a translation map's id
NOT_CUT = re.compile(r"^(?:---|\.\.\.|%)", re.M)  # document markers, directives
Kind = tuple[str, "str | None"]  # (record kind, a translation's language or None)
Parts = tuple[str, list[tuple[int, int]]]  # a file's text, and its parts' (start, end)


class KeptReads(Protocol):
    """What reading needs of a build's cache (cache.py's BuildCache): records kept by a
    key, and which keys this build used (the others are dropped when it is saved).
    Declared here, so that reading/ never imports the cache, which sits above it."""

    def reads(self, key: str) -> Any | None: ...

    def keep_reads(self, key: str, records: Any) -> None: ...

    def note_used(self, key: str) -> None: ...


def read_in_shares(files: list[tuple[str, Callable[[Path], Records]]],
                   cache: KeptReads | None = None) -> list[Records]:
    """Each file's records, read by whichever process is free: a large list file in runs
    of items (list_parts), the rest in runs of a hundred files. Records read in the
    other process come back pickled: cheaper than reading them here, from a few hundred
    files on. The result is the same as reading each file whole, in order. With `cache`
    (the build cache), each run's records are kept by the digest of its bytes, and taken
    from there when the same bytes are read again."""
    kinds, parts, jobs = plan_jobs(files)
    how = dict(files)

    def job(number: int) -> list[tuple[str, int, Any]]:
        done = []
        for path, i in jobs[number]:
            if i < 0 or parts[path] is None:
                done.append((path, i, how[path](Path(path))))
            else:
                text, spans = parts[path]
                done.append((path, i, read_part(path, kinds[path], text, spans[i])))
        return done

    def cached_job(number: int) -> tuple[str, list[tuple[str, int, Any]]]:
        """The job's records, kept or made (and then kept), by the digest of its bytes."""
        assert cache is not None
        key = job_key(jobs[number], parts)
        found = cache.reads(key)
        if found is None:
            found = job(number)
            cache.keep_reads(key, found)
        return key, found

    if cache is None:
        read = [one for found in share_out(len(jobs), job, 2) for one in found]
    else:
        read = []
        for key, found in share_out(len(jobs), cached_job, 2):
            cache.note_used(key)
            read += found
    return whole_files(files, kinds, parts, read)


def plan_jobs(files: list[tuple[str, Callable[[Path], Records]]]
              ) -> tuple[dict[str, Kind], dict[str, Parts | None], list[list[tuple[str, int]]]]:
    """(the list files to cut, their parts, the jobs): each job one part of a list file
    (its number) or a run of a hundred other files (part -1), the list files first."""
    folder = os.path.dirname(files[0][0])  # content/: briefing.yaml is read first
    kinds = {path: kind for path, _ in files if (kind := part_kind(path, folder))}
    parts = {path: list_parts(path, kind) for path, kind in kinds.items()}
    rest = [f for f in files if f[0] not in kinds]
    jobs: list[list[tuple[str, int]]] = [
        [(path, i)] for path in kinds for i in range(len(parts[path][1]) if parts[path] else 1)]
    jobs += [[(path, -1) for path, _ in rest[i:i + 100]] for i in range(0, len(rest), 100)]
    return kinds, parts, jobs


def whole_files(files: list[tuple[str, Callable[[Path], Records]]], kinds: dict[str, Kind],
                parts: dict[str, Parts | None], read: list[tuple[str, int, Any]]
                ) -> list[Records]:
    """Each file's records, in the files' order: a list file's parts joined again, or the
    file read whole here when they do not join."""
    how = dict(files)
    whole = {path: value for path, i, value in read if i < 0 or parts[path] is None}
    for path in kinds:
        if parts[path] is not None:
            pieces = [value for p, i, value in read if p == path]
            whole[path] = joined(pieces) or how[path](Path(path))
    return [whole[path] for path, _ in files]  # the files' own order: the same records


def job_key(job: list[tuple[str, int]], parts: dict[str, Parts | None]) -> str:
    """A run of files' (or a list file's part's) identity: paths and bytes."""
    h = hashlib.blake2b(digest_size=16)
    for path, i in job:
        h.update(f"{path}\0{i}\0".encode())
        found = parts.get(path)
        if i >= 0 and found is not None:
            text, spans = found
            start, end = spans[i]
            h.update(f"{text.count(chr(10), 0, start)}\0{text[start:end]}".encode())
        else:
            try:
                h.update(Path(path).read_bytes())
            except OSError as exc:
                h.update(f"unreadable {exc.errno}".encode())
        h.update(b"\0")
    return h.hexdigest()


def part_kind(path: str, folder: str) -> Kind | None:
    """(kind, language) of a file read in parts when large: a list file of content/
    (language None), or a translation's map of ids (chronology.yaml: event id → fields);
    None for any other file."""
    name, where = os.path.basename(path), os.path.dirname(path)
    if where == folder:
        return next(((kind, None) for file, kind, _ in LIST_FILES if file == name), None)
    if (os.path.dirname(where) == os.path.join(folder, "translations")
            and TRANSLATION_FILES.get(name, "briefing") != "briefing"):
        return TRANSLATION_FILES[name], os.path.basename(where)
    return None


def list_parts(path: str, kind: Kind) -> Parts | None:
    """A large list file's (or translation map's) text and where to cut it, as (start,
    end) offsets, each part a run of whole top-level items ('- ' at column 0; a map's
    'id:' lines); None to read it whole (small, or written in a way cutting could
    change). A part that does not parse alone means the cut was wrong: the file is then
    read whole (joined)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    starts = [m.start() for m in (ITEM_START if kind[1] is None else KEY_START).finditer(text)]
    if (len(starts) < 2 * PART_ITEMS or NOT_CUT.search(text) or "\r" in text
            or text.startswith("\ufeff")):
        return None
    cuts = [0, *starts[PART_ITEMS::PART_ITEMS], len(text)]
    return text, list(zip(cuts, cuts[1:], strict=False))


def read_part(path: str, what: Kind, text: str, span: tuple[int, int]
              ) -> tuple[Records, set[str]] | None:
    """The records of one part of a list file (or translation map), as read whole, with
    the ids it writes (for duplicates across parts); None if the part is not a list (a
    map) that parses alone."""
    start, end = span
    # Blank lines stand for the text before: YAML's lines and columns are the file's.
    part_text = "\n" * text.count("\n", 0, start) + text[start:end]
    kind, lang = what
    part = Records() if lang else Records(present={kind})
    shown = display_path(Path(path))
    root = parse_yaml(part_text, shown, part.problems)
    reader = part.reader(shown)
    if lang is not None:  # a translation's map of ids
        if root is None or part.problems or not isinstance(root, yaml.MappingNode):
            return None
        read_translated(root, lang, kind, part, reader)
        return part, {key.value for key, _ in root.value}
    if root is None or part.problems or not isinstance(root, yaml.SequenceNode):
        return None
    ids = note_ids(root.value, kind, part, reader).keys()
    record = next(record for _, k, record in LIST_FILES if k == kind)
    read_items(root.value, kind, record, part, reader)
    return part, set(ids)


def joined(pieces: list[tuple[Records, set[str]] | None]) -> Records | None:
    """A list file's parts as one, merged in order; None if any part was not read, or
    an id is repeated across parts (the whole file is then read, to report it as
    read_list does)."""
    whole, seen = Records(), set[str]()
    for piece in pieces:
        if piece is None or not seen.isdisjoint(piece[1]):
            return None
        seen |= piece[1]
        whole.merge(piece[0])
    return whole
