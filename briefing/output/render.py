"""Pages → bytes: the Jinja environment, its filters, and the whole site in memory.

A `RenderCache` keeps, from one build to the next: the environment (each template
compiled once), every event's HTML fragment (an event appears on the chronology and on
each of its actors' pages; it is rendered once), and each reusable page by its context.
An edited template drops what it was used for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import TypeVar

import jinja2
from babel.support import NullTranslations
from jinja2 import meta
from markupsafe import Markup, escape

from ..cache import BuildCache
from ..content.dates import Moment, PartialDate
from ..content.model import CLAIM_HEADINGS, Event
from ..content.schema import CLAIM_STATUSES, STATUSES
from ..content.words import N_
from ..parallel import map_in_shares
from ..problems import BuildFailed, Problem, display_path
from . import i18n
from .pages import Page, Site
from .structured import json_ld
from .urls import media_link

Stamps = dict[str, tuple[int, int]]
T = TypeVar("T")
UP = "\x1f"  # stands for "../" × page depth in a fragment's links; never in content
FRAGMENT = Page(UP, "_event.html", "", "")  # the page a fragment is rendered "on"
PARALLEL_FROM = 1000  # events (~0.2 ms each): fewer cost less than a new process
PARTS = {  # what the 404 page carries of each language (in_language)
    "header": '{% import "_chrome.html" as c %}{{ c.header(site, page) }}',
    "footer": '{% import "_chrome.html" as c %}{{ c.footer(site) }}',
    "notfound": '{% include "_notfound.html" %}'}
NOTE_HEADINGS = {"correction": N_("Correction"), "clarification": N_("Clarification"),
                 "withdrawal": N_("Withdrawn")}
# The labels of statuses and kinds, translated where shown (`_(labels.statuses[s])`).
LABELS = SimpleNamespace(statuses=STATUSES, claim_statuses=CLAIM_STATUSES,
                         claim_headings=CLAIM_HEADINGS, note_headings=NOTE_HEADINGS)


@dataclass
class RenderCache:
    renderer: Renderer | None = None
    stamps: Stamps = field(default_factory=dict)
    # id(event) → (event, html with UP for each link's way up to the root): keyed by
    # identity, which load.py keeps for unchanged events from one build to the next
    # (hashing 10,000 events is not free).
    fragments: dict[int, tuple[Event, str]] = field(default_factory=dict)
    pages: dict[str, tuple[tuple, bytes]] = field(default_factory=dict)

    def last(self, path: str) -> bytes:
        """The page as it was last rendered, or nothing."""
        hit = self.pages.get(path)
        return hit[1] if hit is not None else b""

    def refresh(self, templates: Path) -> set[str]:
        """Forget what edited templates (or the templates using them) made; returns
        the templates to try again (all of them at first)."""
        stamps = {p.relative_to(templates).as_posix(): (p.stat().st_mtime_ns,
                                                        p.stat().st_size)
                  for p in (*templates.glob("*.html"), *templates.glob("locales/*.po"))}
        changed = {name for name in stamps.keys() | self.stamps.keys()
                   if stamps.get(name) != self.stamps.get(name)}
        self.stamps = stamps
        if self.renderer is None:
            self.renderer = Renderer(templates, self)
            return set(stamps)
        if not changed:
            return set()
        env = self.renderer.env
        if any(name.endswith(".po") for name in changed):  # interface text: every page
            changed |= set(env.list_templates(filter_func=lambda n: n.endswith(".html")))
            self.renderer.catalogs.clear()
            self.renderer.ui_cache.clear()
            self.renderer.texts.clear()
        touched = users_of(env, changed)
        env.cache.clear()  # compiled templates: compile again what was edited
        if "_event.html" in touched:
            self.fragments = {}
        self.pages = {k: v for k, v in self.pages.items() if v[0][0].template not in touched}
        return touched


def users_of(env: jinja2.Environment, changed: set[str]) -> set[str]:
    """The changed templates and every template that extends, includes or imports them."""
    users = set(changed)
    names = env.list_templates(filter_func=lambda n: n.endswith(".html"))
    grew = True
    while grew:
        grew = False
        for name in names:
            if name not in users and referenced(env, name) & users:
                users.add(name)
                grew = True
    return users


def referenced(env: jinja2.Environment, name: str) -> set[str]:
    source = env.loader.get_source(env, name)[0]
    try:
        return set(filter(None, meta.find_referenced_templates(env.parse(source))))
    except jinja2.TemplateSyntaxError:
        return set()


def make_environment(templates: Path) -> jinja2.Environment:
    """Templates are compiled in memory only (the environment's own cache, for as long as
    it lives): Jinja's bytecode cache would keep code on disk, and load it back, with a
    pickle in each file's header, from a folder anyone who can write it controls."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],  # interface text: _(), {% trans %}, by language
        undefined=jinja2.StrictUndefined,  # a typo in a template fails the build
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Templates are checked for edits once per build (RenderCache.refresh), not at
        # every use: a large site renders thousands of pages from a dozen templates.
        auto_reload=False,
    )


def time_html(iso: str, text: str) -> Markup:
    # An f-string of escaped parts: Markup.format took a tenth of rendering an event.
    return Markup(f'<time datetime="{escape(iso)}">{escape(text)}</time>')


class Renderer:
    """Renders pages with a cache; every template problem becomes a BuildFailed.

    One renderer lives as long as its environment (in the RenderCache), because the
    templates' `url` filter and `event_html` are its methods: they need the page being
    rendered, which the renderer tracks, so that `_macros.html` can be imported without
    context, compiled and evaluated once instead of at every page and fragment.
    """

    def __init__(self, templates: Path, cache: RenderCache):
        self.templates = templates
        self.cache = cache
        self.site: Site | None = None
        self.current: Page | None = None
        self.sites: dict[str, Site] = {}  # every language's, by prefix
        self.ui_cache: dict[str, Markup] = {}
        self.texts: dict[tuple, Markup] = {}  # (language, message…) → its translation
        self.touched: set[str] = set()
        self.env = make_environment(templates)
        self.catalogs: dict[str, NullTranslations] = {}
        # _() and ngettext() are called like the i18n extension's "newstyle" ones
        # (variables as keywords, escaped; `num` for counts), but directly: Jinja's own
        # wrappers cost two context calls a message.
        self.env.globals.update(_=self.gettext, gettext=self.gettext, ngettext=self.ngettext,
                                labels=LABELS)
        # The rest are filters (`event|when`, `page|json_ld`), not functions: Jinja calls a
        # filter directly, a function through the context; and every global is looked
        # over again at each `import` in a template.
        self.env.filters.update(
            url=self.url, asset=self.asset, media=self.media, tx=self.tx, tx_note=self.tx_note,
            said_in=self.said_in, untranslated=self.untranslated, when=self.when,
            date=self.date, moment=self.moment,
            event_html=self.event_html, json_ld=self.json_ld, in_language=self.in_language,
            ui_text=self.ui_text, address=self.address, og_locale=i18n.og_locale,
            language_in=self.language_in, hreflang=self.hreflang,
            og_alternates=self.og_alternates, switcher=self.switcher)

    @classmethod
    def for_build(cls, templates: Path, sites: Sequence[Site], cache: RenderCache
                  ) -> Renderer:
        """The cache's renderer, ready for this build's sites (one per language, the
        original first)."""
        touched = cache.refresh(templates)
        renderer = cache.renderer
        assert renderer is not None
        renderer.site, renderer.touched = sites[0], touched
        renderer.sites = {site.prefix: site for site in sites}
        return renderer

    def site_for(self, page: Page) -> None:
        """Render in the page's language from now on."""
        self.site = self.sites.get(page.prefix, self.site)

    @jinja2.pass_context  # not for the context: it keeps Jinja from folding the call
    def url(self, _context: jinja2.runtime.Context, target: str) -> str:  # at compile time
        """A link to a page ("actors/putin/#quotes") in the current page's language,
        relative to the current page."""
        assert self.site is not None
        return self.link(self.site.prefix + target)

    @jinja2.pass_context
    def asset(self, _context: jinja2.runtime.Context, target: str) -> str:
        """A link to a file every language shares (style.css, feed-less data, images)."""
        return self.link(target)

    @jinja2.pass_context
    def media(self, _context: jinja2.runtime.Context, src: str) -> str:
        """A link to a picture from content/ (`src` as written), in the site's media/."""
        return self.link(media_link(src))

    def link(self, target: str) -> str:
        """A site path relative to the current page.

        Relative links keep the site working under any sub-path (`/repo/`). The 404
        page is served at whatever URL was missing, so its links start from the base path.
        """
        assert self.site is not None and self.current is not None
        urls = self.site.urls
        if self.current is FRAGMENT:
            return UP + target
        if self.current.template == "404.html":
            return urls.path(target)
        return urls.relative(target, self.current.address)

    # The page's language: interface text from its catalog, dates in its forms.
    def words(self, lang: str | None = None) -> NullTranslations:
        assert self.site is not None
        lang = lang or self.site.language
        found = self.catalogs.get(lang)
        if found is None:
            found = self.catalogs[lang] = i18n.catalog(self.templates, lang)
        return found

    def gettext(self, message: str, **variables: object) -> Markup:
        """A message in the page's language, its markup only the template's own
        (i18n.catalog_html), its %(name)s variables filled in escaped (each message
        looked up once a language: a page shows a dozen). `{% trans %}` calls it too."""
        assert self.site is not None
        key = (self.site.language, message)
        text = self.texts.get(key)
        if text is None:
            text = self.texts[key] = i18n.catalog_html(self.words().gettext(message), message)
        return text % variables if variables else text

    def ngettext(self, singular: str, plural: str, n: int, **variables: object) -> Markup:
        """A counted message by the language's plural rules; %(num)s is the count."""
        assert self.site is not None
        key = (self.site.language, singular, plural, n)
        text = self.texts.get(key)
        if text is None:
            text = self.texts[key] = i18n.catalog_html(
                self.words().ngettext(singular, plural, n), singular, plural)
        return text % {"num": n, **variables}

    def date(self, date: PartialDate) -> Markup:
        assert self.site is not None
        return time_html(date.iso, i18n.date_text(date, self.site.language))

    def moment(self, moment: Moment) -> Markup:
        """'16 May 2025, 09:30 UTC+3' in a <time> with the moment as written."""
        assert self.site is not None
        return time_html(moment.iso, i18n.moment_text(moment, self.site.language))

    def when(self, event: Event) -> Markup:
        """An event's date at its precision: '12 May 2025', 'c. 2019', '1 July – 30
        September 2025'."""
        assert self.site is not None
        start, end = i18n.range_text(event.date, event.end, self.site.language)
        html = time_html(event.date.iso, start)
        if end is not None and event.end is not None:
            html += Markup(" – ") + time_html(event.end.iso, end)
        if event.approximate:
            html = Markup('<abbr title="{}">{}</abbr> ').format(
                self.gettext("circa, around"), self.gettext("c.")) + html
        return html

    # Filters, not functions: Jinja calls a filter directly, a function through the
    # context, and these are on every item of every page.
    def tx(self, item: object, name: str) -> Markup:
        """` lang=… dir=auto` on a field a translation leaves in the original's words."""
        tx = getattr(item, "tx", None)
        if tx is None or name not in tx.missing:
            return NOTHING
        return kept_in(tx.lang)

    def tx_note(self, item: object, name: str) -> Markup:
        """Beside a field of a translation: 'not yet translated' where the original's
        words are shown; 'translation may be out of date' with the original's words
        where it was translated from an earlier text."""
        tx = getattr(item, "tx", None)
        if tx is None or (not tx.stale and name not in tx.missing):
            return NOTHING
        assert self.site is not None
        if name in tx.missing:
            return Markup('<span class="tx-note" lang="{}">{}</span>').format(
                self.site.language, self.gettext("not yet translated"))
        original = tx.original(name)
        if original is None:
            return NOTHING
        return Markup('<details class="tx-note tx-stale" lang="{}"><summary>{}</summary>'
                      '<p lang="{}" dir="auto">{}</p></details>').format(
            self.site.language, self.gettext("translation may be out of date"), tx.lang,
            original)

    def untranslated(self, _shown: object) -> Markup:
        """'not yet translated' beside editors' words that a translation's page shows as
        written, no translation file having a place for them yet (earlier statuses'
        notes, an article's editor's note): `note|untranslated`."""
        assert self.site is not None
        if self.site.original is None:
            return NOTHING
        return Markup(' <span class="tx-note" lang="{}">{}</span>').format(
            self.site.language, self.gettext("not yet translated"))

    def said_in(self, _shown: object) -> Markup:
        """` lang=… dir=auto` on words a translation's page keeps as they were written
        (quotes, articles, notes no translation file translates): `quote|said_in`."""
        assert self.site is not None
        original = self.site.original
        return NOTHING if original is None else kept_in(original.tag)

    # The languages' links, written here rather than looped over in the templates: they
    # are on every page of a translated site, and a Jinja loop costs ten times as much.
    def hreflang(self, page: Page) -> Markup:
        """<link rel=alternate hreflang> to the page in each language offering it (itself
        included) and x-default, the original."""
        links = [(lang.tag, self.address(lang.prefix + page.url)) for lang in page.alternates]
        links.append(("x-default", self.address(page.url)))
        return Markup("\n".join(f'<link rel="alternate" hreflang="{escape(tag)}" '
                                 f'href="{escape(href)}">' for tag, href in links))

    def og_alternates(self, page: Page) -> Markup:
        assert self.site is not None
        return Markup("\n".join(
            f'<meta property="og:locale:alternate" content="{escape(i18n.og_locale(lang.tag))}">'
            for lang in page.alternates if lang.tag != self.site.language))

    def switcher(self, page: Page) -> Markup:
        """The language switcher's items: the same page in each language that offers it
        (a page with nothing translated is not), and in its own, named in their own
        (from the 404 page, each language's overview); nothing when that is one."""
        assert self.site is not None
        here = "" if page.template == "404.html" else page.url
        current = ' aria-current="true"'
        languages = [lang for lang in self.site.languages
                     if not page.offered_in or page.template == "404.html"
                     or lang.prefix in page.offered_in or lang.tag == self.site.language]
        if len(languages) < 2:
            return NOTHING
        return Markup("\n".join(
            f'        <li><a href="{escape(self.link(lang.prefix + here))}" '
            f'lang="{escape(lang.tag)}" hreflang="{escape(lang.tag)}" '
            f'dir="{escape(lang.direction)}"{current if lang.tag == self.site.language else ""}'
            f'>{escape(lang.name)}</a></li>' for lang in languages))

    def address(self, target: str) -> str:
        """A page's whole URL where the base URL is known, else its path from the
        server's root (hreflang links name pages in other languages)."""
        assert self.site is not None
        return self.site.urls.absolute(target) or self.site.urls.path(target)

    def language_in(self, tag: str) -> str:
        """A language's name in the page's language: 'англійська'."""
        assert self.site is not None
        return i18n.language_in(tag, self.site.language)

    def in_language(self, lang: str, name: str) -> Markup:  # `tag|in_language("header")`
        """A template rendered in another of the site's languages (the one 404 page
        carries every language's words, shown by the path asked for)."""
        assert self.site is not None and self.current is not None
        site = next((s for s in self.sites.values() if s.language == lang), self.site)
        template = self.env.from_string(PARTS[name])
        outer, self.site = self.site, site
        try:
            return Markup(template.render(site=site, page=self.current))
        finally:
            self.site = outer

    def ui_text(self, _site: object) -> Markup:
        """The scripts' words in the page's language, as JSON: each counted message in
        every CLDR plural form the language has."""
        assert self.site is not None
        lang = self.site.language
        found = self.ui_cache.get(lang)
        if found is None:
            found = self.ui_cache[lang] = i18n.script_text(self.words(), lang)
        return found

    def json_ld(self, page: Page) -> Markup:
        assert self.site is not None
        return json_ld(self.site, page)

    def event_html(self, event: Event) -> Markup:
        """An event as listed on the chronology and on actor pages. It is rendered once,
        with a stand-in for its links' way up to the root, filled in for each page:
        rendering it once per page depth took a quarter of a large build."""
        assert self.current is not None
        hit = self.cache.fragments.get(id(event))
        if hit is None or hit[0] is not event:
            hit = self.cache.fragments[id(event)] = (event, self.fragment(event))
        return Markup(hit[1].replace(UP, "../" * self.current.address.count("/")))

    def fragment(self, event: Event) -> str:
        return self.render("_event.html", FRAGMENT, {"event": event})

    def render_fragments(self, events: Sequence[tuple[Site, Event]],
                         kept: BuildCache | None = None) -> None:
        """Every event's fragment (in every language: (its site, the event)), rendered
        on every core before the pages that show them (each event is on the chronology
        and on its actors' pages). With `kept` (a build's cache), fragments are taken
        from there by the digest of (site, event), and those made are kept."""
        todo = [(site, e) for site, e in events
                if self.cache.fragments.get(id(e), (None,))[0] is not e]
        keys: dict[int, bytes] = {}
        if kept is not None:
            sites = {site.prefix: kept.digest(site) for site, _ in todo}
            missing = []
            for site, event in todo:
                key = keys[id(event)] = kept.digest((sites[site.prefix], event))
                html = kept.fragment(key)
                if html is None:
                    missing.append((site, event))
                else:
                    self.cache.fragments[id(event)] = (event, html)
            todo = missing
        elif len(todo) < PARALLEL_FROM:
            return  # rendered as pages ask for them
        made = (map_in_shares(todo, self.fragment_in) if len(todo) >= PARALLEL_FROM
                else [self.fragment_in(job) for job in todo])
        for (_, event), html in zip(todo, made, strict=True):
            self.cache.fragments[id(event)] = (event, html)
            if kept is not None:
                kept.keep_fragment(keys[id(event)], html)

    def fragment_in(self, job: tuple[Site, Event]) -> str:
        self.site = job[0]
        return self.fragment(job[1])

    def check(self, pages: list[Page]) -> None:
        """Compile every template, and render a page of each one edited since the last
        build, so that template mistakes show at once, not when a page is visited."""
        for name in self.env.list_templates(filter_func=lambda n: n.endswith(".html")):
            self.render_errors(lambda name=name: self.env.get_template(name), name)
        for template in self.touched:
            sample = next((page for page in pages if page.template == template), None)
            if sample is not None:
                self.page(sample)

    def page(self, page: Page) -> bytes:
        self.site_for(page)
        key = (page, self.site)
        hit = self.cache.pages.get(page.path)
        if hit is not None and hit[0] == key:
            return hit[1]
        html = self.render(page.template, page, page.context).encode("utf-8")
        self.cache.pages[page.path] = (key, html)
        return html

    def write_page(self, page: Page, target: Path) -> None:
        """Render `page` into the file `target` piece by piece, for a one-off build: the
        largest pages (the chronology) are then never whole in memory, as text and
        again as bytes (at 5,000 actors that was a third more than the build's peak)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        self.site_for(page)

        def write(pieces: Iterator[str]) -> None:
            with open(target, "w", encoding="utf-8", newline="") as out:
                out.writelines(pieces)

        self.rendered(page.template, page, page.context, write)

    def render(self, name: str, page: Page, context: Mapping[str, object]) -> str:
        return self.rendered(name, page, context, "".join)

    def rendered(self, name: str, page: Page, context: Mapping[str, object],
                 consume: Callable[[Iterator[str]], T]) -> T:
        """`consume` the template's output for `page`, the page being rendered meanwhile
        (fragments render inside pages); a template mistake becomes a BuildFailed."""
        outer, self.current = self.current, page
        try:
            return self.render_errors(lambda: consume(self.env.get_template(name).generate(
                site=self.site, page=page, **context)), name,
                f" (rendering {page.address or 'the overview'})")
        finally:
            self.current = outer

    def render_errors(self, work: Callable[[], T], name: str, where: str = "") -> T:
        """Run `work`; a template mistake becomes a BuildFailed naming file and line."""
        try:
            return work()
        except jinja2.TemplateSyntaxError as exc:
            raise BuildFailed([self.problem(exc.name or name, exc.lineno,
                                            exc.message or str(exc))]) from None
        except jinja2.TemplateError as exc:
            template, line = template_frame(exc)
            raise BuildFailed([self.problem(template or name, line, f"{exc}{where}")]
                              ) from None

    def problem(self, name: str, line: int, message: str) -> Problem:
        return Problem(display_path(self.templates / name), line, 1,
                       f"template error: {message}")


NOTHING = Markup("")


@lru_cache(maxsize=64)
def kept_in(lang: str) -> Markup:
    """The attributes of words shown in another language than the page's."""
    return Markup(' lang="{}" dir="auto"').format(lang)


def template_frame(exc: BaseException) -> tuple[str | None, int]:
    """The innermost template file and line in a rendering error's traceback."""
    found: tuple[str | None, int] = (None, 1)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".html"):
            found = (Path(filename).name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def static_files(templates: Path) -> dict[str, bytes]:
    """Everything under templates/static/, copied to the site root."""
    root = templates / "static"
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}

