"""`build.py diff OLD_REF`: a change to the briefing, summarised in an editor's terms."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org",
                    *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A newsroom's repository with the seed briefing committed."""
    shutil.copytree(SEED, tmp_path / "content")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "seed")
    return tmp_path


def diff(repo: Path, *args: str, summary: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    if summary is not None:
        env["GITHUB_STEP_SUMMARY"] = str(summary)
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "diff", *args], cwd=repo,
                          env=env, capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_an_edit_is_summarised_for_the_pull_request(repo: Path, tmp_path: Path):
    content = repo / "content"
    (content / "actors/fidan.yaml").write_text(
        "name: Hakan Fidan\nrole: Foreign Minister of Türkiye\nsummary: Host.\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Fidan")
    (content / "actors/fidan.yaml").unlink()
    (content / "actors/erdogan.yaml").write_text(
        "name: Recep Tayyip Erdoğan\nrole: President of Türkiye\nsummary: Host of the talks.\n")
    edit(content / "actors/macron.yaml", "role: President of France",
         "role: President of the French Republic")
    edit(content / "positions.yaml", "Zelensky will meet Putin in person in Istanbul on "
         "Thursday 15 May.", "Zelensky will go to Istanbul.")
    edit(content / "actors/trump.yaml", "text: Have the meeting, now!",
         "text: Have the meeting now!")
    text = (content / "chronology.yaml").read_text()
    (content / "chronology.yaml").write_text(
        text + "\n- date: 2025-05-16\n  title: Delegations meet in Istanbul\n"
        "  sources: [zelensky-challenges-putin]\n")
    result = diff(repo, "main", summary=tmp_path / "summary.md")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("## What this change does to the briefing (against `main`)")
    assert "**Actors added** (1):\n- Recep Tayyip Erdoğan (President of Türkiye)" in out
    assert "**Actors removed** (1):\n- Hakan Fidan" in out
    assert ("- Emmanuel Macron: role “President of France” → “President of the French "
            "Republic”") in out
    assert "**Events added** (1):\n- 16 May 2025: Delegations meet in Istanbul" in out
    assert ("Ukraine and its European allies: “Zelensky will meet Putin in person in "
            "Istanbul on Thursday 15 May.” → “Zelensky will go to Istanbul.”") in out
    assert ("**Quotes that no longer verify against their article** (1):\n"
            "- “Have the meeting now!” (Donald Trump)") in out
    assert "`content/actors/trump.yaml:" in out  # the warning, at its line
    assert (tmp_path / "summary.md").read_text() == out


def test_no_change(repo: Path):
    result = diff(repo, "HEAD")
    assert result.returncode == 0
    assert "No change to what readers see." in result.stdout


def test_a_broken_briefing_lists_its_errors_and_fails(repo: Path):
    edit(repo / "content/actors/putin.yaml", "role:", "rol:")
    result = diff(repo, "HEAD")
    assert result.returncode == 1
    assert "**The briefing does not check out**: 1 error." in result.stdout
    assert "- `content/actors/putin.yaml:2:1` unknown field 'rol'" in result.stdout


def test_an_unknown_ref_is_a_usage_error(repo: Path):
    result = diff(repo, "no-such-branch")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "python build.py diff: error: cannot read no-such-branch: no commit, branch or tag "
        "of that name in content"]
