"""The fence around a tag's code. An edition is built by the code of its own tag, which
the publisher did not write and does not trust: it runs on a copy of the tag's files
alone (never in the newsroom's repository, whose hooks and config it could change), with
none of the caller's environment variables (no token, no secret), in a session of its
own that is ended when the build returns, and what it leaves is only ever read as data:
regular files copied out of its folder, nothing followed.

On one machine this is a fence, not a wall: the code runs as the same user. The
publishing workflow adds the wall, building the tags in a job of their own that holds
nothing worth taking (docs/publishing.md).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import subprocess
import tarfile
from contextlib import suppress
from pathlib import Path

from .tags import Edition, git

BUILD_TIMEOUT = 900  # seconds a tag's build may take before it is stopped
# What installing from an index needs: proxies, certificates, pip's own settings.
NETWORK = re.compile(r"(?i)(https?|ftp|no|all)_proxy|SSL_CERT_(FILE|DIR)|REQUESTS_CA_BUNDLE"
                     r"|PIP_[A-Z0-9_]+")
FIXED_DATE = "2000-01-01T00:00:00+00:00"  # the scratch repository's commit: no clock


# Set for a tag's build: an edition is frozen, so its build writes no forms at /admin/
# (they edit main), and needs no CMS installed.
EDITION_BUILD = "BRIEFING_EDITION"


def scratch_env(home: Path, bin_dir: Path | None = None) -> dict[str, str]:
    """All a build is given: a PATH (the environment's bin first), a scratch HOME and
    temporary folder, a UTF-8 locale. Never the caller's variables."""
    path = os.environ.get("PATH", os.defpath)
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    return {"PATH": f"{bin_dir}{os.pathsep}{path}" if bin_dir else path,
            "HOME": str(home), "TMPDIR": str(home / "tmp"), "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8", "PYTHONNOUSERSITE": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def install_env(home: Path) -> dict[str, str]:
    """What pip needs to reach an index (the caller's HOME for its configuration and
    cache, proxies, certificates, PIP_* settings), and nothing else. Installing runs no
    package's code: wheels only (environments.py)."""
    env = scratch_env(home)
    env["HOME"] = os.environ.get("HOME", str(home))
    env.update({k: v for k, v in os.environ.items() if NETWORK.fullmatch(k)})
    return env


def export_tree(repo: Path, edition: Edition, tree: Path) -> None:
    """The tag's files in `tree`, in a repository of their own that holds only the tag
    (a build asks git whether the briefing has editions, to link to their list).
    Refuses (tarfile.TarError) a tree with a link pointing out of it."""
    if not hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
        raise RuntimeError("building an edition needs Python 3.11.4 or later, whose tarfile "
                           "refuses links out of the folder it extracts into")
    tree.mkdir(parents=True)
    archive = tree.parent / "tree.tar"
    git(repo, "archive", "--format=tar", "-o", str(archive), edition.commit)
    with tarfile.open(archive) as tar:
        tar.extractall(tree, filter="data")
    archive.unlink()
    env = {**scratch_env(tree.parent / "git-home"), "GIT_AUTHOR_DATE": FIXED_DATE,
           "GIT_COMMITTER_DATE": FIXED_DATE}
    who = ["-c", "user.name=Briefing", "-c", "user.email=editions@briefing.invalid"]
    for args in (["init", "-q"], [*who, "commit", "-q", "--allow-empty", "-m", edition.tag],
                 ["tag", edition.tag]):
        subprocess.run(["git", "-C", str(tree), *args], env=env, check=True,
                       capture_output=True)


def run_fenced(args: list[str], cwd: Path, env: dict[str, str], log: Path,
               timeout: float = BUILD_TIMEOUT) -> int | None:
    """Run `args` in a session of its own, its output into `log`; whatever it started
    is ended when it returns. Its exit status, or None if it was stopped at `timeout`."""
    with log.open("wb") as out:
        process = subprocess.Popen(args, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                   stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        finally:
            with suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def last_lines(log: Path, limit: int = 3000) -> str:
    """The end of what a fenced command said, as text whatever its bytes."""
    return log.read_bytes()[-limit:].decode("utf-8", "replace").strip()


def copy_files(source: Path, target: Path) -> list[str]:
    """Copy the folders and regular files under `source` into `target` (made now), byte
    for byte, and return what was left out: anything else (a symbolic link, a device, a
    pipe) and any name that is not UTF-8. Nothing is followed: each entry is opened
    without following links and checked open, so nothing outside `source` is read and
    nothing outside `target` is written, whatever `source` holds or turns into."""
    left: list[str] = []
    folder = os.open(source, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        target.mkdir(parents=True)
        _copy_folder(folder, target, "", left)
    finally:
        os.close(folder)
    return left


def _copy_folder(folder: int, target: Path, rel: str, left: list[str]) -> None:
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for entry in entries:
        name = rel + entry.name
        if not _utf8(entry.name) or not (entry.is_dir(follow_symlinks=False)
                                          or entry.is_file(follow_symlinks=False)):
            left.append(name)
            continue
        try:
            opened = os.open(entry.name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK,
                             dir_fd=folder)
        except OSError:  # swapped for a link since it was listed
            left.append(name)
            continue
        try:
            mode = os.fstat(opened).st_mode
            if stat.S_ISDIR(mode):
                (target / entry.name).mkdir()
                _copy_folder(opened, target / entry.name, name + "/", left)
            elif stat.S_ISREG(mode):
                with open(opened, "rb", closefd=False) as src, \
                        open(target / entry.name, "xb") as dst:
                    shutil.copyfileobj(src, dst)
            else:
                left.append(name)
        finally:
            os.close(opened)


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8, kept as surrogates
        return False
    return True
