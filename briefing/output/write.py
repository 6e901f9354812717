"""Write the site atomically: into a sibling temporary folder, then swapped in.

A failed build never touches the previous output, and a deleted actor leaves no
orphan page, since the new folder holds exactly what this build rendered.

Only what Briefing built is ever replaced: every site it writes holds a marker file
(MARKER), and any other folder that is not empty is refused, so that `--out` naming
the wrong folder (a project's own, with its sources) deletes nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

# In every site built, and published with it: plain text, the same in every build (no
# date, no path, nothing of the machine that built it).
MARKER = ".briefing-site"
MARKER_TEXT = (b"This folder was built by Briefing (python build.py build), which replaces "
               b"it whole at every build: keep nothing else in it.\n")


class UnsafeOutput(Exception):
    """The output folder holds something this tool did not write: refuse to replace it."""


def check_output(out: Path, content: Path) -> None:
    """Refuse an output folder that a build must not replace: one that overlaps the
    content, the current folder, or a folder Briefing did not build (a new or empty
    folder is fine)."""
    out, content = out.resolve(), content.resolve()
    if out == content or out in content.parents or content in out.parents:
        raise UnsafeOutput(f"the output folder {out} overlaps the content folder {content}")
    if out == Path.cwd().resolve() or out == Path(out.anchor):
        raise UnsafeOutput(f"refusing to replace {out}: choose a folder such as site/")
    if not out.exists() or is_built_site(out) or (out.is_dir() and not any(out.iterdir())):
        return
    if (out / "index.html").is_file():
        raise UnsafeOutput(f"refusing to replace {out}: it has no {MARKER}, the file that "
                           "marks a site Briefing built, so it may hold files no build made; "
                           "if it is a site built before Briefing marked its sites, delete it "
                           "and build again, else choose another --out")
    raise UnsafeOutput(f"refusing to replace {out}: it does not look like a built site (no "
                       f"{MARKER}): choose another --out, or a new or empty folder")


def is_built_site(folder: Path) -> bool:
    """A folder that a build wrote (and so may replace whole)."""
    return (folder / MARKER).is_file()


def sweep_leftovers(out: Path) -> None:
    """Remove the folders a killed build left beside `out` (named as new_folder and swap
    name them: `.<out>-new-XXXXXXXX`, `.<out>-old-XXXXXXXX`). A build killed between
    swap's two renames left no `out`, only its old one: that one is put back."""
    out = out.resolve()
    if not out.parent.is_dir():
        return
    left = re.compile(rf"\.{re.escape(out.name)}-(new|old)-[a-z0-9_]{{8}}")
    with os.scandir(out.parent) as entries:
        found = {Path(e.path): m.group(1) for e in entries
                 if (m := left.fullmatch(e.name)) and e.is_dir(follow_symlinks=False)}
    olds = [path for path, kind in found.items() if kind == "old"]
    if not out.exists() and len(olds) == 1 and is_built_site(olds[0]):
        olds[0].rename(out)
    for path in found:
        shutil.rmtree(path, ignore_errors=True)  # (one put back is no longer there)


@contextmanager
def new_folder(out: Path) -> Iterator[Path]:
    """A new, empty sibling folder of `out` to write the site into; it replaces `out`
    when the block ends without an exception, and is removed when one is raised."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    try:
        os.chmod(fresh, 0o755)  # mkdtemp makes it private; a site is meant to be served
        (fresh / MARKER).write_bytes(MARKER_TEXT)
        yield fresh
        swap(fresh, out)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise


def write_files(folder: Path, files: Iterable[tuple[str, bytes]]) -> int:
    """Write each (path in the site, bytes) under `folder`; returns how many."""
    count = 0
    for rel, data in files:
        target = folder / rel
        try:
            target.write_bytes(data)
        except FileNotFoundError:  # most files share a folder with another
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        count += 1
    return count


def write_pieces(target: Path, pieces: Iterable[str]) -> None:
    """A page's text written as it is rendered, piece by piece (Renderer.stream_page)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8", newline="") as out:
        out.writelines(pieces)


def carry_over(out: Path, fresh: Path, folders: Iterable[str]) -> None:
    """Keep folders that another command wrote into the last site (the published
    editions and their lists) in the new one: hard links to the last site's files (the
    last site itself untouched, so a build that fails later loses nothing), or copies.
    A folder the new build wrote itself is its own."""
    for rel in folders:
        if (out / rel).is_dir() and not (fresh / rel).exists():
            shutil.copytree(out / rel, fresh / rel, symlinks=True, copy_function=link_or_copy)


def swap(fresh: Path, out: Path) -> None:
    """Put `fresh` in the place of `out`; the old folder is moved aside, then removed."""
    if not out.exists():
        fresh.rename(out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
    old.rmdir()
    out.rename(old)
    try:
        fresh.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def link_or_copy(source: str, target: str) -> None:
    """A hard link where the file system allows one (the same disk), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
