"""Building every edition with its own tag's code, templates, content and dependencies,
once: each build is kept in a cache keyed by the tag's commit (and the address it is
built for), so a later publish copies it.

A tag's code runs in a git worktree of the tag, with the Python of an environment made
from that tag's own `pyproject.toml` dependencies (shared by tags whose dependencies are
the same), and only through the command line every version has: `build.py build
--content … --out … --base-url …`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

from ..content.dates import PartialDate
from ..output.i18n import catalog, catalog_path, date_text, direction
from ..output.urls import Urls
from ..output.write import link_or_copy
from .stamp import Banner, Stamp, places, stamp
from .tags import Edition, git

FORMAT = "1"  # bump when what is cached changes shape
STAMPED = "2"  # bump when what a page is stamped with changes (the builds stay good)
STYLESHEET = "edition.css"  # the banner's look, at the live site's root (templates/static/)
PLACEHOLDER = "http://edition.invalid/"  # where links are resolved with no base URL
LANG_RE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")  # a BCP 47 tag, as folders use


@dataclass(frozen=True, slots=True)
class Published:
    edition: Edition
    cached: bool  # taken from the cache, not built now
    languages: frozenset[str] = frozenset()  # its translations' folders: "uk/"


@dataclass(frozen=True, slots=True)
class Failed:
    edition: Edition
    output: str  # what the build said (its last lines)


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


def dependencies(pyproject: Path) -> list[str]:
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    return sorted(data.get("project", {}).get("dependencies", []))


def environment(tree: Path, envs: Path, log: Callable[[str], None]) -> Path:
    """The Python of an isolated environment with exactly the tag's dependencies, made
    once and shared by every tag that has the same: from its requirements.lock with
    --require-hashes when it has one, else from its pyproject.toml's ranges."""
    lock = tree / "requirements.lock"
    pyproject = tree / "pyproject.toml"
    if lock.is_file():
        spec, args = lock.read_text(encoding="utf-8"), ["--require-hashes", "-r", str(lock)]
    else:
        deps = dependencies(pyproject) if pyproject.is_file() else []
        spec, args = "\n".join(deps), deps
    key = hashlib.sha256(spec.encode()).hexdigest()[:16]
    home = envs / key
    python = home / "bin" / "python"
    if (home / "ready").is_file():
        return python
    shutil.rmtree(home, ignore_errors=True)
    log(f"making an environment for the dependencies of {key}")
    made = subprocess.run([sys.executable, "-m", "venv", str(home)], capture_output=True,
                          text=True)
    if made.returncode != 0:
        raise RuntimeError(f"cannot make an environment in {home}: "
                           + (made.stderr or made.stdout).strip()[-500:])
    if args:
        installed = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             *args], capture_output=True, text=True)
        if installed.returncode != 0:
            shutil.rmtree(home, ignore_errors=True)
            raise RuntimeError("installing its dependencies failed: "
                               + (installed.stderr or installed.stdout).strip()[-1500:])
    (home / "ready").write_text(spec + "\n", encoding="utf-8")
    return python


def build_one(repo: Path, edition: Edition, content: str, base_url: str | None,
              cache: Path, log: Callable[[str], None]) -> tuple[Path, bool]:
    """The edition's site in the cache, and whether it was there already (else it is
    built now). Raises RuntimeError with the build's output when the tag's code cannot
    build it."""
    kept = cache / "editions" / cache_key(edition, base_url)
    if (kept / "ready").is_file():
        return kept / "site", True
    shutil.rmtree(kept, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="briefing-edition-") as scratch:
        tree = Path(scratch) / "tree"
        git(repo, "worktree", "add", "--detach", "--force", str(tree), edition.commit)
        try:
            python = environment(tree, cache / "envs", log)
            out = Path(scratch) / "site"
            args = [str(python), "build.py", "build", "--content", content, "--out", str(out)]
            if base_url:
                args += ["--base-url", edition_url(base_url, edition) or ""]
            env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV",
                                                                      "PYTHONPATH")}
            built = subprocess.run(args, cwd=tree, capture_output=True, text=True, env=env)
            if built.returncode != 0 or not (out / "index.html").is_file():
                raise RuntimeError((built.stderr + built.stdout).strip()[-3000:]
                                   or f"exit status {built.returncode}")
            kept.mkdir(parents=True)
            shutil.move(str(out), kept / "site")
            (kept / "ready").write_text(f"{edition.tag} {edition.commit}\n", encoding="utf-8")
        finally:
            git(repo, "worktree", "remove", "--force", str(tree), check=False)
            git(repo, "worktree", "prune", check=False)
    return kept / "site", False


def publish(built: Path, target: Path, live: Path, edition: Edition,
            base_url: str | None, templates: Path) -> frozenset[str]:
    """Put an edition into the live site's `editions/<name>/`, each page stamped:
    noindex, canonical and banner pointing at the same page live (or home), the
    banner in the page's language from the live `templates`' catalogs, links to the
    list of editions sent to the live list. Returns the edition's translations'
    folders ("uk/"), for the list to link to each language's pages.

    The stamped pages depend only on the edition, the banner's words, which of its
    pages still exist live and which languages the live site has, so they are kept
    beside the build under that digest, and a deploy where nothing of that changed
    links the kept files in (hard links: no bytes copied)."""
    pages = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.html"))
    alive = {rel for rel in pages if rel != "404.html" and (live / rel).is_file()}
    languages = Languages(language_folders(built), language_folders(live))
    words = banner_words(templates, edition.day, edition.number)
    stamped = built.parent / f"stamped-{stamped_key(built, alive, languages, words, base_url)}"
    if not (stamped / ".ready").is_file():
        for old in built.parent.glob("stamped-*"):
            shutil.rmtree(old)
        shutil.copytree(built, stamped, copy_function=link_or_copy)
        for rel in pages:
            stamp_page(stamped / rel, stamp_for(rel, rel in alive, edition, base_url, words,
                                                 languages))
        (stamped / ".ready").write_text("", encoding="utf-8")
    shutil.copytree(stamped, target, copy_function=link_or_copy,
                    ignore=shutil.ignore_patterns(".ready"))
    return languages.own


def stamped_key(built: Path, alive: set[str], languages: Languages,
                words: Callable[[str], Banner], base_url: str | None) -> str:
    """The digest of everything a stamped page depends on beyond the edition's build."""
    langs = {page_language(built / "index.html"), *(f.strip("/") for f in languages.own)}
    said = [repr(words(lang)) for lang in sorted(langs)]
    parts = [FORMAT, STAMPED, base_url or "", *sorted(alive), "", *said, "",
             *sorted(languages.live)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def stamp_page(page: Path, how: Stamp) -> None:
    text = stamp(page.read_bytes().decode("utf-8"), how).encode("utf-8")
    page.unlink()  # a link to the build's own file: never written through
    page.write_bytes(text)


def stamp_for(rel: str, alive: bool, edition: Edition, base_url: str | None,
               words: Callable[[str], Banner], languages: Languages) -> Stamp:
    """What the page at `rel` in the edition gets: its live page (or the live home), the
    banner's stylesheet at the live site's root, and its links to the edition's own
    list of editions (which it does not have) sent to the live list."""
    up = "../" * (rel.count("/") + 2)  # out of editions/<name>/ and the page's folders
    url = rel.removesuffix("index.html") if alive else ""
    live = base_url.rstrip("/") + "/" + url if base_url else (up + url or "./")
    root = edition_url(base_url, edition) or f"{PLACEHOLDER}editions/{edition.name}/"
    site = Urls(base_url).base_path if base_url else up  # absolute from the site's root

    def relink(href: str) -> str | None:
        target = urlsplit(urljoin(root + rel, href))
        if not urlunsplit(target[:3] + ("", "")).startswith(root):
            return None
        folder = listing_folder(target.path[len(urlsplit(root).path):], languages.own)
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
    return places(page.read_text(encoding="utf-8")).lang if page.is_file() else ""


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
