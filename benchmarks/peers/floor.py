"""The Python floor: the least a Python generator must do to write a briefing's pages,
with the same libraries Briefing uses (PyYAML's C loader, Jinja2, markdown-it-py), and
none of its checks, provenance, feeds, sitemap or search. What Briefing does on top of
this is what its checks and extras cost.

    python benchmarks/peers/floor.py CONTENT OUT
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import yaml
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
PAGE = jinja2.Template("""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · {{ b.title }}</title><link rel="stylesheet" href="/style.css"></head>
<body><header><a href="/">{{ b.title }}</a><nav><a href="/">Overview</a> <a href="/actors/">Actors</a>
<a href="/chronology/">Chronology</a> <a href="/positions/">Where the sides stand</a>
<a href="/sources/">Sources</a></nav></header><main>{{ main }}</main>
<footer><p>Updated {{ date(b.updated) }}.</p></footer></body></html>
""", autoescape=True)
EVENT = jinja2.Template("""<li class="event" id="{{ e.id }}"><p class="event-date">
{%- if e.approximate %}c. {% endif %}{{ date(e.date) }}{% if e.end %} – {{ date(e.end) }}{% endif %}</p>
<h3>{{ e.title }}</h3>{{ md(e.summary) }}<ul class="chips">{% for a in e.actors %}
<li><a href="/actors/{{ a }}/">{{ actors[a].name }}</a></li>{% endfor %}</ul>
<p class="citations">Sources: {% for s in e.sources %}<a href="/sources/#source-{{ s }}">{{ s }}</a> {% endfor %}</p></li>
""", autoescape=True)
ACTOR = jinja2.Template("""<h1>{{ a.name }}</h1><p class="role">{{ a.role }}</p>
<dl><dt>Side</dt><dd>{{ sides[a.side].name if a.side else "Not aligned" }}</dd></dl>
<div class="prose">{{ md(a.summary) }}</div>
{% if a.quotes %}<h2>In their words</h2>{% for q in a.quotes %}<figure><blockquote><p>“{{ q.text }}”</p>
</blockquote></figure>{% endfor %}{% endif %}
{% if stances %}<h2>Positions</h2><ul>{% for issue, stance in stances %}<li>{{ issue.issue }}: {{ stance.position }}</li>{% endfor %}</ul>{% endif %}
{% if events %}<h2>Events</h2><ol class="events">{% for e in events %}{{ fragment(e) }}{% endfor %}</ol>{% endif %}
""", autoescape=True)


def main(content: Path, out: Path) -> None:
    def load(path: Path):
        return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)

    b = load(content / "briefing.yaml")
    actors = {p.stem: load(p) for p in sorted((content / "actors").glob("*.yaml"))}
    events = sorted(load(content / "chronology.yaml"), key=lambda e: str(e["date"]))
    issues = load(content / "positions.yaml")
    sources = load(content / "sources.yaml")
    md, rendered, fragments = MarkdownIt("commonmark", {"html": False}), {}, {}

    def markdown(text):
        if text and text not in rendered:
            rendered[text] = Markup(md.render(text))
        return rendered.get(text, "")

    def date(value):
        parts = str(value).split("-")
        words = [str(int(parts[2])) if len(parts) > 2 else "",
                 MONTHS[int(parts[1]) - 1] if len(parts) > 1 else "", parts[0]]
        return Markup(
            f'<time datetime="{value}">{" ".join(w for w in words if w)}</time>')

    def fragment(e):
        if e["id"] not in fragments:
            fragments[e["id"]] = Markup(EVENT.render(
                e=e, actors=actors, md=markdown, date=date))
        return fragments[e["id"]]

    sides = {s["id"]: s for s in b["sides"]}
    by_actor: dict[str, list] = {a: [] for a in actors}
    stances: dict[str, list] = {a: [] for a in actors}
    for e in events:
        for a in e.get("actors", ()):
            by_actor[a].append(e)
    for issue in issues:
        for stance in issue["stances"].values():
            for a in stance.get("actors", ()):
                stances[a].append((issue, stance))

    def write(url: str, title: str, main: str) -> None:
        (out / url).mkdir(parents=True, exist_ok=True)
        (out / url / "index.html").write_text(PAGE.render(
            b=b, title=title, main=Markup(main), date=date),
            encoding="utf-8")

    for actor_id, a in actors.items():
        write(f"actors/{actor_id}", a["name"], ACTOR.render(
            a=a, sides=sides, md=markdown, stances=stances[actor_id],
            events=by_actor[actor_id], fragment=fragment))
    write("chronology", "Chronology", "<h1>Chronology</h1><ol class=\"events\">"
          + "".join(fragment(e) for e in events) + "</ol>")
    write("actors", "Actors", "<h1>Actors</h1><ul>" + "".join(
        f'<li><a href="/actors/{i}/">{escape(a["name"])}</a></li>'
        for i, a in actors.items()) + "</ul>")
    write("positions", "Where the sides stand", "<h1>Where the sides stand</h1>" + "".join(
        f"<h2>{escape(i['issue'])}</h2>" + "".join(
            f"<p>{escape(s['position'])}</p>" for s in i["stances"].values())
        for i in issues))
    write("sources", "Sources", "<h1>Sources</h1><ol>" + "".join(
        f'<li id="source-{s["id"]}">{escape(s["title"])}</li>' for s in sources)
        + "</ol>")
    for path in sorted((content / "articles").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        write(f"articles/{path.stem}", yaml.load(front, Loader=LOADER)["title"],
              md.render(body))
    write("", b["title"], f"<h1>{escape(b['title'])}</h1>{markdown(b['summary'])}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
