"""A translation's texts matched to the originals' by hash (the contract's section 10).

Every translatable text of a record has a dotted path ('summary', 'stances.russia.
position', 'quotes.0'); a translation says, in `translated_from`, the hash of the text
each of its fields was made from. The hash, not the path, decides what a translation
belongs to: a quote's translation stays with its quote, a stance moved into `history`
takes its translation with it, and a translation of a text no longer in the record is
orphaned, shown nowhere.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..problems import Loc
from ..reading.fields import as_loaded


def digest(text: str) -> str:
    """The contract's hash of an original field: SHA-256 of its text as loaded, first 12
    hex digits."""
    return hashlib.sha256(as_loaded(text).encode("utf-8")).hexdigest()[:12]


def made_from(text: str) -> tuple[str, ...]:
    """The hashes a translation of `text` may name: the contract's (digest), and that of
    the same text with its final line break written or not. A block (`|`) saved as `|-`
    by the forms at /admin/, or the reverse, is the same text to a reader, and its
    translations do not turn stale."""
    return forms_made_from(str(as_loaded(text)))


@lru_cache(maxsize=1 << 17)
def forms_made_from(loaded: str) -> tuple[str, ...]:
    """made_from of a text as YAML loaded it (a plain str: a field's trimmed text would
    be equal to it, and take its place in the memo). Memoised: each original text is
    asked for by every language, when checked and again when laid over."""
    bare = loaded.rstrip("\n")
    return tuple(dict.fromkeys(digest(form) for form in (loaded, bare, bare + "\n")))


def originals(kind: str, v: dict[str, Any]) -> dict[str, str]:
    """An original record's translatable texts, by dotted path, in the order written."""
    out: dict[str, str] = {}
    for name in TEXTS[kind]:
        if name in v:
            out[name] = v[name]
    if kind == "briefing":
        out.update((f"key_points.{n}", text) for n, text in enumerate(v.get("key_points", ())))
        for side in v["sides"]:
            out.update((f"sides.{side['id']}.{k}", side[k]) for k in ("name", "short",
                                                                      "description") if k in side)
    if kind == "actor" and "image" in v:
        out["image_alt"] = v["image"]["alt"]
    if kind == "issue":
        for ref, stance in v["stances"].items():
            out.update((f"stances.{ref.id}.{k}", stance[k]) for k in STANCE_TEXTS if k in stance)
            for n, earlier in enumerate(stance.get("history", ())):
                out.update((f"stances.{ref.id}.history.{n}.{k}", earlier[k])
                           for k in STANCE_TEXTS if k in earlier)
    if kind in ("issue", "claim"):  # earlier statuses' notes
        out.update((f"history.{n}.note", h["note"]) for n, h in enumerate(v.get("history", ()))
                   if "note" in h)
    out.update((f"quotes.{n}", q["text"]) for n, q in enumerate(quotes_of(kind, v)))
    return out


TEXTS = {"briefing": ("title", "dek", "summary", "positions_title"),
         "actor": ("name", "role", "country", "summary"), "event": ("title", "summary"),
         "issue": ("issue", "summary"), "source": ("title", "short"), "claim": ("claim", "note"),
         "change": ("summary", "was")}
STANCE_TEXTS = ("position", "detail")


def quotes_of(kind: str, v: dict[str, Any]) -> list[dict[str, Any]]:
    """A record's quotes in the order written (a translation's `quotes.N` is matched to
    one of them by its hash, not by N)."""
    if kind == "actor":
        return list(v.get("quotes", ()))
    if kind == "event":
        return [v["quote"]] if "quote" in v else []
    if kind == "issue":
        return [said["quote"] for stance in v["stances"].values()
                for said in (stance, *stance.get("history", ())) if "quote" in said]
    if kind == "claim":
        return [{"text": a["quote"]} for a in (*v.get("by", ()), *v.get("against", ()))
                if "quote" in a]
    return []


def translated(kind: str, t: dict[str, Any]) -> Iterator[tuple[str, str, Loc]]:
    """A translation record's fields given, by dotted path: (path, text, where)."""
    for name in (*TEXTS[kind], "image_alt"):
        if name in t:
            yield name, t[name], t["locs"][name]
    for group in ("key_points", "quotes"):
        for n, text in enumerate(t.get(group, ())):
            if text is not None:  # an empty item: not yet translated
                yield f"{group}.{n}", text, t["locs"].get(f"{group}.{n}", t["locs"][group])
    for n, earlier in enumerate(t.get("history", ())):
        if earlier is not None and "note" in earlier:
            yield f"history.{n}.note", earlier["note"], earlier["locs"]["note"]
    for group in ("sides", "stances"):
        for ref, fields in t.get(group, {}).items():
            for name, text in fields.items():
                if name == "history":
                    for n, earlier in enumerate(text):
                        for k in STANCE_TEXTS:
                            if earlier is not None and k in earlier:
                                yield (f"{group}.{ref.id}.history.{n}.{k}", earlier[k],
                                       earlier["locs"][k])
                elif name not in ("loc", "locs"):
                    yield f"{group}.{ref.id}.{name}", text, fields["locs"][name]


@dataclass(frozen=True, slots=True)
class Given:
    """One translated text as the translation gives it: where, and the hash of the
    original it says it translates (None when translated_from has none)."""

    path: str
    text: str
    loc: Loc
    hash: str | None


@dataclass
class Matched:
    """One record's translation matched to the original's texts by hash (the contract's
    section 10): a translation shows beside (or instead of) the text it was made from,
    wherever that text now is, and never beside another."""

    texts: dict[str, str]  # the original's translatable texts, by path
    given: list[Given]
    shown: dict[str, str] = field(default_factory=dict)  # path → the translation shown
    by: dict[str, Given] = field(default_factory=dict)  # path → the translation shown, given
    stale: dict[str, str] = field(default_factory=dict)  # path → today's original, where
    # the translation shown there was made from an earlier text of that same field
    moved: dict[str, str] = field(default_factory=dict)  # path given → the path whose
    # text it translates now (a stance moved into history, reordered key points, quotes)
    orphans: list[Given] = field(default_factory=list)  # translating nothing there now

    @property
    def missing(self) -> list[str]:
        """Texts with no translation (a quote's is optional: it is shown in its words)."""
        return [p for p in self.texts if p not in self.shown and not p.startswith("quotes.")]

    @property
    def current(self) -> int:
        return len(self.shown) - len(self.stale)

    def show(self, path: str, g: Given) -> None:
        self.shown[path], self.by[path] = g.text, g


def match(kind: str, v: dict[str, Any], t: dict[str, Any] | None) -> Matched:
    """Each original text's translation: its own field's, when made from its text; else
    any made from its text (found by hash); a field's own translation from an earlier
    text of it is stale; any other translation, of a text no longer in the record, is
    orphaned (not shown). A translated text without a hash is left to `check`."""
    texts = originals(kind, v)
    hashes = t.get("translated_from", {}) if t else {}
    given = [Given(path, text, loc, hashes[path][0] if path in hashes else None)
             for path, text, loc in (translated(kind, t) if t else ())]
    matched = Matched(texts, given)
    digests = {path: made_from(text) for path, text in texts.items()}
    own = {g.path: g for g in given if g.hash is not None and g.hash in digests.get(g.path, ())}
    memory: dict[str, Given] = {}
    for g in sorted(given, key=lambda g: g.path not in own):  # own fields' first
        if g.hash is not None:
            memory.setdefault(g.hash, g)
    for path, ds in digests.items():
        g = own.get(path) or next((memory[d] for d in ds if d in memory), None)
        if g is not None:
            matched.show(path, g)
            if g.hash not in digests.get(g.path, ()):
                matched.moved[g.path] = path
    used = {id(g) for g in matched.by.values()}
    for g in given:
        if id(g) in used or (g.hash is None and g.path in texts):
            continue  # shown where its text is; or without a hash: an error (check)
        if (g.hash is not None and g.path in texts and g.path not in matched.shown
                and not g.path.startswith("quotes.")):
            matched.show(g.path, g)
            matched.stale[g.path] = texts[g.path]
        else:
            matched.orphans.append(g)
    return matched


PATHS = {  # every text a record of each kind can have, by dotted path
    "briefing": r"title|dek|summary|positions_title|key_points\.\d+|sides\.[a-z0-9-]+\."
                r"(name|short|description)",
    "actor": r"name|role|country|summary|image_alt|quotes\.\d+",
    "event": r"title|summary|quotes\.\d+",
    "issue": r"issue|summary|history\.\d+\.note|quotes\.\d+|stances\.[a-z0-9-]+\."
             r"(history\.\d+\.)?(position|detail)",
    "source": r"title|short", "claim": r"claim|note|history\.\d+\.note|quotes\.\d+",
    "change": r"summary|was"}


def possible(kind: str, path: str) -> bool:
    """Whether a record of `kind` can have a text at `path` (today's or not)."""
    return re.fullmatch(PATHS[kind], path) is not None
