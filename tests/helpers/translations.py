"""Helpers of the translations tests, shared by tests of more than one kind or file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment

from tests.helpers.common import ROOT, run_cli

WATER = ROOT / "tests" / "fixtures" / "water"
ARABIC = ROOT / "tests" / "fixtures" / "water-ar"
BASE = "https://example.github.io/briefing-site/"


@pytest.fixture(scope="session")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The water briefing with its Arabic translation, built at a sub-path."""
    root = tmp_path_factory.mktemp("arabic")
    shutil.copytree(WATER, root / "content")
    shutil.copytree(ARABIC, root / "content" / "translations" / "ar")
    result = run_cli("build", "--out", "site", "--base-url", BASE, cwd=root)
    assert result.returncode == 0, result.stderr
    return root


# Every word of the interface in the page's language --------------------------------------

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
# Latin words a Ukrainian or Russian text may hold: names the translations keep as they
# are, and the formats' own names
KEPT = {"BBC", "News", "JSON", "Atom", "JavaScript", "X", "json", "briefing", "UTC"}
SAID = ("aria-label", "title", "alt", "placeholder")
ADDRESS = re.compile(r"https?://\S+")
CYRILLIC = re.compile(r"[А-яЁёІіЇїЄєҐґ]")


def english_words(text: str) -> list[str]:
    """An address (the page's own, printed under its title) is in no language."""
    return [w for w in LATIN_WORD.findall(ADDRESS.sub("", text)) if w not in KEPT]


def language_of(element) -> str | None:
    while element is not None and getattr(element, "attrs", None) is not None:
        if element.has_attr("lang"):
            return element["lang"]
        element = element.parent
    return None


def english_on(page: BeautifulSoup, lang: str) -> list[str]:
    """Words of English where the page says its language is `lang`: text, and the words
    of attributes a reader hears or sees (labels, titles, alternative text)."""
    found = []
    for text in page.find_all(string=True):
        if text.parent.name in ("script", "style", "title", "[document]") or isinstance(
                text, Comment):
            continue
        if language_of(text.parent) == lang and english_words(text):
            found.append(f"<{text.parent.name}> {text.strip()[:60]!r}")
        elif language_of(text.parent) == "en" and CYRILLIC.search(text):  # the page's own
            found.append(f"<{text.parent.name} lang=en> {text.strip()[:60]!r}")  # words
    for element in page.find_all(True):
        for name in SAID:
            if element.has_attr(name) and language_of(element) == lang and english_words(
                    element[name]):
                found.append(f"<{element.name} {name}> {element[name][:60]!r}")
    return found
