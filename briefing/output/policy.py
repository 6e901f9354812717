"""What a page may load: its Content-Security-Policy, in a `<meta>` tag, as GitHub Pages
cannot send headers."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..model.briefing import Briefing

# A card's own policy: its stylesheet, its one script, its icon; nothing else, no form.
CARD_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
               "base-uri 'none'; form-action 'none'")


def content_policy(briefing: Briefing) -> str:
    """What a page may load, as GitHub Pages cannot send headers: the site's own scripts,
    styles and images, and the search index's WebAssembly; no inline script (JSON data
    blocks are not run), no eval, nothing from elsewhere but the images an editor named
    by https:// URL (their origins alone: scheme, host and port, as parsed from URLs the
    loader checked, so that no source can add a directive)."""
    remote = sorted({origin(a.image.src) for a in briefing.actors
                     if a.image is not None and not a.image.is_local})
    images = " ".join(("'self'", *remote))
    return ("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
            f"img-src {images}; connect-src 'self'; "
            "manifest-src 'self'; base-uri 'none'; form-action 'self'")


def origin(url: str) -> str:
    """'https://images.example.org:8443' of an https URL."""
    parts = urlsplit(url)
    return f"https://{parts.hostname}" + (f":{parts.port}" if parts.port else "")
