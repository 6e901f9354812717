"""The cards to embed as the build writes them: the same bytes every time; the offer and
the oEmbed discovery only with a base URL; a hostile title stays text in the code."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from tests.helpers.common import minimal, run_cli, soup, write_content

BASE = "https://news.example/briefing/"


def build(root: Path, files: dict[str, object], *args: str) -> Path:
    content = write_content(root, files)
    out = root / "site"
    result = run_cli("build", "--no-search", "--content", str(content), "--out", str(out),
                     *args, cwd=root)
    assert result.returncode == 0, result.stderr
    return out


def card_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site / "embed").as_posix(): p.read_bytes()
            for p in sorted((site / "embed").rglob("*")) if p.is_file()}


def test_the_cards_are_the_same_bytes_from_the_same_content(tmp_path: Path):
    one = build(tmp_path / "one", minimal(), "--base-url", BASE)
    two = build(tmp_path / "two", minimal(), "--base-url", BASE)
    assert sorted(card_files(one)) == [
        "actors/ana/index.html", "actors/ana/oembed.json", "chronology/index.html",
        "chronology/oembed.json", "issues/talks/index.html", "issues/talks/oembed.json"]
    assert card_files(one) == card_files(two)


def test_a_card_is_noindex_unsearched_and_its_links_open_a_new_tab(tmp_path: Path):
    site = build(tmp_path, minimal(), "--base-url", BASE)
    card = soup(site / "embed" / "actors" / "ana" / "index.html")
    assert card.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert card.select("[data-pagefind-body]") == []
    links = card.find_all("a")
    assert links and all(a["target"] == "_blank" and "noopener" in a["rel"] for a in links)
    assert [s["src"] for s in card.find_all("script")] == ["../../../embed-card.js"]
    found = card.find("link", attrs={"type": "application/json+oembed"})["href"]
    assert found == BASE + "embed/actors/ana/oembed.json"
    assert "embed/" not in (site / "sitemap.xml").read_text()


def test_the_offer_and_discovery_need_a_base_url(tmp_path: Path):
    site = build(tmp_path, minimal())
    page = soup(site / "actors" / "ana" / "index.html")
    assert page.select("details.embed") == []
    assert page.find("link", attrs={"type": "application/json+oembed"}) is None
    assert (site / "embed" / "actors" / "ana" / "index.html").is_file()
    assert list(site.rglob("oembed.json")) == []


def test_the_full_page_offers_the_code_its_oembed_answer_gives(tmp_path: Path):
    site = build(tmp_path, minimal(), "--base-url", BASE)
    page = soup(site / "positions" / "index.html")
    assert page.find("link", attrs={"type": "application/json+oembed"})["href"] == (
        BASE + "embed/issues/talks/oembed.json")
    offer = page.select_one("main details.embed[data-pagefind-ignore]")
    assert offer is not None and offer.name == "details"
    code = offer.find("textarea").get_text()
    answer = json.loads((site / "embed" / "issues" / "talks" / "oembed.json").read_text())
    assert code.split("\n") == [answer["html"],
                                f'<script src="{BASE}embed.js" async></script>']


def test_a_hostile_title_stays_text_in_the_code(tmp_path: Path):
    files = minimal()
    files["positions.yaml"][0]["issue"] = 'Talks" onload="alert(1)</textarea><b>x'
    site = build(tmp_path, files, "--base-url", BASE)
    page = soup(site / "positions" / "index.html")
    code = page.select_one("details.embed textarea").get_text()
    iframe = BeautifulSoup(code, "html.parser").find("iframe")
    assert iframe["title"].endswith('Talks" onload="alert(1)</textarea><b>x')
    assert "onload" not in iframe.attrs and page.select("details.embed b") == []
