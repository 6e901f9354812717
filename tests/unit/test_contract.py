"""The contract's rules (part one), each proved on a briefing built for it, not on the
seed: what each field does on the page, in what order things come, and what the
command line promises. One test per rule, named for the rule."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from briefing.pipeline import build
from tests.helpers.common import TEMPLATES, soup, write_content
from tests.helpers.contract import (
    PIXEL,
    built,
    page,
    rules_briefing,
    site,  # noqa: F401  (fixtures)
    text,
)

# --- briefing.yaml ------------------------------------------------------------------

def test_the_overview_opens_with_title_dek_key_points_and_summary(site: Path):  # noqa: F811
    overview = page(site, "")
    assert text(overview.find("h1")) == "Harbour dispute"
    assert text(overview.find(class_="dek")) == "Who wants the harbour, and why."
    assert [str(li.decode_contents()) for li in overview.select(".key-points li")] == [
        "The harbour is <strong>shared</strong>.", "Talks resume in March."]
    assert overview.select_one(".prose em").get_text() == "argue"
    assert overview.find("meta", attrs={"name": "description"})["content"] == (
        "Who wants the harbour, and why.")


def test_the_updated_day_is_shown_on_the_overview_and_in_every_footer(site: Path):  # noqa: F811
    for url in ("", "actors/", "chronology/"):
        footer = page(site, url).find("footer").find("time")
        assert (footer["datetime"], footer.get_text()) == ("2026-03-12", "12 March 2026")
    assert text(page(site, "").find(class_="updated")) == "Updated 12 March 2026"


def test_language_defaults_to_english(site: Path):  # noqa: F811
    for url in ("", "actors/ana/"):
        assert page(site, url).find("html")["lang"] == "en"


def test_language_sets_every_pages_lang(tmp_path: Path):
    files = rules_briefing()
    files["briefing.yaml"]["language"] = "nb"
    out = built(tmp_path, files)
    assert {soup(p).find("html")["lang"] for p in out.rglob("*.html")} == {"nb"}


def test_a_sides_short_name_labels_its_column_and_its_name_its_group(site: Path):  # noqa: F811
    positions = page(site, "positions/")
    assert [text(th) for th in positions.select("thead th")] == ["Issue", "East",
                                                                 "The West Bank"]
    actors = page(site, "actors/")
    assert [text(h) for h in actors.select("main h2")] == ["The East Bank", "The West Bank",
                                                           "Not aligned"]


def test_with_two_sides_the_positions_page_is_where_both_sides_stand(site: Path):  # noqa: F811
    positions = page(site, "positions/")
    assert text(positions.find("h1")) == "Where both sides stand"
    assert positions.find("title").get_text() == "Where both sides stand · Harbour dispute"
    assert "Where both sides stand" in [text(a) for a in positions.select("nav a")]


def test_with_more_sides_the_positions_page_is_where_the_sides_stand(tmp_path: Path):
    files = rules_briefing()
    files["briefing.yaml"]["sides"].append({"id": "north", "name": "The North"})
    assert text(page(built(tmp_path, files), "positions/").find("h1")) == (
        "Where the sides stand")


def test_positions_title_names_the_positions_page_everywhere(tmp_path: Path):
    files = rules_briefing()
    files["briefing.yaml"]["positions_title"] = "Who wants what"
    out = built(tmp_path, files)
    assert text(page(out, "positions/").find("h1")) == "Who wants what"
    for url in ("", "actors/ana/"):
        assert "Who wants what" in [text(a) for a in page(out, url).select("nav a")]


@pytest.mark.parametrize("where", ["briefing.yaml", "the command line"])
@pytest.mark.parametrize("base", ["https://example.org/repo", "https://example.org/repo/"])
def test_a_base_url_with_or_without_its_slash_gives_the_same_absolute_urls(
        tmp_path: Path, base: str, where: str):
    files = rules_briefing()
    if where == "briefing.yaml":
        files["briefing.yaml"]["base_url"] = base
        out = built(tmp_path, files)
    else:
        out = built(tmp_path, files, base)  # as --base-url passes it
    ana = page(out, "actors/ana/")
    assert ana.find("link", rel="canonical")["href"] == "https://example.org/repo/actors/ana/"
    assert ana.find("meta", property="og:image")["content"] == (
        "https://example.org/repo/share.png")
    assert soup(out / "404.html").find("link", rel="stylesheet")["href"] == "/repo/style.css"
    locs = [e.text for e in ET.parse(out / "sitemap.xml").getroot().iter()
            if e.tag.endswith("loc")]
    assert "https://example.org/repo/actors/ana/" in locs
    assert (out / "robots.txt").read_text().endswith(
        "Sitemap: https://example.org/repo/sitemap.xml\n")


def test_without_a_base_url_no_absolute_tag_is_written(site: Path):  # noqa: F811
    overview = page(site, "")
    assert overview.find("link", rel="canonical") is None
    assert overview.find("script", type="application/ld+json") is None
    assert "Sitemap:" not in (site / "robots.txt").read_text()


# --- actors ---------------------------------------------------------------------------

def test_an_actor_page_shows_role_side_country_and_summary(site: Path):  # noqa: F811
    ana = page(site, "actors/ana/")
    assert text(ana.find("h1")) == "Ana Example"
    assert text(ana.find(class_="role")) == "*Mayor* of [East](https://example.org/)"
    facts = dict(zip([text(dt) for dt in ana.select(".facts dt")],
                     [text(dd) for dd in ana.select(".facts dd")], strict=True))
    assert facts == {"Side": "The East Bank", "Country": "Norway"}
    assert ana.select_one(".prose strong").get_text() == "leads"


def test_an_actor_without_a_side_is_not_aligned(site: Path):  # noqa: F811
    bo = page(site, "actors/bo/")
    assert dict(zip([text(dt) for dt in bo.select(".facts dt")],
                    [text(dd) for dd in bo.select(".facts dd")], strict=True)) == {
        "Side": "Not aligned"}
    groups = page(site, "")
    assert "Not aligned" in [text(h) for h in groups.select(".sides h3")]


def test_actors_are_grouped_by_side_in_the_briefings_order_then_by_name(site: Path):  # noqa: F811
    actors = page(site, "actors/")
    groups = [(text(section.find("h2")), [text(a) for a in section.select(".actor-list a")])
              for section in actors.select("main section")]
    assert groups == [("The East Bank", ["Ana Example"]),
                      ("The West Bank", ["Aaron West", "Zed Other"]),
                      ("Not aligned", ["Bo Neutral"])]
    assert [text(li.find(class_="line")) for li in actors.select(".actor-list li")][0] == (
        "Ana leads the east bank.")


def test_an_actor_image_has_its_alt_text_and_credit_escaped(site: Path):  # noqa: F811
    ana = page(site, "actors/ana/")
    image = ana.select_one(".portrait img")
    # published in the site's media/, where no page or static file is
    assert (image["src"], image["alt"]) == ("../../media/images/ana.png", "Ana at the <harbour>")
    credit = ana.select_one(".portrait figcaption")
    assert credit.get_text() == "<b>Photo</b> & Co" and credit.find("b") is None
    assert (site / "media" / "images" / "ana.png").read_bytes() == PIXEL
    zed = page(site, "actors/zed/").select_one(".portrait img")
    assert (zed["src"], zed["alt"]) == ("https://example.org/zed.jpg", "Zed")
    assert page(site, "actors/zed/").select_one(".portrait figcaption") is None


def test_an_actors_quotes_are_theirs_with_date_context_and_a_link_to_the_spot(site: Path):  # noqa: F811
    quote = page(site, "actors/ana/").select_one("#quotes ~ figure")
    assert text(quote.find("blockquote")) == "“We will talk”"
    caption = quote.find("figcaption")
    assert caption.find("time")["datetime"] == "2026-03"
    assert text(caption).startswith("at a rally, March 2026")
    assert caption.find("a")["href"] == "../../articles/report/#quote-1"
    report = page(site, "articles/report/")
    assert report.find("mark", id="quote-1").get_text() == "We will talk"


def test_an_actors_links_are_listed(site: Path):  # noqa: F811
    links = page(site, "actors/ana/").select("#links ~ ul a")
    assert [(a["href"], text(a)) for a in links] == [("https://example.org/ana", "Ana's page")]


def test_an_actor_page_lists_their_events_and_stances(site: Path):  # noqa: F811
    ana = page(site, "actors/ana/")
    assert [li["id"] for li in ana.select("#events ~ ol > li")] == ["zeta"]
    assert [(a["href"], text(a.parent)) for a in ana.select(".stance-list a")] == [
        ("../../positions/#issue-harbour",
         "Who runs the *harbour*? (East): The east, as *before*.")]


# --- chronology -----------------------------------------------------------------------

def test_events_of_the_same_date_keep_the_files_order(site: Path):  # noqa: F811
    ids = [li["id"] for li in page(site, "chronology/").select(".event")]
    assert ids.index("zeta") + 1 == ids.index("alpha")


def test_the_chronology_is_oldest_first_a_vaguer_date_before_the_dates_inside_it(site: Path):  # noqa: F811
    dates = [li.find("time")["datetime"] for li in page(site, "chronology/").select(".event")]
    assert dates == ["2019", "2022-03", "2025-07-01", "2026-03", "2026-03-12", "2026-03-12"]
    assert [text(h) for h in page(site, "chronology/").select("main h2")] == [
        "2019", "2022", "2025", "2026"]


def test_dates_are_shown_at_the_precision_written(site: Path):  # noqa: F811
    shown = [text(li.find(class_="event-date")) for li in
             page(site, "chronology/").select(".event")]
    assert shown == ["c. 2019", "March 2022", "1 July – 30 September 2025", "March 2026",
                     "12 March 2026", "12 March 2026"]


def test_an_event_without_an_id_gets_one_from_its_date_and_title(site: Path):  # noqa: F811
    ids = [li["id"] for li in page(site, "chronology/").select(".event")]
    assert "2026-03-talks-in-march" in ids and "2022-03-the-first-claim" in ids


def test_markdown_only_where_a_field_says_so(site: Path):  # noqa: F811
    """Plain fields show what was written, asterisks and brackets included."""
    chronology = page(site, "chronology/")
    first = chronology.find("li", id="2022-03-the-first-claim")
    assert text(first.find(class_="event-title")) == "The first *claim*"
    assert first.select_one("strong").get_text() == "letter"
    positions = page(site, "positions/")
    assert text(positions.select_one(".issue-name")) == "Who runs the *harbour*?"
    assert text(positions.select_one(".position")) == "The east, as *before*."
    assert positions.select_one(".issue-summary strong").get_text() == "income"
    assert positions.select_one("td strong").get_text() == "1900"
    sources = page(site, "sources/")
    assert text(sources.select_one("#source-paper cite")) == "The *Harbour* Paper"
    assert page(site, "actors/ana/").select_one(".role a") is None


# --- positions ------------------------------------------------------------------------

def test_a_side_left_out_of_an_issue_has_no_stated_position(site: Path):  # noqa: F811
    row = page(site, "positions/").find("tr", id="issue-harbour")
    cells = row.find_all("td")
    assert [cell["data-side"] for cell in cells] == ["East", "The West Bank"]
    assert cells[0].find(class_="no-position") is None
    assert text(cells[1]) == "No stated position"


def test_a_stance_shows_its_holders_quote_and_sources(site: Path):  # noqa: F811
    cell = page(site, "positions/").find("tr", id="issue-harbour").find("td")
    assert [text(a) for a in cell.select(".chips a")] == ["Ana Example"]
    assert text(cell.find("blockquote")) == "“We will talk”"
    assert [a["href"] for a in cell.select(".citations a")] == ["../sources/#source-report"]


def test_an_issues_status_is_shown_in_words(site: Path):  # noqa: F811
    status = page(site, "positions/").find("tr", id="issue-harbour").find(class_="status")
    assert text(status) == "Narrowing" and "status-narrowing" in status["class"]


# --- sources and articles -------------------------------------------------------------

def test_a_source_shows_its_publisher_date_links_and_citation_label(site: Path):  # noqa: F811
    paper = page(site, "sources/").find("li", id="source-paper")
    assert text(paper.find(class_="source-title")) == (
        "The *Harbour* Paper , The Courier, March 2026")
    assert text(paper.find(class_="source-short")) == "Cited as “Paper, 2026”"
    assert [a["href"] for a in paper.select(".source-links a")] == ["https://example.org/paper"]


def test_a_source_lists_what_cites_it(site: Path):  # noqa: F811
    report = page(site, "sources/").find("li", id="source-report")
    assert text(report.find("summary")) == "Cited by 6 events, 1 position and 1 quote"
    chronology = [li["id"] for li in page(site, "chronology/").select(".event")]
    assert [a["href"] for a in report.select("details a")] == [
        *(f"../chronology/#{event}" for event in chronology), "../positions/#issue-harbour",
        "../articles/report/#quote-1"]


def test_an_article_is_its_own_page_with_its_source(site: Path):  # noqa: F811
    report = page(site, "articles/report/")
    assert text(report.find("h1")) == "A report"
    assert report.select_one(".meta a")["href"] == "../../sources/#source-report"
    assert [li.get_text() for li in report.select(".quoted li")] == [
        "“We will talk”, Ana Example"]


# --- machine-readable files -----------------------------------------------------------

def test_the_sitemap_lists_every_page_but_search_and_404(site: Path):  # noqa: F811
    locs = sorted(e.text for e in ET.parse(site / "sitemap.xml").getroot().iter()
                  if e.tag.endswith("loc"))
    assert locs == sorted(["./", "actors/", "chronology/", "positions/", "sources/",
                           "actors/aaron/", "actors/ana/", "actors/bo/", "actors/zed/",
                           "articles/report/"])


def test_the_feed_has_an_entry_per_event_newest_first(site: Path):  # noqa: F811
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = ET.parse(site / "feed.xml").getroot().findall("a:entry", ns)
    assert [e.find("a:title", ns).text for e in entries] == [
        "Alpha meeting", "Zeta meeting", "Talks in March", "A summer of talks", "The first *claim*",
        "A survey"]


def test_briefing_json_holds_every_fact(site: Path):  # noqa: F811
    data = json.loads((site / "briefing.json").read_text())
    assert [a["id"] for a in data["actors"]] == ["aaron", "ana", "bo", "zed"]
    ana = next(a for a in data["actors"] if a["id"] == "ana")
    assert ana["image"] == {"src": "images/ana.png", "alt": "Ana at the <harbour>",
                            "credit": "<b>Photo</b> & Co", "url": "media/images/ana.png"}
    assert ana["side"] == "east" and ana["summary"].startswith("Ana **leads**")
    assert [e["id"] for e in data["events"]][-2:] == ["zeta", "alpha"]
    assert data["issues"][0]["stances"]["east"]["quote"]["verified"] is True
    assert data["language"] == "en" and data["positions_title"] == "Where both sides stand"


def test_a_build_that_fails_after_writing_began_leaves_the_old_site_byte_for_byte(
        tmp_path: Path):
    """The new site is written into a folder of its own and swapped in only when whole:
    a template that fails on the last actor page, after the other pages were written,
    leaves every old file as it was."""
    from tests.helpers.pipeline import digest

    content = write_content(tmp_path, rules_briefing())
    out = tmp_path / "site"
    build(content, out, TEMPLATES, search=False)
    before = digest(out)
    templates = Path(shutil.copytree(TEMPLATES, tmp_path / "templates"))
    actor = (templates / "actor.html").read_text()
    (templates / "actor.html").write_text(actor.replace(
        "{% block main %}", "{% block main %}{% if actor.id == 'zed' %}{{ no_such }}{% endif %}"))
    files = rules_briefing()
    files["briefing.yaml"]["title"] = "A new title on every page"
    write_content(tmp_path, files)
    from briefing.problems import BuildFailed

    with pytest.raises(BuildFailed) as failed:
        build(content, out, templates, search=False)
    assert failed.value.problems[0].message.endswith("(rendering actors/zed/)")
    assert digest(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []
