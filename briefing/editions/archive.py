"""Building every edition with its own tag's code, templates, content and dependencies,
once: each build is kept in a cache keyed by the tag's commit (and the address it is
built for), so a later publish copies it.

A tag's code runs in a git worktree of the tag, with the Python of an environment made
from that tag's own `pyproject.toml` dependencies (shared by tags whose dependencies are
the same), and only through the command line every version has: `build.py build
--content … --out … --base-url …`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..content.dates import PartialDate
from .stamp import stamp
from .tags import Edition, git

FORMAT = "1"  # bump when what is cached changes shape


@dataclass(frozen=True, slots=True)
class Published:
    edition: Edition
    cached: bool  # taken from the cache, not built now


@dataclass(frozen=True, slots=True)
class Failed:
    edition: Edition
    output: str  # what the build said (its last lines)


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
    subprocess.run([sys.executable, "-m", "venv", str(home)], check=True, capture_output=True)
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
            base_url: str | None) -> None:
    """Put an edition into the live site's `editions/<name>/`, each page stamped:
    noindex, canonical and banner pointing at the same page live (or home).

    The stamped pages depend only on the edition and on which of its pages still exist
    live, so they are kept beside the build under that digest, and a deploy where
    nothing of that changed links the kept files in (hard links: no bytes copied)."""
    pages = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.html"))
    alive = [rel for rel in pages if rel != "404.html" and (live / rel).is_file()]
    digest = hashlib.sha256("\0".join([FORMAT, base_url or "", *alive]).encode()
                            ).hexdigest()[:16]
    stamped = built.parent / f"stamped-{digest}"
    if not (stamped / ".ready").is_file():
        for old in built.parent.glob("stamped-*"):
            shutil.rmtree(old)
        stage_stamped(built, stamped, pages, set(alive), edition, base_url)
    shutil.copytree(stamped, target, copy_function=link_or_copy,
                    ignore=shutil.ignore_patterns(".ready"))


def stage_stamped(built: Path, stamped: Path, pages: list[str], alive: set[str],
                  edition: Edition, base_url: str | None) -> None:
    shutil.copytree(built, stamped, copy_function=link_or_copy)
    when = PartialDate(edition.day.year, edition.day.month, edition.day.day).text()
    depth = 2  # editions/<name>/
    for rel in pages:
        page = stamped / rel
        url = (rel if rel in alive else "index.html").removesuffix("index.html")
        link = (base_url.rstrip("/") + "/" + url if base_url
                else "../" * (rel.count("/") + depth) + url or "./")
        text = stamp(page.read_bytes().decode("utf-8"), link, when).encode("utf-8")
        page.unlink()  # a link to the build's own file: never written through
        page.write_bytes(text)
    (stamped / ".ready").write_text("", encoding="utf-8")


def link_or_copy(source: str, target: str) -> None:
    """A hard link where the file system allows one (the cache and the site on one
    disk), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
