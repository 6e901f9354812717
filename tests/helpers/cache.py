"""Helpers of the cache tests, shared by tests of more than one kind or file."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def machine_key_here(tmp_path, monkeypatch):
    """This test's own key for signing the cache (cache.machine_key), not the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
