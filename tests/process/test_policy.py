"""The site defends itself: a Content-Security-Policy on every page (GitHub Pages sends
no headers) that lets the site load only its own files and the search index's
WebAssembly, and a browser that sees no violation of it anywhere, search included, in
the published site and in the preview."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.common import soup


def test_every_page_carries_the_policy_and_a_referrer_policy(seed_site: Path):
    for path in sorted(seed_site.rglob("*.html")):
        html = soup(path)
        policy = html.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert policy is not None, path
        rules = dict(rule.strip().split(" ", 1) for rule in policy["content"].split(";"))
        assert rules["default-src"] == "'none'"
        if "embed" in path.relative_to(seed_site).parts:  # a card: less still (embeds.py)
            assert rules["script-src"] == rules["style-src"] == rules["img-src"] == "'self'"
            assert "connect-src" not in rules and rules["form-action"] == "'none'"
        else:
            assert rules["script-src"] == "'self' 'wasm-unsafe-eval'"  # no inline, no eval
            assert rules["style-src"] == rules["img-src"] == rules["connect-src"] == "'self'"
        assert html.find("meta", attrs={"name": "referrer"})["content"] == "same-origin"
        for script in html.find_all("script"):  # only files, and data that is never run
            assert script.get("src") or script.get("type") in (
                "application/ld+json", "application/json"), (path, script)
        assert not html.select("[style]"), path
