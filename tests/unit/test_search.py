"""What the search index reads: each site's pages, not the cards' or the forms' (never
indexed: Pagefind would read them for nothing), nor the translations' in the original's."""

from __future__ import annotations

from pathlib import Path

from briefing.output.search import indexed_pages


def test_the_index_reads_every_folder_but_those_left_out(tmp_path: Path):
    for folder in ("actors", "embed", "admin", "uk", "pagefind"):
        (tmp_path / folder).mkdir()
    for name in ("index.html", "404.html", "style.css", "feed.xml"):
        (tmp_path / name).write_text("x")
    assert indexed_pages(tmp_path, {"embed", "admin", "uk"}) == (
        "{404.html,actors/**/*.html,index.html,pagefind/**/*.html}")
    assert "embed" in indexed_pages(tmp_path, set())
