"""`build.py diff OLD_REF`: what a change does to the briefing, in an editor's terms.

Both versions are loaded and checked as a build would; the summary (Markdown, for a
pull request's check summary) lists actors added, removed or changed, events added or
removed, positions that moved, claims added or rated anew, the change log's new entries
(corrections first), quotes that no longer verify against their article, and the
problems the new version has.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..linking.loading import load_and_check
from ..model.briefing import Briefing
from ..model.story import Quote
from ..output.feeds import briefing_json, quote_json
from ..problems import Loc, Problem, display_path

BRIEFING_KEYS = ("title", "dek", "summary", "key_points", "sides", "positions_title",
                 "language")


class NoVersion(Exception):
    """OLD_REF cannot be read (not a git checkout, an unknown ref): why, in one line."""


def content_at(ref: str, content: Path, into: Path) -> Path:
    """The content folder as it was at git `ref`, extracted under `into`."""
    def git(*args: str) -> bytes:
        result = subprocess.run(["git", "-C", str(content), *args], capture_output=True)
        if result.returncode != 0:
            said = result.stderr.decode(errors="replace").strip().splitlines()
            raise NoVersion(said[-1].removeprefix("fatal: ") if said
                            else f"git {args[0]} failed")
        return result.stdout

    git("rev-parse", "--git-dir")  # a checkout at all?
    try:
        git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except NoVersion:
        raise NoVersion(f"no commit, branch or tag of that name in {content}") from None
    archive = git("archive", "--format=tar", ref, "--", ".")  # paths inside content/
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def summary(old_ref: str, content: Path) -> tuple[str, list[Problem], list[Problem]]:
    """(the Markdown summary, the new version's problems, what the change log says of the
    change: edits no change entry accounts for, entries removed or moved)."""
    with tempfile.TemporaryDirectory(prefix="briefing-diff-") as folder:
        old, old_problems = load_and_check(content_at(old_ref, content, Path(folder)))
    new, problems = load_and_check(content)
    log: list[Problem] = []
    if new is not None and old is not None and (content / "changes.yaml").is_file():
        log = sorted(logged(old, new, old_ref, content))
    lines = [f"## What this change does to the briefing (against `{old_ref}`)", ""]
    if new is None:
        lines.append(f"**The briefing does not check out**: {count(problems, 'error')}. "
                     "Fix these first (each is annotated on its line):")
        lines += [listed(p) for p in problems if p.severity == "error"]
        return "\n".join(lines) + "\n", problems, log
    if old is None:
        lines += ["The old version did not check out "
                  f"({count(old_problems, 'error')}), so everything is listed as new.", ""]
    changes = list(differences(old, new))
    lines += changes or ["No change to what readers see."]
    for title, found in (("Not in the change log", log),
                         ("Warnings", [p for p in problems if p.severity == "warning"])):
        if found:
            lines += ([""] if lines[-1] else []) + [f"**{title}** ({len(found)}):"]
            lines += [listed(p) for p in found]
    return "\n".join(lines) + "\n", problems, log


def differences(old: Briefing | None, new: Briefing) -> Iterable[str]:
    """What readers will see change, a section of lines for each kind of thing."""
    yield from actors(old, new)
    old_events = {e.id: e for e in old.events} if old else {}
    new_events = {e.id: e for e in new.events}
    yield from section("Events added", (f"{e.date}: {e.title}" for i, e in new_events.items()
                                        if i not in old_events))
    yield from section("Events removed", (f"{e.date}: {e.title}" for i, e in
                                          old_events.items() if i not in new_events))
    yield from section("Positions changed", positions(old, new))
    before = unverified(old)
    lost = [q for key, q in unverified(new).items() if key not in before]
    yield from section("Quotes that no longer verify against their article",
                       (f"“{q.text}” ({q.speaker.name if q.speaker else q.source.title})"
                        for q in lost))
    old_sources = {s.id for s in old.sources} if old else set()
    yield from section("Sources added", (s.title for s in new.sources
                                         if s.id not in old_sources))
    yield from claims(old, new)
    yield from logged_changes(old, new)


def actors(old: Briefing | None, new: Briefing) -> Iterable[str]:
    """Actors added, removed, or whose role, side or profile changed."""
    old_actors = {a.id: a for a in old.actors} if old else {}
    new_actors = {a.id: a for a in new.actors}
    yield from section("Actors added", (f"{a.name} ({a.role})" for i, a in
                                        new_actors.items() if i not in old_actors))
    yield from section("Actors removed", (a.name for i, a in old_actors.items()
                                          if i not in new_actors))
    changed = []
    for i, a in new_actors.items():
        before = old_actors.get(i)
        if before is None:
            continue
        if before.role != a.role:
            changed.append(f"{a.name}: role “{before.role}” → “{a.role}”")
        if side_name(before.side) != side_name(a.side):
            changed.append(f"{a.name}: side {side_name(before.side)} → {side_name(a.side)}")
        if before.summary.source != a.summary.source:
            changed.append(f"{a.name}: profile rewritten")
    yield from section("Actors changed", changed)


def logged_changes(old: Briefing | None, new: Briefing) -> Iterable[str]:
    """The change log's new entries, oldest first: notes (corrections, …), then the rest."""
    old_changes = {c.id for c in old.changes} if old else set()
    added = [c for c in reversed(new.changes) if c.id not in old_changes]  # oldest first
    yield from section("Corrections, clarifications and withdrawals", (
        f"{c.label} ({c.at.iso}): “{c.was}” → {c.summary}" for c in added if c.is_note))
    yield from section("Changes logged", (
        f"{c.label}{' (minor)' if c.minor else ''} ({c.at.iso}): {c.summary}"
        for c in added if not c.is_note))


def claims(old: Briefing | None, new: Briefing) -> Iterable[str]:
    """Claims added, removed, or whose status moved."""
    before = {c.id: c for c in old.claims} if old else {}
    now = {c.id: c for c in new.claims}
    yield from section("Claims added", (f"{c.claim} ({c.status})" for i, c in now.items()
                                        if i not in before))
    yield from section("Claims removed", (c.claim for i, c in before.items() if i not in now))
    yield from section("Claims whose status changed", (
        f"“{c.claim}”: {before[i].status} → {c.status}" for i, c in now.items()
        if i in before and before[i].status != c.status))


def positions(old: Briefing | None, new: Briefing) -> Iterable[str]:
    before = {(i.id, side.id): s for i in (old.issues if old else ()) for side, s in i.cells}
    issues_before = {i.id for i in old.issues} if old else set()
    for issue in new.issues:
        if issue.id not in issues_before:
            yield f"New issue: {issue.issue}"
            continue
        for side, stance in issue.cells:
            was = before.get((issue.id, side.id))
            now_text = stance.position if stance else None
            was_text = was.position if was else None
            if now_text != was_text:
                yield (f"{issue.issue} – {side.name}: “{was_text or 'no stated position'}” → "
                       f"“{now_text or 'no stated position'}”")


def unverified(briefing: Briefing | None) -> dict[tuple[str, str | None], Quote]:
    """Quotes from a source with an article whose words the article does not have."""
    quotes = briefing.quotes if briefing else ()  # actors', events' and stances'
    return {(q.text, q.speaker.id if q.speaker else None): q for q in quotes
            if q.anchor is None and q.source.article is not None}


def listed(problem: Problem) -> str:
    return f"- `{problem.path}:{problem.line}:{problem.column}` {problem.message}"


def section(title: str, items: Iterable[str]) -> list[str]:
    items = list(items)
    if not items:
        return []
    return [f"**{title}** ({len(items)}):", *(f"- {item}" for item in items), ""]


def side_name(side: object) -> str:
    return getattr(side, "name", None) or "not aligned"


def count(problems: list[Problem], severity: str) -> str:
    n = sum(p.severity == severity for p in problems)
    return f"{n} {severity}{'s' if n != 1 else ''}"


def logged(old: Briefing, new: Briefing, old_ref: str, content: Path) -> list[Problem]:
    """No silent edits: a warning at each item whose text changed since `old_ref` with no
    new change entry affecting it; an error for each published change entry that is gone
    or whose `at` moved (the log is append-only)."""
    log = Loc(display_path(content / "changes.yaml"), 1, 1)
    problems = []
    now = {c.id: c for c in new.changes}
    for change in old.changes:
        moved = now.get(change.id)
        if moved is None:
            problems.append(log.error(
                f"change '{change.id}' of {change.at.written}, published in {old_ref}, is "
                "gone: the change log is append-only; put it back"))
        elif moved.at != change.at:
            assert moved.loc is not None
            problems.append(Loc(moved.loc.path, moved.loc.line, moved.loc.column).error(
                f"change '{change.id}' was published in {old_ref} at {change.at.written}; "
                f"its 'at' may not move (the change log is append-only)"))
    published = {c.id for c in old.changes}
    accounted = {a.key for c in new.changes if c.id not in published for a in c.affects}
    whole = Loc(display_path(content / "briefing.yaml"), 1, 1)
    before, after = texts(old, whole), texts(new, whole)
    for key, (text, loc) in after.items():
        if before.get(key, (None,))[0] != text and key not in accounted:
            what = "is new" if key not in before else "changed"
            problems.append(loc.warning(
                f"{key.replace(':', ' ')} {what} since {old_ref} with no new entry in "
                f"changes.yaml affecting it: add one (for a typo, 'minor: true' is enough)"))
    for key in before.keys() - after.keys() - accounted:
        problems.append(log.warning(
            f"{key.replace(':', ' ')} was removed since {old_ref} with no new entry in "
            "changes.yaml: add a withdrawal that says what it said"))
    return problems


def texts(briefing: Briefing, whole: Loc) -> dict[str, tuple[str, Loc]]:
    """Each item's text as written (its own fields; others by id), and where it is."""
    data = json.loads(briefing_json(briefing))
    own_quotes: dict[str, list] = {}
    for quote in briefing.quotes:  # an actor's quotes are in the actor's own file
        if quote.speaker and quote.loc and quote.loc.path == quote.speaker.loc.path:
            own_quotes.setdefault(quote.speaker.id, []).append(quote_json(quote))
    found = {"briefing": ({k: data[k] for k in BRIEFING_KEYS}, whole)}
    items = [("actor", briefing.actors, data["actors"]), ("event", briefing.events,
             data["events"]), ("issue", briefing.issues, data["issues"]),
             ("source", briefing.sources, data["sources"])]
    for kind, objects, rows in items:
        for item, row in zip(objects, rows, strict=True):
            if kind == "actor":
                row = {**row, "quotes": own_quotes.get(item.id, [])}
            found[f"{kind}:{item.id}"] = (row, item.loc)
    for article in briefing.articles:
        found[f"article:{article.id}"] = ({"title": article.title, "dek": article.dek,
                                          "note": article.note and article.note.source,
                                          "text": article.html.striptags()}, article.loc)
    return {k: (json.dumps(written(v), sort_keys=True, ensure_ascii=False), loc)
            for k, (v, loc) in found.items()}


def written(value: Any) -> Any:
    """An item's data without what the build works out from the rest: a stance's
    `stale` flag moves with the briefing's last update, not with an edit to the stance."""
    if isinstance(value, dict):
        return {k: written(v) for k, v in value.items() if k != "stale"}
    if isinstance(value, list):
        return [written(v) for v in value]
    return value
