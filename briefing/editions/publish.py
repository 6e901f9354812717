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
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel.support import NullTranslations

from ..files import write_atomically
from ..model.dates import PartialDate
from ..output.pages import Page, Site, planned
from ..output.write import is_built_site, swap, sweep_leftovers
from ..pipeline import write_in_every_language
from ..problems import Problem
from ..reading.characters import ERRORS, ranges
from ..reading.yamlsource import normalised, parse_yaml
from .archive import BUILD_FAILURES, Built, Failed, Published, build_one, publish
from .isolation import copy_files
from .tags import Edition, git, read_editions, repository

MANIFEST = "editions.json"  # in a folder of built editions: which commit each was built from
MAX_CHANGE_LOG = 2_000_000  # bytes: a tag's changes.yaml longer than this is not read
# Characters the project refuses in its content (characters.py) for hiding or reordering
# text: an old tag's change log may have them, written before it refused them.
HIDING = re.compile(f"[{ranges(ERRORS)}]")


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
    unlisted: list[str] = field(default_factory=list)  # change logs read in part, or not


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
    if is_built_site(out):  # its folders are Briefing's: what a killed run left beside it
        sweep_leftovers(out / "editions")
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
    outcome.listed, outcome.unlisted = listing(repo, content_rel, outcome.published)
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
            copy_files(build.files, into / edition.name)  # a new folder: never one found
        except BUILD_FAILURES as exc:
            outcome.failed.append(Failed(edition, str(exc)))
            continue
        made[edition.name] = edition.commit
        outcome.published.append(Published(edition, build.cached, left_out=build.left_out))
    write_manifest(into, made)
    return outcome


def write_manifest(into: Path, made: dict[str, str]) -> None:
    """The manifest, put in place whole, replacing whatever has its name (a tag's code
    runs as the same user, and could have left a file or a link there): nothing is
    written through a link, and nothing found there is kept."""
    write_atomically(into / MANIFEST, (json.dumps({"built": made}, indent=1, sort_keys=True)
                                       + "\n").encode(), durable=False)


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


def listing(repo: Path, content_rel: str,
            published: list[Published]) -> tuple[list[Listed], list[str]]:
    """Newest first; each edition's changes from its own changes.yaml, those after the
    previous edition's (an edition without a change log lists none). And what is wrong
    with a change log that is listed in part or not at all, each said in a line."""
    seen: set[str] = set()
    rows, said = [], []
    for item in sorted(published, key=lambda p: p.edition.order):
        entries, wrong = change_log(repo, item.edition, content_rel)
        said += [f"edition {item.edition.tag}: {why}" for why in wrong]
        brought = []
        for entry in entries:
            key = entry.get("id") or str((entry.get("at"), entry.get("summary")))
            if key in seen:
                continue
            seen.add(key)
            if entry.get("minor", "").lower() == "true":
                continue
            brought.append((entry.get("kind", "update"), entry.get("at", ""),
                            entry.get("summary", "")))
        rows.append(Listed(item.edition, tuple(brought), item.languages))
    return rows[::-1], said


def change_log(repo: Path, edition: Edition, content_rel: str) -> tuple[list[dict[str, str]],
                                                                         list[str]]:
    """The entries of an edition's changes.yaml, each its fields' text as written, read
    as the project reads YAML (no aliases: a few hundred bytes of them expand to
    gigabytes); none from a file too long or that cannot be read, and characters that
    hide or reorder text taken out. With what was wrong, in words."""
    shown = f"{content_rel}/changes.yaml"
    size = git(repo, "cat-file", "-s", f"{edition.commit}:{shown}", check=False).strip()
    if not size.isdigit():
        return [], []  # no change log
    if int(size) > MAX_CHANGE_LOG:
        return [], [f"{shown} is {size} bytes, more than a change log's "
                    f"{MAX_CHANGE_LOG}: its changes are not listed"]
    problems: list[Problem] = []
    try:
        text = normalised(blob(repo, f"{edition.commit}:{shown}").decode("utf-8"))
    except UnicodeDecodeError:
        return [], [f"{shown} is not UTF-8 text: its changes are not listed"]
    root = parse_yaml(text, shown, problems)
    if root is None:
        return [], [f"{spot(problems[0]) if problems else shown}: its changes are not listed"]
    entries = [fields(node) for node in root.value if isinstance(node, yaml.MappingNode)] \
        if isinstance(root, yaml.SequenceNode) else []
    kept = [{k: HIDING.sub("", v) for k, v in entry.items()} for entry in entries]
    hiding = [p for p in problems if p.severity == "error" and p.message.startswith("U+")]
    return kept, ([f"{spot(hiding[0])} (its changes are listed without such characters)"]
                  if kept != entries and hiding else [])


def spot(problem: Problem) -> str:
    return f"{problem.path}:{problem.line}:{problem.column}: {problem.message}"


def fields(node: yaml.MappingNode) -> dict[str, str]:
    """A change's fields that are text, as written."""
    return {k.value: v.value for k, v in node.value
            if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)}


def blob(repo: Path, spec: str) -> bytes:
    """A file of a commit, as its bytes."""
    return subprocess.run(["git", "-C", str(repo), "cat-file", "blob", spec],
                          capture_output=True, check=False).stdout


def write_listing(listed: list[Listed], content: Path, out: Path, templates: Path,
                  base_url: str | None) -> None:
    """The list of editions into the live site in `out`, in each of its languages, after
    the editions are published. Raises BuildFailed if the live content does not load."""
    write_in_every_language(content, out, templates, base_url,
                            lambda site, words: listing_page(listed, site, words))


def listing_page(listed: list[Listed], site: Site, words: NullTranslations) -> Page:
    """/editions/ in one of the site's languages, each edition linked to its pages in
    that language where it has them (editions/<name>/uk/), else to its original's."""
    _ = words.gettext
    rows = [{"edition": r.edition, "changes": r.changes,
             "day": PartialDate(r.edition.day.year, r.edition.day.month, r.edition.day.day),
             "href": f"editions/{r.edition.name}/"
                     + (site.prefix if site.prefix in r.languages else "")} for r in listed]
    return planned("editions/", "editions.html", _("Editions"),
                   _("The briefing as it stood on the day of each edition, frozen for citing."),
                   context={"editions": rows})
