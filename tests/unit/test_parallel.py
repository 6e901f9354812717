"""Builds shared between two processes: the same bytes, the same errors, as one process."""

from __future__ import annotations

import shutil

import pytest

import briefing.linking.linker
import briefing.output.render
import briefing.pipeline
import briefing.reading.folder
import briefing.reading.parts
from briefing.output.write import MARKER
from briefing.parallel import cores, in_shares
from briefing.pipeline import build, load_and_check
from briefing.problems import BuildFailed, Problem
from tests.helpers.common import TEMPLATES
from tests.helpers.parallel import (
    many_actors,  # noqa: F401  (fixtures)
    share_everything,
)
from tests.helpers.pipeline import digest


def test_the_machine_has_two_cores_to_share_a_build():
    assert cores() >= 2  # otherwise the tests below try only one process


def test_shares_run_in_other_processes_and_come_back_in_order():
    import os
    results = in_shares(lambda index, count: (index, count, os.getpid()), 2)
    assert [r[:2] for r in results] == [(0, 2), (1, 2)]
    assert results[0][2] == os.getpid() != results[1][2]


def test_a_shared_build_writes_the_same_bytes_as_one_process(many_actors, tmp_path,  # noqa: F811
                                                             monkeypatch):
    share_everything(monkeypatch, False)
    build(many_actors, tmp_path / "one", TEMPLATES, base_url="https://x.github.io/repo/")
    share_everything(monkeypatch, True)
    _, written = build(many_actors, tmp_path / "two", TEMPLATES,
                       base_url="https://x.github.io/repo/")
    one, two = digest(tmp_path / "one"), digest(tmp_path / "two")
    assert len(one) > 50 and written == len([p for p in two if not p.startswith("pagefind/")
                                             and p != MARKER])  # (written beforehand)
    assert {k: v for k, v in one.items() if not k.startswith("pagefind/")} == {
        k: v for k, v in two.items() if not k.startswith("pagefind/")}


def test_content_read_in_shares_gives_the_same_problems(many_actors, monkeypatch):  # noqa: F811
    (many_actors / "actors/actor-3.yaml").write_text("name: [broken\n")
    (many_actors / "actors/actor-7.yaml").write_text("name: X\nrole: Y\nsummary: Z\nside: est\n")
    (many_actors / "chronology.yaml").write_text(
        (many_actors / "chronology.yaml").read_text() + "- date: 2026-02-30\n  title: T\n")
    share_everything(monkeypatch, False)
    _, alone = load_and_check(many_actors, parallel=True)
    share_everything(monkeypatch, True)
    _, shared = load_and_check(many_actors, parallel=True)
    assert len(alone) == 3 and [str(p) for p in shared] == [str(p) for p in alone]


@pytest.mark.parametrize("template, broken", [
    ("actor.html", ("{{ actor.role }}", "{{ actor.rolle }}")),  # pages of both shares
    ("base.html", ("{{ 'style.css'|asset }}", "/style.css")),  # a link leaving the base path
])
def test_errors_in_either_share_fail_the_build_and_keep_the_old_site(
        many_actors, tmp_path, monkeypatch, template, broken):  # noqa: F811
    monkeypatch.setattr(briefing.pipeline, "PARALLEL_FROM", 1)
    out = tmp_path / "site"
    build(many_actors, out, TEMPLATES)
    before = digest(out)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    text = (templates / template).read_text()
    (templates / template).write_text(text.replace(*broken))
    with pytest.raises(BuildFailed) as failed:
        build(many_actors, out, templates, base_url="https://x.github.io/repo/")
    assert all(isinstance(p, Problem) for p in failed.value.problems)
    assert failed.value.problems[0].path.endswith(".html")
    assert digest(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_content_errors_raised_in_another_process_arrive_whole():
    def work(index: int, count: int) -> int:
        if index == 1:
            raise BuildFailed([Problem("templates/actor.html", 3, 1, "template error: x")])
        return index

    with pytest.raises(BuildFailed) as failed:
        in_shares(work, 2)
    assert [str(p) for p in failed.value.problems] == [
        "templates/actor.html:3:1: error: template error: x"]


def test_jobs_are_shared_out_and_come_back_in_order():
    import os

    from briefing.parallel import share_out

    results = share_out(40, lambda job: (job, os.getpid()), 2, theirs=3)
    assert [job for job, _ in results] == list(range(40))
    assert {pid for _, pid in results[:3]} == {results[0][1]} != {os.getpid()}  # theirs
    alone = share_out(5, lambda job: (job, os.getpid()), 1, theirs=2)
    assert alone == [(job, os.getpid()) for job in range(5)]


@pytest.mark.parametrize("tail, wrong", [
    ("", False),  # clean: the parts' records are the whole file's
    ("- id: meeting-3\n  date: 2026-03-01\n  title: Again\n  sources: [report]\n", True),
    ('- date: 2026-03-02\n  title: "Two\n- lines"\n  sources: [report]\n', False),  # cut inside
    ("- date: 2026-03-03\n  title: [open\n", True),  # a part that does not parse
    ("- date: 2026-13-01\n  title: Bad month\n  sources: [nowhere]\n", True),
])
def test_a_long_list_file_read_in_parts_reads_as_one(many_actors, monkeypatch, tail, wrong):  # noqa: F811
    """A large list file is cut into runs of items read in both processes: the records
    and every problem (lines, columns, duplicates across the cut) are the whole file's."""
    path = many_actors / "chronology.yaml"
    text = path.read_text().replace("- date: '2026-01-04'",
                                    "- id: meeting-3\n  date: '2026-01-04'", 1)
    assert "meeting-3" in text
    path.write_text(text + tail)
    share_everything(monkeypatch, False)
    problems: list[Problem] = []
    alone = briefing.reading.folder.read_content(many_actors, problems, parallel=True)
    share_everything(monkeypatch, True)
    monkeypatch.setattr(briefing.reading.parts, "PART_ITEMS", 4)
    assert len(briefing.reading.parts.list_parts(str(path), ("event", None))[1]) > 5
    shared_problems: list[Problem] = []
    shared = briefing.reading.folder.read_content(many_actors, shared_problems, parallel=True)
    assert shared == alone and (len(alone.events) >= 40 or "[open" in tail)
    assert [str(p) for p in shared_problems] == [str(p) for p in problems]
    assert wrong == bool(problems)


@pytest.mark.parametrize("tail, wrong", [
    ("", False),
    ("2026-01-04-meeting-3:\n  title: Знову\n", True),  # an id repeated across parts
    ("2026-01-05-meeting-4:\n  title: [open\n", True),  # a part that does not parse
    ("Not-an-id:\n  title: Так\n", True),
])
def test_a_long_translation_map_read_in_parts_reads_as_one(many_actors, monkeypatch, tail,  # noqa: F811
                                                            wrong):
    """A translation's chronology (event id → translated fields) is cut before its ids as
    a list file is before its items: the same records, the same problems."""
    path = many_actors / "translations/uk/chronology.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("".join(f"2026-01-{n % 28 + 1:02d}-meeting-{n}:\n  title: Зустріч {n}\n"
                            f"  summary: Текст **{n}**.\n" for n in range(28)) + tail)
    share_everything(monkeypatch, False)
    problems: list[Problem] = []
    alone = briefing.reading.folder.read_content(many_actors, problems, parallel=True)
    share_everything(monkeypatch, True)
    monkeypatch.setattr(briefing.reading.parts, "PART_ITEMS", 4)
    kind = briefing.reading.parts.part_kind(str(path), str(many_actors))
    assert kind == ("event", "uk") and len(briefing.reading.parts.list_parts(
        str(path), kind)[1]) > 5
    shared_problems: list[Problem] = []
    shared = briefing.reading.folder.read_content(many_actors, shared_problems, parallel=True)
    assert shared == alone and (wrong or len(alone.translations["uk"]["event"]) == 28)
    assert [str(p) for p in shared_problems] == [str(p) for p in problems]
    assert wrong == any(p.severity == "error" for p in problems)
