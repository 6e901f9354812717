"""Helpers of the contract tests, shared by tests of more than one kind or file."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefing.pipeline import build
from tests.helpers.common import TEMPLATES, soup, write_content

PIXEL = bytes.fromhex(  # the smallest PNG: one transparent pixel
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def rules_briefing() -> dict[str, object]:
    """A briefing written to exercise the contract's fields, each used once on purpose."""
    return {
        "briefing.yaml": {
            "title": "Harbour dispute", "dek": "Who wants the harbour, and why.",
            "summary": "Two towns *argue* over one harbour.", "updated": "2026-03-12",
            "sides": [{"id": "east", "name": "The East Bank", "short": "East",
                       "description": "The old town."},
                      {"id": "west", "name": "The West Bank"}],
            "key_points": ["The harbour is **shared**.", "Talks resume in March."],
        },
        "images/ana.png": PIXEL,
        "actors/ana.yaml": {
            "name": "Ana Example", "role": "*Mayor* of [East](https://example.org/)",
            "side": "east", "country": "Norway",
            "summary": "Ana **leads** the east bank. She was elected in 2020.",
            "image": {"src": "images/ana.png", "alt": "Ana at the <harbour>",
                      "credit": "<b>Photo</b> & Co"},
            "quotes": [{"text": "We will talk", "source": "report", "date": "2026-03",
                        "context": "at a rally"}],
            "links": [{"title": "Ana's page", "url": "https://example.org/ana"}],
        },
        "actors/zed.yaml": {"name": "Zed Other", "role": "Harbour master", "side": "west",
                            "summary": "Zed.",
                            "image": {"src": "https://example.org/zed.jpg", "alt": "Zed"}},
        "actors/bo.yaml": {"name": "Bo Neutral", "role": "Mediator", "summary": "Bo."},
        "actors/aaron.yaml": {"name": "Aaron West", "role": "Clerk", "side": "west",
                              "summary": "Aaron."},
        "chronology.yaml": [
            {"date": "2026-03-12", "title": "Zeta meeting", "id": "zeta",
             "sources": ["report"], "actors": ["ana"]},
            {"date": "2026-03-12", "title": "Alpha meeting", "id": "alpha",
             "sources": ["report"]},
            {"date": "2026-03", "title": "Talks in March", "sources": ["report"]},
            {"date": "2022-03", "title": "The first *claim*", "sources": ["report"],
             "summary": "It began with a **letter**."},
            {"date": "2019", "approximate": True, "title": "A survey", "sources": ["report"]},
            {"date": "2025-07-01", "end": "2025-09-30", "title": "A summer of talks",
             "sources": ["report"]},
        ],
        "positions.yaml": [
            {"id": "harbour", "issue": "Who runs the *harbour*?", "status": "narrowing",
             "summary": "It is the town's **income**.",
             "stances": {"east": {"position": "The east, as *before*.",
                                  "detail": "Since **1900**.", "actors": ["ana"],
                                  "sources": ["report"],
                                  "quote": {"text": "We will talk", "source": "report",
                                            "speaker": "ana"}}}},
        ],
        "sources.yaml": [
            {"id": "report", "title": "A report", "article": "report"},
            {"id": "paper", "title": "The *Harbour* Paper", "short": "Paper, 2026",
             "publisher": "The Courier", "url": "https://example.org/paper",
             "published": "2026-03"},
        ],
        "articles/report.md": "---\ntitle: A report\nsource: report\n---\n"
                              "Ana said: “We will talk.” Then she left.\n",
    }


def built(tmp_path: Path, files: dict[str, object], base_url: str | None = None) -> Path:
    """The site of `files`, built strictly, with no warning (in this process: mutation
    testing swaps functions here; the command line is tested on its own below)."""
    content = write_content(tmp_path, files)
    problems, _ = build(content, tmp_path / "site", TEMPLATES, base_url, strict=True,
                        search=False)
    assert problems == []
    return tmp_path / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory.mktemp("rules"), rules_briefing())


def page(site: Path, url: str) -> BeautifulSoup:
    return soup(site / url / "index.html")


def text(element) -> str:
    return " ".join(element.get_text(" ").split())
