"""The CMS's own files, as npm installed them from the lock file (package.json pins each
version): copied into the site only if each is byte for byte the file published, so a
tampered node_modules (a poisoned cache, a pull request's) never reaches an editor.

The CMS draws with three fonts it would fetch from a CDN; the site serves the copies its
package ships, and the CMS's own font rules, pointed at them, in fonts.css: a style
sheet in the page with the id of the CMS's font styles keeps the CMS from adding its
own (Svelte adds a component's styles once, by that id)."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from ..problems import BuildFailed, Loc

VERSION = "0.221.1"  # package.json's @sveltia/cms; a test holds the two together
INSTALL = "npm ci --omit=dev"
LARGEST = 16 * 2**20  # bytes: the bundle is 2 MB; no file of the CMS is read past this
MODULES = Path("node_modules")
CMS = Path("@sveltia", "cms", "dist")
ASSETS = Path("@sveltia", "cms", "npm", "assets")  # the package's own copy of its fonts
# Each file admin/ serves: (where npm puts it, the SHA-256 of the file as published).
FILES = {
    "sveltia-cms.js": (CMS / "sveltia-cms.js",
                       "2fc783907e1a4a70783f155cc28435c70b8f79792f2aab75e787984e84aa413a"),
    "chunks/react-dom.js": (CMS / "chunks" / "react-dom.js",
                            "e6834ea4cc69293d31245d76953c635ea37783aa5598eb375ea41845cb5e7af6"),
    "fonts/source-sans-3.woff2": (
        ASSETS / "source-sans-3-latin-wght-normal-BqRLTx4X.woff2",
        "7a19a7027e125257d310c6dbd78ae3a30b5ea1e3794d60b12bb28227a003bfda"),
    "fonts/noto-mono.woff2": (
        ASSETS / "noto-mono-latin-400-normal-DiC8lJru.woff2",
        "2787a2983d94072a2c6262b1992a2642519800a889bd90ca1042d04a89852d58"),
    "fonts/material-symbols-outlined.woff2": (
        ASSETS / "material-symbols-outlined-latin-wght-normal-_Z1IJPLg.woff2",
        "98db9feefa170bf76e9c19d19af6dd62054165efc89c4b506c361e069719e884"),
}
# The CMS's font styles: their id, and each font's CDN address → the site's copy.
FONT_STYLES = "svelte-zc2rtw"
CDN = "https://cdn.jsdelivr.net/fontsource/fonts/"
FONTS = {
    f"{CDN}source-sans-3:vf@5.3.0/latin-wght-normal.woff2": "fonts/source-sans-3.woff2",
    f"{CDN}noto-mono@5.3.0/latin-400-normal.woff2": "fonts/noto-mono.woff2",
    f"{CDN}material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2":
        "fonts/material-symbols-outlined.woff2",
}


def bundle_files(project: Path, loc: Loc | None) -> dict[str, bytes]:
    """The CMS's files from `project`'s node_modules, by their paths in admin/, and
    fonts.css. Raises BuildFailed, said at briefing.yaml's `cms`, for a file missing or
    not as published."""
    files: dict[str, bytes] = {}
    problems: list[str] = []
    for name, (path, digest) in FILES.items():
        try:
            data = installed(project / MODULES / path)
        except FileNotFoundError:
            problems.append(f"the forms at /admin/ need Sveltia CMS {VERSION}, which is not "
                            f"installed (no {MODULES / path}): run `{INSTALL}` "
                            "in the project's folder")
            break
        except OSError:  # not a file (a pipe, a device, a folder), or far too large
            data = None
        if data is None or hashlib.sha256(data).hexdigest() != digest:
            problems.append(f"{MODULES / path} is not the file published (its SHA-256 "
                            f"differs): run `{INSTALL}` again")
            continue
        files[name] = data
    if problems:
        raise BuildFailed([(loc or Loc("briefing.yaml", 1, 1)).error(p) for p in problems])
    files["fonts.css"] = font_styles(files["sveltia-cms.js"].decode())
    return files


def installed(path: Path) -> bytes:
    """A file npm installed, read only if it is a regular file no larger than LARGEST: a
    pipe in a poisoned node_modules would stall the build, a device fill its memory.
    Raises OSError for any other."""
    opened = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a pipe's open waits, without
    with open(opened, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > LARGEST:
            raise OSError(f"{path} is not a file of at most {LARGEST} bytes")
        return file.read(LARGEST)


def font_styles(bundle: str) -> bytes:
    """The CMS's own font styles, taken from its (verified) bundle, each font at the
    site's copy."""
    start = bundle.index(f"hash:`{FONT_STYLES}`,code:`") + len(f"hash:`{FONT_STYLES}`,code:`")
    css = bundle[start:bundle.index("`}", start)]
    for cdn, local in FONTS.items():
        css = css.replace(cdn, local)  # fonts.css is in admin/, beside fonts/
    assert CDN not in css, "a font of the CMS not served by the site"
    return (css.strip() + "\n").encode()
