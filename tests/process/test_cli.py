"""The command line through its real entry point: exit codes and stderr format."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers.common import run_cli

LINE = re.compile(r"^[^:\n]+:\d+:\d+: (error|warning|note): .+$")


def test_plain_build_py_builds_content_into_site(content: Path, tmp_path: Path):
    result = run_cli(cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "actors" / "ana" / "index.html").is_file()
    assert "built" in result.stderr and "site/" in result.stderr


def test_the_count_of_files_built_is_what_the_site_holds(content: Path, tmp_path: Path):
    result = run_cli("build", cwd=tmp_path)
    held = sum(1 for p in (tmp_path / "site").rglob("*") if p.is_file())
    assert held > 30 and f"built {held} files into site/" in result.stderr  # search included


def test_no_search_builds_without_an_index_or_a_search_box(content: Path, tmp_path: Path):
    assert run_cli(cwd=tmp_path).returncode == 0
    assert (tmp_path / "site" / "pagefind" / "pagefind.js").is_file()
    assert "site-search has-index" in (tmp_path / "site" / "index.html").read_text()
    result = run_cli("build", "--no-search", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site" / "pagefind").exists()
    assert "has-index" not in (tmp_path / "site" / "index.html").read_text()


def test_check_validates_and_writes_nothing(content: Path, tmp_path: Path):
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site").exists()


def test_content_errors_exit_1_one_line_each_no_traceback(content: Path, tmp_path: Path):
    assert run_cli("build", cwd=tmp_path).returncode == 0
    index = (tmp_path / "site" / "index.html").read_bytes()
    (content / "actors" / "ana.yaml").write_text(
        "name: Ana\nrole: Mayor\nside: nort\nsummary: x\ncolour: red\n")
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[:2] == [
        "content/actors/ana.yaml:3:7: error: unknown side 'nort': there is none among the "
        "sides in briefing.yaml (did you mean 'north'?)",
        "content/actors/ana.yaml:5:1: error: unknown field 'colour' in an actor"]
    assert all(LINE.match(line) for line in lines[:-1])
    assert (tmp_path / "site" / "index.html").read_bytes() == index


def test_warnings_count_as_errors_only_when_strict(content: Path, tmp_path: Path):
    (content / "chronology.yaml").write_text("- date: 2026\n  title: Talks\n")
    relaxed = run_cli("check", cwd=tmp_path)
    strict = run_cli("check", "--strict", cwd=tmp_path)
    assert relaxed.returncode == 0 and ": warning: event 'Talks'" in relaxed.stderr
    assert strict.returncode == 1 and ": error: event 'Talks'" in strict.stderr


def test_a_broken_yaml_file_reports_its_line_and_column(content: Path, tmp_path: Path):
    (content / "sources.yaml").write_text("- id: report\n  title: [A report\n")
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "content/sources.yaml:3:1: error: a '[' is not closed with ']' (it was opened at "
        "line 2, column 10)")


@pytest.mark.parametrize("args, message", [
    (["build", "--no-such-option"],
     "python build.py: error: unrecognized arguments: --no-such-option (see python build.py "
     "--help)"),
    (["serve", "--port", "notanumber"],
     "python build.py serve: error: argument --port: 'notanumber' is not a port: give a "
     "number from 1 to 65535 (see python build.py serve --help)"),
    (["check", "--content", "missing"],
     "python build.py check: error: no content folder at missing (see python build.py "
     "check --help)"),
    (["build", "--base-url", "example.org"],
     "python build.py build: error: --base-url must be an absolute http(s) URL, e.g. "
     "https://owner.github.io/repo/ (see python build.py build --help)"),
    (["build", "--templates", "missing"],
     "python build.py build: error: --templates: no templates folder at missing (no "
     "base.html) (see python build.py build --help)"),
    (["serve", "--templates", "content"],
     "python build.py serve: error: --templates: no templates folder at content (no "
     "base.html) (see python build.py serve --help)"),
    (["new", "article", "--title", "Talks", "--source", "report", "--text", "talks.md"],
     "python build.py new article: error: --text: no file at talks.md (see python build.py "
     "new article --help)"),
    (["new", "article", "--title", "Talks", "--source", "report", "--text", "content"],
     "python build.py new article: error: --text: no file at content (see python build.py "
     "new article --help)"),
    (["new", "article", "--title", "Talks", "--source", "report", "--text", "latin1.md"],
     "python build.py new: error: --text: cannot read latin1.md: it is not UTF-8 text: save "
     "it as UTF-8"),
    (["schemas", "--out", "content/briefing.yaml"],
     "python build.py schemas: error: --out: content/briefing.yaml is a file, not a folder "
     "(see python build.py schemas --help)"),
    (["schemas", "--out", "content/briefing.yaml/schemas"],
     "python build.py schemas: error: cannot write content/briefing.yaml/schemas: Not a "
     "directory"),
    (["build", "--out", "content/briefing.yaml/site"],
     "python build.py build: error: the output folder {tmp}/content/briefing.yaml/site "
     "overlaps the content folder {tmp}/content"),
    (["build", "--out", "notes.txt/site"],
     "python build.py build: error: cannot write {tmp}/notes.txt: File exists"),
    (["translations", "uk", "--confirm", "actors/nobody.yaml"],
     "python build.py translations: error: no translation file "
     "content/translations/uk/actors/nobody.yaml"),
    (["translations", "uk", "--confirm", ""],
     "python build.py translations: error: --confirm takes FILE or FILE:FIELD, e.g. "
     "actors/putin.yaml:role"),
    (["translations", "UK"],
     "python build.py translations: error: write the language's tag as uk, as its folder "
     "is named (content/translations/uk/)"),
    (["build", "--cache", "content/briefing.yaml"],
     "python build.py build: error: --cache: content/briefing.yaml is a file, not a folder "
     "(see python build.py build --help)"),
    (["edition"],
     "python build.py edition: error: content is not in a git repository: editions are git "
     "tags"),
    (["diff", "HEAD~1"],
     "python build.py diff: error: cannot read HEAD~1: not a git repository (or any of the parent "
     "directories): .git"),
])
def test_every_usage_mistake_is_one_line_with_exit_2(content: Path, tmp_path: Path,
                                                     args: list[str], message: str):
    """Every flag that takes a file or folder, given one that is missing or wrong."""
    (tmp_path / "latin1.md").write_bytes("Caf\xe9".encode("latin-1"))
    (tmp_path / "notes.txt").write_text("keep")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [message.format(tmp=tmp_path.resolve())]
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_refusing_an_output_folder_that_is_not_a_site_exits_2(content: Path, tmp_path: Path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "draft.txt").write_text("keep")
    result = run_cli("build", "--out", "notes", cwd=tmp_path)
    assert result.returncode == 2 and "does not look like a built site" in result.stderr
    assert (tmp_path / "notes" / "draft.txt").read_text() == "keep"


def test_check_format_github_annotates_the_line_of_the_mistake(content: Path, tmp_path: Path):
    """What a pull request's check prints: the runner turns each line into an annotation
    on content/actors/ana.yaml, line 2, in the diff."""
    text = (content / "actors/ana.yaml").read_text().replace("role:", "rol:")
    (content / "actors/ana.yaml").write_text(text)
    result = run_cli("check", "--format", "github", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        "::error file=content/actors/ana.yaml,line=2,col=1,title=Briefing error::unknown "
        "field 'rol' in an actor (did you mean 'role'?)\n")


def test_check_format_json(content: Path, tmp_path: Path):
    import json

    (content / "actors/ana.yaml").write_text("name: [broken\n")
    result = run_cli("check", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    assert json.loads(result.stdout) == [{
        "path": "content/actors/ana.yaml", "line": 2, "column": 1, "severity": "error",
        "message": "a '[' is not closed with ']' (it was opened at line 1, column 7)"}]
    assert result.stderr == ""
    (content / "actors/ana.yaml").write_text("name: Ana\nrole: Mayor\nsummary: Ana.\n")
    clean = run_cli("check", "--format", "json", cwd=tmp_path)
    assert (clean.returncode, json.loads(clean.stdout)) == (0, [])
    unusable = run_cli("check", "--format", "json", cwd=tmp_path / "content")
    assert (unusable.returncode, unusable.stdout) == (2, "")  # no content/ there
    assert unusable.stderr.startswith("python build.py check: error: no content folder")
