"""Articles and their sources: which article holds which source's text, the quotes to
look for in each, and each article's HTML with those quotes marked."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from ..problems import Problem
from .markdown import parse_article, render_tokens
from .provenance import mark_quotes


def pair(articles: dict[str, dict[str, Any]], sources: dict[str, dict[str, Any]],
         problems: list[Problem]) -> dict[str, str]:
    """Source id → the id of the article holding its text: sources.yaml may say, or the
    article's front matter alone; the two must not disagree. (Records are shared with
    later builds: they are never changed.)"""
    article_of = {k: v["article"].id for k, v in sources.items() if "article" in v}
    for art in articles.values():
        source = sources.get(art["source"].id)
        if source is not None and article_of.setdefault(source["id"], art["id"]) != art["id"]:
            problems.append(art["source"].loc.error(
                f"source '{source['id']}' has the text of article "
                f"'{article_of[source['id']]}' (sources.yaml line {source['loc'].line}), not "
                "of this one"))
    for source in sources.values():
        ref = source.get("article")
        owner = articles[ref.id]["source"].id if ref and ref.id in articles else None
        if owner is not None and owner != source["id"]:
            problems.append(ref.loc.error(
                f"article '{ref.id}' is the text of source '{owner}' (its front matter says "
                f"so), not of '{source['id']}'"))
    return article_of


def quote_texts(records: Any, article_of: dict[str, str]) -> dict[str, set[str]]:
    """Article id → the texts of every quote whose source's text it is."""
    texts: dict[str, set[str]] = {}
    for quote in raw_quotes(records):
        article = article_of.get(quote["source"].id)
        if article is not None:
            texts.setdefault(article, set()).add(quote["text"])
    return texts


def raw_quotes(records: Any) -> Iterable[dict[str, Any]]:
    """Every quote as read: actors', events', stances' and their earlier positions'."""
    for actor in records.actors.values():
        yield from actor.get("quotes", ())
    for event in records.events:
        if "quote" in event:
            yield event["quote"]
    for issue in records.issues:
        for stance in issue["stances"].values():
            for said in (stance, *stance.get("history", ())):
                if "quote" in said:
                    yield said["quote"]
    for claim in records.claims:
        for said in (*claim.get("by", ()), *claim.get("against", ())):
            if "quote" in said:
                yield {"text": said["quote"], "source": said["source"]}


def marked_article(key: tuple[str, str, tuple[str, ...]]) -> tuple[Markup, dict[str, str]]:
    """An article's HTML with its quotes marked, and {quote: anchor}."""
    base_path, body, quotes = key
    tokens = parse_article(body, base_path)
    anchors = mark_quotes(tokens, list(quotes))
    return render_tokens(tokens), anchors
