"""Editions (the contract's section 8): tags read and named, `build.py edition`, every
edition built with its own tag's code into the live site's editions/, from a cache the
second time, each page stamped (noindex, canonical, banner) by a parser, and the list."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefing.editions.stamp import places, stamp
from briefing.editions.tags import next_tag, parse_name, read_editions
from tests.conftest import ROOT, SEED, run_cli

BASE = "https://example.org/brief/"
PROJECT = ["briefing", "templates", "build.py", "pyproject.toml", "requirements.lock"]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout


def make_repo(root: Path) -> Path:
    """A newsroom's repository: the project's code and templates and the seed content."""
    repo = root / "newsroom"
    repo.mkdir()
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns(
                "__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, repo / name)
    shutil.copytree(SEED, repo / "content")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "desk@example.org")
    git(repo, "config", "user.name", "Desk")
    commit(repo, "first")
    return repo


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


# --- names ---------------------------------------------------------------------------------

@pytest.mark.parametrize("tag, parsed", [
    ("edition-2025-05-16", (dt.date(2025, 5, 16), 1)),
    ("edition-2025-05-16-2", (dt.date(2025, 5, 16), 2)),
    ("edition-2025-05-16-12", (dt.date(2025, 5, 16), 12)),
    ("edition-2025-02-30", None),  # no such day
    ("edition-2025-5-16", None),
    ("edition-2025-05-16-0", None),
    ("edition-2025-05-16-01", None),
    ("edition-16-05-2025", None),
    ("release-2025-05-16", None),
])
def test_an_edition_is_named_for_its_day(tag, parsed):
    assert parse_name(tag) == parsed


def test_the_next_edition_of_a_day_takes_the_next_number():
    day = dt.date(2025, 5, 16)
    assert next_tag(day, set()) == "edition-2025-05-16"
    assert next_tag(day, {"edition-2025-05-16"}) == "edition-2025-05-16-2"
    assert next_tag(day, {"edition-2025-05-16", "edition-2025-05-16-2"}) == (
        "edition-2025-05-16-3")
    assert next_tag(day, {"edition-2025-05-15"}) == "edition-2025-05-16"


# --- the banner, canonical and noindex: inserted, nothing else changed ----------------------

PAGE = ('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>A &amp; B'
        '</title>\n<link rel="canonical" href="https://example.org/brief/editions/2025-05-16/'
        'actors/">\n</head>\n<body class="x">\n<p>Text with <b>"head"</b> and &lt;body&gt;'
        '</p>\n<!-- <body> -->\n</body>\n</html>\n')


def test_a_page_gets_noindex_its_live_canonical_and_the_banner_and_keeps_the_rest():
    out = stamp(PAGE, "https://example.org/brief/actors/", "16 May 2025")
    assert out.count('<meta name="robots" content="noindex">') == 1
    assert out.count('rel="canonical"') == 1
    assert '<link rel="canonical" href="https://example.org/brief/actors/">' in out
    banner = ('<aside class="edition-banner" aria-label="About this edition" lang="en" '
              'dir="ltr"><p>An edition of 16 May 2025. <a href="https://example.org/brief/'
              'actors/">See the latest version</a></p></aside>')
    assert out.index(banner) == out.index('<body class="x">') + len('<body class="x">\n')
    # take the three additions away again: the page's own bytes are left
    undone = (out.replace("\n" + banner, "").replace('\n<meta name="robots" content="noindex">',
                                                     "")
              .replace('<link rel="canonical" href="https://example.org/brief/actors/">',
                       '<link rel="canonical" href="https://example.org/brief/editions/'
                       '2025-05-16/actors/">'))
    assert undone == PAGE


def test_the_places_come_from_the_parser_not_from_the_text():
    """`<body>` inside a comment, text or an attribute is not the body."""
    tricky = ('<!doctype html><html><head><title>&lt;body&gt;</title><meta name="x" '
              'content="<body>"></head><!-- <body> --><body data-x="<head>">Hi</body></html>')
    found = places(tricky)
    assert tricky[:found.body].endswith('<body data-x="<head>">')
    assert tricky[:found.head].endswith("<head>")
    assert found.canonical is None


def test_the_banner_comes_after_a_leading_skip_link():
    page = PAGE.replace('<body class="x">\n', '<body class="x">\n<a class="skip-link" '
                        'href="#main">Skip</a>\n')
    out = stamp(page, "../", "16 May 2025")
    assert '<a class="skip-link" href="#main">Skip</a>\n<aside class="edition-banner"' in out


def test_an_existing_robots_meta_gives_way_to_noindex():
    page = PAGE.replace("<meta charset", '<meta name="robots" content="index">\n<meta charset')
    out = stamp(page, "../../", "16 May 2025")
    assert 'content="index"' not in out and out.count('name="robots"') == 1


# --- tags in a repository --------------------------------------------------------------------

def test_tags_that_cannot_be_editions_are_named_and_left_out(tmp_path: Path):
    repo = make_repo(tmp_path)
    first = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "tag", "edition-2025-05-11", first)
    git(repo, "tag", "edition-2025-05-11-2", first)  # the same commit again
    git(repo, "tag", "edition-2025-13-01", first)  # no such month
    git(repo, "rm", "-rq", "content")
    bare = commit(repo, "content moved away")
    git(repo, "tag", "edition-2025-05-12", bare)
    editions, problems = read_editions(repo)
    assert [e.tag for e in editions] == ["edition-2025-05-11"]
    assert problems == [
        f"tag 'edition-2025-05-11-2' is on the same commit as 'edition-2025-05-11' "
        f"({first[:12]}): one edition per commit; delete one with git tag -d "
        "edition-2025-05-11-2",
        f"tag 'edition-2025-05-12' is on commit {bare[:12]}, which has no "
        "content/briefing.yaml: an edition needs the briefing's content",
        "tag 'edition-2025-13-01' is not an edition's name: write edition-YYYY-MM-DD (a real "
        "day), or edition-YYYY-MM-DD-2 for a second that day"]


def test_edition_tags_the_commit_for_the_day_of_the_latest_change(tmp_path: Path):
    repo = make_repo(tmp_path)
    done = run_cli("edition", cwd=repo)
    assert done.returncode == 0, done.stderr
    latest = "2025-05-11"  # the seed's change log: its first publication
    assert done.stderr.strip().splitlines()[-1].startswith(f"tagged edition-{latest} (")
    assert f"git push origin edition-{latest}" in done.stderr
    assert git(repo, "tag", "--list").split() == [f"edition-{latest}"]
    again = run_cli("edition", cwd=repo)
    assert again.returncode == 1
    assert again.stderr.strip() == (f"python build.py edition: error: this commit is already "
                                    f"edition-{latest}; an edition is never tagged twice")
    tusk = repo / "content" / "actors" / "tusk.yaml"
    tusk.write_text(tusk.read_text() + "# checked against the article again\n")
    dirty = run_cli("edition", cwd=repo)
    assert dirty.returncode == 1
    assert dirty.stderr.strip().endswith(
        "python build.py edition: error: an edition is a commit, and there are uncommitted "
        "changes (content/actors/tusk.yaml): commit them first")
    commit(repo, "a note for editors")
    second = run_cli("edition", cwd=repo)
    assert second.returncode == 0, second.stderr
    assert sorted(git(repo, "tag", "--list").split()) == [
        f"edition-{latest}", f"edition-{latest}-2"]


def test_edition_refuses_content_that_fails_strict(tmp_path: Path):
    repo = make_repo(tmp_path)
    events = repo / "content" / "chronology.yaml"
    events.write_text(events.read_text() + "\n- date: 2025-05-20\n  title: Unsourced\n")
    commit(repo, "an event with no source")
    done = run_cli("edition", cwd=repo)
    assert done.returncode == 1
    assert "cites no source" in done.stderr
    assert done.stderr.strip().endswith("no edition tagged: the content must pass check "
                                        "--strict")
    assert git(repo, "tag", "--list") == ""


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


@pytest.fixture(scope="module")
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
        kept.append({p: p.stat().st_mtime_ns for p in (repo / ".cache").rglob("ready")})
    yield site, runs, kept


def pages_of(edition: Path) -> list[Path]:
    return sorted(p for p in edition.rglob("*.html") if "pagefind" not in p.parts)


@pytest.mark.process
def test_each_edition_keeps_its_own_look(newsroom):
    site, runs, _ = newsroom
    for name, look in LOOKS.items():
        home = site / "editions" / name
        assert f".look-{look} " in (home / "style.css").read_text()
        others = [x for x in (*LOOKS.values(), "live") if x != look]
        assert not any(f".look-{x} " in (home / "style.css").read_text() for x in others)
        assert f"Look {look}</p>" in (home / "index.html").read_text()
    assert "Look live</p>" in (site / "index.html").read_text()
    assert (site / "editions" / "2025-05-12" / "actors" / "envoy" / "index.html").is_file()
    assert not (site / "editions" / "2025-05-11" / "actors" / "envoy").exists()


@pytest.mark.process
def test_every_edition_page_is_noindex_with_the_banner_and_canonical_to_the_live_page(
        newsroom):
    site, _, _ = newsroom
    for name in LOOKS:
        day = dt.date.fromisoformat(name)
        when = f"{day.day} {day:%B} {day.year}"
        for page in pages_of(site / "editions" / name):
            rel = page.relative_to(site / "editions" / name).as_posix()
            html = BeautifulSoup(page.read_text(), "html.parser")
            robots = html.find_all("meta", attrs={"name": "robots"})
            assert [m["content"] for m in robots] == ["noindex"], rel
            canonical = [link["href"] for link in html.find_all("link", rel="canonical")]
            live = rel.removesuffix("index.html")
            gone = not (site / rel).is_file() or rel == "404.html"
            assert canonical == [BASE if gone else BASE + live], rel
            banner = html.find("aside", class_="edition-banner")
            assert banner is not None and banner.get_text(" ", strip=True) == (
                f"An edition of {when}. See the latest version"), rel
            assert banner.a["href"] == canonical[0]
    gone = site / "editions" / "2025-05-12" / "actors" / "envoy" / "index.html"
    assert f'<link rel="canonical" href="{BASE}">' in gone.read_text()


@pytest.mark.process
def test_an_edition_loads_only_its_own_files(newsroom):
    from urllib.parse import urljoin, urlsplit

    site, _, _ = newsroom
    for name in LOOKS:
        mine = f"/brief/editions/{name}/"
        for page in pages_of(site / "editions" / name)[:40]:
            rel = page.relative_to(site / "editions" / name).as_posix()
            url = urljoin(BASE + f"editions/{name}/", rel)
            html = BeautifulSoup(page.read_text(), "html.parser")
            loaded = [t.get("src") or t.get("href") for t in html.find_all(
                ["script", "img", "link"]) if (t.get("src") or t.get("href")) and (
                t.name != "link" or set(t.get("rel", [])) & {"stylesheet", "icon", "preload",
                                                             "modulepreload"})]
            loaded += [s["data-pagefind"] for s in html.find_all(attrs={"data-pagefind": True})]
            for ref in loaded:
                assert urlsplit(urljoin(url, ref)).path.startswith(mine), (rel, ref)


@pytest.mark.process
def test_editions_are_in_neither_the_live_sitemap_nor_the_live_search(newsroom):
    site, _, _ = newsroom
    assert "editions" not in (site / "sitemap.xml").read_text()
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 16
    own = json.loads((site / "editions" / "2025-05-11" / "pagefind" / "pagefind-entry.json")
                     .read_text())
    assert own["languages"]["en"]["page_count"] == 16  # its own search, over itself


@pytest.mark.process
def test_the_list_of_editions_newest_first_linked_from_the_footer_and_changes(newsroom):
    from urllib.parse import urljoin

    site, _, _ = newsroom
    listing = BeautifulSoup((site / "editions" / "index.html").read_text(), "html.parser")
    links = [urljoin(BASE + "editions/", a["href"]) for a in listing.select(".editions h2 a")]
    assert links == [BASE + f"editions/{name}/" for name in sorted(LOOKS, reverse=True)]
    assert [a.get_text() for a in listing.select(".editions h2 a")] == [
        "Edition of 13 May 2025", "Edition of 12 May 2025", "Edition of 11 May 2025"]
    # the oldest brought the seed's first publication; the later ones nothing new
    assert [len(li.select(".edition-changes li")) for li in listing.select(".editions > li")
            ] == [0, 0, 1]
    for page in ("index.html", "changes/index.html"):
        html = BeautifulSoup((site / page).read_text(), "html.parser")
        assert any(urljoin(BASE + page, a["href"]) == BASE + "editions/"
                   for a in html.find_all("a")), page


@pytest.mark.process
def test_a_tag_that_cannot_build_is_named_with_its_output_and_skipped(newsroom):
    site, runs, _ = newsroom
    first = runs[0]
    assert first.returncode == 1
    assert ("error: edition edition-2025-05-14 did not build; left out:\n"
            "this version cannot build") in first.stderr
    assert not (site / "editions" / "2025-05-14").exists()
    assert "published 3 editions into" in first.stderr


@pytest.mark.process
def test_the_second_publish_takes_the_editions_from_the_cache(newsroom):
    _, runs, kept = newsroom
    for name in LOOKS:
        assert f"edition-{name}: built" in runs[0].stderr
        assert f"edition-{name}: from the cache" in runs[1].stderr
    assert "making an environment" not in runs[1].stderr
    assert len(kept[0]) == 4 and kept[1] == kept[0]  # 3 editions, 1 environment: untouched
    # the stamped pages are kept too, and linked in: no page is stamped or copied again
    site = newsroom[0]
    page = site / "editions" / "2025-05-11" / "actors" / "putin" / "index.html"
    assert page.stat().st_nlink >= 2


@pytest.mark.process
def test_tags_with_the_same_dependencies_share_one_environment(newsroom):
    envs = newsroom[0].parent / ".cache" / "envs"
    made = [p for p in envs.iterdir() if (p / "ready").is_file()]
    assert len(made) == 1  # four tags, one set of dependencies
    assert "jinja2==" in (made[0] / "ready").read_text()  # from the tag's lock, hashed
    assert "--hash=sha256:" in (made[0] / "ready").read_text()
    assert (made[0] / "bin" / "python").is_file()


def test_an_edition_page_with_its_banner_passes_axe_and_the_nu_checker(newsroom, page):
    from axe_playwright_python.sync_playwright import Axe

    from tests.conftest import serve_like_pages
    from tests.test_reading import VNU

    site, _, _ = newsroom
    www = site.parent / "www"
    if not www.exists():
        www.mkdir()
        shutil.copytree(site, www / "brief")
    edition = www / "brief" / "editions" / "2025-05-12"
    with serve_like_pages(www, www / "brief" / "404.html") as origin:
        for path in ("", "actors/envoy/", "chronology/"):
            page.goto(f"{origin}/brief/editions/2025-05-12/{path}")
            assert page.locator("aside.edition-banner").is_visible()
            result = Axe().run(page)
            assert result.violations_count == 0, f"{path}: {result.generate_report()}"
    checked = [str(edition / p / "index.html") for p in ("", "actors/envoy", "chronology")]
    result = subprocess.run([shutil.which("java") or "java", "-jar", str(VNU),
                             "--errors-only", *checked], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.process
def test_the_preview_serves_the_published_editions_read_only(newsroom, tmp_path: Path):
    import urllib.request

    from tests.test_serve import start_server, stop_server

    site, _, _ = newsroom
    server = start_server(tmp_path, "--editions", str(site))
    try:
        with urllib.request.urlopen(server.url + "editions/2025-05-12/actors/envoy/") as r:
            body = r.read()
        own = (site / "editions/2025-05-12/actors/envoy/index.html").read_bytes()
        # its own bytes, but for the preview's live-reload script before </head>
        head, rest = own.split(b"</head>", 1)
        assert body.startswith(head) and body.endswith(b"</head>" + rest)
        assert b"livereload.js" in body[len(head):-len(rest)]
        with urllib.request.urlopen(server.url + "editions/2025-05-11") as r:  # redirected
            assert r.url.endswith("/editions/2025-05-11/") and b"edition-banner" in r.read()
        with urllib.request.urlopen(server.url + "actors/putin/") as r:  # the live preview
            assert b"edition-banner" not in r.read()
    finally:
        stop_server(server)
