"""`build.py editions`: every edition tag in the published branch's history built (or
taken from the cache), stamped and put into the live site's `editions/`, with the list
of editions at `/editions/` (and `/<lang>/editions/` in each of the site's
translations).

The work can be split where it must be trusted: `build_editions` only runs the tags'
code, into a folder of plain files (the publishing workflow's job that holds no token),
and `publish_editions(..., built=that folder)` only reads those files as data.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel.support import NullTranslations

from ..content.dates import PartialDate
from ..output.pages import Page, Site, page
from ..output.write import swap, sweep_leftovers
from .archive import BUILD_FAILURES, Built, Failed, Published, build_one, publish
from .isolation import copy_files
from .tags import Edition, git, read_editions, repository

MANIFEST = "editions.json"  # in a folder of built editions: which commit each was built from


@dataclass(frozen=True, slots=True)
class Listed:
    """An edition as /editions/ lists it: its date, and the changes it brought."""

    edition: Edition
    changes: tuple[tuple[str, str, str], ...]  # (kind, day as written, summary)
    languages: frozenset[str] = frozenset()  # its translations' folders: "uk/"


@dataclass
class Outcome:
    published: list[Published] = field(default_factory=list)  # or built, by build_editions
    failed: list[Failed] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # tags left out, each named
    listed: list[Listed] = field(default_factory=list)  # the published, newest first


def publish_editions(content: Path, out: Path, base_url: str | None, cache: Path,
                     templates: Path, log: Callable[[str], None], branch: str = "HEAD",
                     built: Path | None = None) -> Outcome:
    """Build what is not cached (or, given `built`, take the builds `build_editions`
    made there), then replace `out/editions/` whole (the live site in `out` is built
    first; its `templates` give the banner's words). A tag that fails is reported and
    left out; the others are published. The lists of editions are left to
    `listing_page`."""
    cache, out = cache.resolve(), out.resolve()
    repo, content_rel = where(content)
    editions, problems = read_editions(repo, content_rel, branch)
    outcome = Outcome(problems=problems)
    sweep_leftovers(out / "editions")  # what a killed run left beside it
    fresh = Path(tempfile.mkdtemp(prefix=".editions-new-", dir=out))
    os.chmod(fresh, 0o755)  # mkdtemp makes it private; a site is meant to be served
    try:
        made = read_manifest(built) if built is not None else {}
        for edition in editions:
            target = fresh / edition.name
            try:
                build = (prebuilt(built, made, edition) if built is not None
                         else build_one(repo, edition, content_rel, base_url, cache, log))
                languages, left = publish(build.files, target, out, edition, base_url, templates)
            except (*BUILD_FAILURES, ValueError) as exc:
                shutil.rmtree(target, ignore_errors=True)
                outcome.failed.append(Failed(edition, str(exc)))
                continue
            outcome.published.append(Published(edition, build.cached, languages,
                                               (*build.left_out, *left)))
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    swap(fresh, out / "editions")  # the last editions stay whole until the new are
    outcome.listed = listing(repo, content_rel, outcome.published)
    return outcome


def build_editions(content: Path, into: Path, base_url: str | None, cache: Path,
                   log: Callable[[str], None], branch: str = "HEAD") -> Outcome:
    """Only build: each edition's files into `into/<name>/` (a new folder), and a
    manifest of the commit each was built from, for `publish_editions(built=into)`."""
    cache = cache.resolve()
    repo, content_rel = where(content)
    editions, problems = read_editions(repo, content_rel, branch)
    outcome = Outcome(problems=problems)
    into.mkdir(parents=True, exist_ok=True)
    made: dict[str, str] = {}
    for edition in editions:
        try:
            build = build_one(repo, edition, content_rel, base_url, cache, log)
        except BUILD_FAILURES as exc:
            outcome.failed.append(Failed(edition, str(exc)))
            continue
        copy_files(build.files, into / edition.name)
        made[edition.name] = edition.commit
        outcome.published.append(Published(edition, build.cached, left_out=build.left_out))
    (into / MANIFEST).write_text(json.dumps({"built": made}, indent=1, sort_keys=True) + "\n",
                                 encoding="utf-8")
    return outcome


def where(content: Path) -> tuple[Path, str]:
    """The repository holding the content, and the content folder's path in it."""
    repo = repository(content)
    return repo, content.resolve().relative_to(repo).as_posix()


def read_manifest(built: Path) -> dict[str, str]:
    """Which commit each edition in a folder of builds was built from (edition name →
    commit); nothing for a manifest that is not as `build_editions` writes it."""
    try:
        said = json.loads((built / MANIFEST).read_text(encoding="utf-8"))["built"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {k: v for k, v in said.items() if isinstance(k, str) and isinstance(v, str)} \
        if isinstance(said, dict) else {}


def prebuilt(built: Path, made: dict[str, str], edition: Edition) -> Built:
    """An edition built elsewhere, as untrusted files (`publish` copies only its regular
    files): there only if the manifest says it was built from the tag's commit."""
    files = built / edition.name
    if made.get(edition.name) != edition.commit or files.is_symlink() or not files.is_dir():
        why = ("it was built from another commit (the tag moved since)"
               if edition.name in made else "its build failed, or did not run")
        raise RuntimeError(f"not among the editions built in {built}: {why}; see the "
                           "output of the command that built them (build.py editions "
                           "--build-only)")
    return Built(files, cached=False)


def listing(repo: Path, content_rel: str, published: list[Published]) -> list[Listed]:
    """Newest first; each edition's changes from its own changes.yaml, those after the
    previous edition's (an edition without a change log lists none)."""
    seen: set[str] = set()
    rows = []
    for item in sorted(published, key=lambda p: p.edition.order):
        text = git(repo, "show", f"{item.edition.commit}:{content_rel}/changes.yaml",
                   check=False)
        try:
            entries = yaml.safe_load(text) if text else []
        except yaml.YAMLError:
            entries = []
        brought = []
        for entry in entries if isinstance(entries, list) else []:
            if not isinstance(entry, dict):
                continue
            key = str(entry.get("id") or (entry.get("at"), entry.get("summary")))
            if key in seen:
                continue
            seen.add(key)
            if entry.get("minor") is True:
                continue
            brought.append((str(entry.get("kind", "update")), str(entry.get("at", "")),
                            str(entry.get("summary", ""))))
        rows.append(Listed(item.edition, tuple(brought), item.languages))
    return rows[::-1]


def listing_page(listed: list[Listed], site: Site, words: NullTranslations) -> Page:
    """/editions/ in one of the site's languages, each edition linked to its pages in
    that language where it has them (editions/<name>/uk/), else to its original's."""
    _ = words.gettext
    rows = [{"edition": r.edition, "changes": r.changes,
             "day": PartialDate(r.edition.day.year, r.edition.day.month, r.edition.day.day),
             "href": f"editions/{r.edition.name}/"
                     + (site.prefix if site.prefix in r.languages else "")} for r in listed]
    return page("editions/", "editions.html", _("Editions"),
                _("The briefing as it stood on the day of each edition, frozen for citing."),
                context={"editions": rows})
