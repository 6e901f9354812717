"""Helpers of the parallel tests, shared by tests of more than one kind or file."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefing.linking.linker
import briefing.linking.loading
import briefing.output.render
import briefing.pipeline
import briefing.reading.folder
import briefing.reading.parts
from tests.helpers.common import minimal, write_content


@pytest.fixture
def many_actors(tmp_path: Path) -> Path:
    files = minimal()
    for n in range(40):
        files[f"actors/actor-{n}.yaml"] = {
            "name": f"Actor {n}", "role": "Envoy", "side": ("north", "south")[n % 2],
            "summary": f"Envoy number **{n}**, see [the chronology](/chronology/)."}
    files["chronology.yaml"] += [
        {"date": f"2026-01-{n % 28 + 1:02d}", "title": f"Meeting {n}",
         "actors": [f"actor-{n}", f"actor-{(n * 7) % 40}"], "sources": ["report"]}
        for n in range(40)]
    return write_content(tmp_path, files)


def share_everything(monkeypatch, share: bool) -> None:
    """Every step shared between processes (share=True), or none, whatever the size."""
    for module, name in ((briefing.pipeline, "PARALLEL_FROM"),
                         (briefing.reading.folder, "PARALLEL_FROM"),
                         (briefing.linking.loading, "PARALLEL_FROM"),
                         (briefing.linking.linker, "PARALLEL_ARTICLES_FROM"),
                         (briefing.output.render, "PARALLEL_FROM")):
        monkeypatch.setattr(module, name, 1 if share else 10**9)
