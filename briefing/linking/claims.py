"""Claims: what we know, what is claimed, what nobody knows yet. Each with its status
and why, who asserts and who contests it (their words verified like any quote), the
evidence, and how its status moved."""

from __future__ import annotations

from typing import Any

from ..model.positions import Attribution, Claim, EarlierRating
from ..model.story import Quote
from .history import check_dates
from .interface import Linking


def make_claim(link: Linking, v: dict[str, Any], quotes: list[Quote | None]) -> Claim:
    by = attributions(link, v, "by", quotes)
    against = attributions(link, v, "against", quotes)
    if v["status"] != "open" and not v.get("sources"):
        link.problems.append(v["loc"].error(
            f"a {v['status']} claim needs 'sources': the evidence behind its status (only an "
            "open claim, one nobody knows the answer to yet, may have none)"))
    sources = link.resolve_all(v.get("sources", ()))
    issue = link.resolve(v["issue"]) if "issue" in v else None
    check_dates(v.get("history", ()), v["as_of"], "status", link.problems)
    earlier = tuple(sorted((EarlierRating(h["as_of"], h["status"], h["note"], h.get("tx"))
                            for h in v.get("history", ())), key=lambda e: e.as_of,
                           reverse=True))
    history = link.histories.get(f"claim:{v['id']}")
    return link.reuse(
        "claim", (v, history, issue, *by, "/", *against, "/", *sources, "/", *earlier),
        lambda: Claim(v["id"], v["claim"], v["status"], v["note"], v["as_of"], by, against,
                      sources, issue, earlier, history, v["loc"], v.get("tx")))


def attributions(link: Linking, claim: dict[str, Any], role: str,
                 quotes: list[Quote | None]) -> tuple[Attribution, ...]:
    """Who asserts (`by`) or contests (`against`) the claim."""
    out = []
    for a in claim.get(role, ()):
        if "actor" not in a and "side" not in a:
            link.problems.append(a["loc"].error(
                f"'{role}' names neither an actor nor a side: add 'actor: <id>' or "
                "'side: <id>'"))
        actor = link.resolve(a["actor"]) if "actor" in a else None
        side = link.resolve(a["side"]) if "side" in a else None
        if actor is not None and side is not None and actor.side != side:
            theirs = f"on side '{actor.side.id}'" if actor.side else "not aligned with a side"
            link.problems.append(a["locs"]["side"].error(
                f"actor '{actor.id}' is {theirs}, not '{side.id}': give the actor's own "
                "side, or the side alone"))
        source = link.resolve(a["source"])
        quote = None
        if "quote" in a:
            quote = link.make_quote({"text": a["quote"], "source": a["source"],
                                     "loc": a["loc"], "locs": {"text": a["locs"]["quote"]},
                                     "translation": a.get("quote_translation")},
                                    speaker=actor)
            quotes.append(quote)
        if source is not None:
            out.append(Attribution(source, actor, side, quote))
    return tuple(out)
