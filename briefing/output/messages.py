"""The templates' interface text: `_()`, `ngettext()` and the scripts' words, in the
language of the site being rendered (the template context's `site`).

Each message is looked up once a language and kept, as HTML (i18n.catalog_html): a page
shows a dozen, a build has thousands of pages. An edited catalog clears it all
(RenderMemo.refresh).
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from babel.support import NullTranslations
from markupsafe import Markup

from . import i18n


class Messages:
    """Every language's catalog and the messages looked up in it so far."""

    def __init__(self, templates: Path):
        self.templates = templates
        self.catalogs: dict[str, NullTranslations] = {}
        self.texts: dict[tuple, Markup] = {}  # (language, message…) → its translation
        self.scripts: dict[str, Markup] = {}  # language → the scripts' words as JSON

    def forget(self) -> None:
        """Drop everything: a catalog was edited."""
        self.catalogs.clear()
        self.texts.clear()
        self.scripts.clear()

    def words(self, lang: str) -> NullTranslations:
        found = self.catalogs.get(lang)
        if found is None:
            found = self.catalogs[lang] = i18n.catalog(self.templates, lang)
        return found

    def text(self, lang: str, message: str) -> Markup:
        """A message in `lang`, its markup only the template's own (i18n.catalog_html)."""
        key = (lang, message)
        text = self.texts.get(key)
        if text is None:
            text = self.texts[key] = i18n.catalog_html(self.words(lang).gettext(message),
                                                       message)
        return text

    def counted(self, lang: str, singular: str, plural: str, n: int) -> Markup:
        """A counted message by `lang`'s plural rules, its variables still to fill."""
        key = (lang, singular, plural, n)
        text = self.texts.get(key)
        if text is None:
            text = self.texts[key] = i18n.catalog_html(
                self.words(lang).ngettext(singular, plural, n), singular, plural)
        return text

    # _() and ngettext() are called like the i18n extension's "newstyle" ones (variables
    # as keywords, escaped; `num` for counts), but directly: Jinja's own wrappers cost two
    # context calls a message. `{% trans %}` calls them too.
    @jinja2.pass_context
    def gettext(self, context: jinja2.runtime.Context, message: str,
                **variables: object) -> Markup:
        """A message in the page's language, its %(name)s variables filled in escaped."""
        text = self.text(context.parent["site"].language, message)
        return text % variables if variables else text

    @jinja2.pass_context
    def ngettext(self, context: jinja2.runtime.Context, singular: str, plural: str, n: int,
                 **variables: object) -> Markup:
        """A counted message in the page's language; %(num)s is the count."""
        return self.counted(context.parent["site"].language, singular, plural, n) % {
            "num": n, **variables}

    @jinja2.pass_context
    def ui_text(self, context: jinja2.runtime.Context, _site: object) -> Markup:
        """The scripts' words in the page's language, as JSON: each counted message in
        every CLDR plural form the language has (`site|ui_text`)."""
        lang = context.parent["site"].language
        found = self.scripts.get(lang)
        if found is None:
            found = self.scripts[lang] = i18n.script_text(self.words(lang), lang)
        return found
