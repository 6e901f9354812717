"""Editions (the contract's sections 8 and 12): tags read and named, `build.py edition`,
every edition built with its own tag's code into the live site's editions/, from a cache
the second time, each page stamped (noindex, canonical, a banner in the page's language
styled by the publisher's stylesheet, links to the list sent to the live list) by a
parser; the list in every language; kept by a plain build; crawled with no dead link."""

from __future__ import annotations

import shutil
import subprocess

from tests.helpers.common import serve_like_pages

BANNER_LOOK = """() => { const s = getComputedStyle(document.querySelector('aside.edition-banner'));
    return [s.paddingTop, s.backgroundColor, s.borderBottomStyle, s.color]; }"""


def test_an_edition_page_with_its_banner_passes_axe_and_the_nu_checker(www, page):
    """In light and dark schemes, in English and Ukrainian; the banner's stylesheet
    loads under the pages' policy (no inline style, nothing refused)."""
    from axe_playwright_python.sync_playwright import Axe

    from tests.helpers.reading import VNU

    edition = www / "brief" / "editions" / "2025-05-12"
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else 0)
    looks = {}
    with serve_like_pages(www, www / "brief" / "404.html") as origin:
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            for path in ("", "actors/envoy/", "chronology/", "uk/actors/putin/"):
                page.goto(f"{origin}/brief/editions/2025-05-12/{path}")
                assert page.locator("aside.edition-banner").is_visible()
                looks[scheme, path] = page.evaluate(BANNER_LOOK)
                result = Axe().run(page)
                assert result.violations_count == 0, f"{path}: {result.generate_report()}"
    assert refused == []
    for (scheme, path), (padding, background, border, _) in looks.items():
        assert padding != "0px" and border == "solid", (scheme, path)
        assert background not in ("rgba(0, 0, 0, 0)", "transparent"), (scheme, path)
    assert looks["light", ""][1:] != looks["dark", ""][1:]  # its own colours in each scheme
    checked = [str(edition / p / "index.html") for p in ("", "actors/envoy", "chronology",
                                                         "uk/actors/putin")]
    result = subprocess.run([shutil.which("java") or "java", "-jar", str(VNU),
                             "--errors-only", *checked], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
