"""Helpers of the claims tests, shared by tests of more than one kind or file."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefing.pipeline import build, load_and_check
from tests.helpers.common import TEMPLATES, soup, write_content
from tests.helpers.history import BASE, STALE, living


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("claims")
    files = living()
    files["briefing.yaml"] += "claim_review: true\n"
    build(write_content(root, files), root / "site", TEMPLATES, BASE, search=False)
    return root / "site"


def page(site: Path, url: str) -> BeautifulSoup:
    return soup(site / url / "index.html")


def problems_with(tmp_path: Path, monkeypatch, claims: str, strict: bool = False) -> list[str]:
    monkeypatch.chdir(tmp_path)
    files = living()
    files["claims.yaml"] = claims
    files["changes.yaml"] = files["changes.yaml"].split("- id: bridge-claim-false")[0]
    _, problems = load_and_check(write_content(tmp_path, files).relative_to(tmp_path), strict)
    return [str(p) for p in problems if str(p) != STALE]


CLAIM = ("- id: x\n  claim: The quay is open.\n  status: {status}\n  note: Why.\n"
         "  as_of: 2026-03-12\n")


def claim(status: str = "confirmed", extra: str = "  sources: [report]\n") -> str:
    return CLAIM.format(status=status) + extra
