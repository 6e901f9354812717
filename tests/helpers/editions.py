"""Helpers of the editions tests, shared by tests of more than one kind or file."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers.common import newsroom_repo, run_cli

BASE = "https://example.org/brief/"
PROJECT = ["briefing", "templates", "build.py", "pyproject.toml", "requirements.lock"]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout


def make_repo(root: Path) -> Path:
    """A newsroom's repository: the project's code and templates and the seed content."""
    repo = newsroom_repo(root, PROJECT)
    commit(repo, "first")
    return repo


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


# --- three editions whose templates differ, built, published, cached -----------------------

LOOKS = {"2025-05-11": "a", "2025-05-12": "b", "2025-05-13": "c"}


def restyle(repo: Path, look: str) -> None:
    """An edition's own look: a rule in its stylesheet and a line in its footer."""
    css = repo / "templates" / "static" / "style.css"
    css.write_text(re.sub(r"\n\.look-\w+ \{[^}]*\}\n", "\n", css.read_text())
                   + f"\n.look-{look} {{ font-style: normal; }}\n")
    chrome = repo / "templates" / "_chrome.html"
    text = re.sub(r'<p class="look-\w+">Look \w+</p>', "", chrome.read_text())
    chrome.write_text(text.replace("</footer>", f'<p class="look-{look}">Look {look}</p>'
                                                "</footer>", 1))


@pytest.fixture(scope="session")
def newsroom(tmp_path_factory: pytest.TempPathFactory):
    """A repository with three editions (and a fourth whose code cannot build), its
    live site built and the editions published into it twice; yields (site, the two
    runs, the cache's finished entries and their times after each)."""
    root = tmp_path_factory.mktemp("editions")
    repo = make_repo(root)
    envoy = repo / "content" / "actors" / "envoy.yaml"
    for name, look in LOOKS.items():
        restyle(repo, look)
        if look == "b":  # an actor only this edition has: the page is gone live
            envoy.write_text("name: Eve Envoy\nrole: Envoy\nside: ukraine\nsummary: An envoy.\n")
        elif envoy.exists():
            envoy.unlink()
        git(repo, "tag", f"edition-{name}", commit(repo, f"look {look}"))
    build_py = repo / "build.py"
    good = build_py.read_text()
    build_py.write_text("raise SystemExit('this version cannot build')\n")
    git(repo, "tag", "edition-2025-05-14", commit(repo, "broken code"))
    build_py.write_text(good)
    restyle(repo, "live")
    commit(repo, "the live look")
    site = repo / "site"
    live = run_cli("build", "--out", str(site), "--base-url", BASE, "--templates",
                   str(repo / "templates"), cwd=repo)
    assert live.returncode == 0, live.stderr
    runs, kept = [], []
    for _ in range(2):  # the cache in its default place, .cache/ (a relative path)
        runs.append(run_cli("editions", "--out", "site", "--base-url", BASE, "--templates",
                            str(repo / "templates"), cwd=repo))
        kept.append({p: p.stat().st_mtime_ns for p in (repo / ".cache").rglob("*")
                     if p.name in ("ready", "made-for.json")})
    yield site, runs, kept


@pytest.fixture(scope="session")
def www(newsroom) -> Path:
    """A copy of the published site where a server finds it under /brief/, as published."""
    site, _, _ = newsroom
    root = site.parent / "www"
    shutil.copytree(site, root / "brief")
    return root
