"""`build.py editions`: every edition tag built (or taken from the cache), stamped and
put into the live site's `editions/`, with the list of editions at `/editions/` (and
`/<lang>/editions/` in each of the site's translations)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel.support import NullTranslations

from ..content.dates import PartialDate
from ..output.pages import Page, Site, page
from .archive import Failed, Published, build_one, publish
from .tags import Edition, GitError, git, read_editions, repository


@dataclass(frozen=True, slots=True)
class Listed:
    """An edition as /editions/ lists it: its date, and the changes it brought."""

    edition: Edition
    changes: tuple[tuple[str, str, str], ...]  # (kind, day as written, summary)
    languages: frozenset[str] = frozenset()  # its translations' folders: "uk/"


@dataclass
class Outcome:
    published: list[Published] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # tags left out, each named
    listed: list[Listed] = field(default_factory=list)  # the published, newest first


def publish_editions(content: Path, out: Path, base_url: str | None, cache: Path,
                     templates: Path, log: Callable[[str], None]) -> Outcome:
    """Build what is not cached, then replace `out/editions/` whole (the live site in
    `out` is built first; its `templates` give the banner's words). A tag that fails is
    reported and skipped. The lists of editions are left to `listing_page`."""
    cache, out = cache.resolve(), out.resolve()  # the tags' builds run in other folders
    repo = repository(content)
    content_rel = content.resolve().relative_to(repo).as_posix()
    editions, problems = read_editions(repo, content_rel)
    outcome = Outcome(problems=problems)
    fresh = out / ".editions-new"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    for edition in editions:
        try:
            built, was_cached = build_one(repo, edition, content_rel, base_url, cache, log)
        except (RuntimeError, GitError, OSError) as exc:
            outcome.failed.append(Failed(edition, str(exc)))
            continue
        languages = publish(built, fresh / edition.name, out, edition, base_url, templates)
        outcome.published.append(Published(edition, was_cached, languages))
    old = out / "editions"
    if old.exists():
        shutil.rmtree(old)
    fresh.rename(old)
    outcome.listed = listing(repo, content_rel, outcome.published)
    return outcome


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
