"""Translations, per field and honestly: each translated field names (by the hash of its
original's text) what it was translated from, so a field whose original changed since is
stale, and a field left out is missing; both are shown as such to readers.

A translation is checked against the originals' records, then laid over them: the same
records with the translated text in place (and what is missing or stale noted on them),
linked into a Briefing of its own by the same Linker as the original.
"""

from __future__ import annotations

from typing import Any

from ..model.values import Tally, Tx
from ..problems import Loc, Problem
from ..reading.fields import INVALID
from ..reading.ids import event_ids
from ..reading.suggestions import did_you_mean, suggest_id
from .matching import TEXTS, Matched, digest, made_from, match, possible, quotes_of

KIND_FILES = {"briefing": "briefing.yaml", "actor": "actors/<id>.yaml",
              "event": "chronology.yaml", "issue": "positions.yaml",
              "source": "sources.yaml", "claim": "claims.yaml", "change": "changes.yaml"}
RECORDS = {"actor": "actors", "event": "events", "issue": "issues", "source": "sources",
           "claim": "claims", "change": "changes"}


def records_of(records: Any, kind: str) -> dict[str, dict[str, Any]]:
    """The originals of one kind, by id (the first of a repeated id)."""
    if kind == "briefing":
        return {"briefing": records.briefing}
    if kind == "actor":
        return records.actors
    if kind == "event":
        return event_ids(records.events)
    found: dict[str, dict[str, Any]] = {}
    for v in getattr(records, RECORDS[kind]):
        found.setdefault(v["id"], v)
    return found


def check(records: Any, lang: str, language: str, problems: list[Problem],
          folder: str = "") -> Tally:
    """Each translated record and field against its original; problems at their lines.
    What is not translated yet, or translated from an earlier text, is a note: the
    reader is shown it as it is. A language with nothing translated yet gets one note.
    `folder`: the language's folder, as shown."""
    kinds = records.translations[lang]
    head = kinds.get("briefing", {}).get("briefing", {})
    tally = Tally(lang, head.get("language_name") or language_name(lang),
                  head.get("machine", False))
    found: list[Problem] = []
    for kind in KIND_FILES:
        originals_ = records_of(records, kind)
        given = kinds.get(kind, {})
        # An original dropped for its own mistakes (reported there) or a whole file that
        # did not parse: its translation is not told about again.
        dropped = records.known.get(kind, set()) | (
            set(given) if kind in records.unreadable else set())
        # A record with a field that did not read (reported) is not checked further.
        broken = {k for k, t in given.items() if any(v is INVALID for v in t.values())}
        for item_id, t in given.items():
            if item_id not in originals_ and item_id not in dropped | broken:
                where = t.get("key_loc") or t["loc"]
                found.append(where.error(
                    f"no {kind} '{item_id}' in the original to translate"
                    f"{unknown_hint(kind, item_id, originals_, records, t)}"))
        for item_id, v in originals_.items():
            if item_id not in broken:
                tally_record(kind, item_id, v, given.get(item_id), lang, tally, found)
    if tally.translated == tally.stale == 0 and not any(p.severity != "note" for p in found):
        found = [Problem(folder or lang, 1, 1, f"nothing is translated into {lang} yet, so the "
                         "site does not offer it: `python build.py translations "
                         f"{lang}` writes the skeleton to fill in", "note")]
    problems += found
    return tally


def unknown_hint(kind: str, item_id: str, originals_: dict[str, Any], records: Any,
                 t: dict[str, Any]) -> str:
    """A suggestion for a translated record whose id names no original: for an event
    whose id was made from its date and title, the event it was made from if one moved
    (an event on that date whose title is the very one translated did not: a typo)."""
    events = records.events
    if kind == "event":
        hashes = {h for h, _ in t.get("translated_from", {}).values()}
        events = [v for v in events if hashes.isdisjoint(made_from(v["title"]))
                  or not item_id.startswith(v["date"].iso + "-")]
    return suggest_id(item_id, originals_, kind=kind, events=events)


def tally_record(kind: str, item_id: str, v: dict[str, Any], t: dict[str, Any] | None,
                 lang: str, tally: Tally, problems: list[Problem]) -> None:
    matched = match(kind, v, t)
    what = "the briefing" if kind == "briefing" else f"{kind} '{item_id}'"
    if t is None:
        tally.missing += len(matched.missing)
        problems.append(v["loc"].note(
            f"{what} is not yet translated into {lang}: `python build.py translations {lang}` "
            "adds it to the translation, with its original text beside each field"))
        return
    check_hashes(kind, what, matched, t.get("translated_from", {}), problems)
    for path in matched.stale:
        problems.append(next(g for g in matched.given if g.path == path).loc.note(
            f"'{path}' of {what} was translated from an earlier text: the original has "
            f"changed since; update the translation, then confirm it with `python build.py "
            f"translations {lang} --confirm {confirm_target(kind, item_id, path)}`"))
    for g in (g for g in matched.orphans if g.hash is not None):  # else: an error above
        gone = ("a quote no longer in the original" if g.path.startswith("quotes.")
                else "a text no longer in the original")
        problems.append(g.loc.warning(
            f"'{g.path}' of {what} translates {gone}, so it is not shown: `python build.py "
            f"translations {lang}` marks it for you to reuse or delete"))
    tally.translated += matched.current
    tally.stale += len(matched.stale)
    tally.missing += len(matched.missing)
    if matched.missing:
        problems.append(t["loc"].note(
            f"{what}: {', '.join(matched.missing)} not yet translated into {lang}"))


def check_hashes(kind: str, what: str, matched: Matched,
                 hashes: dict[str, tuple[str, Loc]], problems: list[Problem]) -> None:
    """Report a translated field of no original field, or with no hash in
    `translated_from`; and a hash there for no field a record of its kind may have."""
    texts = matched.texts
    for g in matched.given:
        if g.hash is None and g.path not in texts:
            problems.append(g.loc.error(
                f"'{g.path}' translates nothing: {what} has no such field in the original"
                f"{did_you_mean(g.path, texts)}"))
        elif g.hash is None:
            problems.append(g.loc.error(
                f"'{g.path}' is translated, but 'translated_from' has no hash for it: add "
                f"'{g.path}: {digest(texts[g.path])}', the hash of the original it translates"))
    given = {g.path for g in matched.given}
    for path, (_, loc) in hashes.items():  # an empty field's hash: for a text the original
        if path not in texts and path not in given and not possible(kind, path):  # has no
            problems.append(loc.error(  # longer (a refresh drops it), or for none at all
                f"'translated_from' names '{path}', which no {kind} has"
                f"{did_you_mean(path, texts)}"))


def confirm_target(kind: str, item_id: str, path: str) -> str:
    """What `--confirm` takes for one field: FILE:FIELD, or FILE:ID.FIELD in a file of
    many records."""
    if kind == "briefing":
        return f"briefing.yaml:{path}"
    if kind == "actor":
        return f"actors/{item_id}.yaml:{path}"
    return f"{KIND_FILES[kind]}:{item_id}.{path}"


def language_name(lang: str) -> str:
    """A language's name in itself (CLDR): 'українська', 'English'."""
    from babel import Locale

    name = Locale.parse(lang.replace("-", "_")).get_display_name() or lang
    return name[:1].upper() + name[1:]


def overlay(records: Any, lang: str, original_lang: str) -> Any:
    """The records with this language's translations laid over the originals (what is
    missing or stale noted on each record as `tx`): ready for the Linker."""
    from copy import copy

    kinds = records.translations[lang]
    laid = copy(records)
    laid.briefing = lay("briefing", records.briefing, kinds.get("briefing", {}).get(
        "briefing"), original_lang)
    laid.actors = {k: lay("actor", v, kinds.get("actor", {}).get(k), original_lang)
                   for k, v in records.actors.items()}
    ids = {id(v): event_id for event_id, v in event_ids(records.events).items()}
    for kind, attribute in RECORDS.items():
        if kind == "actor":
            continue
        given = kinds.get(kind, {})
        setattr(laid, attribute, [
            lay(kind, v, given.get(v["id"]), original_lang) if kind != "event" else
            # an event keeps the original's id, whatever its translated title
            {**lay(kind, v, given.get(ids.get(id(v), "")), original_lang),
             "id": ids.get(id(v), "")}
            for v in getattr(records, attribute)])
    return laid


def lay(kind: str, v: dict[str, Any], t: dict[str, Any] | None, lang: str) -> dict[str, Any]:
    """One original record with its translation laid over it."""
    matched = match(kind, v, t)
    done, texts, stale = matched.shown, matched.texts, matched.stale
    out = {**v, **{k: done[k] for k in TEXTS[kind] if k in done}}
    out["tx"] = Tx(lang, tuple(sorted(p for p in texts if "." not in p and p not in done
                                      and p != "image_alt")),
                   tuple((p, s) for p, s in stale.items() if "." not in p), not done)
    if kind == "briefing":
        out["key_points"] = tuple(done.get(f"key_points.{n}", text)
                                  for n, text in enumerate(v.get("key_points", ())))
        out["sides"] = tuple(nested(side, f"sides.{side['id']}.", done, texts, stale, lang)
                             for side in v["sides"])
    if kind == "actor" and "image" in v and "image_alt" in done:
        out["image"] = {**v["image"], "alt": done["image_alt"]}
    if kind == "issue":
        out["stances"] = {ref: nested(s, f"stances.{ref.id}.", done, texts, stale, lang)
                          for ref, s in v["stances"].items()}
    if kind in ("issue", "claim") and "history" in v:  # earlier statuses, with their notes
        out["history"] = tuple(nested(h, f"history.{n}.", done, texts, stale, lang)
                               for n, h in enumerate(v["history"]))
    quotes = [done.get(f"quotes.{n}") for n in range(len(quotes_of(kind, v)))]
    if any(quotes):
        out.update(with_quote_translations(kind, out, quotes))
    return out


def nested(v: dict[str, Any], prefix: str, done: dict[str, str], texts: dict[str, str],
           stale: dict[str, str], lang: str) -> dict[str, Any]:
    """A side, a stance or an earlier stance within its record (its texts' paths start
    with `prefix`), translated, with its own `tx`."""
    def own(paths: Any) -> dict[str, str]:
        return {p[len(prefix):]: p for p in paths
                if p.startswith(prefix) and "." not in p[len(prefix):]}

    mine = {name: done[p] for name, p in own(done).items()}
    missing = tuple(sorted(name for name in own(texts) if name not in mine))
    out = {**v, **mine, "tx": Tx(lang, missing, tuple(
        (name, stale[p]) for name, p in own(stale).items()), not mine)}
    if "history" in v:
        out["history"] = tuple(nested(h, f"{prefix}history.{n}.", done, texts, stale, lang)
                               for n, h in enumerate(v["history"]))
    return out


def with_quote_translations(kind: str, v: dict[str, Any], translations: list[str | None]
                            ) -> dict[str, Any]:
    """The record's quotes, each with the editors' translation beside it (if given)."""
    it = iter(translations)
    if kind == "actor":
        return {"quotes": tuple({**q, "translation": next(it)} for q in v.get("quotes", ()))}
    if kind == "event":
        return {"quote": {**v["quote"], "translation": next(it)}}
    if kind == "issue":
        stances = {}
        for ref, stance in v["stances"].items():
            s = dict(stance)
            if "quote" in s:
                s["quote"] = {**s["quote"], "translation": next(it)}
            if "history" in s:
                s["history"] = tuple({**h, "quote": {**h["quote"], "translation": next(it)}}
                                     if "quote" in h else h for h in s["history"])
            stances[ref] = s
        return {"stances": stances}
    if kind == "claim":
        out = {}
        for role in ("by", "against"):
            out[role] = tuple({**a, "quote_translation": next(it)} if "quote" in a else a
                              for a in v.get(role, ()))
        return out
    return {}


def table(tallies: list[Tally]) -> str:
    """`check`'s table of the translations: per language, its fields translated, missing
    and stale, and whether a machine translated it."""
    rows = [("language", "translated", "missing", "stale", "machine")]
    rows += [(f"{t.lang} {t.name}", str(t.translated), str(t.missing), str(t.stale),
              "yes" if t.machine else "no") for t in tallies]
    width = [max(len(row[n]) for row in rows) for n in range(5)]
    return "\n".join("  " + row[0].ljust(width[0]) + "".join(
        "  " + cell.rjust(w) for cell, w in zip(row[1:], width[1:], strict=True))
        for row in rows)
