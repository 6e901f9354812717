"""Edition tags (`edition-YYYY-MM-DD[-N]`): reading them, and naming and making the next
one (`build.py edition`: which commit may be one, and what it is called).

A tag is the editor's word that a commit is an edition; its date is in its name, never
from git's clock. A tag is never moved or overwritten: the next edition of a day takes
the next number.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model.briefing import Briefing

PREFIX = "edition-"
NAME_RE = re.compile(r"edition-(\d{4})-(\d{2})-(\d{2})(?:-([1-9]\d*))?")


@dataclass(frozen=True, slots=True)
class Edition:
    tag: str  # edition-2025-05-16-2
    day: dt.date
    number: int  # 1 for the day's first edition (no suffix), then 2, 3, ...
    commit: str

    @property
    def name(self) -> str:
        """Its folder and URL: 2025-05-16, 2025-05-16-2."""
        return self.tag.removeprefix(PREFIX)

    @property
    def order(self) -> tuple[dt.date, int]:
        return (self.day, self.number)


class GitError(Exception):
    """git could not do what was asked; the message says what, in one line."""


def git(repo: Path, *args: str, check: bool = True) -> str:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise GitError(f"git {' '.join(args)}: {result.stderr.strip() or 'failed'}")
    return result.stdout


def repository(folder: Path) -> Path:
    """The git repository holding a folder (the content's)."""
    top = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
                         capture_output=True, text=True)
    if top.returncode != 0:
        raise GitError(f"{folder} is not in a git repository: editions are git tags")
    return Path(top.stdout.strip())


def parse_name(tag: str) -> tuple[dt.date, int] | None:
    match = NAME_RE.fullmatch(tag)
    if not match:
        return None
    year, month, day, number = match.groups()
    try:
        return dt.date(int(year), int(month), int(day)), int(number or 1)
    except ValueError:
        return None


def read_editions(repo: Path, content: str = "content", branch: str = "HEAD"
                  ) -> tuple[list[Edition], list[str]]:
    """Every edition tag in `branch`'s history, newest first, and what is wrong with the
    tags left out (each message naming its tag). `content`: the content folder's path in
    the repository. A tag off that history (a branch never merged) is left out unread:
    its code is never run, whoever pushed it."""
    head = commit_of(repo, branch)
    listed = git(repo, "for-each-ref", "--format=%(refname:strip=2) %(objectname) "
                 "%(*objectname)", "refs/tags/edition*")
    editions: list[Edition] = []
    problems: list[str] = []
    by_commit: dict[str, Edition] = {}
    for line in sorted(listed.splitlines()):
        tag, obj, *peeled = line.split()
        commit = peeled[0] if peeled else obj  # an annotated tag points at its commit
        edition = edition_of(repo, tag, commit, head, branch, content)
        if isinstance(edition, str):
            problems.append(edition)
            continue
        twin = by_commit.get(commit)
        if twin is not None:
            first, second = sorted((twin, edition), key=lambda e: e.order)
            problems.append(f"tag '{second.tag}' is on the same commit as '{first.tag}' "
                            f"({commit[:12]}): one edition per commit; delete one with "
                            f"git tag -d {second.tag}")
            if second is twin:
                editions.remove(twin)
            else:
                continue
        by_commit[commit] = edition
        editions.append(edition)
    return sorted(editions, key=lambda e: e.order, reverse=True), problems


def edition_of(repo: Path, tag: str, commit: str, head: str, branch: str, content: str
               ) -> Edition | str:
    """The edition a tag names, or why it names none: not an edition's name, a commit
    off `branch`'s history (left unread), or one without the briefing's content."""
    parsed = parse_name(tag)
    if parsed is None:
        return (f"tag '{tag}' is not an edition's name: write edition-YYYY-MM-DD "
                "(a real day), or edition-YYYY-MM-DD-2 for a second that day")
    if not in_history(repo, commit, head):
        return (f"tag '{tag}' is on commit {commit[:12]}, which is not in the "
                f"history of {branch} ({head[:12]}), the commit published: an "
                "edition is built only from what was merged; merge it first, or "
                f"delete the tag (git tag -d {tag})")
    if not has_file(repo, commit, f"{content}/briefing.yaml"):
        return (f"tag '{tag}' is on commit {commit[:12]}, which has no "
                f"{content}/briefing.yaml: an edition needs the briefing's content")
    return Edition(tag, *parsed, commit)


def commit_of(repo: Path, ref: str) -> str:
    """The commit `ref` names (a branch, HEAD, a commit), or GitError saying it names none."""
    found = subprocess.run(["git", "-C", str(repo), "rev-parse", "--verify", "--quiet",
                            "--end-of-options", f"{ref}^{{commit}}"],
                           capture_output=True, text=True)
    if found.returncode != 0:
        raise GitError(f"no commit named '{ref}' in {repo}")
    return found.stdout.strip()


def in_history(repo: Path, commit: str, head: str) -> bool:
    """Whether `commit` is `head` or one of its ancestors: merged into what is published."""
    done = subprocess.run(["git", "-C", str(repo), "merge-base", "--is-ancestor", commit,
                           head], capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise GitError(f"git merge-base --is-ancestor {commit} {head}: "
                       f"{done.stderr.strip() or 'failed'}")
    return done.returncode == 0


def has_file(repo: Path, commit: str, path: str) -> bool:
    return subprocess.run(["git", "-C", str(repo), "cat-file", "-e", f"{commit}:{path}"],
                          capture_output=True).returncode == 0


class Refused(Exception):
    """Why no edition can be tagged, in one line; `usage`: there is no repository at all."""

    def __init__(self, message: str, usage: bool = False):
        super().__init__(message)
        self.usage = usage


def untagged_head(content: Path) -> tuple[Path, str]:
    """The repository holding `content`, and its HEAD commit, which may become an edition:
    everything is committed (an edition is a commit, rebuilt from git alone) and HEAD is
    not an edition already (an edition is never tagged twice). Refused says why not."""
    try:
        repo = repository(content)
    except GitError as exc:  # not in a repository: nothing to tag
        raise Refused(str(exc), usage=True) from None
    dirty = git(repo, "status", "--porcelain").splitlines()
    if dirty:
        raise Refused("an edition is a commit, and there are uncommitted changes "
                      f"({', '.join(line[3:] for line in dirty[:5])}"
                      f"{', …' if len(dirty) > 5 else ''}): commit them, or remove what is "
                      "not the briefing's, first")
    head = git(repo, "rev-parse", "HEAD").strip()
    on_head = git(repo, "tag", "--points-at", head, "--list", f"{PREFIX}*").split()
    if on_head:
        raise Refused(f"this commit is already {on_head[0]}; an edition is never tagged twice")
    return repo, head


def edition_day(briefing: Briefing) -> dt.date:
    """The day an edition is named for: its latest change's, else the briefing's last
    update (never the clock's: tagging the same commit later names it the same)."""
    return briefing.changes[0].at.day if briefing.changes else briefing.updated.first_day


def tag_edition(repo: Path, commit: str, day: dt.date) -> str:
    """Tag `commit` as the day's next edition; the tag made."""
    tag = next_tag(day, set(git(repo, "tag", "--list", f"{PREFIX}*").split()))
    git(repo, "tag", tag, commit)
    return tag


def next_tag(day: dt.date, taken: set[str]) -> str:
    """The day's first free edition tag: edition-2025-05-16, then -2, -3..."""
    tag = f"{PREFIX}{day.isoformat()}"
    number = 2
    while tag in taken:
        tag = f"{PREFIX}{day.isoformat()}-{number}"
        number += 1
    return tag


def any_editions(folder: Path) -> bool:
    """Whether the repository holding `folder` has an edition tag (not in one: no)."""
    listed = subprocess.run(["git", "-C", str(folder), "for-each-ref", "--count=1",
                             "--format=%(refname)", "refs/tags/edition-*"],
                            capture_output=True, text=True)
    return listed.returncode == 0 and bool(listed.stdout.strip())
