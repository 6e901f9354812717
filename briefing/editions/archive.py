"""Building every edition with its own tag's code, templates, content and dependencies,
once: each build is kept in a cache keyed by the tag's commit (and the address it is
built for), so a later publish copies it; and putting a build into the live site, each
page stamped.

A tag's code runs fenced (isolation.py) on a copy of the tag's files, with the Python of
an environment made from the tag's own requirements.lock (environments.py), and only
through the command line every version has: `build.py build --content … --out …
--base-url …`. What it leaves is data: only its regular files are copied, into the
cache and from there into `editions/<name>/`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

from ..admin import FOLDER as ADMIN
from ..model.dates import PartialDate
from ..output.i18n import catalog, catalog_path, date_text, direction
from ..output.urls import Urls
from ..reading.media import FORMATS
from .banner import Banner, Stamp, Unstampable, places, stamp
from .environments import NoLock, environment
from .isolation import (
    BUILD_TIMEOUT,
    EDITION_BUILD,
    copy_files,
    export_tree,
    last_lines,
    run_fenced,
    scratch_env,
)
from .tags import Edition, GitError

FORMAT = "2"  # bump when what is cached changes shape (2: built fenced, files only)
STYLESHEET = "edition.css"  # the banner's look, at the live site's root (templates/static/)
PLACEHOLDER = "http://edition.invalid/"  # where links are resolved with no base URL
LANG_RE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")  # a BCP 47 tag, as folders use
# What a tag's build can fail with: each is reported, and the other editions go on.
BUILD_FAILURES = (RuntimeError, NoLock, GitError, OSError, tarfile.TarError)
# The kinds of file a Briefing build makes that a browser never runs by their address:
# pages (each stamped), styles, scripts and data its pages load, pictures (the formats
# content/ may publish), Pagefind's index. Not an SVG, an XHTML or an XML file (each can
# run script of its own when opened, with no page's policy over it), nor a feed or a
# robots.txt (an edition is not indexed). Anything else is left out, and named.
PUBLISHED_TYPES = frozenset({".html", ".css", ".js", ".json", ".pagefind", ".pf_fragment",
                             ".pf_index", ".pf_meta", *(f".{ext}" for ext in FORMATS)})
PUBLISHED_NAMES = frozenset({".nojekyll", ".briefing-site"})  # plain text, no extension


@dataclass(frozen=True, slots=True)
class Built:
    files: Path  # the edition's site: folders and regular files only
    cached: bool  # taken from the cache, not built now
    left_out: tuple[str, ...] = ()  # what its build left that is not a regular file


@dataclass(frozen=True, slots=True)
class Published:
    edition: Edition
    cached: bool  # taken from the cache, not built now
    languages: frozenset[str] = frozenset()  # its translations' folders: "uk/"
    left_out: tuple[str, ...] = ()  # entries of its build not published (links, devices)


@dataclass(frozen=True, slots=True)
class Failed:
    edition: Edition
    output: str  # what the build said (its last lines), or why it was not built


@dataclass(frozen=True, slots=True)
class Languages:
    own: frozenset[str]  # the edition's translations' folders: "uk/"
    live: frozenset[str]  # the live site's


def edition_url(base_url: str | None, edition: Edition) -> str | None:
    if not base_url:
        return None
    return base_url.rstrip("/") + f"/editions/{edition.name}/"


def cache_key(edition: Edition, base_url: str | None) -> str:
    return hashlib.sha256(f"{FORMAT}\0{edition.commit}\0{base_url or ''}".encode()
                          ).hexdigest()[:24]


def build_one(repo: Path, edition: Edition, content: str, base_url: str | None,
              cache: Path, log: Callable[[str], None]) -> Built:
    """The edition's site in the cache, built now unless it is there already. Raises
    one of BUILD_FAILURES, saying why (with the build's output), when it cannot be."""
    kept = cache / "editions" / cache_key(edition, base_url)
    if (kept / "ready").is_file():
        return Built(kept / "site", cached=True)
    shutil.rmtree(kept, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="briefing-edition-") as scratch:
        out = build_fenced(repo, edition, content, base_url, Path(scratch), cache / "envs",
                           log)
        left = copy_files(out, kept / "site")
    (kept / "ready").write_text(f"{edition.tag} {edition.commit}\n", encoding="utf-8")
    return Built(kept / "site", cached=False, left_out=tuple(left))


def build_fenced(repo: Path, edition: Edition, content: str, base_url: str | None,
                 scratch: Path, envs: Path, log: Callable[[str], None]) -> Path:
    """Run the tag's `build.py build` in `scratch`; the folder it built into."""
    tree, out = scratch / "tree", scratch / "site"
    export_tree(repo, edition, tree)
    python = environment(tree, envs, log)
    args = [str(python), "build.py", "build", "--content", content, "--out", str(out)]
    if base_url:
        args += ["--base-url", edition_url(base_url, edition) or ""]
    env = scratch_env(scratch / "home", python.parent) | {EDITION_BUILD: edition.tag}
    status = run_fenced(args, tree, env, scratch / "build.log")
    said = last_lines(scratch / "build.log")
    if status is None:
        raise RuntimeError(f"{said}\nits build did not finish in {BUILD_TIMEOUT} s: stopped")
    index = out / "index.html"
    if status != 0 or index.is_symlink() or not index.is_file():
        raise RuntimeError(said or f"exit status {status}, and no index.html")
    return out


def publish(built: Path, target: Path, live: Path, edition: Edition,
            base_url: str | None, templates: Path) -> tuple[frozenset[str], list[str]]:
    """Put an edition's build into the live site's `editions/<name>/` (`target`): its
    regular files copied (nothing else of it is read), each page stamped: noindex,
    canonical and banner pointing at the same page live (or home), the banner in the
    page's language from the live `templates`' catalogs, links to the list of editions
    sent to the live list. Returns the edition's translations' folders ("uk/"), for the
    list to link to each language's pages, and what was left out (not a regular file,
    a kind of file a build does not make, or a page the stamp cannot be placed in for
    sure)."""
    left = copy_files(built, target) + drop_unpublished(target)
    pages = sorted(p.relative_to(target).as_posix() for p in target.rglob("*.html")
                   if p.is_file())
    alive = {rel for rel in pages if rel != "404.html" and (live / rel).is_file()}
    languages = Languages(language_folders(target), language_folders(live))
    words = banner_words(templates, edition.day, edition.number)
    for rel in pages:
        if not stamp_page(target / rel, stamp_for(rel, rel in alive, edition, base_url,
                                                   words, languages, live)):
            left.append(rel)
    return languages.own, left


def drop_unpublished(target: Path) -> list[str]:
    """Remove from an edition's copied files every kind a browser could run by its
    address (PUBLISHED_TYPES), and the forms (admin/: an edition has none, and a CMS
    there would sign editors in on the live site's address, as the tag's build chose);
    what was removed, each by its path in the edition."""
    forms = target / ADMIN
    dropped = sorted(p for p in target.rglob("*") if p.is_file() and (
        not published_kind(p) or p.is_relative_to(forms)))
    for path in dropped:
        path.unlink()
    shutil.rmtree(forms, ignore_errors=True)  # a folder of its build: no link (copy_files)
    return [p.relative_to(target).as_posix() for p in dropped]


def published_kind(file: Path) -> bool:
    """One of PUBLISHED_TYPES (a page only as `.html`, the name every page is stamped
    by; a picture in any case, as content/ may name it), or of PUBLISHED_NAMES."""
    kind = file.suffix if file.suffix.lower() == ".html" else file.suffix.lower()
    return kind in PUBLISHED_TYPES or file.name in PUBLISHED_NAMES


def stamp_page(page: Path, how: Stamp) -> bool:
    """Stamp a page of an edition in place; one that is not UTF-8 text, or where the
    stamp could not be placed for sure, is removed (False): no page of an edition is
    published without its stamp."""
    try:
        page.write_bytes(stamp(page.read_bytes().decode("utf-8"), how).encode("utf-8"))
    except (UnicodeDecodeError, Unstampable):
        page.unlink()
        return False
    return True


def stamp_for(rel: str, alive: bool, edition: Edition, base_url: str | None,
               words: Callable[[str], Banner], languages: Languages,
               live_site: Path | None = None) -> Stamp:
    """What the page at `rel` in the edition gets: its live page (or the live home), the
    banner's stylesheet at the live site's root, and its links to the edition's own
    list of editions (which it does not have) sent to the live list, and to a file of a
    kind not published from an edition (its icon, an SVG; its feeds) sent to the same
    file in the live site (`live_site`), where there is one."""
    up = "../" * (rel.count("/") + 2)  # out of editions/<name>/ and the page's folders
    url = rel.removesuffix("index.html") if alive else ""
    live = base_url.rstrip("/") + "/" + url if base_url else (up + url or "./")
    root = edition_url(base_url, edition) or f"{PLACEHOLDER}editions/{edition.name}/"
    site = Urls(base_url).base_path if base_url else up  # absolute from the site's root

    def relink(href: str) -> str | None:
        target = urlsplit(urljoin(root + rel, href))
        if not urlunsplit(target[:3] + ("", "")).startswith(root):
            return None
        path = target.path[len(urlsplit(root).path):]
        if (live_site is not None and path and not published_kind(Path(path))
                and (live_site / path).is_file()):
            return site + path
        folder = listing_folder(path, languages.own)
        if folder is None:
            return None
        folder = folder if folder in languages.live else ""  # a language no longer live
        return f"{site}{folder}editions/" + (f"#{target.fragment}" if target.fragment else "")

    return Stamp(live, up + STYLESHEET, words, relink)


def listing_folder(path: str, languages: frozenset[str]) -> str | None:
    """The language folder ("" or "uk/") of a path in an edition that is a list of
    editions (`editions/`, `uk/editions/`), else None."""
    folder, found, rest = path.rpartition("editions")
    if not found or rest not in ("", "/", "/index.html"):
        return None
    return folder if folder == "" or folder in languages else None


def language_folders(site: Path) -> frozenset[str]:
    """A site's translations' folders ("uk/"): those at the top whose home page is in
    the language the folder is named for."""
    return frozenset(f"{d.name}/" for d in site.iterdir() if d.is_dir() and LANG_RE.fullmatch(
        d.name) and page_language(d / "index.html") == d.name)


def page_language(page: Path) -> str:
    """A page's <html lang>, read by the parser ("" for none, or no page)."""
    if not page.is_file():
        return ""
    return places(page.read_bytes().decode("utf-8", "replace")).lang


def banner_words(templates: Path, day: dt.date, number: int = 1) -> Callable[[str], Banner]:
    """The banner's words in a language, from the live templates' catalogs, its date in
    that language's forms (and its number, for a day's second edition and later);
    English where no catalog speaks the language."""
    when = PartialDate(day.year, day.month, day.day)

    @cache
    def words(lang: str) -> Banner:
        known = LANG_RE.fullmatch(lang) and catalog_path(templates, lang) is not None
        lang = lang if known else "en"
        t = catalog(templates, lang)
        said = (t.gettext("An edition of %(day)s.") if number == 1 else
                t.gettext("Edition %(number)s of %(day)s.")) % {
            "day": date_text(when, lang), "number": number}
        return Banner(lang, direction(lang), t.gettext("About this edition"), said,
                      t.gettext("See the latest version"))

    return words
