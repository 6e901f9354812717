"""Helpers of the history tests, shared by tests of more than one kind or file."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.pipeline import build
from tests.helpers.common import TEMPLATES, write_content

LIVING = Path(__file__).parents[1] / "fixtures" / "living"
BASE = "https://example.org/harbour/"


def living() -> dict[str, object]:
    """The living test briefing's files, as text, for a test to change one of them."""
    return {p.relative_to(LIVING).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(LIVING.rglob("*")) if p.is_file()}


STALE = ("content/positions.yaml:25:14: note: the position of The South on 'Who runs the "
         "harbour?' was stated on 2026-02-01, over 10 days before the briefing's last update "
         "(2026-03-12): confirm it and move 'as_of', or readers are told it is not confirmed "
         "since")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("living")
    content = write_content(root, living())
    problems, _ = build(content, root / "site", TEMPLATES, BASE, search=False)
    assert [p.message for p in problems] == [STALE.split(": note: ")[1]]
    return root / "site"
