"""The hostile-repository suite, editions: what a tag's code can try when `build.py
editions` builds it, and what a folder of builds can hold when `--built` publishes it.

Attacks held here, each failing on the code before issue #23:
- a tag on a branch never merged into main is built (its code runs: it writes a file
  outside, reads a secret from the environment);
- a tag's code reads the caller's environment (a token, a secret) and publishes it;
- a tag's code finds the newsroom's repository through git and rewrites the live site
  and the cache, writes outside its output folder, leaves symbolic links to files and
  folders outside it in its output (published as the files they point at);
- a tag without requirements.lock is built with whatever its pyproject.toml allows;
- one edition failing stops the deploy (exit 1), and its output can forge workflow
  commands in a GitHub Actions run;
- an environment made on another machine (its interpreter's path gone) is used as it is;
- a folder of builds handed to `--built` holds links out, and an edition built from
  another commit;
- a dek with U+2028 and U+0085 moves the banner into <head> (the stamp counted lines by
  `str.splitlines`, the parser by "\\n").

The tags' code here is a few lines of Python standing in for a tag's build.py, with a
lock that names nothing: an environment is made for it without an index, in well under
a second.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefing.editions.archive import banner_words
from briefing.editions.stamp import Stamp, stamp
from briefing.pipeline import build
from tests.conftest import ROOT, TEMPLATES, minimal, write_content

pytestmark = pytest.mark.process

SECRET = "hunter2-do-not-publish"
LOCK = "# a lock that names nothing: the code here needs only Python\n"
PAGE = ('<!doctype html><html lang="en"><head><title>Frozen</title></head>'
        '<body><p>Frozen {tag}</p></body></html>')
# A tag's build.py: reads `build --content C --out O [--base-url U]`, writes a page.
CODE = f"""import os, pathlib, subprocess, sys
args = dict(zip(sys.argv[2::2], sys.argv[3::2]))
out = pathlib.Path(args["--out"])
out.mkdir(parents=True)
(out / "index.html").write_text({PAGE!r}.format(tag=os.path.basename(os.getcwd())))
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout


def editions(repo: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`build.py editions` as a workflow runs it, with a secret in its environment."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "editions", "--out", "site",
                           *args], cwd=repo, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "BRIEFING_SECRET": SECRET,
                               "GITHUB_TOKEN": SECRET, **env})


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A minimal briefing and its live site, built once."""
    root = tmp_path_factory.mktemp("live")
    content = write_content(root, minimal())
    build(content, root / "site", TEMPLATES, search=False, editions=True)
    return root


@pytest.fixture
def repo(live: Path, tmp_path: Path) -> Path:
    """A newsroom's repository on main: the live content and site (not committed)."""
    repo = tmp_path / "newsroom"
    shutil.copytree(live / "content", repo / "content")
    shutil.copytree(live / "site", repo / "site")
    (repo / ".gitignore").write_text("site/\n.cache/\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "desk@example.org")
    git(repo, "config", "user.name", "Desk")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "the briefing")
    return repo


def tag(repo: Path, name: str, code: str = CODE, lock: str | None = LOCK,
        extra: dict[str, str] | None = None) -> str:
    """Commit a tag's code (and lock) on the branch checked out, and tag it."""
    (repo / "build.py").write_text(code)
    (repo / "requirements.lock").unlink(missing_ok=True)
    if lock is not None:
        (repo / "requirements.lock").write_text(lock)
    for rel, text in (extra or {}).items():
        (repo / rel).write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", f"code of {name}")
    git(repo, "tag", f"edition-{name}")
    return git(repo, "rev-parse", "HEAD").strip()


def published(site: Path) -> dict[str, bytes]:
    """Every file under the site, without following anything."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and not p.is_symlink()}


def links_in(folder: Path) -> list[str]:
    return [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_symlink()]


def test_a_tag_off_mains_history_is_named_and_never_built(repo: Path, tmp_path: Path):
    marker = tmp_path / "the-tags-code-ran"
    tag(repo, "2025-05-11")
    git(repo, "checkout", "-q", "-b", "rogue")
    rogue = tag(repo, "2025-05-20", CODE + f"""
pathlib.Path({str(marker)!r}).write_text(os.environ.get("BRIEFING_SECRET", "none"))
print(os.environ.get("BRIEFING_SECRET"))
""")
    git(repo, "checkout", "-q", "main")
    done = editions(repo)
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    assert SECRET not in done.stdout + done.stderr
    assert not (repo / "site" / "editions" / "2025-05-20").exists()
    assert (f"warning: tag 'edition-2025-05-20' is on commit {rogue[:12]}, which is not in "
            "the history of HEAD") in done.stderr
    assert "edition-2025-05-11: built" in done.stderr
    assert "Frozen" in (repo / "site" / "editions" / "2025-05-11" / "index.html").read_text()
    listing = (repo / "site" / "editions" / "index.html").read_text()
    assert "2025-05-11/" in listing and "2025-05-20" not in listing


def test_a_tags_code_sees_none_of_the_callers_environment(repo: Path):
    tag(repo, "2025-05-11", CODE.replace(
        ".format(tag=os.path.basename(os.getcwd()))",
        ".replace('{tag}', __import__('json').dumps(dict(os.environ)).replace('<', ''))")
        + "print(dict(os.environ))\n")
    done = editions(repo, HOME=str(repo.parent / "home-of-the-caller"))
    assert done.returncode == 0, done.stderr
    page = (repo / "site" / "editions" / "2025-05-11" / "index.html").read_text()
    seen = json.loads(re.search(r"Frozen (\{.*\})</p>", page).group(1))
    assert set(seen) <= {"PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "PYTHONNOUSERSITE",
                         "PYTHONDONTWRITEBYTECODE"}
    assert SECRET not in page + done.stdout + done.stderr
    assert "home-of-the-caller" not in seen["HOME"]


def escaping(secret_file: Path, secret_folder: Path) -> str:
    """A tag's code that writes out of its output folder, rewrites the newsroom's live
    site and cache (found through git), and leaves links out in its output."""
    return CODE + f"""
(out.parent / "escaped.html").write_text("escaped")
common = subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-common-dir"],
                        capture_output=True, text=True).stdout.strip()
newsroom = pathlib.Path(common).parent
for target in (newsroom / "site" / "index.html", newsroom / ".cache" / "poisoned"):
    if target.parent.is_dir():
        target.write_text("defaced by a tag")
(out / "passwd.html").symlink_to({str(secret_file)!r})
(out / "outside").symlink_to({str(secret_folder)!r}, target_is_directory=True)
(out / "actors").mkdir()
(out / "actors" / "index.html").write_text({PAGE.format(tag="actors")!r})
(out / "actors" / "up").symlink_to("..")
"""


def test_a_tags_output_is_only_its_own_regular_files(repo: Path, tmp_path: Path):
    secret_folder = tmp_path / "private"
    secret_folder.mkdir()
    (secret_folder / "token.html").write_text(SECRET)
    (tmp_path / "secret.txt").write_text(SECRET)
    tag(repo, "2025-05-11", escaping(tmp_path / "secret.txt", secret_folder))
    (repo / ".cache").mkdir()
    home = (repo / "site" / "index.html").read_bytes()
    done = editions(repo)
    assert done.returncode == 0, done.stderr
    site = repo / "site"
    assert (site / "index.html").read_bytes() == home
    assert not (repo / ".cache" / "poisoned").exists()
    assert links_in(site) == []
    files = published(site)
    assert not [rel for rel, data in files.items() if SECRET.encode() in data]
    assert not [rel for rel in files if "escaped" in rel]
    mine = sorted(rel for rel in files if rel.startswith("editions/2025-05-11/"))
    assert mine == ["editions/2025-05-11/actors/index.html", "editions/2025-05-11/index.html"]
    assert ("warning: edition edition-2025-05-11: 3 entries of its build not published (not "
            "a regular file or folder, or a page that is not UTF-8): actors/up, outside, "
            "passwd.html") in done.stderr


def test_a_tag_without_a_lock_is_reported_and_nothing_is_installed_for_it(repo: Path,
                                                                          tmp_path: Path):
    marker = tmp_path / "the-tags-code-ran"
    tag(repo, "2025-05-11", CODE + f"pathlib.Path({str(marker)!r}).write_text('ran')\n",
        lock=None, extra={"pyproject.toml": '[project]\nname = "old"\nversion = "1"\n'
                                            'dependencies = []\n'})
    done = editions(repo, "--cache", str(tmp_path / "cache"))
    assert done.returncode == 0, done.stderr
    assert ("error: edition edition-2025-05-11 did not build; left out:\nit has no "
            "requirements.lock: an edition's code runs only with dependencies installed "
            "from a lock with hashes") in done.stderr
    assert not marker.exists()
    assert not (repo / "site" / "editions" / "2025-05-11").exists()
    assert not (tmp_path / "cache" / "envs").exists() or not any(
        (tmp_path / "cache" / "envs").iterdir())


FORGED = ("::error title=Forged::all is well\n::add-mask::hide\n"
          "::set-output name=deployed::yes\n")


def test_one_edition_failing_leaves_the_others_and_the_live_site_published(repo: Path,
                                                                           tmp_path: Path):
    tag(repo, "2025-05-11")
    tag(repo, "2025-05-12", f"import sys\nprint({FORGED!r})\nsys.exit(3)\n")
    summary = tmp_path / "summary.md"
    done = editions(repo, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    assert done.returncode == 0, done.stderr
    site = repo / "site"
    assert (site / "index.html").is_file()
    good = BeautifulSoup((site / "editions/2025-05-11/index.html").read_text(), "html.parser")
    assert good.body.find("aside", class_="edition-banner") is not None
    assert not (site / "editions" / "2025-05-12").exists()
    assert ("::error title=Edition not published::edition edition-2025-05-12 did not build; "
            "left out:\n") in done.stdout
    # what the tag printed is inside a block the runner reads no command from
    block = re.search(r"::stop-commands::(\w+)\n(.*?)\n::\1::\n", done.stdout, re.S)
    assert block is not None and block.group(2).strip() == FORGED.strip()
    outside = done.stdout.replace(block.group(0), "")
    assert "Forged" not in outside and "add-mask" not in outside and "set-output" not in outside
    said = summary.read_text()
    assert said.startswith("## Editions\n\n1 edition published: edition-2025-05-11.")
    assert "**Not published** (1)" in said and "- edition-2025-05-12 did not build" in said


def test_an_environment_made_on_another_machine_is_made_again(repo: Path):
    tag(repo, "2025-05-11")
    first = editions(repo)
    assert first.returncode == 0 and "edition-2025-05-11: built" in first.stderr
    [python] = (repo / ".cache" / "envs").glob("*/bin/python")
    python.unlink()  # as on a runner whose interpreter lives elsewhere
    python.symlink_to("/opt/hostedtoolcache/Python/3.11.0/x64/bin/python3.11")
    tag(repo, "2025-05-12")
    second = editions(repo)
    assert second.returncode == 0, second.stderr
    assert "edition-2025-05-12: built" in second.stderr
    assert "making an environment" in second.stderr
    assert (repo / "site" / "editions" / "2025-05-12" / "index.html").is_file()


def test_editions_built_elsewhere_are_published_as_files_only(repo: Path, tmp_path: Path):
    """What `--built` reads came from a job that ran the tags' code: data, nothing else."""
    first = tag(repo, "2025-05-11")
    second = tag(repo, "2025-05-12")
    third = tag(repo, "2025-05-13")
    built = tmp_path / "built"
    (built / "2025-05-11" / "actors").mkdir(parents=True)
    (built / "2025-05-11" / "index.html").write_text(PAGE.format(tag="one"))
    (tmp_path / "secret.txt").write_text(SECRET)
    (built / "2025-05-11" / "actors" / "index.html").symlink_to(tmp_path / "secret.txt")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_text(SECRET)
    (built / "2025-05-12").symlink_to(outside, target_is_directory=True)
    (built / "2025-05-13").mkdir()
    (built / "2025-05-13" / "index.html").write_text(PAGE.format(tag="three"))
    (built / "editions.json").write_text(json.dumps({"built": {
        "2025-05-11": first, "2025-05-12": second, "2025-05-13": "0" * 40}}))
    assert third != "0" * 40
    done = editions(repo, "--built", str(built))
    assert done.returncode == 0, done.stderr
    site = repo / "site"
    assert links_in(site) == []
    assert not [rel for rel, data in published(site).items() if SECRET.encode() in data]
    assert "Frozen one" in (site / "editions" / "2025-05-11" / "index.html").read_text()
    assert not (site / "editions" / "2025-05-11" / "actors" / "index.html").exists()
    assert not (site / "editions" / "2025-05-12").exists()
    assert not (site / "editions" / "2025-05-13").exists()
    assert "it was built from another commit (the tag moved since)" in done.stderr


def test_a_dek_with_line_separators_keeps_the_banner_in_the_body(tmp_path: Path):
    """U+2028 and U+0085 are line breaks to `str.splitlines` but not to the parser: the
    banner's place must come from the parser's own offsets."""
    files = minimal()
    files["briefing.yaml"]["dek"] = "Talks\u2028in Istanbul\x85on Thursday"
    build(write_content(tmp_path, files), tmp_path / "site", TEMPLATES, search=False)
    words = banner_words(TEMPLATES, dt.date(2026, 3, 12))
    pages = sorted((tmp_path / "site").rglob("*.html"))
    assert "\u2028" in (tmp_path / "site" / "index.html").read_text()
    for path in pages:
        text = path.read_bytes().decode("utf-8")
        out = stamp(text, Stamp("https://example.org/", "../edition.css", words))
        html = BeautifulSoup(out, "html.parser")
        banner = html.find("aside", class_="edition-banner")
        assert banner is not None and banner.find_parent("body") is html.body, path
        assert html.head.find("aside") is None, path
        assert out.index("<aside") > out.index("<body"), path
