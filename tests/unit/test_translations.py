"""Translations in this process: the interface catalogs current and complete, the
preview rebuilt on a translation's edit, hashes quoted so YAML reads them as text (the
rules: tests/process/test_translations.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from briefing.editor.preview import Preview
from tests.helpers.common import ROOT, SEED, TEMPLATES

# The interface text --------------------------------------------------------------------

def messages_in_sources() -> set[str]:
    """What `pybabel extract -F babel.cfg -k N_` finds today."""
    found = set()
    method_map = [("briefing/**.py", "python"), ("templates/**.html", "jinja2")]
    options = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True",
                                     "lstrip_blocks": "True"}}
    for _, _, message, _, _ in extract_from_dir(
            ROOT, method_map, options, keywords={"_": None, "gettext": None,
                                                 "ngettext": (1, 2), "N_": None}):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_the_catalogs_are_current_and_complete():
    with open(TEMPLATES / "locales" / "messages.pot", "rb") as pot:
        template = {m.id[0] if isinstance(m.id, tuple) else m.id for m in read_po(pot) if m.id}
    assert template == messages_in_sources(), "run pybabel extract (README: Translations)"
    for lang in ("en", "uk", "ru", "ar"):
        with open(TEMPLATES / "locales" / f"{lang}.po", "rb") as po:
            catalog = read_po(po)
        forms = catalog.num_plurals
        for message in catalog:
            if not message.id:
                continue
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            assert key in template, (lang, key)
            assert not message.fuzzy, (lang, key)
            texts = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(texts) and len(texts) == (forms if isinstance(message.id, tuple) else 1)
            wanted = set(re.findall(r"%\((\w+)\)", key))
            for text in texts:
                assert set(re.findall(r"%\((\w+)\)", text)) <= wanted | {"num"}, (lang, key)
                assert text.count("<a ") == key.count("<a "), (lang, key)
        assert {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog if m.id} == template


# The preview ---------------------------------------------------------------------------

def test_the_preview_rebuilds_on_a_translation_edit(tmp_path: Path):
    shutil.copytree(SEED, tmp_path / "content")
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    preview = Preview(tmp_path / "content", tmp_path / "templates")
    preview.rebuild()
    assert not preview.failed, preview.problems
    assert "uk/actors/putin/index.html" in preview.pages
    assert "Володимир Путін" in preview.file("uk/actors/putin/index.html").decode()
    path = tmp_path / "content" / "translations" / "uk" / "actors" / "putin.yaml"
    path.write_text(path.read_text().replace('name: "Володимир Путін"',
                                             'name: "Володимир Володимирович Путін"'))
    preview.rebuild()
    assert "Володимир Володимирович Путін" in preview.file(
        "uk/actors/putin/index.html").decode()
    assert "Володимир Володимирович" not in preview.file("actors/putin/index.html").decode()
    assert "ru/feed.xml" in preview.later


def test_a_hash_yaml_would_read_as_a_number_is_quoted():
    from briefing.editor.record_writer import shown

    assert shown("103148415449") == "'103148415449'" and shown("1e4567890123") == "'1e4567890123'"
    assert shown("3f2a9c1b7d0e") == "3f2a9c1b7d0e"
    for digest_ in ("103148415449", "1e4567890123", "000000000012", "3f2a9c1b7d0e"):
        assert yaml.safe_load(f"role: {shown(digest_)}") == {"role": digest_}


# What `check` links ---------------------------------------------------------------------

def test_check_counts_the_translations_and_finds_the_same_problems_without_linking_them(
        tmp_path: Path):
    from briefing.linking.loading import load_and_check

    content = tmp_path / "content"
    shutil.copytree(SEED, content)
    uk = content / "translations" / "uk" / "chronology.yaml"
    text = uk.read_text(encoding="utf-8")
    assert "title: f85fcedbaea9" in text  # one hash no longer the original's: stale
    uk.write_text(text.replace("title: f85fcedbaea9", "title: 000000000000"), encoding="utf-8")
    built, problems = load_and_check(content)
    checked, found = load_and_check(content, translated=False)
    assert built is not None and checked is not None
    assert [str(p) for p in found] == [str(p) for p in problems] != []
    assert checked.tallies == built.tallies
    assert [(t.name, t.stale) for t in checked.tallies] == [("Русский", 0), ("Українська", 1)]
    assert checked.translations == () and len(built.translations) == 2
