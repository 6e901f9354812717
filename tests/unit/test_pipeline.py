"""Building: atomic swaps, no orphans, byte-identical rebuilds, every page of the contract."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.output.write import UnsafeOutput
from briefing.pipeline import build, prepare
from briefing.problems import BuildFailed
from tests.helpers.common import TEMPLATES, minimal, soup, write_content
from tests.helpers.pipeline import digest


def test_every_page_of_the_contract_is_written(content: Path, tmp_path: Path):
    build(content, tmp_path / "site", TEMPLATES)
    files = set(digest(tmp_path / "site"))
    assert {"index.html", "actors/index.html", "actors/ana/index.html",
            "chronology/index.html", "positions/index.html", "articles/report/index.html",
            "sources/index.html", "404.html", "sitemap.xml", "feed.xml", "robots.txt",
            "briefing.json", "style.css", "favicon.svg"} <= files


def test_same_content_gives_byte_identical_output(content: Path, tmp_path: Path):
    build(content, tmp_path / "a", TEMPLATES)
    build(content, tmp_path / "b", TEMPLATES)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")


def test_a_content_error_stops_the_build_before_anything_is_written(content: Path,
                                                                   tmp_path: Path):
    """(A failure after writing began: test_contract.py.)"""
    out = tmp_path / "site"
    build(content, out, TEMPLATES)
    before = digest(out)
    (content / "actors" / "ana.yaml").write_text("name: [broken\n")
    with pytest.raises(BuildFailed) as failed:
        build(content, out, TEMPLATES)
    assert "content/actors/ana.yaml" in str(failed.value.problems[0])
    assert digest(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_template_error_fails_with_the_templates_file_and_line(content, tmp_path: Path):
    templates = Path(shutil.copytree(TEMPLATES, tmp_path / "templates"))
    text = (templates / "actor.html").read_text().replace("{{ actor.role }}",
                                                          "{{ actor.rolle }}", 1)
    (templates / "actor.html").write_text(text)
    line = text[:text.index("actor.rolle")].count("\n") + 1
    with pytest.raises(BuildFailed) as failed:
        build(content, tmp_path / "site", templates)
    problem = failed.value.problems[0]
    assert (problem.path, problem.line) == ("templates/actor.html", line)
    assert "rolle" in problem.message


def test_deleted_actor_leaves_no_orphan_page(content: Path, tmp_path: Path):
    out = tmp_path / "site"
    files = minimal()
    files["actors/bob.yaml"] = {"name": "Bob", "role": "Clerk", "summary": "Bob."}
    write_content(tmp_path, files)
    build(content, out, TEMPLATES)
    assert (out / "actors" / "bob" / "index.html").is_file()
    (content / "actors" / "bob.yaml").unlink()
    build(content, out, TEMPLATES)
    assert not (out / "actors" / "bob").exists()


def test_refuses_to_replace_a_folder_that_is_not_a_site(content: Path, tmp_path: Path):
    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "draft.txt").write_text("keep me")
    with pytest.raises(UnsafeOutput):
        build(content, precious, TEMPLATES)
    with pytest.raises(UnsafeOutput):
        build(content, content, TEMPLATES)
    assert (precious / "draft.txt").read_text() == "keep me"


def test_links_are_relative_so_the_site_works_under_a_sub_path(content, tmp_path):
    build(content, tmp_path / "site", TEMPLATES)
    page = soup(tmp_path / "site" / "actors" / "ana" / "index.html")
    hrefs = [a["href"] for a in page.select("header nav a")]
    assert hrefs == ["../../", "../../actors/", "../../chronology/", "../../positions/",
                     "../../sources/"]
    assert page.find("link", rel="stylesheet")["href"] == "../../style.css"


def test_a_printed_page_carries_its_date_and_its_address_when_the_site_has_one(content,
                                                                              tmp_path):
    build(content, tmp_path / "bare", TEMPLATES)
    line = soup(tmp_path / "bare" / "actors" / "ana" / "index.html").select_one(".print-only")
    assert line.get_text().startswith("Updated ") and "·" not in line.get_text()
    build(content, tmp_path / "site", TEMPLATES, base_url="https://example.github.io/repo/")
    line = soup(tmp_path / "site" / "actors" / "ana" / "index.html").select_one(".print-only")
    assert line.select_one("span[dir=ltr]").get_text() == (
        "https://example.github.io/repo/actors/ana/")


def test_404_links_start_from_the_base_path(content, tmp_path):
    build(content, tmp_path / "site", TEMPLATES, base_url="https://example.github.io/repo/")
    page = soup(tmp_path / "site" / "404.html")
    assert page.find("link", rel="stylesheet")["href"] == "/repo/style.css"
    assert page.select("nav a")[1]["href"] == "/repo/actors/"


def test_build_and_preview_assemble_the_site_prepare_gives(content: Path, tmp_path: Path):
    """One way to assemble a site (prepare): the build writes its pages, the preview
    serves them."""
    from briefing.editor.preview import Preview

    build(content, tmp_path / "site", TEMPLATES)
    planned = {page.path for page in prepare(content, TEMPLATES).pages}
    assert "actors/ana/index.html" in planned
    assert planned <= set(digest(tmp_path / "site"))
    preview = Preview(content, TEMPLATES)
    preview.rebuild()
    assert not preview.failed
    assert set(preview.pages) == {page.path for page in
                                  prepare(content, TEMPLATES, search=False).pages}


def test_prepare_raises_the_content_problems(content: Path):
    (content / "actors" / "ana.yaml").write_text("name: [broken\n")
    with pytest.raises(BuildFailed) as failed:
        prepare(content, TEMPLATES)
    assert "content/actors/ana.yaml" in str(failed.value.problems[0])
