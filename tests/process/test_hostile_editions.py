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
  `str.splitlines`, the parser by "\\n");
- an edition publishes pages without the stamp (no `<head>` tag, or one a browser reads
  inside `<template>`, `<title>`, `<textarea>`, `<noscript>`, an escaped script or a
  comment the standard library's parser ends elsewhere), and files that run script by
  their own address (`.xhtml`, `.svg`, `.xml`), and the forms at /admin/ (a CMS on the
  live site's address, configured by the tag);
- a tag's changes.yaml of a few hundred bytes of YAML aliases (a "billion laughs")
  exhausts the publishing job's memory, and one that is not UTF-8 fails it;
- a tag's change summaries bring invisible characters that reorder text (U+202E) to
  /editions/;
- names of files a build left and a failed build's output drive the terminal (escape
  sequences, a carriage return, a line of their own) and put links and images on the
  run's summary page (Markdown and HTML);
- a tag's code plants a later edition's folder, and a link where the manifest goes, in
  the folder `--build-only` builds into (one crashed every build; the other was written
  through);
- `publish_editions` into a folder Briefing did not build removes folders there named
  like its leftovers.

The tags' code here is a few lines of Python standing in for a tag's build.py, with a
lock that names nothing: an environment is made for it without an index, in well under
a second.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from briefing.editions.archive import banner_words
from briefing.editions.banner import Stamp, stamp
from briefing.editions.isolation import EDITION_BUILD
from briefing.editions.publish import publish_editions
from briefing.pipeline import build
from tests.helpers.common import ROOT, TEMPLATES, minimal, write_content
from tests.helpers.hostile_editions import HOW, UNSTAMPABLE

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
                         "PYTHONDONTWRITEBYTECODE", EDITION_BUILD}  # the tag's name: no forms
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
            "a regular file or folder, a kind of file a Briefing build does not make or that "
            "a browser could run on its own, or a page that is not UTF-8 or where the banner "
            "cannot be placed for sure): actors/up, outside, passwd.html") in done.stderr


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
    assert said.startswith("## Editions\n\n1 edition published: `edition-2025-05-11`.")
    assert "**Not published** (1)" in said and "- `edition-2025-05-12` did not build" in said


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
    banner's place must come from the parser's own offsets. (Content may no longer hold
    them; an old tag's pages may: they are put into the head of built pages.)"""
    build(write_content(tmp_path, minimal()), tmp_path / "site", TEMPLATES, search=False)
    words = banner_words(TEMPLATES, dt.date(2026, 3, 12))
    pages = sorted((tmp_path / "site").rglob("*.html"))
    for path in pages:
        text = path.read_bytes().decode("utf-8").replace(
            "<title>", "<title>Talks\u2028in Istanbul\x85on Thursday ", 1)
        assert "\u2028" in text, path
        out = stamp(text, Stamp("https://example.org/", "../edition.css", words))
        html = BeautifulSoup(out, "html.parser")
        banner = html.find("aside", class_="edition-banner")
        assert banner is not None and banner.find_parent("body") is html.body, path
        assert html.head.find("aside") is None, path
        assert out.index("<aside") > out.index("<body"), path


def built_folder(tmp_path: Path, made: dict[str, str], files: dict[str, str]) -> Path:
    """A folder of builds as `--build-only` leaves it (or as a forger writes it): the
    first edition's files, and a manifest of the commits `made` names."""
    built = tmp_path / "built"
    for rel, text in files.items():
        (built / next(iter(made)) / rel).parent.mkdir(parents=True, exist_ok=True)
        (built / next(iter(made)) / rel).write_text(text)
    (built / "editions.json").write_text(json.dumps({"built": made}))
    return built


def test_an_element_inside_a_skip_link_puts_the_banner_first_in_the_body():
    page = ('<!doctype html><html><head></head><body><a class="skip-link" href="#m">'
            '<textarea></a></textarea><main id="m">x</main></body></html>')
    out = stamp(page, HOW)
    assert out.index("<body>") < out.index("<aside") < out.index("<a class")


def test_an_edition_publishes_only_stamped_pages_and_files_a_build_makes(repo: Path,
                                                                        tmp_path: Path):
    first = tag(repo, "2025-05-11")
    built = built_folder(tmp_path, {"2025-05-11": first}, {
        "index.html": PAGE.format(tag="one").replace(
            "</head>", '<link rel="icon" href="favicon.svg" type="image/svg+xml"></head>'),
        "style.css": "p { color: black }", "search.js": "// search",
        "pagefind/pagefind-entry.json": "{}", "media/a.JPG": "jpeg",
        "nohead.html": UNSTAMPABLE["no <head> tag (browsers imply it)"],
        "template.html": UNSTAMPABLE["<head> and <body> inside <template>"],
        "p.xhtml": '<html xmlns="http://www.w3.org/1999/xhtml"><body><script>alert(1)'
                   "</script></body></html>",
        "favicon.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
                       "</svg>",
        "feed.xml": '<feed><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)'
                    "</x:script></feed>",
        "page.HTML": "<p>no stamp</p>", "p.htm": "<p>no stamp</p>"})
    done = editions(repo, "--built", str(built))
    assert done.returncode == 0, done.stderr
    edition = repo / "site" / "editions" / "2025-05-11"
    assert sorted(published(edition)) == [
        "index.html", "media/a.JPG", "pagefind/pagefind-entry.json", "search.js", "style.css"]
    assert ("7 entries of its build not published (not a regular file or folder, a kind of "
            "file a Briefing build does not make or that a browser could run on its own, or "
            "a page that is not UTF-8 or where the banner cannot be placed for sure): "
            "favicon.svg, feed.xml, p.htm, p.xhtml, page.HTML, …") in done.stderr
    html = BeautifulSoup((edition / "index.html").read_text(), "html.parser")
    assert html.body.find("aside", class_="edition-banner") is not None
    assert html.find("link", rel="icon")["href"] == "../../favicon.svg"  # the live site's


def test_an_edition_publishes_no_forms(repo: Path, tmp_path: Path):
    """A tag's build that wrote the forms at /admin/ (its code ignores BRIEFING_EDITION):
    at editions/<name>/admin/ they would be a CMS on the live site's own address, signing
    editors in through whatever worker, to whatever repository, the tag's build chose."""
    first = tag(repo, "2025-05-11")
    forms = PAGE.format(tag="forms").replace(
        "</head>", '<link rel="cms-config-url" href="config.json" type="application/json">'
        '<script src="sveltia-cms.js"></script></head>')
    built = built_folder(tmp_path, {"2025-05-11": first}, {
        "index.html": PAGE.format(tag="one"), "admin/index.html": forms,
        "admin/sveltia-cms.js": "// a CMS", "admin/offline.js": "// offline",
        "admin/config.json": '{"backend": {"name": "github", "repo": "evil/repo", '
                             '"base_url": "https://evil.example"}}',
        "admin/fonts.css": "", "actors/admin/index.html": PAGE.format(tag="an actor's page")})
    done = editions(repo, "--built", str(built))
    assert done.returncode == 0, done.stderr
    edition = repo / "site" / "editions" / "2025-05-11"
    assert sorted(published(edition)) == ["actors/admin/index.html", "index.html"]
    assert "admin/config.json, admin/fonts.css, admin/index.html" in done.stderr


def laughs(levels: int = 9) -> str:
    """A change log of a few hundred bytes whose summary, with its aliases followed, is
    9**levels strings: gigabytes."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return ("- junk:\n" + "".join(f"    {line}\n" for line in lines)
            + f"  summary: *a{levels - 1}\n  at: 2025-05-11\n")


def tag_with_change_log(repo: Path, name: str, log: bytes) -> str:
    """Tag a commit whose content/changes.yaml is `log`, then take it out of the live
    content again (the live site's own must build)."""
    (repo / "content" / "changes.yaml").write_bytes(log)
    commit = tag(repo, name)
    git(repo, "rm", "-q", "content/changes.yaml")
    git(repo, "commit", "-q", "-m", "live content")
    return commit


def limited_memory() -> None:
    """At most 1.5 GB for the command: far more than publishing needs, far less than the
    aliases of a hostile change log expand to."""
    resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))


def test_a_bad_change_log_lists_no_changes_and_never_fails_the_deploy(repo: Path,
                                                                      tmp_path: Path):
    made = {"2025-05-11": tag_with_change_log(repo, "2025-05-11", laughs().encode()),
            "2025-05-12": tag_with_change_log(repo, "2025-05-12",
                                              b"- at: 2025-05-12\n  summary: caf\xe9\n")}
    built = built_folder(tmp_path, made, {"index.html": PAGE.format(tag="one")})
    shutil.copytree(built / "2025-05-11", built / "2025-05-12")
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "editions", "--out",
                           "site", "--built", str(built)], cwd=repo, capture_output=True,
                          text=True, timeout=120, preexec_fn=limited_memory)
    assert done.returncode == 0, done.stderr[-2000:]
    assert ("warning: edition edition-2025-05-11: content/changes.yaml:3:14: anchors "
            "and aliases ('&name', '*name') are not supported: write the value out: its "
            "changes are not listed") in done.stderr
    assert ("warning: edition edition-2025-05-12: content/changes.yaml is not UTF-8 text: "
            "its changes are not listed") in done.stderr
    listing = BeautifulSoup((repo / "site" / "editions" / "index.html").read_text(),
                            "html.parser")
    assert [a["href"].rstrip("/").rsplit("/")[-1] for a in listing.select(".editions h2 a")] == [
        "2025-05-12", "2025-05-11"]
    assert listing.find(class_="edition-changes") is None


def test_invisible_characters_in_a_tags_changes_never_reach_the_list(repo: Path,
                                                                     tmp_path: Path):
    log = ('- at: 2025-05-11\n  summary: "\u202eevil txet"\n'
           '- at: 2025-05-11\n  summary: "talks \\u2066held"\n')
    first = tag_with_change_log(repo, "2025-05-11", log.encode())
    built = built_folder(tmp_path, {"2025-05-11": first}, {"index.html": PAGE.format(tag="x")})
    done = editions(repo, "--built", str(built))
    assert done.returncode == 0, done.stderr
    assert ("warning: edition edition-2025-05-11: content/changes.yaml:2:13: U+202E "
            "RIGHT-TO-LEFT OVERRIDE") in done.stderr
    assert "(its changes are listed without such characters)" in done.stderr
    listing = BeautifulSoup((repo / "site" / "editions" / "index.html").read_text(),
                            "html.parser")
    assert [li.get_text() for li in listing.select(".edition-changes li")] == [
        "evil txet", "talks held"]


HOSTILE_NAMES = ("\x1b]0;PWNED\x07\x1b[2K\rFAKE: all good", "evil\nFAKE: a line of its own",
                 "[Approve deploy](https:evil.example) <img src=evil.example>",
                 "``` <a href=https:evil.example>x")


def test_names_and_output_of_a_tags_build_reach_no_terminal_or_summary_as_markup(
        repo: Path, tmp_path: Path):
    links = "".join(f"(out / {name!r}).symlink_to('/nonexistent')\n" for name in HOSTILE_NAMES)
    tag(repo, "2025-05-11", CODE + links)
    said = "\\x1b]0;PWNED\\x07\\x1b[2K\\rFAKE: built [Approve](https:evil.example)"
    tag(repo, "2025-05-12", f"import sys\nprint('{said}')\nsys.exit(3)\n")
    summary = tmp_path / "summary.md"
    runs = [editions(repo, "--format", form, GITHUB_STEP_SUMMARY=str(summary))
            for form in ("text", "github")]
    for done in runs:
        assert done.returncode == 0, done.stderr
        shown = done.stdout + done.stderr
        assert "\x1b" not in shown and "\r" not in shown and "\x07" not in shown
        assert not [line for line in shown.splitlines() if line.startswith("FAKE")]
    assert "\\x1b]0;PWNED\\x07\\x1b[2K\\rFAKE: all good" in runs[0].stderr
    page = BeautifulSoup(MarkdownIt("commonmark").render(summary.read_text()), "html.parser")
    assert page.find("a") is None and page.find("img") is None
    text = [t for t in page.find_all(string=re.compile("evil"))]
    assert len(text) >= 4 and all(t.find_parent(["code", "pre"]) for t in text)


def test_a_tags_code_cannot_forge_what_build_only_writes(repo: Path, tmp_path: Path):
    victim = tmp_path / "victim.txt"
    victim.write_text("kept")
    plant = CODE + f"""
cmd = pathlib.Path(f"/proc/{{os.getppid()}}/cmdline").read_bytes().split(b"\\0")
into = pathlib.Path(cmd[cmd.index(b"--build-only") + 1].decode())
(into / "2025-05-11").mkdir()  # the next edition built (newest first)
(into / "2025-05-11" / "index.html").write_text("forged")
(into / "editions.json").symlink_to({str(victim)!r})
"""
    tag(repo, "2025-05-11")
    tag(repo, "2025-05-12", plant)
    into = tmp_path / "built"
    done = editions(repo, "--build-only", str(into))
    assert done.returncode == 0, done.stderr
    assert victim.read_text() == "kept"
    assert not (into / "editions.json").is_symlink()
    assert json.loads((into / "editions.json").read_text())["built"].keys() == {"2025-05-12"}
    assert "error: edition edition-2025-05-11 did not build; left out:\n" in done.stderr


def test_publishing_into_a_folder_briefing_did_not_build_removes_nothing_there(
        repo: Path, tmp_path: Path):
    out = tmp_path / "theirs"
    kept = out / ".editions-old-abcd1234" / "notes.txt"
    kept.parent.mkdir(parents=True)
    kept.write_text("mine")
    publish_editions(repo / "content", out, None, tmp_path / "cache", TEMPLATES, print)
    assert kept.read_text() == "mine"
