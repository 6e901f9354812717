"""Helpers of the tests of `new`, shared by tests of more than one kind or file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.common import SEED


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """The seed without its translations: a new entry is not yet translated, which
    test_translations.py checks on its own."""
    shutil.copytree(SEED, tmp_path / "content", ignore=shutil.ignore_patterns("translations"))
    return tmp_path / "content"
