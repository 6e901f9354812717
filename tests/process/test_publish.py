"""Publishing: the GitHub Pages workflow, base paths by construction, and what search
engines and social networks read (canonical, Open Graph, JSON-LD)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers.common import ROOT, assert_card, is_card, soup

BASE = "https://example.github.io/briefing-site/"


def test_every_page_has_canonical_description_and_share_tags(seed_site: Path):
    for path in sorted(seed_site.rglob("index.html")):
        page = soup(path)
        rel = path.parent.relative_to(seed_site).as_posix()
        if is_card(rel):  # a page for an iframe, noindex: no canonical, nothing to share
            assert_card(page)
            continue
        url = BASE + ("" if rel == "." else rel + "/")
        meta = {m.get("property") or m.get("name"): m["content"] for m in page.find_all("meta")
                if m.get("content") is not None}
        untranslated = rel.split("/")[0] in ("uk", "ru") and "/articles/" in url
        if untranslated:  # an article is never translated: the original is the page
            assert page.find("link", rel="canonical")["href"] == url.replace(
                f"/{rel.split('/')[0]}/", "/", 1)
            assert not page.find_all("link", hreflang=True)
            url = page.find("link", rel="canonical")["href"]
        else:
            assert page.find("link", rel="canonical")["href"] == url
        assert meta["og:url"] == url and meta["description"] == meta["og:description"]
        assert meta["og:title"] and meta["og:site_name"] == page.find(class_="brand").get_text()
        assert meta["og:image"] == BASE + "share.png" and meta["twitter:card"]
        assert meta["article:modified_time"] == "2025-05-11"
    assert soup(seed_site / "actors/putin/index.html").find(
        "meta", property="og:type")["content"] == "profile"


def json_ld(path: Path) -> dict:
    scripts = soup(path).find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_json_ld_describes_each_page_with_absolute_urls(seed_site: Path):
    overview = json_ld(seed_site / "index.html")
    assert overview["@type"] == "NewsArticle" and overview["dateModified"] == "2025-05-11"
    assert overview["url"] == BASE and len(overview["about"]) == 8
    putin = json_ld(seed_site / "actors/putin/index.html")["@graph"]
    person = next(x for x in putin if x["@type"] == "Person")
    assert person["jobTitle"] == "President of Russia"
    assert person["affiliation"] == {"@type": "Organization", "name": "Russia"}
    quotes = [x for x in putin if x["@type"] == "Quotation"]
    assert len(quotes) == 3 and all(q["spokenByCharacter"] == {"@id": person["@id"]}
                                    for q in quotes)
    assert quotes[0]["isBasedOn"].startswith(BASE + "articles/zelensky-challenges-putin/#quote-")
    chronology = json_ld(seed_site / "chronology/index.html")
    assert chronology["@type"] == "ItemList" and chronology["numberOfItems"] == 9
    event = chronology["itemListElement"][0]["item"]
    assert event["@type"] == "Event" and event["startDate"] == "2022-02-24"
    assert event["url"].startswith(BASE + "chronology/#2022-02-24-")
    assert soup(seed_site / "404.html").find("script", type="application/ld+json") is None


def test_feed_is_linked_and_the_data_from_the_sources_page(seed_site: Path):
    page = soup(seed_site / "sources/index.html")
    assert page.find("link", rel="alternate", type="application/atom+xml")["href"] == "../feed.xml"
    assert "../briefing.json" in [a["href"] for a in page.select("main a")]


ZIZMOR = ["--persona", "pedantic", "--offline", ".github/"]


def test_zizmor_pedantic_finds_nothing_and_nothing_is_suppressed():
    """The workflows and Dependabot's settings, as scripts/test.sh lints them: offline,
    since zizmor's online audits (impostor-commit, ref-confusion, known-vulnerable-actions,
    stale-action-refs) need a GitHub token, which tests never hold."""
    import subprocess
    import sys

    assert f".venv/bin/zizmor {' '.join(ZIZMOR)}\n" in (ROOT / "scripts/test.sh").read_text()
    for path in sorted((ROOT / ".github").rglob("*")):
        if path.is_file():
            assert "zizmor: ignore" not in path.read_text(), path
    assert not [p for p in (ROOT / "zizmor.yml", ROOT / ".github" / "zizmor.yml") if p.exists()]
    zizmor = Path(sys.executable).with_name("zizmor")
    result = subprocess.run([str(zizmor), *ZIZMOR], cwd=ROOT, capture_output=True, text=True)
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert "completed .github/dependabot.yml" in said and "completed .github/workflows" in said
    assert "No findings to report" in said and "ignored" not in said and "suppressed" not in said
