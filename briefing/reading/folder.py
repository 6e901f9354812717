"""content/ → records: which files there are, each read by its reader (records.py), one
by one or, for a large briefing, on every core (parts.py). A preview keeps each file's
result keyed by its (mtime, size), so a save re-reads only that file.

Above both records.py and parts.py: each of them is readable without the other.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

from ..problems import Problem, display_path
from .ids import SLUG_RE, slugify
from .parts import KeptReads, read_in_shares
from .records import (
    LIST_FILES,
    TRANSLATION_FILES,
    FileReader,
    Records,
    list_reader,
    read_actor,
    read_article,
    read_briefing,
    translation_reader,
)

KIND_OF_FOLDER = {"actors": "actor", "articles": "article"}
PARALLEL_FROM = 300  # files
FileStat = tuple[int, int]
ReadMemo = dict[str, tuple[FileStat, Records]]
# A file's path → the text it is about to be given: `new` checks the briefing with its
# entry in place before it writes anything.
Unsaved = dict[str, str]


def read_content(content: Path, problems: list[Problem], memo: ReadMemo | None = None,
                 parallel: bool = False, cache: KeptReads | None = None,
                 unsaved: Unsaved | None = None) -> Records:
    """Every content file, in a fixed order; `memo` (if given: a preview's, from one of
    its builds to the next, in memory) is used and refreshed. `parallel`: a large
    briefing's files are read on every core (forking), and records are kept in `cache`
    (the build cache, cache.py) from one build to the next. `unsaved`: files read as if
    they held these texts (a new one as if it were there)."""
    records = Records()
    unsaved = {os.path.normpath(path): text for path, text in (unsaved or {}).items()}
    files = content_files(content, records, set(unsaved))
    if parallel and len(files) >= PARALLEL_FROM and not unsaved:
        parts = read_in_shares(files, cache)
    else:
        parts = [read_one(Path(path), unsaved[os.path.normpath(path)])
                 if os.path.normpath(path) in unsaved
                 else read_memoized(path, read_one, {} if memo is None else memo)
                 for path, read_one in files]
    for part in parts:
        records.merge(part)
    problems += records.problems
    return records


def content_files(content: Path, records: Records, unsaved: Collection[str] = ()
                  ) -> list[tuple[str, FileReader]]:
    """The files to read and how; misnamed files are reported here, not read. `unsaved`:
    paths (normalised) of files about to be written, read even if not there yet."""
    files: list[tuple[str, FileReader]] = [
        (os.path.join(content, "briefing.yaml"), read_briefing)]
    for folder, suffix, read_one in (("actors", ".yaml", read_actor),
                                     ("articles", ".md", read_article)):
        found = named_files(content / folder, suffix, records)
        new = {p for p in unsaved if os.path.dirname(p) == os.path.normpath(content / folder)}
        found += sorted(new - {os.path.normpath(p) for p in found})
        files += [(path, read_one) for path in sorted(found)]
    for name, kind, record in LIST_FILES:
        path = os.path.join(content, name)  # a missing list file is an empty list
        if (content / name).is_file() or os.path.normpath(path) in unsaved:
            files.append((path, list_reader(kind, record)))
    if (content / "translations").is_dir():
        files += translation_files(content / "translations", records)
    return files


def translation_files(folder: Path, records: Records
                      ) -> list[tuple[str, FileReader]]:
    """Each translation's files: content/translations/<lang>/, a folder per language
    named by its BCP 47 tag, mirroring the originals."""
    files: list[tuple[str, FileReader]] = []
    with os.scandir(folder) as entries:
        langs = sorted(e.name for e in entries if e.is_dir() and not e.name.startswith("."))
    for lang in langs:
        why = unknown_language(lang)
        if why:
            records.problems.append(Problem(display_path(folder / lang), 1, 1, why))
            continue
        records.translations.setdefault(lang, {})
        for name in sorted(os.listdir(folder / lang)):
            path = folder / lang / name
            if name in TRANSLATION_FILES:
                files.append((os.fspath(path), translation_reader(lang, TRANSLATION_FILES[name])))
            elif name == "actors" and path.is_dir():
                files += [(p, translation_reader(lang, "actor"))
                          for p in named_files(path, ".yaml", records)]
            elif not name.startswith("."):
                records.problems.append(Problem(
                    display_path(path), 1, 1, "not a translation file, so it is not read: "
                    f"translations hold {', '.join(TRANSLATION_FILES)} and actors/", "warning"))
    return files


def unknown_language(tag: str) -> str | None:
    """Why a translation folder's name is not a language tag, or None."""
    from babel import Locale, UnknownLocaleError  # only when there are translations

    try:
        Locale.parse(tag.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return (f"'{tag}' is not a language tag (BCP 47) that the CLDR knows: name the folder "
                "after its language, e.g. uk, ru, ar or pt-BR")
    return None


def new_language_problem(tag: str) -> str | None:
    """Why `tag` cannot name a new translation's folder, or None: it must be a language
    tag the CLDR knows, written as such a tag is by convention."""
    why = unknown_language(tag)
    if not why and tag != canonical_tag(tag):
        why = (f"write the language's tag as {canonical_tag(tag)}, as its folder is "
               f"named (content/translations/{canonical_tag(tag)}/)")
    return why


def canonical_tag(tag: str) -> str:
    """A BCP 47 tag as written by convention: 'uk', 'pt-BR', 'zh-Hant'."""
    parts = tag.split("-")
    return "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p.title()
                                         for p in parts[1:])])


def read_memoized(path: str, read_one: FileReader, memo: ReadMemo) -> Records:
    """The file's records, read again only if its (mtime, size) changed since `memo`
    had them."""
    try:
        stat = os.stat(path)
        stat_now = (stat.st_mtime_ns, stat.st_size)
    except FileNotFoundError:
        return read_one(Path(path))  # reports the missing file
    hit = memo.get(path)
    if hit is not None and hit[0] == stat_now:
        return hit[1]
    part = read_one(Path(path))
    memo[path] = (stat_now, part)
    return part


def named_files(folder: Path, suffix: str, records: Records) -> list[str]:
    """A folder's files whose name (without suffix) is a valid id (paths as strings:
    a large briefing has thousands, listed again at every preview rebuild)."""
    if not folder.is_dir():
        return []
    out = []
    with os.scandir(folder) as entries:
        names = sorted(e.name for e in entries if e.is_file() and not e.name.startswith("."))
    for name in names:
        stem, ext = os.path.splitext(name)
        if ext == suffix and SLUG_RE.fullmatch(stem):
            out.append(os.path.join(folder, name))
        elif ext != suffix:
            hint = f": rename it to {stem}{suffix}" if ext in (".yml", ".markdown") else ""
            records.problems.append(Problem(display_path(folder / name), 1, 1,
                                            f"not a {suffix} file, so it is not read{hint}",
                                            "warning"))
        else:
            records.known[KIND_OF_FOLDER[folder.name]].add(slugify(stem))  # reported here
            records.problems.append(Problem(
                display_path(folder / name), 1, 1, "the file name is the id and must be "
                "lower-case letters, digits and hyphens: rename it to "
                f"{slugify(stem) or 'a-name'}{suffix}"))
    return out


