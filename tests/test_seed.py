"""The seed briefing: what a reader finds on each page, built strictly from content/."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import SEED, soup

ARTICLE = "articles/zelensky-challenges-putin/index.html"
PEOPLE = {"zelensky": "President of Ukraine", "putin": "President of Russia",
          "trump": "President of the United States",
          "starmer": "Prime Minister of the United Kingdom", "macron": "President of France",
          "merz": "Chancellor of Germany", "tusk": "Prime Minister of Poland",
          "steve-rosenberg": "Russia editor, BBC News"}


def test_every_person_the_article_names_has_a_profile_with_their_may_2025_role(seed_site):
    for actor, role in PEOPLE.items():
        page = soup(seed_site / "actors" / actor / "index.html")
        assert page.find("p", class_="role").get_text() == role
    names = [a.get_text() for a in soup(seed_site / "actors/index.html").select(".actor-list a")]
    assert len(names) == len(PEOPLE)


def test_every_direct_quote_in_the_article_is_attached_and_marked(seed_site: Path):
    body = soup(seed_site / ARTICLE).find(class_="article-body")
    quoted = re.findall(r"“([^”]+)”", body.get_text())
    marks = [m.get_text() for m in body.find_all("mark")]
    assert len(quoted) == 11
    for passage in quoted:
        assert any(m and m in passage for m in marks), passage
    listed = soup(seed_site / ARTICLE).select(".quoted li")
    assert len(listed) == len(quoted)


def test_quotes_link_to_their_mark_in_the_article(seed_site: Path):
    article_ids = {m["id"] for m in soup(seed_site / ARTICLE).find_all("mark", id=True)}
    page = soup(seed_site / "actors/putin/index.html")
    links = [a["href"] for a in page.select("#quotes ~ figure a, .quote a")
             if "articles/" in a["href"]]
    assert links and all(h.split("#")[1] in article_ids for h in links)
    texts = [q.get_text() for q in page.select("section[aria-labelledby=quotes] blockquote")]
    assert texts == ["“This would be the first step towards a lasting peace, not a prelude "
                     "to more armed hostilities.”", "“serious negotiations”", "“new truce”"]


def test_actor_page_shows_events_and_stances(seed_site: Path):
    page = soup(seed_site / "actors/putin/index.html")
    stances = [a["href"] for a in page.select(".stance-list a")]
    assert stances == ["../../positions/#issue-ceasefire-first",
                       "../../positions/#issue-direct-talks", "../../positions/#issue-military-aid"]
    events = [li["id"] for li in page.select(".events > li")]
    assert events[0] == "2022-02-24-russia-launches-its-full-scale-invasion-of-ukraine"
    assert len(events) == 5


def test_chronology_is_oldest_first_grouped_by_year_with_dates_at_precision(seed_site: Path):
    page = soup(seed_site / "chronology/index.html")
    assert [h.get_text() for h in page.select("main h2")] == ["2022", "2025"]
    dates = [t["datetime"] for t in page.select(".event-date time:first-child")]
    assert dates == sorted(dates) and len(dates) == 9
    span = page.find("li", id=re.compile("ceasefire-not-accepted")).find(class_="event-date")
    assert span.get_text(" ", strip=True) == "12 May – 10 June 2025"
    assert [t["datetime"] for t in span.find_all("time")] == ["2025-05-12", "2025-06-10"]


def test_positions_matrix_has_every_issue_and_side(seed_site: Path):
    page = soup(seed_site / "positions/index.html")
    assert [th.get_text() for th in page.select("thead th")] == [
        "Issue", "Ukraine & allies", "Russia", "US"]
    rows = page.select("tbody tr")
    assert [r["id"] for r in rows] == ["issue-ceasefire-first", "issue-direct-talks",
                                       "issue-military-aid", "issue-nato", "issue-sanctions",
                                       "issue-red-lines"]
    assert all(len(r.find_all("td")) == 3 for r in rows)
    assert len(page.find_all(class_="no-position")) == 18 - 11
    assert rows[0].find(class_="status").get_text(strip=True) == "Far apart"


def test_overview_links_on_to_everything(seed_site: Path):
    page = soup(seed_site / "index.html")
    assert page.find("h1").get_text() == "Zelensky challenges Putin to meet in Istanbul"
    assert len(page.select(".key-points li")) == 5
    latest = [li["id"] for li in page.select(".events > li")]
    assert latest[0].startswith("2025-05-15") and len(latest) == 3
    hrefs = {a["href"] for a in page.find_all("a")}
    assert {"actors/", "chronology/", "positions/", "sources/",
            "articles/zelensky-challenges-putin/"} <= hrefs
    assert page.find("footer").find("time")["datetime"] == "2025-05-11"


def test_sources_page_lists_what_cites_each_source(seed_site: Path):
    item = soup(seed_site / "sources/index.html").find("li", id="source-zelensky-challenges-putin")
    assert item.find("summary").get_text() == ("Cited by 9 events, 11 positions and 11 quotes")


def test_seed_content_has_no_stray_files():
    assert sorted(p.name for p in (SEED / "actors").iterdir()) == sorted(
        f"{a}.yaml" for a in PEOPLE)


def test_search_indexes_each_event_once_on_the_chronology(seed_site: Path):
    """Event lists repeated on actor pages and the overview are left out of the index,
    so a search for an event finds it once, on the chronology (and the index stays small)."""
    for page in ("actors/zelensky/index.html", "index.html"):
        for events in soup(seed_site / page).select("ol.events"):
            assert events.find_parent(attrs={"data-pagefind-ignore": True}) is not None, page
    chronology = soup(seed_site / "chronology/index.html").select_one("ol.events")
    assert chronology.find_parent(attrs={"data-pagefind-ignore": True}) is None
    assert chronology.find_parent(attrs={"data-pagefind-body": True}) is not None
