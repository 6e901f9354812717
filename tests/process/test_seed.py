"""The seed briefing's own facts: everyone the article names has a profile with their role
in May 2025, and every direct quote of the article is attached and marked. (The rules
every briefing keeps are proved in test_contract.py, on content built for them.)"""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers.common import soup
from tests.helpers.seed import PEOPLE

ARTICLE = "articles/zelensky-challenges-putin/index.html"


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


def test_search_indexes_each_event_once_on_the_chronology(seed_site: Path):
    """Event lists repeated on actor pages and the overview are left out of the index,
    so a search for an event finds it once, on the chronology (and the index stays small)."""
    for page in ("actors/zelensky/index.html", "index.html"):
        for events in soup(seed_site / page).select("ol.events"):
            assert events.find_parent(attrs={"data-pagefind-ignore": True}) is not None, page
    chronology = soup(seed_site / "chronology/index.html").select_one("ol.events")
    assert chronology.find_parent(attrs={"data-pagefind-ignore": True}) is None
    assert chronology.find_parent(attrs={"data-pagefind-body": True}) is not None
