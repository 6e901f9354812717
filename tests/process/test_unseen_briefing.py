"""A briefing the code was not written for: three sides, partial dates, Unicode names,
hostile Markdown. It builds as it is, and each editor mistake in it leaves the site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.helpers.common import foreign_scripts, run_cli, soup
from tests.helpers.pipeline import digest

FIXTURE = Path(__file__).parents[1] / "fixtures" / "water"


@pytest.fixture
def water(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "content")
    result = run_cli("build", "--strict", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path


def test_builds_with_dates_at_their_precision(water: Path):
    page = soup(water / "site" / "chronology" / "index.html")
    dates = [li.find(class_="event-date").get_text(" ", strip=True) for li in page.select(".event")]
    assert dates == ["1962", "June 2011", "c. 2019", "July – September 2025",
                     "1 July – 30 September 2025"]
    assert page.find("abbr").get_text() == "c."


def test_three_sides_unicode_names_and_no_raw_html(water: Path):
    site = water / "site"
    positions = soup(site / "positions" / "index.html")
    assert positions.find("h1").get_text() == "Where the sides stand"
    assert [th.get_text() for th in positions.select("thead th")][1:] == [
        "Ostland", "Südmark", "Commission"]
    assert soup(site / "actors" / "zoe-zolc" / "index.html").find("h1").get_text() == "Zoë Żółć"
    names = [a.get_text() for a in soup(site / "actors" / "index.html").select(".actor-list a")]
    assert set(names) == {"Zoë Żółć", "Рустам Ибрагимов", "Çağla Erdoğan", "José Ñúñez"}
    for page in site.rglob("*.html"):
        html = soup(page)
        assert html.find("iframe") is None and foreign_scripts(html) == [], page
        assert not html.select("[onerror]"), page
        assert not [a for a in html.find_all("a", href=True)
                    if re.match(r"\s*(javascript|vbscript):", a["href"], re.I)], page
    assert soup(site / "index.html").find("html")["lang"] == "en-GB"


MISTAKES = [
    ("actors/zoe-zolc.yaml", "side: ostland", "side: ostlnd",
     "content/actors/zoe-zolc.yaml:3:7: error: unknown side 'ostlnd'"),
    ("chronology.yaml", "date: 2011-06", "date: 2011-16",
     "content/chronology.yaml:5:9: error: 'date': '2011-16' has no month 16"),
    ("chronology.yaml", "  approximate: true", "\tapproximate: true",
     "content/chronology.yaml:9:1: error: a tab character here"),
    ("positions.yaml", "status: narrowing", "status: closer",
     "content/positions.yaml:9:11: error: 'status' must be one of"),
    ("sources.yaml", "url: https://example.org/veyra-report", "url: ftp://example.org/x",
     "content/sources.yaml:4:8: error: 'url' must be a web address"),
    ("articles/veyra-report.md", "source: veyra-report", "sources: veyra-report",
     "content/articles/veyra-report.md:3:1: error: unknown field 'sources'"),
    ("briefing.yaml", 'updated: "2026-03-12"', "updated: yesterday",
     "content/briefing.yaml:3:10: error: 'updated': 'yesterday' is not a date"),
]


@pytest.mark.parametrize("path, old, new, expected", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_is_reported_and_leaves_the_site(water: Path, path, old, new, expected):
    before = digest(water / "site")
    file = water / "content" / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_cli("build", cwd=water)
    assert result.returncode == 1
    assert result.stderr.startswith(expected), result.stderr
    assert "Traceback" not in result.stderr
    assert digest(water / "site") == before
