"""The hostile-repository suite for editions, in Chromium: a page whose stamp cannot be
placed for sure is refused (the attacks and their reasons: tests/process/
test_hostile_editions.py)."""

from __future__ import annotations

import pytest

from briefing.editions.banner import Unstampable, stamp
from tests.helpers.hostile_editions import HOW, UNSTAMPABLE

pytestmark = pytest.mark.process


@pytest.mark.parametrize("page", UNSTAMPABLE.values(), ids=UNSTAMPABLE.keys())
def test_a_page_the_stamp_cannot_be_placed_in_for_sure_is_refused(page: str):
    with pytest.raises(Unstampable):
        stamp(page, HOW)
