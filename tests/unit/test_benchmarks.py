"""The benchmark kit's own parts, from a fresh clone: the synthetic briefing is valid by
the content format, the same from run to run, and shaped as documented; the Python
floor builds it."""

from __future__ import annotations

import sys
from pathlib import Path

from briefing.pipeline import load_and_check
from tests.helpers.common import ROOT
from tests.helpers.pipeline import digest

sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks" / "peers"))
import floor  # noqa: E402


def test_the_synthetic_briefing_is_valid_deterministic_and_shaped_as_documented(
        tmp_path: Path):
    first = synthetic.write(200, tmp_path / "a")
    assert digest(first) == digest(synthetic.write(200, tmp_path / "b"))
    assert digest(first) != digest(synthetic.write(200, tmp_path / "c", seed=2))
    briefing, problems = load_and_check(first, strict=True)
    assert problems == [] and briefing is not None
    assert (len(briefing.actors), len(briefing.events), len(briefing.issues),
            len(briefing.sources), len(briefing.articles)) == (200, 400, 10, 21, 5)
    assert briefing.quotes and all(q.anchor for q in briefing.quotes)  # every one planted
    precisions = {e.date.precision for e in briefing.events}
    assert precisions == {"year", "month", "day"}
    busiest = max(len(briefing.record(a).events) for a in briefing.actors)
    assert busiest > 20  # a few actors are in very many events


def test_the_python_floor_builds_the_synthetic_briefing(tmp_path: Path):
    content = synthetic.write(60, tmp_path / "content")
    floor.main(content, tmp_path / "site")
    pages = {p.relative_to(tmp_path / "site").as_posix() for p in
             (tmp_path / "site").rglob("index.html")}
    assert len(pages) == 60 + 2 + 5  # actors, articles, and five pages of lists
    assert {"index.html", "chronology/index.html", "positions/index.html"} <= pages


def test_the_living_synthetic_briefing_is_valid_and_has_the_second_rounds_features(
        tmp_path: Path):
    content = synthetic.write(200, tmp_path / "content")
    synthetic.live(content, 200)
    first = digest(content)
    synthetic.live(content, 200)
    assert digest(content) == first  # the same from run to run
    briefing, problems = load_and_check(content, strict=True)
    assert problems == [] and briefing is not None
    assert (len(briefing.changes), len(briefing.claims)) == (400, 80)
    assert {c.kind for c in briefing.changes} == {"update", "correction", "clarification"}
    assert any(c.minor for c in briefing.changes)
    assert all(s.earlier and s.as_of for i in briefing.issues for s in i.stances)
    assert {c.status for c in briefing.claims} == set(synthetic.CLAIM_STATUSES)
