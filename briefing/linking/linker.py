"""Records → the Briefing model: references resolved, ids checked, quotes verified."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from markupsafe import Markup

from ..model.briefing import Briefing, cross_index
from ..model.changes import Change, History
from ..model.positions import Claim, EarlierStance, Issue
from ..model.story import Actor, Article, Event, Quote
from ..model.values import Cms, Rich, Side
from ..parallel import fill_in_shares
from ..problems import Problem, display_path
from ..reading.fields import Ref
from ..reading.folder import ReadMemo
from ..reading.ids import event_ids, slugify
from ..reading.records import Records
from ..reading.suggestions import suggest_id, unknown_id
from .articles import marked_article, pair, quote_texts
from .claims import make_claim
from .history import STALE_AFTER_DAYS, Items, last_update, link_changes
from .markdown import base_path, parse_article, render_block, render_inline
from .positions import make_issue
from .provenance import closest_passage
from .story import make_actor, make_events, make_image, make_source

T = TypeVar("T")
PARALLEL_ARTICLES_FROM = 20  # (~10 ms each)
LINKED = ("side", "actor", "source", "article", "issue")  # the kinds references name here


@dataclass
class LinkMemo:
    """What linking remembers in memory from one run to the next, each keyed by what
    made it: files by (mtime, size), Markdown by its text, articles by text and quotes.
    A preview keeps one across its rebuilds; a build starts one from what the build
    cache (on disk, cache.py) kept of the Markdown and articles."""

    reads: ReadMemo = field(default_factory=dict)
    objects: dict[tuple, tuple[tuple, Any]] = field(default_factory=dict)
    markdown: dict[tuple[str, str], Rich] = field(default_factory=dict)
    articles: dict[tuple[str, str, tuple[str, ...]], tuple[Markup, dict[str, str]]] = field(
        default_factory=dict)
    languages: dict[str, LinkMemo] = field(default_factory=dict)  # each translation's own

    def rich(self, text: str | None, base_path: str) -> Rich | None:
        if text is None:
            return None
        found = self.markdown.get((base_path, text))
        if found is None:
            found = self.markdown[base_path, text] = rich((base_path, text))
        return found


def rich(key: tuple[str, str]) -> Rich:
    base_path, text = key
    return Rich(text, render_block(text, base_path))


class Linker:
    """Turns records into model objects in dependency order, resolving references."""

    def __init__(self, records: Records, content: Path, problems: list[Problem],
                 memo: LinkMemo, base_url: str | None, parallel: bool = False,
                 prefix: str = ""):
        self.records = records
        self.parallel = parallel
        self.content = content
        self.problems = problems
        self.base_url = base_url
        self.base_path = base_path(base_url)  # where the articles' root links start
        # ... and the fields': a translation's fields link to pages in their language
        self.field_path = self.base_path + prefix
        self.memo = memo
        self.made: dict[tuple, tuple[tuple, Any]] = {}
        self.tables: dict[str, dict[str, Any]] = {kind: {} for kind in LINKED}

    def reuse(self, kind: str, inputs: tuple, make: Callable[[], T]) -> T:
        """The object made from `inputs`, or the last build's if it was made from the
        very same input objects (compared by identity; strings by value).

        Unchanged content thus yields the same model objects as the last build, so a
        preview compares pages' contexts (render.py) almost for free. `make` only
        constructs: every check that reports a problem stays outside it.
        """
        key = (kind, id(inputs[0]))  # the record: each is read once per build
        hit = self.memo.objects.get(key)
        if hit is not None and len(hit[0]) == len(inputs) and all(map(same, hit[0], inputs)):
            made = hit[1]
        else:
            made = make()
        self.made[key] = (inputs, made)
        return made

    def rich(self, text: str | None) -> Rich | None:
        return self.memo.rich(text, self.field_path)

    def resolve(self, ref: Ref) -> Any:
        found = self.tables[ref.kind].get(ref.id)
        if found is None:
            known = self.records.known[ref.kind]
            if ref.id not in known and ref.kind not in self.records.unreadable:
                self.problems.append(ref.loc.error(
                    unknown_id(ref.kind, ref.id, suggest_id(ref.id, known))))
        return found

    def resolve_all(self, refs: Iterable[Ref]) -> tuple:
        return tuple(x for x in map(self.resolve, refs) if x is not None)

    @staticmethod
    def unique(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """By id, first one kept (a repeated id was reported when read)."""
        seen: dict[str, dict[str, Any]] = {}
        for item in items:
            seen.setdefault(item["id"], item)
        return seen

    def check_rejected(self) -> None:
        """Report unknown references in records that were dropped for other mistakes
        (a change's `affects` aside: it may name what a withdrawal took away)."""
        stack: list[Any] = list(self.records.rejected)
        while stack:
            value = stack.pop()
            if isinstance(value, Ref):
                if value.kind in self.tables:
                    self.resolve(value)
            elif isinstance(value, dict):
                stack.extend(value)
                stack.extend(value.values())
            elif isinstance(value, tuple | list):
                stack.extend(value)

    def link(self) -> Briefing:
        b = self.records.briefing
        assert b is not None
        changes = self.link_history(b)
        self.tables["side"] = self.make_sides(b)
        sources = self.unique(self.records.sources)
        self.tables["article"] = self.link_articles(sources)
        self.tables["source"] = {k: make_source(self, v, self.article_of)
                                 for k, v in sources.items()}
        self.tables["actor"] = {k: make_actor(self, v, self.content)
                                for k, v in sorted(self.records.actors.items())}
        quotes = [self.make_quote(q, speaker=actor)
                  for actor in self.tables["actor"].values()
                  for q in self.records.actors[actor.id].get("quotes", ())]
        events = make_events(self, self.events_by_id, quotes)
        issues = [make_issue(self, v, quotes) for v in self.unique(self.records.issues).values()]
        self.tables["issue"] = {issue.id: issue for issue in issues}
        claims = [make_claim(self, v, quotes) for v in self.unique(self.records.claims).values()]
        self.check_rejected()
        self.memo.objects = self.made  # what this build made, for the next one
        return cross_index(self.briefing(b, changes, events, issues, claims, quotes))

    def link_history(self, b: dict[str, Any]) -> tuple[Change, ...]:
        """The change log, newest first; with it each record's history, the briefing's
        last update and the days after which a stance is stale."""
        self.events_by_id = event_ids(self.records.events)
        known = {**self.records.known, "event": set(self.events_by_id) | self.records.known[
            "event"]}
        changes, self.histories = link_changes(
            self.records.changes, Items(self.records, self.events_by_id), known,
            self.problems, self.records.events)
        log = display_path(self.content / "changes.yaml")
        self.updated = last_update(
            b, changes, "change" in self.records.present,
            any(p.path == log and p.severity == "error" for p in self.problems), self.problems)
        self.stale_after = b.get("stale_after_days", STALE_AFTER_DAYS)
        return changes

    def make_sides(self, b: dict[str, Any]) -> dict[str, Side]:
        sides = self.unique(list(b["sides"]))
        return {
            k: self.reuse("side", (v, n), lambda v=v, k=k, n=n: Side(
                k, v["name"], v.get("short"), v.get("description"), accent=n % 6 + 1,
                tx=v.get("tx")))
            for n, (k, v) in enumerate(sides.items())}

    def briefing(self, b: dict[str, Any], changes: tuple[Change, ...], events: list[Event],
                 issues: list[Issue], claims: list[Claim], quotes: list[Quote | None]
                 ) -> Briefing:
        """The Briefing of everything linked, before its cross-indexes."""
        return Briefing(
            title=b["title"], summary=self.rich(b["summary"]), updated=self.updated,
            sides=tuple(self.tables["side"].values()),
            actors=tuple(sorted(self.tables["actor"].values(), key=name_key)),
            events=tuple(events), issues=tuple(issues),
            sources=tuple(self.tables["source"].values()),
            articles=tuple(sorted(self.tables["article"].values(), key=lambda a: a.id)),
            quotes=tuple(q for q in quotes if q is not None),
            dek=b.get("dek"), language=b.get("language", "en"),
            key_points=tuple(Rich(k, render_inline(k, self.field_path))
                             for k in b.get("key_points", ())),
            positions_title=b.get("positions_title"),
            base_url=self.base_url, cname=b.get("cname"),
            share_image=make_image(self, b.get("share_image"), self.content),
            changes=changes, history=self.histories.get("briefing"),
            claims=tuple(claims), claim_review=b.get("claim_review", False),
            stale_after_days=self.stale_after, tx=b.get("tx"),
            cms=make_cms(b.get("cms")),
        )

    def link_articles(self, sources: dict[str, dict[str, Any]]) -> dict[str, Article]:
        """Pair articles with sources, find every quote in its article, render the text."""
        articles = self.records.articles
        for art in articles.values():
            if art["source"].id not in sources:
                self.resolve(art["source"])  # reports the unknown source
        self.article_of = pair(articles, sources, self.problems)
        texts = quote_texts(self.records, self.article_of)
        self.anchors: dict[str, dict[str, str]] = {}
        out = {}
        quotes = {art["id"]: tuple(sorted(texts.get(art["id"], ()))) for art in articles.values()}
        if self.parallel:
            fill_in_shares(self.memo.articles,
                           ((self.base_path, art["body"], quotes[art["id"]])
                            for art in articles.values()),
                           marked_article, at_least=PARALLEL_ARTICLES_FROM)
        for art in articles.values():
            html, self.anchors[art["id"]] = self.render_article(art["body"], quotes[art["id"]])
            note = self.rich(art.get("note"))
            history = self.histories.get(f"article:{art['id']}")
            out[art["id"]] = self.reuse(
                "article", (art, html, note, history),
                lambda art=art, html=html, note=note, history=history: Article(
                    art["id"], art["title"], art["source"].id, html, art.get("dek"), note,
                    art["loc"], history))
        return out

    def render_article(self, body: str, quotes: tuple[str, ...]
                       ) -> tuple[Markup, dict[str, str]]:
        """The article's HTML with its quotes marked, and {quote: anchor}."""
        key = (self.base_path, body, quotes)
        if key not in self.memo.articles:
            self.memo.articles[key] = marked_article(key)
        return self.memo.articles[key]

    def make_quote(self, v: dict[str, Any], speaker: Actor | None = None) -> Quote | None:
        if "speaker" in v:
            named = self.resolve(v["speaker"])
            if speaker is not None and named is not None and named != speaker:
                self.problems.append(v["speaker"].loc.error(
                    f"a quote in {speaker.id}.yaml is said by {speaker.name}: move a quote by "
                    f"'{named.id}' to {named.id}.yaml, or remove 'speaker'"))
            speaker = speaker or named
        source = self.resolve(v["source"])
        if source is None:
            return None
        anchor = None
        if source.article is not None:
            anchor = self.anchors[source.article.id].get(v["text"])
            if anchor is None:
                body = self.records.articles[source.article.id]["body"]
                self.problems.append(v["locs"]["text"].warning(
                    f"quote not found in the text of article '{source.article.id}' "
                    f"(content/articles/{source.article.id}.md): "
                    + closest_passage(parse_article(body), v["text"])))
        return self.reuse("quote", (v, source, speaker, anchor or ""), lambda: Quote(
            v["text"], source, speaker, v.get("date"), v.get("context"), anchor, v["loc"],
            v.get("translation")))


def same(a: object, b: object) -> bool:
    """The same input as last build's: the same object, or equal text, number or history
    (histories are made anew each build, and are small)."""
    return a is b or (isinstance(a, str | int | History | EarlierStance) and a == b)


def name_key(actor: Actor) -> tuple[str, str]:
    return (slugify(actor.name) or actor.name.casefold(), actor.id)


def make_cms(cms: dict[str, Any] | None) -> Cms | None:
    if not cms:
        return None
    return Cms(repo=cms["repo"], branch=cms.get("branch", "main"),
               folder=cms.get("folder", "content"), login=cms.get("login"),
               loc=cms.get("loc"))
