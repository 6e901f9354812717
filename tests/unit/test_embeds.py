"""Unit tests of output/embeds.py: the cards to embed planned for every issue, actor and
claim and for the latest events, in every language; the full pages naming their cards;
the oEmbed answers; nothing of it in the sitemap."""

from __future__ import annotations

import json

import pytest

from briefing.linking.loading import load_and_check
from briefing.model.briefing import Briefing
from briefing.output import embeds, feeds, i18n, policy
from briefing.output.pages import Page
from briefing.output.urls import Urls
from briefing.pipeline import plan
from tests.helpers.common import SEED, TEMPLATES

BASE = "https://news.example/briefing/"


@pytest.fixture(scope="module")
def seed() -> Briefing:
    briefing, problems = load_and_check(SEED, base_url=BASE)
    assert briefing is not None, problems
    return briefing


@pytest.fixture(scope="module")
def pages(seed: Briefing) -> dict[str, Page]:
    return {page.address: page for page in plan(seed, TEMPLATES)[1]}


def words(lang: str):
    return i18n.catalog(TEMPLATES, lang)


def test_every_issue_actor_and_claim_has_its_card_in_every_language(seed, pages):
    assert seed.translations and seed.claims  # the seed has both
    for b in (seed, *seed.translations):
        p = b.prefix
        expected = {f"{p}embed/chronology/": "card_chronology.html"}
        expected |= {f"{p}embed/issues/{i.id}/": "card_issue.html" for i in b.issues}
        expected |= {f"{p}embed/actors/{a.id}/": "card_actor.html" for a in b.actors}
        expected |= {f"{p}embed/claims/{c.id}/": "card_claim.html" for c in b.claims}
        found = {a: page.template for a, page in pages.items()
                 if a.startswith(f"{p}embed/")}
        assert found == expected


def test_the_full_pages_name_their_cards(seed, pages):
    actor = seed.actors[0]
    named = {address: [c.url for c in page.context.get("embeds", ())]
             for address, page in pages.items() if page.context.get("embeds")}
    assert named[f"actors/{actor.id}/"] == [f"embed/actors/{actor.id}/"]
    assert named["chronology/"] == ["embed/chronology/"]
    assert named["positions/"] == [f"embed/issues/{i.id}/" for i in seed.issues]
    assert named["claims/"] == [f"embed/claims/{c.id}/" for c in seed.claims]
    assert named["uk/chronology/"] == ["embed/chronology/"]  # under its language's prefix
    assert not any(a.startswith(("sources/", "articles/", "changes/")) or a == ""
                   for a in named)


def test_the_chronology_card_shows_the_latest_events_newest_first(seed, pages):
    events = pages["embed/chronology/"].context["events"]
    assert events == seed.events[::-1][:embeds.LATEST]


def test_an_actors_card_has_their_latest_stance_and_quote(seed, pages):
    actor = next(a for a in seed.actors if seed.record(a).stances and seed.record(a).quotes)
    context = pages[f"embed/actors/{actor.id}/"].context
    issue, stance = context["latest"]
    record = seed.record(actor)
    assert (issue, stance) in record.stances
    assert stance.as_of == max(s.as_of for _, s in record.stances if s.as_of)
    dated = [q.date for q in record.quotes if q.date]
    assert context["quote"] in record.quotes and context["quote"].date == max(dated)


def test_no_card_is_in_the_sitemap(seed, pages):
    sitemap = feeds.sitemap(seed, list(pages.values())).decode()
    assert "/embed/" not in sitemap and "/actors/" in sitemap


def test_each_card_has_a_valid_oembed_answer_embedding_that_card(seed, pages):
    files = embeds.oembed_files(seed, words)
    cards = sorted(a for a in pages if "embed/" in a)
    assert sorted(files) == [a + "oembed.json" for a in cards]
    for name, made in files.items():
        answer = json.loads(made.make())
        assert answer["version"] == "1.0" and answer["type"] == "rich"
        assert isinstance(answer["width"], int) and isinstance(answer["height"], int)
        assert answer["title"] and answer["provider_name"]
        assert answer["provider_url"].startswith(BASE)
        src = BASE + name.removesuffix("oembed.json")
        assert f'<iframe src="{src}" ' in answer["html"]
        assert answer["html"].endswith("></iframe>") and 'loading="lazy"' in answer["html"]


def test_an_oembed_answer_is_the_same_bytes_every_time(seed):
    one = {name: made.make() for name, made in embeds.oembed_files(seed, words).items()}
    two = {name: made.make() for name, made in embeds.oembed_files(seed, words).items()}
    assert one == two


def test_without_a_base_url_there_is_no_oembed_answer():
    briefing, problems = load_and_check(SEED)
    assert briefing is not None, problems
    assert embeds.oembed_files(briefing, words) == {}
    assert embeds.host_code(Urls(None)) is None


def test_the_embed_code_escapes_what_it_quotes():
    code = embeds.iframe_code('https://x.example/embed/a/?q="><script>', 'A "b" <c>', 300)
    assert "<script>" not in code and "&quot;" in code and "&lt;c&gt;" in code
    assert code.startswith("<iframe ") and 'height="300"' in code


def test_a_card_allows_its_own_files_and_nothing_else():
    allowed = dict(part.strip().split(" ", 1) for part in policy.CARD_POLICY.split(";"))
    assert allowed["default-src"] == "'none'"
    assert allowed["script-src"] == allowed["style-src"] == allowed["img-src"] == "'self'"
    assert "connect-src" not in allowed and "unsafe" not in policy.CARD_POLICY
