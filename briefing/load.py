"""Records → the Briefing model: references resolved, ids checked, quotes verified."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import model
from .fields import Ref, did_you_mean, slugify
from .markdown import parse_article, render_block, render_inline, render_tokens
from .model import (
    Actor,
    Article,
    Briefing,
    Event,
    Image,
    Issue,
    Link,
    Quote,
    Rich,
    Side,
    Source,
    Stance,
)
from .problems import Problem
from .provenance import mark_quotes
from .read import Records, read_content

WHERE = {"side": "among the sides in briefing.yaml", "actor": "in content/actors/",
         "source": "in sources.yaml", "article": "in content/articles/"}


def load_briefing(content: Path, problems: list[Problem]) -> Briefing | None:
    """Read, check and link everything; None when any error was found."""
    records = read_content(content, problems)
    if records.briefing is None:
        return None
    before = sum(p.severity == "error" for p in problems)
    briefing = Linker(records, content, problems).link()
    if sum(p.severity == "error" for p in problems) > before:
        return None
    return briefing


def rich(text: str | None) -> Rich | None:
    return None if text is None else Rich(text, render_block(text))


class Linker:
    """Turns records into model objects in dependency order, resolving references."""

    def __init__(self, records: Records, content: Path, problems: list[Problem]):
        self.records = records
        self.content = content
        self.problems = problems
        self.tables: dict[str, dict[str, Any]] = {kind: {} for kind in WHERE}

    def resolve(self, ref: Ref) -> Any:
        found = self.tables[ref.kind].get(ref.id)
        known = self.records.known[ref.kind]
        if found is None and ref.id not in known and ref.kind not in self.records.unreadable:
            self.problems.append(ref.loc.error(
                f"unknown {ref.kind} '{ref.id}': there is none {WHERE[ref.kind]}"
                f"{did_you_mean(ref.id, known)}"))
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
        """Report unknown references in records that were dropped for other mistakes."""
        stack: list[Any] = list(self.records.rejected)
        while stack:
            value = stack.pop()
            if isinstance(value, Ref):
                self.resolve(value)
            elif isinstance(value, dict):
                stack.extend(value)
                stack.extend(value.values())
            elif isinstance(value, tuple | list):
                stack.extend(value)

    def link(self) -> Briefing:
        b = self.records.briefing
        assert b is not None
        sides = self.unique(list(b["sides"]))
        self.tables["side"] = {k: Side(k, v["name"], v.get("short"), v.get("description"),
                                       accent=n % 6 + 1)
                               for n, (k, v) in enumerate(sides.items())}
        sources = self.unique(self.records.sources)
        self.tables["article"] = self.link_articles(sources)
        self.tables["source"] = {k: self.make_source(v) for k, v in sources.items()}
        self.tables["actor"] = {k: self.make_actor(v)
                                for k, v in sorted(self.records.actors.items())}
        quotes = [self.make_quote(q, speaker=actor)
                  for actor in self.tables["actor"].values()
                  for q in self.records.actors[actor.id].get("quotes", ())]
        events = self.make_events(quotes)
        issues = [self.make_issue(v, quotes)
                  for v in self.unique(self.records.issues).values()]
        self.check_rejected()
        n = len(self.tables["side"])
        return model.cross_index(Briefing(
            title=b["title"], summary=rich(b["summary"]), updated=b["updated"],
            sides=tuple(self.tables["side"].values()),
            actors=tuple(sorted(self.tables["actor"].values(), key=name_key)),
            events=tuple(events), issues=tuple(issues),
            sources=tuple(self.tables["source"].values()),
            articles=tuple(sorted(self.tables["article"].values(), key=lambda a: a.id)),
            quotes=tuple(q for q in quotes if q is not None),
            dek=b.get("dek"), language=b.get("language", "en"),
            key_points=tuple(Rich(k, render_inline(k)) for k in b.get("key_points", ())),
            positions_title=b.get("positions_title") or (
                "Where both sides stand" if n == 2 else "Where the sides stand"),
            base_url=b.get("base_url"),
        ))

    def link_articles(self, sources: dict[str, dict[str, Any]]) -> dict[str, Article]:
        """Pair articles with sources, find every quote in its article, render the text."""
        articles = self.records.articles
        for art in articles.values():
            source = sources.get(art["source"].id)
            if source is None:
                self.resolve(art["source"])
            elif "article" not in source:  # the article's front matter is enough
                source["article"] = Ref("article", art["id"], art["source"].loc)
            elif source["article"].id != art["id"]:
                self.problems.append(art["source"].loc.error(
                    f"source '{source['id']}' has the text of article "
                    f"'{source['article'].id}' (sources.yaml line {source['loc'].line}), "
                    "not of this one"))
        for source in sources.values():
            ref = source.get("article")
            owner = articles[ref.id]["source"].id if ref and ref.id in articles else None
            if owner is not None and owner != source["id"]:
                self.problems.append(ref.loc.error(
                    f"article '{ref.id}' is the text of source '{owner}' (its front matter "
                    f"says so), not of '{source['id']}'"))
        texts = self.quote_texts(sources)
        self.anchors: dict[str, dict[str, str]] = {}
        out = {}
        for art in articles.values():
            tokens = parse_article(art["body"])
            self.anchors[art["id"]] = mark_quotes(tokens, sorted(texts.get(art["id"], ())))
            out[art["id"]] = Article(art["id"], art["title"], art["source"].id,
                                     render_tokens(tokens), art.get("dek"),
                                     rich(art.get("note")), art["loc"])
        return out

    def quote_texts(self, sources: dict[str, dict[str, Any]]) -> dict[str, set[str]]:
        """Article id → the texts of every quote whose source's text it is."""
        texts: dict[str, set[str]] = {}
        for quote in self.raw_quotes():
            source = sources.get(quote["source"].id)
            if source is not None and "article" in source:
                texts.setdefault(source["article"].id, set()).add(quote["text"])
        return texts

    def raw_quotes(self) -> Iterable[dict[str, Any]]:
        for actor in self.records.actors.values():
            yield from actor.get("quotes", ())
        for event in self.records.events:
            if "quote" in event:
                yield event["quote"]
        for issue in self.records.issues:
            for stance in issue["stances"].values():
                if "quote" in stance:
                    yield stance["quote"]

    def make_source(self, v: dict[str, Any]) -> Source:
        article = self.resolve(v["article"]) if "article" in v else None
        return Source(v["id"], v["title"], v.get("short"), v.get("publisher"), v.get("url"),
                      v.get("published"), article, v["loc"])

    def make_actor(self, v: dict[str, Any]) -> Actor:
        return Actor(
            v["id"], v["name"], v["role"], rich(v["summary"]),
            side=self.resolve(v["side"]) if "side" in v else None,
            country=v.get("country"), image=self.make_image(v.get("image")),
            links=tuple(Link(x["title"], x["url"]) for x in v.get("links", ())),
            loc=v["loc"])

    def make_image(self, v: dict[str, Any] | None) -> Image | None:
        if v is None:
            return None
        image = Image(v["src"], v["alt"], v.get("credit"))
        if image.is_local and not (self.content / image.src).is_file():
            self.problems.append(v["locs"]["src"].error(
                f"no image file at {(self.content / image.src).as_posix()}"))
        return image

    def make_quote(self, v: dict[str, Any], speaker: Actor | None = None) -> Quote | None:
        if "speaker" in v:
            named = self.resolve(v["speaker"])
            if speaker is not None and named is not None and named != speaker:
                self.problems.append(v["speaker"].loc.error(
                    f"a quote in {speaker.id}.yaml is {speaker.name}'s: move a quote by "
                    f"'{named.id}' to {named.id}.yaml, or remove 'speaker'"))
            speaker = speaker or named
        source = self.resolve(v["source"])
        if source is None:
            return None
        anchor = None
        if source.article is not None:
            anchor = self.anchors[source.article.id].get(v["text"])
            if anchor is None:
                self.problems.append(v["locs"]["text"].warning(
                    f"quote not found in the text of article '{source.article.id}' "
                    f"(content/articles/{source.article.id}.md): check that the words "
                    "match the article exactly"))
        return Quote(v["text"], source, speaker, v.get("date"), v.get("context"), anchor,
                     v["loc"])

    def make_events(self, quotes: list[Quote | None]) -> list[Event]:
        explicit = self.unique([e for e in self.records.events if "id" in e])
        taken = set(explicit)
        events = []
        for v in self.records.events:
            if v.get("id") in explicit and explicit[v["id"]] is not v:
                continue
            event_id = v.get("id") or self.auto_id(v, taken)
            taken.add(event_id)
            end = v.get("end")
            if end is not None and end.last_day < v["date"].first_day:
                self.problems.append(v["locs"]["end"].error(
                    f"'end' ({end.iso}) is before 'date' ({v['date'].iso})"))
            if not v.get("sources"):
                self.problems.append(v["loc"].warning(
                    f"event '{v['title']}' cites no source: add 'sources:'"))
            quote = self.make_quote(v["quote"]) if "quote" in v else None
            quotes.append(quote)
            events.append(Event(
                event_id, v["date"], v["title"], end, v.get("approximate", False),
                rich(v.get("summary")), self.resolve_all(v.get("actors", ())),
                self.resolve_all(v.get("sources", ())), quote, v["loc"]))
        # Oldest first; sorted() is stable, so equal dates keep file order.
        return sorted(events, key=lambda e: e.date)

    @staticmethod
    def auto_id(v: dict[str, Any], taken: set[str]) -> str:
        base = f"{v['date'].iso}-{slugify(v['title'])}".strip("-")
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def make_issue(self, v: dict[str, Any], quotes: list[Quote | None]) -> Issue:
        stances: dict[str, Stance] = {}
        for ref, s in v["stances"].items():
            side = self.resolve(ref)
            if side is None:
                continue
            quote = self.make_quote(s["quote"]) if "quote" in s else None
            quotes.append(quote)
            stances[side.id] = Stance(side, s["position"], rich(s.get("detail")),
                                      self.resolve_all(s.get("actors", ())),
                                      self.resolve_all(s.get("sources", ())), quote)
        cells = tuple((side, stances.get(side.id)) for side in self.tables["side"].values())
        return Issue(v["id"], v["issue"], cells, rich(v.get("summary")), v.get("status"))


def name_key(actor: Actor) -> tuple[str, str]:
    return (slugify(actor.name) or actor.name.casefold(), actor.id)
