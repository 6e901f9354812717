"""The briefing's own history (the contract's sections 4 and 5): changes.yaml checked
rule by rule, what changed, each item's history where it is shown, one date
everywhere, the feed as the story's updates, and positions over time. On the test
briefing in tests/fixtures/living: every kind of change, histories, a stale stance."""

from __future__ import annotations

from pathlib import Path

from briefing.pipeline import load_and_check
from tests.helpers.common import run_cli, write_content
from tests.helpers.history import STALE, living


def test_a_stale_stance_is_a_note_even_when_strict(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_content(tmp_path, living())
    briefing, problems = load_and_check(Path("content"))
    assert [str(p) for p in problems] == [STALE]
    briefing, problems = load_and_check(Path("content"), strict=True)
    assert [str(p) for p in problems] == [STALE] and briefing is not None
    result = run_cli("build", "--strict", cwd=tmp_path)
    assert result.returncode == 0 and "1 note: " in result.stderr
