"""Helpers of the newsroom_day tests, shared by tests of more than one kind or file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.helpers.common import ROOT, soup
from tests.helpers.editions import commit, make_repo

BASE = "https://example.org/brief/"
TUSK = "2025-05-10-tusk-contacts-trump-about-the-ceasefire-plan"
MOVED = ("""    ukraine:
      position: Zelensky will meet Putin in person in Istanbul on Thursday 15 May.
      as_of: 2025-05-11
      actors: [zelensky]
      sources: [zelensky-challenges-putin]
      quote:
        text: >-
          There is no point in prolonging the killings. And I will be waiting for Putin
          in Türkiye on Thursday. Personally.
        speaker: zelensky
        source: zelensky-challenges-putin
        context: post on X
""", """    ukraine:
      position: Zelensky will go to Istanbul and wait for Putin there.
      as_of: 2025-06-20
      actors: [zelensky]
      sources: [zelensky-challenges-putin]
      quote:
        text: There is no point in prolonging the killings.
        speaker: zelensky
        source: zelensky-challenges-putin
        context: post on X
      history:
        - as_of: 2025-05-11
          position: Zelensky will meet Putin in person in Istanbul on Thursday 15 May.
          sources: [zelensky-challenges-putin]
          quote:
            text: >-
              There is no point in prolonging the killings. And I will be waiting for Putin
              in Türkiye on Thursday. Personally.
            speaker: zelensky
            source: zelensky-challenges-putin
            context: post on X
""")
RATED = ("""  status: open
  note: >-
    On 11 May Putin had not answered Zelensky's challenge; the world was waiting to see
    whether he would accept.
  as_of: 2025-05-11
""", """  status: false
  note: Putin did not come to Istanbul; he sent a delegation.
  as_of: 2025-06-20
  history:
    - as_of: 2025-05-11
      status: open
      note: On 11 May Putin had not answered Zelensky's challenge.
""")


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The repository's own build.py, as the Pages workflow runs it."""
    return subprocess.run([sys.executable, "build.py", *args], cwd=repo, capture_output=True,
                          text=True, timeout=600, stdin=subprocess.DEVNULL)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.fixture(scope="session")
def day(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The day played: yields the repository and what each step said."""
    repo = make_repo(tmp_path_factory.mktemp("newsroom-day"))
    (repo / ".gitignore").write_text((ROOT / ".gitignore").read_text())
    commit(repo, "What git leaves alone: the site, the build cache")
    said: dict[str, object] = {"repo": repo}
    said["first edition"] = ok(run(repo, "edition"))  # yesterday's edition, as published
    content = repo / "content"
    said["new actor"] = ok(run(
        repo, "new", "actor", "--name", "Recep Tayyip Erdoğan", "--role",
        "President of Türkiye", "--summary", "Offered to host the talks in Istanbul."))
    edit(content / "chronology.yaml", f"- id: {TUSK}\n  date: 2025-05-10",
         f"- id: {TUSK}\n  date: 2025-05-11")
    said["correction"] = ok(run(
        repo, "new", "change", "--at", "2025-05-17", "--kind", "correction", "--summary",
        "Tusk contacted Trump on 11 May, after the summit.", "--was",
        "Tusk contacted Trump on 10 May.", "--affects", f"event:{TUSK}"))
    edit(content / "positions.yaml", *MOVED)
    edit(content / "claims.yaml", *RATED)
    said["update"] = ok(run(
        repo, "new", "change", "--at", "2025-06-20T18:00+03:00", "--kind", "update",
        "--summary", "Putin did not come to Istanbul; Zelensky's position restated.",
        "--adds", "actor:recep-tayyip-erdogan", "--affects",
        "claim:putin-comes-to-istanbul,issue:direct-talks"))
    (content / "translations" / "de").mkdir()
    (content / "translations" / "de" / ".gitkeep").write_text("")
    said["check"] = run(repo, "check", "--strict")
    commit(repo, "The day's edits")
    site = repo / "site"
    # What .github/workflows/pages.yml runs, step by step
    said["build"] = ok(run(repo, "build", "--strict", "--base-url", BASE, "--cache", ".cache"))
    said["edition"] = ok(run(repo, "edition"))
    said["editions"] = ok(run(repo, "editions", "--out", "site", "--base-url", BASE))
    said["site"] = site
    return said


def page(day: dict[str, object], url: str) -> BeautifulSoup:
    return soup(day["site"] / url / "index.html")  # type: ignore[operator]


def text(element) -> str:
    return " ".join(element.get_text().split())
