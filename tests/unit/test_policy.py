"""The site defends itself: a Content-Security-Policy on every page (GitHub Pages sends
no headers) that lets the site load only its own files and the search index's
WebAssembly, and a browser that sees no violation of it anywhere, search included, in
the published site and in the preview."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.common import minimal, soup, write_content


def test_an_image_from_elsewhere_is_allowed_from_its_origin_alone(tmp_path: Path):
    from briefing.pipeline import build
    from tests.helpers.common import TEMPLATES

    files = minimal()
    files["actors/ana.yaml"]["image"] = {"src": "https://upload.wikimedia.org/a/b/ana.jpg",
                                         "alt": "Ana"}
    build(write_content(tmp_path, files), tmp_path / "site", TEMPLATES, search=False)
    policy = soup(tmp_path / "site" / "index.html").find(
        "meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "img-src 'self' https://upload.wikimedia.org;" in policy
