"""`build.py diff OLD_REF`: a change to the briefing, summarised in an editor's terms."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.common import ROOT, SEED


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


def commit(repo: Path, message: str = "edit") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def add_change(repo: Path, entry: str) -> None:
    log = repo / "content" / "changes.yaml"
    log.write_text(log.read_text() + entry)


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_an_edit_with_no_change_entry_is_warned_at_its_line(repo: Path):
    actor = repo / "content/actors/macron.yaml"
    edit(actor, "role: President of France", "role: President of the French Republic")
    result = diff(repo, "main")
    warning = ("content/actors/macron.yaml:1:1: warning: actor macron changed since main with "
               "no new entry in changes.yaml affecting it: add one (for a typo, 'minor: "
               "true' is enough)")
    assert (result.returncode, result.stderr.splitlines()) == (0, [warning])
    assert f"**Not in the change log** (1):\n- `{warning.split(': warning: ')[0]}` " in (
        result.stdout)
    strict = diff(repo, "main", "--strict")
    assert strict.returncode == 1
    github = diff(repo, "main", "--format", "github")
    assert github.stdout.splitlines()[0] == (
        "::warning file=content/actors/macron.yaml,line=1,col=1,title=Briefing warning::"
        "actor macron changed since main with no new entry in changes.yaml affecting it: add "
        "one (for a typo, 'minor: true' is enough)")


def test_a_new_change_entry_accounts_for_the_edit_a_minor_one_too(repo: Path):
    edit(repo / "content/actors/macron.yaml", "role: President of France",
         "role: President of the French  Republic")
    add_change(repo, "- id: macron-typo\n  at: 2025-05-12\n  kind: update\n  minor: true\n"
                     "  summary: A typo.\n  affects: [actor:macron]\n")
    result = diff(repo, "main")
    assert (result.returncode, result.stderr) == (0, "")
    assert "Not in the change log" not in result.stdout


def test_new_and_removed_items_need_an_entry_too(repo: Path):
    (repo / "content/actors/fidan.yaml").write_text(
        "name: Hakan Fidan\nrole: Foreign Minister of Türkiye\nsummary: Host.\n")
    commit(repo, "Fidan")  # published, as of the seed's first publication
    chronology = repo / "content/chronology.yaml"
    chronology.write_text(chronology.read_text() + "\n- id: talks-held\n  date: 2025-05-16\n"
                          "  title: Delegations meet in Istanbul\n"
                          "  sources: [zelensky-challenges-putin]\n")
    (repo / "content/actors/fidan.yaml").unlink()
    result = diff(repo, "main")
    assert result.returncode == 0, result.stdout
    assert result.stderr.splitlines() == [
        "content/changes.yaml:1:1: warning: actor fidan was removed since main with no new "
        "entry in changes.yaml: add a withdrawal that says what it said",
        f"content/chronology.yaml:{line_of(chronology, '- id: talks-held')}:3: warning: event "
        "talks-held is new since main with no new entry in changes.yaml affecting it: add "
        "one (for a typo, 'minor: true' is enough)"]
    add_change(repo, "- id: fidan-withdrawn\n  at: 2025-05-16\n  kind: withdrawal\n  summary: "
                     "Not part of the story.\n  was: Hakan Fidan hosts the talks.\n"
                     "  affects: [actor:fidan]\n- id: talks-held\n  at: 2025-05-16\n  kind: "
                     "update\n  summary: The talks.\n  affects: [event:talks-held]\n")
    assert (diff(repo, "main").stderr, diff(repo, "main").returncode) == ("", 0)


def test_the_log_is_append_only(repo: Path):
    add_change(repo, "- id: talks-set\n  at: 2025-05-12\n  kind: update\n  summary: Set.\n"
                     "  affects: [briefing]\n")
    commit(repo, "a change")
    log = repo / "content/changes.yaml"
    edit(log, "  at: 2025-05-12\n", "  at: 2025-05-13\n")
    moved = diff(repo, "main")
    assert moved.returncode == 1
    assert moved.stderr.splitlines() == [
        f"content/changes.yaml:{line_of(log, '- id: talks-set')}:3: error: change 'talks-set' "
        "was published in main at 2025-05-12; its 'at' may not move (the change log is "
        "append-only)"]
    git(repo, "checkout", "-q", "--", ".")
    log.write_text(log.read_text().split("- id: talks-set")[0])
    gone = diff(repo, "main")
    assert gone.returncode == 1
    assert gone.stderr.splitlines() == [
        "content/changes.yaml:1:1: error: change 'talks-set' of 2025-05-12, published in main, "
        "is gone: the change log is append-only; put it back"]


def test_claims_and_the_change_logs_new_entries_are_listed_corrections_first(repo: Path):
    claims = repo / "content" / "claims.yaml"
    edit(claims, "status: open", "status: claimed")
    claims.write_text(claims.read_text() + "\n- id: talks-held\n  claim: Talks were held.\n"
                      "  status: open\n  note: Nobody says yet.\n  as_of: 2025-05-16\n")
    add_change(repo, "- id: talks-rated\n  at: 2025-05-16\n  kind: update\n"
                     "  summary: Talks rated.\n  affects: [claim:talks-held]\n"
                     "- id: date-fixed\n  at: 2025-05-17\n  kind: correction\n"
                     "  summary: The summit was on 10 May.\n  was: The summit was on 9 May.\n"
                     "  affects: [briefing]\n")
    result = diff(repo, "main")
    out = result.stdout
    assert "**Claims added** (1):\n- Talks were held. (open)\n" in out
    assert "**Claims whose status changed** (1):\n- “" in out and "”: open → claimed\n" in out
    assert ("**Corrections, clarifications and withdrawals** (1):\n- Correction (2025-05-17): "
            "“The summit was on 9 May.” → The summit was on 10 May.\n") in out
    assert "**Changes logged** (1):\n- Update (2025-05-16): Talks rated.\n" in out
    assert out.index("**Corrections") < out.index("**Changes logged")


def test_a_stance_gone_stale_is_no_edit_to_account_for(repo: Path):
    """A change dated weeks later makes every stance stale (the site says 'not confirmed
    since'): that is not an edit of theirs that the log misses."""
    add_change(repo, "- id: later\n  at: 2025-06-20\n  kind: update\n  summary: Talks go on.\n"
                     "  affects: [issue:direct-talks]\n")
    result = diff(repo, "main")
    assert result.returncode == 0
    assert "Not in the change log" not in result.stdout and result.stderr == ""
