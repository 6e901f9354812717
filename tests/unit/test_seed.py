"""The seed briefing's own facts: everyone the article names has a profile with their role
in May 2025, and every direct quote of the article is attached and marked. (The rules
every briefing keeps are proved in test_contract.py, on content built for them.)"""

from __future__ import annotations

from tests.helpers.common import SEED
from tests.helpers.seed import PEOPLE


def test_seed_content_has_no_stray_files():
    assert sorted(p.name for p in (SEED / "actors").iterdir()) == sorted(
        f"{a}.yaml" for a in PEOPLE)
