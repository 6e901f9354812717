"""The CMS's own files, as npm installed them from the lock file (package.json pins each
version): copied into the site only if each is byte for byte the file published, so a
tampered node_modules (a poisoned cache, a pull request's) never reaches an editor.

The CMS draws with three fonts it would fetch from a CDN; the site serves them itself
(fontsource's packages, OFL) and the CMS's own font rules, pointed at them, in
fonts.css: a style sheet in the page with the id of the CMS's font styles keeps the CMS
from adding its own (Svelte adds a component's styles once, by that id)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..problems import BuildFailed, Loc

VERSION = "0.221.1"  # package.json's @sveltia/cms; a test holds the two together
INSTALL = "npm ci --omit=dev"
MODULES = Path("node_modules")
CMS = Path("@sveltia", "cms", "dist")
# Each file admin/ serves: (where npm puts it, the SHA-256 of the file as published).
FILES = {
    "sveltia-cms.js": (CMS / "sveltia-cms.js",
                       "2fc783907e1a4a70783f155cc28435c70b8f79792f2aab75e787984e84aa413a"),
    "chunks/react-dom.js": (CMS / "chunks" / "react-dom.js",
                            "e6834ea4cc69293d31245d76953c635ea37783aa5598eb375ea41845cb5e7af6"),
    "fonts/source-sans-3.woff2": (
        Path("@fontsource-variable", "source-sans-3", "files",
             "source-sans-3-latin-wght-normal.woff2"),
        "19143dca075972bc84e3fd9eab7416dd40cc565dccb2435a044bdfabe060c7d5"),
    "fonts/noto-mono.woff2": (
        Path("@fontsource", "noto-mono", "files", "noto-mono-latin-400-normal.woff2"),
        "2787a2983d94072a2c6262b1992a2642519800a889bd90ca1042d04a89852d58"),
    "fonts/material-symbols-outlined.woff2": (
        Path("@fontsource-variable", "material-symbols-outlined", "files",
             "material-symbols-outlined-latin-wght-normal.woff2"),
        "783fb9fa37c74da6da69f9c38354bbfa3aa7552b14369f8cc967cde0862298f8"),
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
    files, problems = {}, []
    for name, (path, digest) in FILES.items():
        try:
            data = (project / MODULES / path).read_bytes()
        except OSError:
            problems.append(f"the forms at /admin/ need Sveltia CMS {VERSION} and its fonts, "
                            f"which are not installed (no {MODULES / path}): run `{INSTALL}` "
                            "in the project's folder")
            break
        if hashlib.sha256(data).hexdigest() != digest:
            problems.append(f"{MODULES / path} is not the file published (its SHA-256 "
                            f"differs): run `{INSTALL}` again")
        files[name] = data
    if problems:
        raise BuildFailed([(loc or Loc("briefing.yaml", 1, 1)).error(p) for p in problems])
    files["fonts.css"] = font_styles(files["sveltia-cms.js"].decode())
    return files


def font_styles(bundle: str) -> bytes:
    """The CMS's own font styles, taken from its (verified) bundle, each font at the
    site's copy."""
    start = bundle.index(f"hash:`{FONT_STYLES}`,code:`") + len(f"hash:`{FONT_STYLES}`,code:`")
    css = bundle[start:bundle.index("`}", start)]
    for cdn, local in FONTS.items():
        css = css.replace(cdn, local)  # fonts.css is in admin/, beside fonts/
    assert CDN not in css, "a font of the CMS not served by the site"
    return (css.strip() + "\n").encode()
