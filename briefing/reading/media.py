"""Images: which files from content/ a site may publish, and which https URLs it may show.

A picture kept in content/ is published as it is, under the site's `media/` (never over
a page or a static file), and from the site's own address: anything but a raster
picture there would run with the site's rights. A page or a script would, and so would
an SVG, which runs its own scripts when opened by its address (the pages' Content-
Security-Policy is a tag in each page, and GitHub Pages sends no header that could
cover a file on its own). So only these formats are published, checked by extension
and by the file's first bytes, and nothing through a symbolic link: with no link on
the way and no '..' in it, the path stays inside content/.

An https image is shown from elsewhere, and its origin goes into every page's policy:
its host must be a host name, with nothing in the URL that could end that policy's
source list (a ';', a ',', a quote, white space).
"""

from __future__ import annotations

import re
from pathlib import Path

from .suggestions import alternatives

# Extension → the format's name and a test of its first bytes.
FORMATS = {
    "png": ("PNG", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "jpg": ("JPEG", lambda head: head.startswith(b"\xff\xd8\xff")),
    "jpeg": ("JPEG", lambda head: head.startswith(b"\xff\xd8\xff")),
    "gif": ("GIF", lambda head: head[:6] in (b"GIF87a", b"GIF89a")),
    "webp": ("WebP", lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
    "avif": ("AVIF", lambda head: head[4:8] == b"ftyp" and (b"avif" in head[8:32]
                                                          or b"avis" in head[8:32])),
}
SHOWN_EXTENSIONS = alternatives([f".{ext}" for ext in FORMATS], "or")


def any_case(word: str) -> str:
    """A pattern for `word` in any case, without flags (JSON Schema has none)."""
    return "".join(f"[{c.lower()}{c.upper()}]" for c in word)


# The same patterns are the JSON Schema's (scalar_fields.ImageSource): they must read in
# Python and in JavaScript alike.
UNNAMED = r"\\?#%:\x00-\x1f\x7f"  # what ends or changes a path in a URL (not in a name)
SEGMENT = rf"[^/{UNNAMED}.][^/{UNNAMED}]*"  # a name not starting with '.' ('..', '.git')
EXTENSION = "|".join(any_case(ext) for ext in FORMATS)
LOCAL = rf"(?:{SEGMENT}/)*{SEGMENT}\.(?:{EXTENSION})"
HOST = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
PORT = r"(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])"
REMOTE = rf"https://{HOST}(?::{PORT})?(?:[/?#][^\s;,'\"\\]*)?"
LOCAL_RE, REMOTE_RE = re.compile(LOCAL), re.compile(REMOTE)


def source_problem(value: str) -> str | None:
    """What an image's `src` must be, when `value` is not a path inside content/ to a
    picture, nor an https URL of one (the field's name goes before it); else None."""
    if LOCAL_RE.fullmatch(value) or REMOTE_RE.fullmatch(value):
        return None
    if value.lower().startswith("http://"):
        return ("must be an https:// address (a page served over https shows no http:// "
                f"image), not '{value}'")
    if value.lower().startswith("https://"):
        return ("must be an https:// address with a host name (such as images.example.org, "
                "with :port if any) and no white space, quotes, ';' or ',' (write a ',' as "
                f"%2C), not '{value}'")
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|/", value) or any(
            part.startswith(".") or not part for part in value.split("/")):
        return ("must be a path inside content/ (e.g. images/putin.jpg) or an https:// URL, "
                f"not '{value}'")
    unnamed = re.search(f"[{UNNAMED}]", value)
    if unnamed:
        return (f"must not have '{unnamed.group()}' in it (a web address ends there): rename "
                f"the file, not '{value}'")
    svg = (" (an SVG can run script when opened on its own: export it as PNG, or show it "
           "from an https:// address)" if value.lower().endswith(".svg") else "")
    return f"must be a {SHOWN_EXTENSIONS} picture, not '{value}'{svg}"


def file_problem(content: Path, src: str) -> str | None:
    """Why the picture at `src` (a path `source_problem` accepts) cannot be published,
    or None."""
    path = content
    for part in src.split("/"):
        path = path / part
        if path.is_symlink():
            return (f"{path.as_posix()} is a symbolic link: put the picture itself in "
                    "content/ (a link could publish a file from anywhere)")
    if not path.is_file():
        return f"no image file at {path.as_posix()}"
    name, looks_right = FORMATS[path.suffix[1:].lower()]
    with open(path, "rb") as file:
        head = file.read(32)
    if not looks_right(head):
        return (f"{path.as_posix()} is not a {name} picture (its first bytes are not a "
                f"{name}'s): save it as {name}, or name it for the format it is in")
    return None
