"""Helpers of the hostile_files tests, shared by tests of more than one kind or file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.common import SEED


@pytest.fixture
def seed(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SEED, tmp_path / "content")
    return tmp_path / "content"
