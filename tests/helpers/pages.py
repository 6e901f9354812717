"""Helpers of the pages tests, shared by tests of more than one kind or file."""

from __future__ import annotations

from pathlib import Path

from briefing.linking.loading import load_and_check
from briefing.linking.matching import digest
from briefing.model.briefing import Briefing
from tests.helpers.common import minimal, write_content

BASE = "https://x.github.io/repo/"


def translated() -> dict[str, object]:
    """The minimal briefing with a Ukrainian translation of its title and its one actor's
    name: the chronology, positions and sources have nothing translated."""
    files = minimal()
    files["translations/uk/briefing.yaml"] = (
        f"title: Тестовий брифінг\ntranslated_from:\n  title: {digest('Test briefing')}\n")
    files["translations/uk/actors/ana.yaml"] = (
        f"name: Ана\ntranslated_from:\n  name: {digest('Ana Example')}\n")
    return files


def load(root: Path, files: dict[str, object]) -> Briefing:
    briefing, problems = load_and_check(write_content(root, files), base_url=BASE)
    assert briefing is not None, problems
    return briefing
