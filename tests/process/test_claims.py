"""Claims (the contract's section 6): what we know, what is claimed, what nobody knows yet.
Checked rule by rule; shown on /claims/, the overview, issues and actor pages; the
balance report and its warnings on a briefing built to be lopsided; the filter in a
real browser."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.helpers.claims import claim, problems_with
from tests.helpers.common import minimal, run_cli, write_content


def test_an_unverified_quote_stops_a_strict_build(tmp_path, monkeypatch):
    claims = claim(extra="  sources: [report]\n  by:\n    - actor: ana\n      source: report\n"
                   "      quote: We shall talk\n")
    [problem] = [p for p in problems_with(tmp_path, monkeypatch, claims, strict=True)
                 if "not confirmed since" not in p]
    assert problem.startswith("content/claims.yaml:10:14: error: quote not found")
    result = run_cli("check", "--strict", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr


# --- the balance report, on a briefing built to be lopsided -----------------------------

def lopsided() -> dict[str, object]:
    files = minimal()
    files["sources.yaml"] += [{"id": "north-gov", "title": "North readout", "side": "north"}]
    files["positions.yaml"][0]["stances"]["south"] = {"position": "No."}  # no source
    files["claims.yaml"] = [
        {"id": "one-sided", "claim": "The south fired first.", "status": "claimed",
         "note": "Only the north's government says so.", "as_of": "2026-03-12",
         "by": [{"actor": "ana", "source": "north-gov"}],
         "against": [{"side": "north", "source": "north-gov"}],
         "sources": ["north-gov"]},
        {"id": "talks-held", "claim": "Talks were held.", "status": "confirmed",
         "note": "Both sides say so.", "as_of": "2026-03-12",
         "by": [{"actor": "ana", "source": "report", "quote": "We will talk"}],
         "sources": ["report"]},
    ]
    return files


NOTES = [
    "content/claims.yaml:1:3: note: claim 'one-sided' is asserted and contested only in "
    "statements of one side (The North): add an independent source, or one from another side",
    "content/positions.yaml:11:7: note: the position of The South on 'Talks?' cites no source, "
    "while that of The North does: add 'sources:' so that each is as well founded"]


def test_check_notes_lopsided_sourcing_and_strict_does_not_stop_it(tmp_path: Path):
    write_content(tmp_path, lopsided())
    relaxed = run_cli("check", cwd=tmp_path)
    assert relaxed.returncode == 0 and relaxed.stderr.splitlines()[:2] == NOTES
    assert relaxed.stderr.splitlines()[2].startswith("2 notes: ")
    assert run_cli("check", "--strict", cwd=tmp_path).returncode == 0


def test_balance_counts_each_sides_stances_and_claims(tmp_path: Path):
    files = lopsided()
    del files["chronology.yaml"][0]["sources"]  # a warning that is not balance's
    write_content(tmp_path, files)
    result = run_cli("balance", cwd=tmp_path)
    assert result.returncode == 0
    assert "cites no source: add 'sources:'" in run_cli("check", cwd=tmp_path).stderr
    assert result.stderr.splitlines() == NOTES  # its own notes, not every other warning
    assert result.stdout == (
        "## Balance of the briefing's sourcing\n\n"
        "| side | stances stated | with a source | with a verified quote | claims made | their "
        "statuses | claims contested | their statuses |\n"
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | --- |\n"
        "| The North | 1 | 1 | 0 | 2 | 1 confirmed, 1 claimed | 1 | 1 claimed |\n"
        "| The South | 1 | 0 | 0 | 0 | – | 0 | – |\n")


def test_balance_is_added_to_the_pull_requests_summary(tmp_path: Path):
    import os
    import sys

    from tests.helpers.common import ROOT

    write_content(tmp_path, lopsided())
    summary = tmp_path / "summary.md"
    subprocess.run([sys.executable, str(ROOT / "build.py"), "balance"], cwd=tmp_path,
                   env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)},
                   capture_output=True, check=True)
    assert "| The South | 1 | 0 | 0 | 0 | – | 0 | – |" in summary.read_text()
