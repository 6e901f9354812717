"""Reading YAML: raw scalars, syntax errors in plain words, refused structures."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefing.problems import Problem
from briefing.reading.yamlsource import parse_yaml, read_text, split_front_matter, syntax_problem


def parse(text: str) -> tuple[yaml.Node | None, list[str]]:
    problems: list[Problem] = []
    node = parse_yaml(text, "f.yaml", problems)
    return node, [str(p) for p in problems]


def test_scalars_stay_as_written():
    node, problems = parse("a: no\nb: 18:30\nc: 2025-05-12\nd: on\ne: 1e3\n")
    assert problems == []
    assert [v.value for _, v in node.value] == ["no", "18:30", "2025-05-12", "on", "1e3"]


def test_values_keep_line_and_column():
    node, _ = parse("title: x\nsides:\n  - id: a\n")
    sides = node.value[1][1]
    assert (sides.value[0].start_mark.line, sides.value[0].start_mark.column) == (2, 4)


@pytest.mark.parametrize("text, expected", [
    ("a: 1\n\tb: 2\n", "f.yaml:2:1: error: a tab character here: indent with spaces, not tabs"),
    ("a:\n  b: 1\n c: 2\n",
     "f.yaml:3:2: error: bad indentation: this line does not line up with the fields above it"),
    ("a: [1, 2\nb: 3\n",
     "f.yaml:2:2: error: a '[' is not closed with ']' (it was opened at line 1, column 4)"),
    ("a: {x: 1\n", "f.yaml:2:1: error: a '{' is not closed with '}' (it was opened at "
     "line 1, column 4)"),
    ('a: "open\nb: 2\n', "f.yaml:3:1: error: the file ends inside quoted text: a quote is not "
     "closed (it was opened at line 1, column 4)"),
    ("a: b: c\n", "f.yaml:1:5: error: unexpected ':' here: check the indentation, or put "
     "text that contains ': ' in quotes"),
    ("a: 1\na: 2\n", "f.yaml:2:1: error: duplicate field 'a' (first written at line 1)"),
    ("a: &x [1]\nb: *x\n", "f.yaml:2:4: error: anchors and aliases ('&name', '*name') are "
     "not supported: write the value out"),
    ("a: !!python/object:os.system x\n", "f.yaml:1:4: error: the YAML tag "
     "'tag:yaml.org,2002:python/object:os.system' is not supported: remove it"),
    ("a: 1\n---\nb: 2\n", "f.yaml:2:1: error: only one YAML document per file: remove the "
     "extra '---'"),
    ("a: 1\nb: x\x00y\n", "f.yaml:2:5: error: a control character (U+0000) that YAML does "
     "not allow: remove it"),  # found by tests/process/test_fuzz.py
    ("? [a]\n: b\n", "f.yaml:1:3: error: a field name must be plain text"),  # likewise
    ("? {a: 1}\nb: 2\n", "f.yaml:1:3: error: a field name must be plain text"),
])
def test_mistakes_are_reported_in_plain_words(text, expected):
    node, problems = parse(text)
    assert problems == [expected]
    if "field name" in expected:
        assert node is None  # not safe to read further


def test_billion_laughs_is_refused_without_expanding():
    lol = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n"
        for i in range(8))
    node, problems = parse(lol)
    assert node is None
    assert problems and all("aliases" in p for p in problems)


def test_read_text_handles_bom_crlf_and_bad_utf8(tmp_path: Path):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n")
    problems: list[Problem] = []
    assert read_text(path, "f.yaml", problems) == "a: 1\nb: 2\n"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    assert read_text(path, "f.yaml", problems) is None
    assert [str(p) for p in problems] == [
        "f.yaml:2:7: error: this file is not UTF-8 text: save it as UTF-8"]


def test_front_matter_keeps_the_files_line_numbers():
    front, body, body_line = split_front_matter("---\ntitle: x\nsourc: y\n---\nBody\n")
    node, _ = parse(front)
    assert node.value[1][0].start_mark.line + 1 == 3  # `sourc` is on line 3 of the file
    assert body == "Body\n" and body_line == 5
    assert split_front_matter("no front matter\n") is None


@pytest.mark.parametrize("text, expected", [
    ("a: 1\n   \tb: 2\n", "f.yaml:2:4: error: a tab character here: indent with spaces, not "
     "tabs"),
    ("\ta: 1\n", "f.yaml:1:1: error: a tab character here: indent with spaces, not tabs"),
    ("%YAML 2.0\n---\na: 1\n", "f.yaml:1:1: error: YAML syntax error: found incompatible "
     "YAML document"),
    ("a: `b`\n", "f.yaml:1:4: error: text cannot start with '`': put it in quotes"),
    ("<<: {a: b}\n", "f.yaml:1:1: error: a field name must be plain text"),  # a merge key
    ("name: x\nrole", "f.yaml:3:1: error: expected 'field: value' here: a ':' is missing, "
     "or a quote above is not closed"),  # the mark past the last line (found by fuzzing)
])
def test_more_mistakes_in_plain_words(text, expected):
    node, problems = parse(text)
    assert problems == [expected]


def test_a_syntax_error_without_a_mark_is_at_the_files_start():
    exc = yaml.MarkedYAMLError(context=None, problem="something odd")
    assert str(syntax_problem(exc, "f.yaml")) == (
        "f.yaml:1:1: error: YAML syntax error: something odd")
    exc = yaml.MarkedYAMLError(context="while reading", problem=None)
    assert str(syntax_problem(exc, "f.yaml")) == (
        "f.yaml:1:1: error: YAML syntax error: while reading")


def test_every_refused_structure_is_reported_not_just_the_first():
    node, problems = parse("a: &x [1]\nb: *x\nc: !custom d\ne: 1\ne: 2\n")
    assert node is None
    assert sorted(problems) == [
        "f.yaml:2:4: error: anchors and aliases ('&name', '*name') are not supported: "
        "write the value out",
        "f.yaml:3:4: error: the YAML tag '!custom' is not supported: remove it",
        "f.yaml:5:1: error: duplicate field 'e' (first written at line 4)"]


def test_a_tag_alone_stops_the_reading_a_duplicate_does_not():
    assert parse("a: !custom b\n")[0] is None
    node, problems = parse("a: 1\na: 2\n")
    assert node is not None and len(problems) == 1


def test_a_control_character_is_placed_by_line_and_column_with_either_loader(monkeypatch):
    import briefing.reading.yamlsource as yamlsource

    expected = ["f.yaml:3:2: error: a control character (U+0007) that YAML does not allow: "
                "remove it"]
    assert parse("a: 1\nb: 2\nc\x07: 3\n")[1] == expected
    monkeypatch.setattr(yamlsource, "Loader", yaml.SafeLoader)  # Python's own reader
    assert parse("a: 1\nb: 2\nc\x07: 3\n")[1] == expected


def test_an_unreadable_file_is_one_problem(tmp_path: Path):
    problems: list[Problem] = []
    assert read_text(tmp_path, "folder.yaml", problems) is None
    assert [str(p) for p in problems] == [
        "folder.yaml:1:1: error: cannot read the file: Is a directory"]


@pytest.mark.parametrize("data, where", [
    (b"\n\nab\xe9\n", "3:3"),
    (b"\xe9", "1:1"),
    (b"abc\ndef\xff", "2:4"),
])
def test_text_that_is_not_utf8_is_placed_by_line_and_column(tmp_path: Path, data, where):
    path = tmp_path / "f.yaml"
    path.write_bytes(data)
    problems: list[Problem] = []
    assert read_text(path, "f.yaml", problems) is None
    assert [str(p) for p in problems] == [
        f"f.yaml:{where}: error: this file is not UTF-8 text: save it as UTF-8"]


def test_old_mac_line_ends_become_new_lines(tmp_path: Path):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\rb: 2\r\nc: 3\r")
    assert read_text(path, "f.yaml", []) == "a: 1\nb: 2\nc: 3\n"


@pytest.mark.parametrize("text, expected", [
    ("---  \ntitle: x\n---\nbody\n", ("\ntitle: x\n", "body\n", 4)),  # spaces after ---
    ("---\n---\nbody\n", ("\n\n", "body\n", 3)),  # empty front matter
    ("---\ntitle: x\n...\nbody\n", ("\ntitle: x\n", "body\n", 4)),  # YAML's end marker
    (" ---\ntitle: x\n---\n", None),  # not at the line's start
    ("Text first.\n---\nmore\n", None),
    ("---\ntitle: x\n", None),  # never closed
    ("---\ntitle: x\n ---\nbody\n---\n", ("\ntitle: x\n ---\nbody\n", "", 6)),
])
def test_front_matter_is_between_two_marker_lines_at_the_start(text, expected):
    assert split_front_matter(text) == expected
