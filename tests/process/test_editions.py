"""Editions (the contract's sections 8 and 12): tags read and named, `build.py edition`,
every edition built with its own tag's code into the live site's editions/, from a cache
the second time, each page stamped (noindex, canonical, a banner in the page's language
styled by the publisher's stylesheet, links to the list sent to the live list) by a
parser; the list in every language; kept by a plain build; crawled with no dead link."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from briefing.editions.archive import banner_words
from briefing.editions.tags import read_editions
from briefing.output.write import MARKER, MARKER_TEXT
from tests.helpers.common import (
    ROOT,
    TEMPLATES,
    fetch,
    is_card,
    run_cli,
    serve_like_pages,
    soup,
)
from tests.helpers.editions import BASE, LOOKS, commit, git, make_repo

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
        "changes (content/actors/tusk.yaml): commit them, or remove what is not the "
        "briefing's, first")
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


def test_editions_refuses_what_names_nothing_in_one_line(tmp_path: Path):
    """Usage mistakes (exit 2): a --branch that names no commit, a --build-only folder
    already holding something, a --built folder that is not there."""
    repo = make_repo(tmp_path)
    (repo / "site").mkdir()
    (repo / "site" / "index.html").write_text("live")
    (repo / "site" / MARKER).write_bytes(MARKER_TEXT)
    (repo / "full").mkdir()
    (repo / "full" / "a.html").write_text("kept")
    for args, said in [
        (["--branch", "nosuch"], "python build.py editions: error: --branch: no commit named "
                                 f"'nosuch' in {repo}"),
        (["--build-only", "full"], "python build.py editions: error: --build-only: full is not "
                                   "a new, empty folder (see python build.py editions --help)"),
        (["--built", "absent"], "python build.py editions: error: --built: no folder at absent "
                                "(build the editions into it with --build-only) (see python "
                                "build.py editions --help)"),
        (["--build-only", "x", "--built", "full"], "python build.py editions: error: argument "
                                                    "--built: not allowed with argument "
                                                    "--build-only (see python build.py "
                                                    "editions --help)")]:
        done = run_cli("editions", *args, cwd=repo)
        assert (done.returncode, done.stderr.strip()) == (2, said), args
    assert (repo / "full" / "a.html").read_text() == "kept"


def pages_of(edition: Path) -> list[Path]:
    return sorted(p for p in edition.rglob("*.html") if "pagefind" not in p.parts)


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


def language_of(rel: str) -> str:
    """The language of a page of the seed's site, by its folder."""
    return rel.split("/")[0] if rel.startswith(("uk/", "ru/")) else "en"


def test_every_edition_page_is_noindex_with_the_banner_and_canonical_to_the_live_page(
        newsroom):
    site, _, _ = newsroom
    for name in LOOKS:
        words = banner_words(TEMPLATES, dt.date.fromisoformat(name))
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
            said = words(language_of(rel))
            assert banner is not None and banner.get_text(" ", strip=True) == (
                f"{said.text} {said.link}"), rel
            assert (banner["lang"], banner["aria-label"]) == (said.lang, said.label), rel
            assert banner.a["href"] == canonical[0]
            sheet = html.head.find_all("link", rel="stylesheet")[-1]["href"]
            assert urljoin(BASE + f"editions/{name}/{rel}", sheet) == BASE + "edition.css"
    assert (site / "edition.css").read_bytes() == (TEMPLATES / "static" / "edition.css"
                                                   ).read_bytes()
    gone = site / "editions" / "2025-05-12" / "actors" / "envoy" / "index.html"
    assert f'<link rel="canonical" href="{BASE}">' in gone.read_text()
    uk = BeautifulSoup((site / "editions/2025-05-11/uk/actors/putin/index.html").read_text(),
                       "html.parser").find("aside", class_="edition-banner")
    assert uk.get_text(" ", strip=True) == ("Видання від 11 травня 2025\u202fр. Переглянути "
                                            "останню версію")


def test_every_link_to_the_list_of_editions_goes_to_the_live_list_in_its_language(newsroom):
    """Not to the edition's own editions/ (which it does not have): to /editions/ from
    the original's pages, /uk/editions/ from the Ukrainian ones, from the site's root."""
    site, _, _ = newsroom
    for name in LOOKS:
        for page in pages_of(site / "editions" / name):
            rel = page.relative_to(site / "editions" / name).as_posix()
            url = BASE + f"editions/{name}/{rel}"
            html = BeautifulSoup(page.read_text(), "html.parser")
            targets = {urlsplit(urljoin(url, a["href"])).path for a in html.find_all(href=True)}
            lists = {t for t in targets if t.endswith("/editions/")}
            if is_card(rel):  # a page for an iframe: no site footer, no list to link to
                assert lists <= {"/brief/editions/"}, rel
                continue
            langs = ["en", "uk", "ru"] if rel == "404.html" else [language_of(rel)]  # speaks all
            wanted = {"/brief/editions/" if x == "en" else f"/brief/{x}/editions/" for x in langs}
            # (changes.html links to the original's list from every language)
            assert wanted <= lists <= wanted | {"/brief/editions/"}, rel
            footers = {a["href"] for footer in html.find_all("footer")
                       for a in footer.find_all("a", href=True) if a["href"] in lists}
            assert footers == wanted, rel


def test_the_list_of_editions_is_written_in_every_language(newsroom):
    site, _, _ = newsroom
    for lang in ("en", "uk", "ru"):
        prefix = "" if lang == "en" else f"{lang}/"
        listing = soup(site / prefix / "editions" / "index.html")
        assert listing.html["lang"] == lang
        url = BASE + prefix + "editions/"
        assert [urljoin(url, a["href"]) for a in listing.select(".editions h2 a")] == [
            BASE + f"editions/{name}/{prefix}" for name in sorted(LOOKS, reverse=True)]
        switcher = {a["lang"]: urljoin(url, a["href"]) for a in listing.select(".languages a")}
        assert switcher == {x: BASE + ("" if x == "en" else f"{x}/") + "editions/"
                            for x in ("en", "uk", "ru")}
        hreflang = {link["hreflang"] for link in listing.find_all("link", hreflang=True)}
        assert hreflang == {"en", "uk", "ru", "x-default"}
        footer = soup(site / prefix / "index.html").find("footer")
        assert url in [urljoin(BASE + prefix, a["href"]) for a in footer.find_all("a")]
    uk = soup(site / "uk" / "editions" / "index.html")
    assert uk.h1.get_text() == "Видання"
    assert [a.get_text() for a in uk.select(".editions h2 a")][-1] == (
        "Видання від 11 травня 2025\u202fр.")
    assert [ul["lang"] for ul in uk.select(".edition-changes")] == ["en"]  # as written


def test_an_edition_loads_only_its_own_files(newsroom):
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
            banners = [ref for ref in loaded if ref.endswith("/edition.css")]
            assert [urljoin(url, ref) for ref in banners] == [BASE + "edition.css"], rel
            for ref in loaded:  # but the banner's stylesheet, and the live site's icon
                # (an SVG, which an edition may not publish)
                assert ref in banners or urlsplit(urljoin(url, ref)).path.startswith(
                    mine) or urljoin(url, ref) == BASE + "favicon.svg", (rel, ref)


def test_editions_are_in_neither_the_live_sitemap_nor_the_live_search(newsroom):
    site, _, _ = newsroom
    assert "editions" not in (site / "sitemap.xml").read_text()
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 16
    own = json.loads((site / "editions" / "2025-05-11" / "pagefind" / "pagefind-entry.json")
                     .read_text())
    assert own["languages"]["en"]["page_count"] == 16  # its own search, over itself


def test_the_list_of_editions_newest_first_linked_from_the_footer_and_changes(newsroom):
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


def test_a_tag_that_cannot_build_is_named_with_its_output_and_skipped(newsroom):
    """Reported, and the others published: the command succeeds, so that a workflow
    goes on to deploy the live site and the editions that did build."""
    site, runs, _ = newsroom
    first = runs[0]
    assert first.returncode == 0, first.stderr
    assert ("error: edition edition-2025-05-14 did not build; left out:\n"
            "this version cannot build") in first.stderr
    assert not (site / "editions" / "2025-05-14").exists()
    assert "published 3 editions into site/editions/; 1 left out (above)" in first.stderr


def test_the_second_publish_takes_the_editions_from_the_cache(newsroom):
    _, runs, kept = newsroom
    for name in LOOKS:
        assert f"edition-{name}: built" in runs[0].stderr
        assert f"edition-{name}: from the cache" in runs[1].stderr
    assert "making an environment" not in runs[1].stderr
    assert len(kept[0]) == 4 and kept[1] == kept[0]  # 3 editions, 1 environment: untouched
    # what is published is the publisher's own copy, stamped: never a link into the cache
    site = newsroom[0]
    page = site / "editions" / "2025-05-11" / "actors" / "putin" / "index.html"
    assert page.stat().st_nlink == 1


def test_tags_with_the_same_dependencies_share_one_environment(newsroom):
    """Made for the lock, the Python and the platform, and said so in its marker."""
    import hashlib
    import platform
    import sysconfig

    envs = newsroom[0].parent / ".cache" / "envs"
    made = [p for p in envs.iterdir() if (p / "made-for.json").is_file()]
    assert len(made) == 1  # four tags, one lock
    marker = json.loads((made[0] / "made-for.json").read_text())
    lock = (ROOT / "requirements.lock").read_bytes()
    assert marker["lock"] == hashlib.sha256(lock).hexdigest()
    assert (marker["python"], marker["platform"]) == (platform.python_version(),
                                                      sysconfig.get_platform())
    assert (made[0] / "bin" / "python").is_file()


def edition_free(rel: str) -> str:
    """A page's folder from its site's root: "editions/2025-05-11/embed/…" → "embed/…"."""
    parts = rel.split("/")
    return "/".join(parts[2:]) if parts[0] == "editions" and len(parts) > 2 else rel


def test_a_published_site_with_its_editions_has_no_dead_link(www):
    """Crawled through a server that answers like GitHub Pages, from the live home: every
    link, stylesheet, script and image of the live site, the lists of editions and every
    edition's pages answers."""
    statuses: dict[str, int] = {}
    with serve_like_pages(www, www / "brief" / "404.html") as origin:
        # a card is reached through its embed code (text), not a link: crawled from the
        # start, live and in every edition, so that its own links are checked too
        cards = [origin + "/" + p.parent.relative_to(www).as_posix() + "/"
                 for p in (www / "brief").rglob("index.html")
                 if is_card(edition_free(p.parent.relative_to(www / "brief").as_posix()))]
        assert cards
        queue = [origin + "/brief/", *cards]
        while queue:
            url = queue.pop()
            if url in statuses:
                continue
            status, body, kind = fetch(url)
            statuses[url] = status
            if status != 200 or kind != "text/html":
                continue
            html = BeautifulSoup(body, "html.parser")
            for element in html.find_all(["a", "link", "img", "script"]):
                ref = element.get("href") or element.get("src")
                target = urljoin(url, ref or "")
                if ref and urlsplit(target).netloc == urlsplit(origin).netloc:
                    queue.append(target.split("#")[0])
        assert {u: s for u, s in statuses.items() if s != 200} == {}
    crawled = {urlsplit(u).path for u in statuses}
    pages = {"/" + p.parent.relative_to(www).as_posix() + "/"
             for p in (www / "brief").rglob("index.html") if p.parent.name != "search"}
    assert pages <= crawled  # every page is reached by a link (but the search forms' own)
    for name in LOOKS:
        assert {f"/brief/editions/{name}/", f"/brief/editions/{name}/uk/actors/putin/"} <= pages
    assert {"/brief/editions/", "/brief/uk/editions/", "/brief/ru/editions/"} <= pages


def test_a_plain_build_keeps_the_published_editions(newsroom, tmp_path: Path):
    """`build` makes a new site and swaps it in: the editions and their lists, which
    `editions` published into the last one, are carried over; a build that fails leaves
    everything as it was."""
    site, _, _ = newsroom
    repo = tmp_path / "newsroom"
    shutil.copytree(site.parent, repo, symlinks=True, ignore=shutil.ignore_patterns(".cache"))

    def published() -> dict[str, bytes]:
        return {p.relative_to(repo / "site").as_posix(): p.read_bytes()
                for top in ("editions", "uk/editions", "ru/editions")
                for p in (repo / "site" / top).rglob("*") if p.is_file()}

    before = published()
    assert "editions/2025-05-11/uk/actors/putin/index.html" in before
    assert {"editions/index.html", "uk/editions/index.html"} <= set(before)
    home = (repo / "site" / "index.html").read_bytes()
    built = run_cli("build", "--out", "site", "--base-url", BASE, "--templates",
                    str(repo / "templates"), cwd=repo)
    assert built.returncode == 0, built.stderr
    assert published() == before
    assert (repo / "site" / "index.html").read_bytes() == home  # a new site, the same
    chronology = repo / "content" / "chronology.yaml"
    chronology.write_text(chronology.read_text() + "\n- date: 2025-13-01\n  title: Bad\n")
    failed = run_cli("build", "--out", "site", "--templates", str(repo / "templates"), cwd=repo)
    assert failed.returncode == 1 and "site/ was left as it was" in failed.stderr
    assert published() == before and (repo / "site" / "index.html").read_bytes() == home


def test_the_preview_serves_the_published_editions_read_only(newsroom, tmp_path: Path):
    import urllib.request

    from tests.helpers.serve import start_server, stop_server

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
        for prefix, heading in (("", "Editions"), ("uk/", "Видання"), ("ru/", "Издания")):
            with urllib.request.urlopen(server.url + prefix + "editions/") as r:  # the lists
                listing = BeautifulSoup(r.read(), "html.parser")
            assert listing.h1.get_text() == heading
            assert len(listing.select(".editions h2 a")) == 3
        with urllib.request.urlopen(server.url + "actors/putin/") as r:  # the live preview
            live = BeautifulSoup(r.read(), "html.parser")
        assert live.find("aside", class_="edition-banner") is None
        footer = [urljoin(server.url + "actors/putin/", a["href"])
                  for a in live.footer.find_all("a")]
        assert server.url + "editions/" in footer  # the preview links to the list
        with urllib.request.urlopen(server.url + "edition.css") as r:  # the banner's look
            assert b"aside.edition-banner" in r.read()
    finally:
        stop_server(server)
