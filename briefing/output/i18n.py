"""A page's language: its interface text from gettext catalogs (templates/locales/<lang>.po,
through Jinja's i18n extension, plural forms by the CLDR's rules) and its dates by
Babel's CLDR data, at the precision written ("15 травня 2025 р.", "травень 2025 р.").

English keeps the house style ("15 May 2025", day before month) whatever CLDR's English
prefers; every other language is written as its CLDR data says.
"""

from __future__ import annotations

import io
import json
import re
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from markupsafe import Markup, escape

from ..model.briefing import Briefing
from ..model.dates import Moment, PartialDate, offset_text, range_parts
from ..problems import BuildFailed, display_path
from ..reading.characters import invisible_problems

TAG = re.compile(r"<[^<>]*>")
REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def english(lang: str) -> bool:
    return lang == "en" or lang.startswith("en-")


@lru_cache(maxsize=64)
def locale(lang: str) -> Locale:
    return Locale.parse(lang.replace("-", "_"))


@lru_cache(maxsize=4096)  # many items share a date; Babel is not free
def date_text(date: PartialDate, lang: str) -> str:
    """A date at its precision: '15 May 2025', 'травень 2025 р.', '2019'."""
    if english(lang):
        return date.text()
    if date.precision == "day":
        return format_date(date.first_day, "long", locale=locale(lang))
    skeleton = "yMMMM" if date.precision == "month" else "y"  # yMMMMd abbreviates (babel#803)
    return format_skeleton(skeleton, date.first_day, locale=locale(lang))


@lru_cache(maxsize=4096)  # many items share a date; Babel is not free
def range_text(start: PartialDate, end: PartialDate | None, lang: str) -> tuple[str, str | None]:
    """A span's two ends; English leaves out what they share ('1 July', '30 September
    2025'), other languages write both in full."""
    if english(lang):
        return range_parts(start, end)
    if end is None or end == start:
        return date_text(start, lang), None
    return date_text(start, lang), date_text(end, lang)


@lru_cache(maxsize=4096)  # many items share a date; Babel is not free
def moment_text(moment: Moment, lang: str) -> str:
    """'16 May 2025, 09:30 UTC+3' in the page's language."""
    day = date_text(PartialDate(moment.day.year, moment.day.month, moment.day.day), lang)
    if moment.time is None:
        return day
    return f"{day}, {moment.time.strftime('%H:%M')} UTC{offset_text(moment.time, '')}"


def direction(lang: str) -> str:
    return "rtl" if locale(lang).character_order == "right-to-left" else "ltr"


@lru_cache(maxsize=64)
def og_locale(lang: str) -> str:
    """Open Graph's form, language_TERRITORY: 'uk_UA', 'en_GB'."""
    from babel.core import get_global

    tag = lang.replace("-", "_")
    if "_" in tag:
        return tag
    likely = get_global("likely_subtags").get(tag, tag)
    parts = likely.split("_")
    return f"{parts[0]}_{parts[-1]}" if len(parts) > 1 else tag


def catalog(templates: Path, lang: str) -> NullTranslations:
    """The interface text of `lang` from templates/locales/<lang>.po (or the .po of its
    language without region: uk for uk-UA), compiled in memory (no .mo file to keep in
    step); a language with no catalog gets the templates' own words."""
    path = catalog_path(templates, lang)
    if path is None:
        return NullTranslations()
    return compiled(path, path.stat().st_mtime_ns)


def catalog_path(templates: Path, lang: str) -> Path | None:
    """The catalog that speaks `lang`, if there is one."""
    for name in (lang, lang.split("-")[0]):
        path = templates / "locales" / f"{name}.po"
        if name and path.is_file():
            return path
    return None


@lru_cache(maxsize=16)
def compiled(path: Path, _mtime: int) -> Translations:
    """The catalog, once no invisible character that disguises text is in it (a
    bidirectional override in a heading, as in content: characters.py)."""
    text = path.read_text(encoding="utf-8")
    wrong = [p for p in invisible_problems(text, display_path(path)) if p.severity == "error"]
    if wrong:
        raise BuildFailed(wrong)
    messages = read_po(io.StringIO(text))
    buffer = io.BytesIO()
    write_mo(buffer, messages)
    buffer.seek(0)
    return Translations(buffer)


def catalog_html(translated: str, *originals: str) -> Markup:
    """A catalog's message as HTML: the templates' own words as written; a translation
    keeps a tag only where one of its `originals` (msgid, msgid_plural) has the very same
    tag, attributes and all, and is otherwise text, escaped (character references are
    text already). A translator writes words around the template's markup, not markup:
    a hostile `<img onerror>` in a .po shows as what it is."""
    if translated in originals:
        return Markup(translated)
    allowed = {tag for original in originals for tag in TAG.findall(original)}
    html, at = [], 0
    for found in TAG.finditer(translated):
        html += [text_html(translated[at:found.start()]),
                 found[0] if found[0] in allowed else str(escape(found[0]))]
        at = found.end()
    html.append(text_html(translated[at:]))
    return Markup("".join(html))


def text_html(text: str) -> str:
    """Text between tags, escaped but for its character references (`&amp;`, `&#8212;`)."""
    html, at = [], 0
    for found in REFERENCE.finditer(text):
        html += [str(escape(text[at:found.start()])), found[0]]
        at = found.end()
    html.append(str(escape(text[at:])))
    return "".join(html)


def script_messages(t: NullTranslations, n: int) -> dict[str, str]:
    """The scripts' words (new.js, filter.js, search.js), counted ones for `n`."""
    _, ngettext = t.gettext, t.ngettext
    return {
        "new": _("New"),
        "see": _("See what changed"),
        "on": _("On: from your next visit, what changed since this one is marked New."),
        "off": _("Off: nothing is kept."),
        "nothing": _("Nothing new since your last visit, %(day)s."),
        "since_day": ngettext("%(n)s change since %(day)s.", "%(n)s changes since %(day)s.", n),
        "since_visit": ngettext("%(n)s change since your last visit.",
                                "%(n)s changes since your last visit.", n),
        "since_visit_more": ngettext("%(n)s or more change since your last visit.",
                                     "%(n)s or more changes since your last visit.", n),
        "events_some": ngettext("%(shown)s of %(n)s event shown", "%(shown)s of %(n)s events shown",
                                n),
        "events_all": ngettext("The %(n)s event shown", "All %(n)s events shown", n),
        "claims_some": ngettext("%(shown)s of %(n)s claim shown", "%(shown)s of %(n)s claims shown",
                                n),
        "claims_all": ngettext("The %(n)s claim shown", "All %(n)s claims shown", n),
        "results": ngettext("%(n)s result for “%(query)s”", "%(n)s results for “%(query)s”", n),
    }


def script_text(t: NullTranslations, lang: str) -> Markup:
    """script_messages as JSON for a page's scripts: a counted message in each CLDR
    plural category of the language ({"one": …, "few": …, "other": …}), for
    `Intl.PluralRules` to choose from."""
    samples: dict[str, int] = {}
    for n in range(200):
        samples.setdefault(locale(lang).plural_form(n), n)
    plain = script_messages(t, 1)
    counted = {category: script_messages(t, n) for category, n in samples.items()}
    texts: dict[str, object] = {}
    for key, text in plain.items():
        forms = {category: messages[key] for category, messages in counted.items()}
        texts[key] = text if len(set(forms.values())) == 1 and text in forms.values() else forms
    data = json.dumps(texts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(data.replace("<", "\\u003c"))


def language_in(tag: str, lang: str) -> str:
    """`tag`'s name in `lang` (CLDR): ('en', 'uk') → 'англійська'."""
    return locale(tag).get_display_name(locale(lang)) or tag


def chronology_span(briefing: Briefing, t: NullTranslations) -> str:
    """The chronology's description: how many events, from when to when."""
    _, ngettext = t.gettext, t.ngettext
    events, n_events, lang = briefing.events, len(briefing.events), briefing.language
    if not events:
        return _("No events yet.")
    return ngettext("%(n)d event, from %(start)s to %(end)s, each with its sources.",
                    "%(n)d events, from %(start)s to %(end)s, each with its sources.",
                    n_events) % {"n": n_events, "start": date_text(events[0].date, lang),
                                 "end": date_text(events[-1].date, lang)}
