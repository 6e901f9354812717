"""Issues and each side's stance, with their dates: earlier positions and statuses, and
stances gone unconfirmed too long (stale), reckoned from the briefing's last update."""

from __future__ import annotations

from typing import Any

from ..model.positions import EarlierStance, EarlierStatus, Issue, Stance
from ..model.story import Quote
from ..model.values import Side
from .history import check_dates, stale
from .interface import Linking


def make_issue(link: Linking, v: dict[str, Any], quotes: list[Quote | None]) -> Issue:
    stances: dict[str, Stance] = {}
    for ref, s in v["stances"].items():
        side = link.resolve(ref)
        if side is not None:
            stances[side.id] = make_stance(link, v, s, side, quotes)
    cells = tuple((side, stances.get(side.id)) for side in link.tables["side"].values())
    summary = link.rich(v.get("summary"))
    check_dates(v.get("history", ()), v.get("as_of"), "status", link.problems)
    earlier = tuple(sorted((EarlierStatus(h["as_of"], h["status"], h.get("note"), h.get("tx"))
                            for h in v.get("history", ())),
                           key=lambda e: e.as_of, reverse=True))
    history = link.histories.get(f"issue:{v['id']}")
    return link.reuse("issue", (v, summary, history, *(x for cell in cells for x in cell)),
                      lambda: Issue(v["id"], v["issue"], cells, summary, v.get("status"),
                                    v.get("as_of"), earlier, history, v["loc"],
                                    v.get("tx")))


def make_stance(link: Linking, issue: dict[str, Any], s: dict[str, Any], side: Side,
                quotes: list[Quote | None]) -> Stance:
    quote = link.make_quote(s["quote"]) if "quote" in s else None
    quotes.append(quote)
    detail = link.rich(s.get("detail"))
    actors = link.resolve_all(s.get("actors", ()))
    sources = link.resolve_all(s.get("sources", ()))
    check_dates(s.get("history", ()), s.get("as_of"), "position", link.problems)
    earlier = []
    for h in s.get("history", ()):
        earlier_quote = link.make_quote(h["quote"]) if "quote" in h else None
        quotes.append(earlier_quote)
        earlier.append(EarlierStance(h["as_of"], h["position"], link.rich(h.get("detail")),
                                     link.resolve_all(h.get("sources", ())), earlier_quote,
                                     h.get("tx")))
    earlier.sort(key=lambda e: e.as_of, reverse=True)
    is_stale = link.updated is not None and stale(s.get("as_of"), link.updated,
                                                  link.stale_after)
    if is_stale:
        link.problems.append(s["locs"]["as_of"].note(
            f"the position of {side.name} on '{issue['issue']}' was stated on "
            f"{s['as_of'].iso}, over {link.stale_after} days before the briefing's last "
            f"update ({link.updated.iso}): confirm it and move 'as_of', or readers are "
            "told it is not confirmed since"))
    return link.reuse(
        "stance", (s, side, quote, detail, is_stale, *actors, "/", *sources, "/",
                   *earlier),
        lambda: Stance(side, s["position"], detail, actors, sources, quote, s.get("as_of"),
                       tuple(earlier), is_stale, s["loc"], s.get("tx")))
