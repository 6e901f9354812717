"""Unit tests of output/i18n.py: dates by language, catalogs, plural forms, the HTML a
translated message may carry, and the scripts' words."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from babel.support import NullTranslations

from briefing.model.dates import Moment, PartialDate
from briefing.output import i18n
from briefing.problems import BuildFailed
from tests.helpers.common import TEMPLATES

NNBSP = "\u202f"  # CLDR's narrow no-break space before Ukrainian "р."


@pytest.mark.parametrize(("date", "uk", "en"), [
    (PartialDate(2025, 5, 12), f"12 травня 2025{NNBSP}р.", "12 May 2025"),
    (PartialDate(2025, 5), f"травень 2025{NNBSP}р.", "May 2025"),
    (PartialDate(2019), "2019", "2019"),
])
def test_a_date_is_written_at_its_precision_in_each_language(date, uk, en):
    assert i18n.date_text(date, "uk") == uk
    assert i18n.date_text(date, "en") == en
    assert i18n.date_text(date, "en-GB") == en  # the house style, whatever the region


def test_english_leaves_out_what_a_spans_ends_share_and_ukrainian_writes_both_whole():
    start, end = PartialDate(2025, 7, 1), PartialDate(2025, 9, 30)
    assert i18n.range_text(start, end, "en") == ("1 July", "30 September 2025")
    assert i18n.range_text(start, end, "uk") == (f"1 липня 2025{NNBSP}р.",
                                                 f"30 вересня 2025{NNBSP}р.")
    assert i18n.range_text(start, start, "uk") == (f"1 липня 2025{NNBSP}р.", None)


def test_a_moment_keeps_its_time_and_offset_and_a_day_is_just_the_day():
    offset = dt.timezone(dt.timedelta(hours=3))
    at = Moment(dt.date(2025, 5, 16), dt.time(9, 30, tzinfo=offset))
    assert i18n.moment_text(at, "en") == "16 May 2025, 09:30 UTC+3"
    assert i18n.moment_text(Moment(dt.date(2025, 5, 16)), "uk") == f"16 травня 2025{NNBSP}р."


def test_direction_open_graph_locale_and_a_languages_name():
    assert (i18n.direction("ar"), i18n.direction("uk")) == ("rtl", "ltr")
    assert [i18n.og_locale(tag) for tag in ("uk", "en", "pt-BR")] == ["uk_UA", "en_US", "pt_BR"]
    assert i18n.language_in("en", "uk") == "англійська"
    assert i18n.language_in("uk", "en") == "Ukrainian"


def test_a_region_falls_back_to_its_languages_catalog_and_an_unknown_one_to_the_templates():
    assert i18n.catalog(TEMPLATES, "uk-UA").gettext("Search") == "Пошук"
    german = i18n.catalog(TEMPLATES, "de")
    assert type(german) is NullTranslations and german.gettext("Search") == "Search"


def test_ukrainian_counts_by_its_three_plural_forms():
    t = i18n.catalog(TEMPLATES, "uk")
    one, many = "%(n)s change since your last visit.", "%(n)s changes since your last visit."
    forms = [t.ngettext(one, many, n).split()[1] for n in (1, 3, 5, 21)]
    assert forms == ["зміна", "зміни", "змін", "зміна"]


def test_a_translation_keeps_only_the_templates_own_tags():
    original = 'Every fact links to its <a href="%(sources)s">sources</a>.'
    hostile = 'Див. <a href="%(sources)s">джерела</a> <img src=x onerror=alert(1)> &amp; &#8212;'
    html = i18n.catalog_html(hostile, original)
    assert '<a href="%(sources)s">джерела</a>' in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img" not in html
    assert html.endswith("&amp; &#8212;")  # character references stay as written
    assert i18n.catalog_html("a <b>", "a <b>") == "a <b>"  # the original is the template's


def test_a_catalog_with_a_bidirectional_override_is_refused(tmp_path: Path):
    po = tmp_path / "locales" / "xx.po"
    po.parent.mkdir()
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Search"\nmsgstr "Se\u202earch"\n',
                  encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        i18n.catalog(tmp_path, "xx")
    assert failed.value.problems[0].path.endswith("xx.po")


def test_the_scripts_words_carry_each_plural_form_of_the_language():
    uk = json.loads(i18n.script_text(i18n.catalog(TEMPLATES, "uk"), "uk"))
    en = json.loads(i18n.script_text(i18n.catalog(TEMPLATES, "en"), "en"))
    assert set(uk["since_visit"]) == {"one", "few", "many"}  # whole numbers' forms
    assert set(en["since_visit"]) == {"one", "other"}
    assert isinstance(en["new"], str)  # a message with no count is one string


def test_the_scripts_words_cannot_close_their_script_element():
    words = NullTranslations()
    words.gettext = lambda message: "</script><script>x" if message == "New" else message
    assert "</script>" not in i18n.script_text(words, "en")
