"""A synthetic briefing of any size, by the content format (docs/content.md), for the
benchmarks: the same content for Briefing and for the peers it is measured against.

    .venv/bin/python benchmarks/synthetic.py 5000 /tmp/bench/content-5000

For N actors: 2N events, max(10, N/20) issues over three sides, N/10 + 1 sources and
N/50 + 1 articles of about 800 words. An event names 1–4 actors, chosen unevenly (a
few actors are in hundreds of events, as the main players of a story are) and cites 1–2
sources; about a tenth of its dates are a year or a month, a few are spans or
approximate. About one actor in seven has 1–3 quotes, each planted word for word in
the article of its source, so every quote verifies. Names and places are partly not
ASCII (Erdoğan, Зеленський, Żółć). The same N and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

WORDS = ("talks border river council envoy minister summit ceasefire treaty proposal "
         "deadline delegation harvest basin agreement session vote parliament statement "
         "reply offer guarantee quota season pipeline bridge valley province mandate "
         "inspection report record accord sanctions monitors corridor exchange prisoners "
         "grain port shelling drone capital front line convoy truce offensive").split()
GIVEN = ["Anna", "Boris", "Carmen", "Dmytro", "Elena", "Farid", "Greta", "Hiroshi",
         "Ingrid", "Jonas", "Karim", "Lena", "Marta", "Nikolai", "Olga", "Pavel", "Ayşe",
         "José", "Łukasz", "Søren", "Олена", "Recep Tayyip", "Zoë", "Jürgen", "Chloé"]
FAMILY = ["Adler", "Brandt", "Costa", "Dahl", "Engel", "Falk", "Garcia", "Holm",
          "Ivanova", "Jensen", "Kowalski", "Moreau", "Novak", "Petrov", "Rossi",
          "Erdoğan", "Зеленський", "Żółć", "Ñúñez", "Kılıç", "Müller", "Dvořák",
          "Ó Briain", "Haddad", "Petrenko"]
PLACES = ["Valdoria", "Mirenia", "Østland", "Karvia", "Türkiye", "Україна", "Norvale"]
ROLES = ["Prime Minister of {}", "Foreign Minister of {}", "President of {}",
         "Chief negotiator for {}", "Defence Minister of {}", "Opposition leader in {}",
         "Ambassador of {} to the council", "Analyst at the {} Institute"]
SIDES = [("north", "The Northern Alliance", "North"), ("south", "The Southern Pact", "South"),
         ("mediators", "The mediators", "Mediators")]
STATUSES = ["far-apart", "narrowing", "agreed", "unclear"]
TRANSLIT = str.maketrans({"ğ": "g", "ş": "s", "ł": "l", "ø": "o", "ü": "u", "é": "e",
                          "ë": "e", "ó": "o", "ż": "z", "ć": "c", "ñ": "n", "ú": "u",
                          "ı": "i", "ç": "c", "ř": "r", "á": "a", "О": "o", "л": "l",
                          "е": "e", "н": "n", "а": "a", "З": "z", "ь": "", "к": "k",
                          "и": "y", "й": "i", "с": "s", "Ł": "l", "Ż": "z", "Ñ": "n",
                          "Ó": "o", "Ø": "o", "Ü": "u", "Ş": "s"})
END = dt.date(2025, 5, 11)


def slug(text: str) -> str:
    plain = text.lower().translate(TRANSLIT)
    return "-".join("".join(c if c.isascii() and c.isalnum() else " " for c in plain).split())


def quoted(text: str) -> str:
    """A YAML scalar in double quotes (every string the generator writes is safe there)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Writer:
    def __init__(self, size: int, seed: int):
        self.r = random.Random(seed)
        self.size = size
        self.actors = [self.person(i) for i in range(size)]
        self.sources = [f"source-{i:05d}" for i in range(size // 10 + 1)]
        self.articles = {s: f"article-{n:04d}" for n, s in
                         enumerate(self.sources[:size // 50 + 1])}
        self.planted: dict[str, list[str]] = {a: [] for a in self.articles.values()}

    def person(self, i: int) -> tuple[str, str]:
        name = f"{self.r.choice(GIVEN)} {self.r.choice(FAMILY)}"
        return f"{slug(name)}-{i}", name

    def words(self, low: int, high: int) -> str:
        return " ".join(self.r.choice(WORDS) for _ in range(self.r.randint(low, high)))

    def sentence(self) -> str:
        text = self.words(6, 16)
        return text[0].upper() + text[1:] + "."

    def date(self) -> str:
        day = END - dt.timedelta(days=self.r.randint(0, 4000))
        roll = self.r.random()
        if roll < 0.04:
            return str(day.year)
        if roll < 0.10:
            return f"{day.year}-{day.month:02d}"
        return day.isoformat() if self.r.random() < 0.8 else quoted(day.isoformat())

    def busy_actor(self) -> str:
        """Actors by a skewed draw: the first few are in very many events."""
        return self.actors[min(int(self.r.paretovariate(1.2)) - 1, self.size - 1)][0]

    def briefing(self) -> str:
        sides = "".join(f"  - id: {i}\n    name: {quoted(n)}\n    short: {s}\n"
                        for i, n, s in SIDES)
        points = "".join(f"  - {quoted(self.sentence())}\n" for _ in range(5))
        return (f"title: Synthetic briefing of {self.size} actors\n"
                f"dek: {quoted(self.sentence())}\n"
                f"summary: |\n  {self.sentence()} **{self.words(2, 4)}** {self.sentence()}\n\n"
                f"  {self.sentence()} {self.sentence()}\n"
                f"updated: {END.isoformat()}\nsides:\n{sides}key_points:\n{points}")

    def actor(self, actor_id: str, name: str) -> str:
        place = self.r.choice(PLACES)
        lines = [f"name: {quoted(name)}", f"role: {quoted(self.r.choice(ROLES).format(place))}"]
        if self.r.random() < 0.9:
            lines.append(f"side: {self.r.choice(SIDES)[0]}")
        lines += [f"country: {quoted(place)}", "summary: |",
                  f"  {self.sentence()} *{self.words(2, 3)}* {self.sentence()}",
                  "", f"  {self.sentence()} {self.sentence()}"]
        if self.r.random() < 0.15:
            lines.append("quotes:")
            for _ in range(self.r.randint(1, 3)):
                source = self.r.choice(list(self.articles))
                words = f"{self.words(4, 9)} {actor_id.rsplit('-', 1)[1]}"
                self.planted[self.articles[source]].append(words)
                lines += [f"  - text: {quoted(words)}", f"    source: {source}",
                          f"    date: {self.date()}"]
        return "\n".join(lines) + "\n"

    def events(self) -> str:
        out = ["# Events, in no particular order.\n"]
        for n in range(2 * self.size):
            date = self.date()
            lines = [f"- date: {date}", f"  title: {quoted(self.sentence()[:-1])}"]
            if self.r.random() < 0.03 and len(date) == 10:
                start = dt.date.fromisoformat(date.strip('"'))
                lines.append(f"  end: {start + dt.timedelta(days=self.r.randint(1, 90))}")
            if self.r.random() < 0.03:
                lines.append("  approximate: true")
            if self.r.random() < 0.6:
                lines.append(f"  summary: {quoted(self.sentence() + ' ' + self.sentence())}")
            actors = sorted({self.busy_actor() for _ in range(self.r.randint(1, 4))})
            sources = sorted(self.r.sample(self.sources, min(len(self.sources),
                                                             self.r.randint(1, 2))))
            lines += [f"  actors: [{', '.join(actors)}]", f"  sources: [{', '.join(sources)}]",
                      f"  id: event-{n:06d}"]
            out.append("\n".join(lines) + "\n")
        return "".join(out)

    def issues(self) -> str:
        out = []
        for n in range(max(10, self.size // 20)):
            lines = [f"- id: issue-{n:04d}", f"  issue: {quoted(self.sentence()[:-1] + '?')}",
                     f"  summary: {quoted(self.sentence())}",
                     f"  status: {self.r.choice(STATUSES)}", "  stances:"]
            for side, _, _ in SIDES:
                lines += [f"    {side}:", f"      position: {quoted(self.sentence())}",
                          f"      actors: [{self.busy_actor()}]",
                          f"      sources: [{self.r.choice(self.sources)}]"]
            out.append("\n".join(lines) + "\n")
        return "".join(out)

    def source_list(self) -> str:
        out = []
        for source in self.sources:
            lines = [f"- id: {source}", f"  title: {quoted(self.sentence()[:-1])}",
                     f"  publisher: {quoted(self.r.choice(PLACES) + ' Herald')}",
                     f"  url: https://example.org/{source}", f"  published: {self.date()}"]
            if source in self.articles:
                lines.append(f"  article: {self.articles[source]}")
            out.append("\n".join(lines) + "\n")
        return "".join(out)

    def article(self, article_id: str, source: str) -> str:
        paragraphs = [" ".join(self.sentence() for _ in range(8)) for _ in range(10)]
        for words in self.planted[article_id]:
            n = self.r.randrange(len(paragraphs))
            paragraphs[n] += f" “{words}”, said an official."
        return (f"---\ntitle: {quoted(self.sentence()[:-1])}\nsource: {source}\n---\n"
                + "\n\n".join(paragraphs) + "\n")


def write(size: int, out: Path, seed: int = 1) -> Path:
    """Write `out/` (a content folder), replacing what was there."""
    w = Writer(size, seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "actors").mkdir(parents=True)
    (out / "articles").mkdir()
    (out / "briefing.yaml").write_text(w.briefing(), encoding="utf-8")
    for actor_id, name in w.actors:  # quotes are planted before the articles are written
        (out / "actors" / f"{actor_id}.yaml").write_text(w.actor(actor_id, name),
                                                         encoding="utf-8")
    (out / "chronology.yaml").write_text(w.events(), encoding="utf-8")
    (out / "positions.yaml").write_text(w.issues(), encoding="utf-8")
    (out / "sources.yaml").write_text(w.source_list(), encoding="utf-8")
    for source, article_id in w.articles.items():
        (out / "articles" / f"{article_id}.md").write_text(w.article(article_id, source),
                                                           encoding="utf-8")
    return out


CLAIM_STATUSES = ["confirmed", "claimed", "disputed", "false", "outdated", "open"]


def live(content: Path, size: int, seed: int = 1) -> None:
    """The second round's features at scale, added to a synthetic briefing: a change log
    of 2 × size entries (updates, corrections, clarifications, minor edits, each
    affecting an event, an actor or an issue), a stance history for every stance (an
    earlier position, with its source), and 0.4 × size claims with who asserts and
    contests them, their evidence and, for some, a status history. At 5,000 actors:
    10,000 changes and 2,000 claims."""
    import yaml

    r = random.Random(seed + 7)
    actors = sorted(p.stem for p in (content / "actors").glob("*.yaml"))
    issues = yaml.safe_load((content / "positions.yaml").read_text(encoding="utf-8"))
    sources = [s["id"] for s in yaml.safe_load(
        (content / "sources.yaml").read_text(encoding="utf-8"))]
    events = 2 * size
    first = END - dt.timedelta(days=400)

    def day(low: dt.date = first, high: dt.date = END) -> str:
        return (low + dt.timedelta(days=r.randrange((high - low).days + 1))).isoformat()

    early = first + dt.timedelta(days=100)  # histories before it, current states after

    for issue in issues:
        issue["as_of"] = day(END - dt.timedelta(days=20))
        issue["history"] = [{"as_of": day(first, early), "status": r.choice(STATUSES)}]
        for stance in issue["stances"].values():
            stance["as_of"] = day(END - dt.timedelta(days=20))
            stance["history"] = [{"as_of": day(first, early),
                                  "position": f"Earlier: {r.choice(PLACES)}.",
                                  "sources": [r.choice(sources)]}]
    claims = []
    for n in range(size * 2 // 5):
        status = r.choice(CLAIM_STATUSES)
        claim = {"id": f"claim-{n:05d}", "claim": f"Claim {n} about {r.choice(PLACES)}.",
                 "status": status, "note": "Why we rate it so.", "as_of": day(early),
                 "by": [{"actor": r.choice(actors), "source": r.choice(sources)}],
                 "against": [{"side": r.choice(SIDES)[0], "source": r.choice(sources)}],
                 "issue": r.choice(issues)["id"]}
        if status != "open":
            claim["sources"] = sorted({r.choice(sources) for _ in range(2)})
        if r.random() < 0.3:
            claim["history"] = [{"as_of": day(first, early), "status": "claimed",
                                 "note": "At first only one side said so."}]
        claims.append(claim)
    changes = []
    for n in range(2 * size):
        kind = r.choices(["update", "correction", "clarification"], [8, 1, 1])[0]
        target = r.random()
        if target < 0.6:
            affects = f"event:event-{r.randrange(events):06d}"
        elif target < 0.9:
            affects = f"actor:{r.choice(actors)}"
        elif target < 0.97:
            affects = f"issue:{r.choice(issues)['id']}"
        else:
            affects = f"claim:{r.choice(claims)['id']}"
        change = {"id": f"change-{n:06d}", "at": day(first), "kind": kind,
                  "summary": f"Change {n}: {r.choice(PLACES)}.", "affects": [affects]}
        if kind != "update":
            change["was"] = f"An earlier text, {n}."
        if kind == "update" and r.random() < 0.1:
            change["minor"] = True
        changes.append(change)
    for name, data in (("positions.yaml", issues), ("claims.yaml", claims),
                       ("changes.yaml", changes)):
        (content / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                                                   width=10**6), encoding="utf-8")


def translate(content: Path, lang: str) -> None:
    """A full translation of `content` into `lang` in content/translations/<lang>/ (every
    field and quote, each text with the language's tag in front, and its hash): what a
    translation costs to build, made with Briefing's own reading of the originals."""
    import sys

    import yaml

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from briefing.editor.translation_files import originals_by_file
    from briefing.linking import matching
    from briefing.linking import translations as tr
    from briefing.reading.folder import read_content

    records = read_content(content, [])
    folder = content / "translations" / lang
    shutil.rmtree(folder, ignore_errors=True)
    for name, items in originals_by_file(records).items():
        docs = {item_id: translated_record(matching.originals(kind, v), lang, matching.digest)
                for kind, item_id, v in items}
        doc = docs.popitem()[1] if items[0][0] in ("briefing", "actor") else docs
        if items[0][0] == "briefing":
            doc = {"language_name": tr.language_name(lang), "machine": True, **doc}
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10**6),
                        encoding="utf-8")


def translated_record(texts: dict[str, str], lang: str, digest) -> dict:
    """A record's translation from its originals by dotted path: 'sides.north.name' →
    {'sides': {'north': {'name': …}}}, 'key_points.2' → the third of a list."""
    out: dict = {}
    for path, text in texts.items():
        *parents, last = path.split(".")
        place = out
        for part in parents:
            place = place.setdefault(part, {})
        place[last] = f"{lang}: {text}"
    out = listed(out)
    out["translated_from"] = {path: digest(text) for path, text in texts.items()}
    return out


def listed(value):
    """Maps keyed 0, 1, 2 … (key points, quotes, a stance's history) as lists."""
    if not isinstance(value, dict):
        return value
    if value and all(key.isdigit() for key in value):
        return [listed(value[str(n)]) for n in range(len(value))]
    return {key: listed(item) for key, item in value.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, help="number of actors")
    parser.add_argument("out", type=Path, help="the content folder to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--living", action="store_true", help="also a change log, stance "
                        "histories and claims (the second round's features) at scale")
    parser.add_argument("--translations", default="", metavar="LANG,LANG",
                        help="also write full translations into these languages, e.g. uk,ru")
    args = parser.parse_args()
    write(args.size, args.out, args.seed)
    if args.living:
        live(args.out, args.size, args.seed)
    for lang in filter(None, args.translations.split(",")):
        translate(args.out, lang)


if __name__ == "__main__":
    main()
