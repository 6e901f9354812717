"""`build.py new`: entries written as an editor would, checked at once, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.common import run_cli
from tests.helpers.new import seed  # noqa: F401  (fixtures)


def test_new_actor_from_flags(seed: Path):  # noqa: F811
    result = run_cli("new", "actor", "--name", "Recep Tayyip Erdoğan", "--role",
                     "President of Türkiye", "--summary", "Offered to host the talks.",
                     "--country", "Türkiye", cwd=seed.parent)
    assert result.returncode == 0, result.stderr
    assert "added actor to content/actors/recep-tayyip-erdogan.yaml" in result.stderr
    assert (seed / "actors/recep-tayyip-erdogan.yaml").read_text() == (
        "name: Recep Tayyip Erdoğan\nrole: President of Türkiye\ncountry: Türkiye\n"
        "summary: Offered to host the talks.\n")
    assert run_cli("check", "--strict", cwd=seed.parent).returncode == 0


def test_new_event_is_appended_and_the_file_keeps_its_comments(seed: Path):  # noqa: F811
    before = (seed / "chronology.yaml").read_text()
    assert before.lstrip().startswith("#")
    result = run_cli("new", "event", "--date", "2025-05", "--approximate", "--title",
                     "Delegations meet in Istanbul: first talks since 2022",
                     "--actors", "zelensky,putin", "--sources", "zelensky-challenges-putin",
                     cwd=seed.parent)
    assert result.returncode == 0, result.stderr
    after = (seed / "chronology.yaml").read_text()
    assert after.startswith(before)
    assert after[len(before):] == (
        "\n- id: 2025-05-delegations-meet-in-istanbul-first-talks-since-2022\n  date: 2025-05\n"
        "  approximate: true\n  title: 'Delegations meet in Istanbul: first talks since 2022'\n"
        "  actors: [zelensky, putin]\n  sources: [zelensky-challenges-putin]\n")
    built = run_cli("build", "--no-search", cwd=seed.parent)
    assert built.returncode == 0, built.stderr
    chronology = (seed.parent / "site/chronology/index.html").read_text()
    assert "Delegations meet in Istanbul" in chronology


def test_new_issue_with_each_sides_stance(seed: Path):  # noqa: F811
    result = run_cli("new", "issue", "prisoners", "--issue", "Prisoners first?",
                     "--stance", "ukraine=All for all.", "--stance", "russia=1,000 for 1,000.",
                     "--status", "narrowing", cwd=seed.parent)
    assert result.returncode == 0, result.stderr
    assert (seed / "positions.yaml").read_text().endswith(
        "- id: prisoners\n  issue: Prisoners first?\n  status: narrowing\n  stances:\n"
        "    ukraine:\n      position: All for all.\n    russia:\n"
        "      position: 1,000 for 1,000.\n")


def test_new_source_and_its_article(seed: Path, tmp_path: Path):  # noqa: F811
    assert run_cli("new", "source", "--title", "Talks in Istanbul", "--published",
                   "2025-05-16", "--url", "https://example.org/talks",
                   cwd=seed.parent).returncode == 0
    (tmp_path / "text.md").write_text("Delegations met in Istanbul.\n")
    result = run_cli("new", "article", "--title", "Talks in Istanbul", "--source",
                     "talks-in-istanbul", "--text", str(tmp_path / "text.md"), cwd=seed.parent)
    assert result.returncode == 0, result.stderr
    assert (seed / "articles/talks-in-istanbul.md").read_text() == (
        "---\ntitle: Talks in Istanbul\nsource: talks-in-istanbul\n---\n"
        "Delegations met in Istanbul.\n")


@pytest.mark.parametrize("args, message", [
    (["actor", "putin", "--name", "V", "--role", "R", "--summary", "S"],
     ["python build.py new: there is already an actor 'putin': choose another id, or edit "
      "that one"]),
    (["issue", "direct-talks", "--issue", "Talks?", "--stance", "ukraine=Yes."],
     ["python build.py new: there is already an issue 'direct-talks': choose another id, "
      "or edit that one"]),
    (["actor", "--role", "Envoy", "--summary", "S"],
     ["python build.py new: missing --name (display name); run in a terminal to be asked "
      "for it"]),
    (["actor", "--role", "Envoy"],
     ["python build.py new: missing --name (display name) and --summary (Markdown "
      "profile); run in a terminal to be asked for them"]),
    (["issue"],
     ["python build.py new: missing --issue (the question or topic) and --stance "
      "SIDE=POSITION (each side's position; at least one); run in a terminal to be asked "
      "for them"]),
    (["event", "--date", "May 2025", "--title", "Talks"],
     ["python build.py new: --date: 'May 2025' is not a date: write YYYY, YYYY-MM or "
      "YYYY-MM-DD (e.g. 2025-05-11)",
      "nothing was written: content/chronology.yaml is as it was"]),
    (["event", "--date", "2025-05-16", "--title", "Talks", "--actors", "erdogan,putn"],
     ["python build.py new: --actors: unknown actor 'erdogan': there is none in "
      "content/actors/",
      "--actors: unknown actor 'putn': there is none in content/actors/ (did you mean "
      "'putin'?)",
      "nothing was written: content/chronology.yaml is as it was"]),
    (["issue", "prisoners", "--issue", "Prisoners?", "--stance", "rusia=1,000 for 1,000."],
     ["python build.py new: --stance rusia=…: unknown side 'rusia': there is none among "
      "the sides in briefing.yaml (did you mean 'russia'?)",
      "nothing was written: content/positions.yaml is as it was"]),
    (["actor", "--name", "Hakan Fidan", "--role", "Minister", "--summary", "S",
      "--side", "turkiye"],
     ["python build.py new: --side: unknown side 'turkiye': there is none among the sides "
      "in briefing.yaml (the choices are 'russia', 'ukraine' and 'united-states')",
      "nothing was written: content/actors/hakan-fidan.yaml was not created"]),
    (["source", "--title", "Talks", "--url", "example.org"],
     ["python build.py new: --url: 'url' must be a web address starting with https:// or "
      "http://, not 'example.org'",
      "nothing was written: content/sources.yaml is as it was"]),
])
def test_refused_entries_change_nothing_and_point_at_the_flag(seed: Path, args: list[str],  # noqa: F811
                                                             message: list[str]):
    """A refused entry is rolled back, so its problems name the flag it came from,
    never a line that no longer exists."""
    before = {p: p.read_bytes() for p in seed.rglob("*") if p.is_file()}
    result = run_cli("new", *args, cwd=seed.parent)
    assert result.returncode == 1
    assert result.stderr.splitlines() == message
    assert {p: p.read_bytes() for p in seed.rglob("*") if p.is_file()} == before


def test_a_refused_entry_that_clashes_with_an_old_line_points_at_that_line(seed: Path):  # noqa: F811
    lines = (seed / "sources.yaml").read_text().splitlines()
    source = next(n for n, line in enumerate(lines, 1)
                  if line == "- id: zelensky-challenges-putin")
    result = run_cli("new", "article", "--title", "Another text", "--source",
                     "zelensky-challenges-putin", cwd=seed.parent)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "python build.py new: --source: source 'zelensky-challenges-putin' has the text of "
        f"article 'zelensky-challenges-putin' (sources.yaml line {source}), not of this one",
        "nothing was written: content/articles/another-text.md was not created"]


def test_in_a_terminal_new_asks_for_a_missing_field(seed: Path):  # noqa: F811
    """Through the real command line, its standard input a terminal (a pty)."""
    import os
    import subprocess
    import sys

    from tests.helpers.common import ROOT

    terminal, its_side = os.openpty()
    try:
        run = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "new", "actor",
                                "--role", "Envoy", "--summary", "Hosted the talks."],
                               cwd=seed.parent, stdin=its_side, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
        os.close(its_side)
        os.write(terminal, b"Hakan Fidan\n")
        out, err = run.communicate(timeout=60)
    finally:
        os.close(terminal)
    assert run.returncode == 0, err
    assert out == "name (display name): "
    assert (seed / "actors/hakan-fidan.yaml").read_text() == (
        "name: Hakan Fidan\nrole: Envoy\nsummary: Hosted the talks.\n")


def test_new_change_is_appended_with_an_id_from_its_day_and_summary(seed: Path):  # noqa: F811
    result = run_cli("new", "change", "--at", "2025-05-16T09:30+03:00", "--kind",
                     "correction", "--summary", "The talks opened on 16 May, not 15 May.",
                     "--was", "The talks opened on 15 May.", "--affects", "briefing",
                     cwd=seed.parent)
    assert result.returncode == 0, result.stderr
    assert (seed / "changes.yaml").read_text().endswith(
        "- id: 2025-05-16-the-talks-opened-on-16-may\n  at: 2025-05-16T09:30+03:00\n"
        "  kind: correction\n  summary: The talks opened on 16 May, not 15 May.\n"
        "  was: The talks opened on 15 May.\n  affects: [briefing]\n")
    built = run_cli("build", "--no-search", cwd=seed.parent)
    assert built.returncode == 0, built.stderr
    assert 'id="2025-05-16-the-talks-opened-on-16-may"' in (
        seed.parent / "site/changes/index.html").read_text()


@pytest.mark.parametrize("args, message", [
    (["--kind", "correction", "--summary", "S.", "--affects", "briefing"],
     "python build.py new: missing --at (when it was published: a day, or a time with its "
     "offset); run in a terminal to be asked for it"),
    (["--at", "2025-05-16", "--kind", "correction", "--summary", "S.", "--affects",
      "briefing"],
     "python build.py new: the new entry: a correction says what the briefing said before: add "
     "'was' with the earlier text"),
    (["--at", "2025-05-16", "--kind", "update", "--summary", "S.", "--affects", "evnt:x"],
     "python build.py new: --affects: 'evnt:x' is not something a change can affect: "
     "write briefing, or kind:id with a kind of actor, event, issue, claim, source, "
     "article (did you mean 'event:x'?)"),
    (["--at", "2025-05-16T09:30", "--kind", "update", "--summary", "S.", "--affects",
      "briefing"],
     "python build.py new: --at: '2025-05-16T09:30' has a time but no offset from UTC: "
     "write 2025-05-16T09:30+03:00 (or 2025-05-16T09:30Z for UTC), so readers everywhere "
     "know when it was"),
])
def test_a_refused_change_points_at_its_flag(seed: Path, args: list[str], message: str):  # noqa: F811
    before = (seed / "changes.yaml").read_bytes()
    result = run_cli("new", "change", *args, cwd=seed.parent)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == message
    assert (seed / "changes.yaml").read_bytes() == before


def test_new_claim_is_appended_and_checked(seed: Path):  # noqa: F811
    result = run_cli("new", "claim", "--claim", "Russia will send a delegation.", "--status",
                     "open", "--note", "The Kremlin has not said.", "--as-of", "2025-05-11",
                     "--issue", "direct-talks", cwd=seed.parent)
    assert result.returncode == 0, result.stderr
    assert (seed / "claims.yaml").read_text().endswith(
        "- id: russia-will-send-a-delegation\n  claim: Russia will send a delegation.\n"
        "  status: open\n  note: The Kremlin has not said.\n  as_of: 2025-05-11\n"
        "  issue: direct-talks\n")
    refused = run_cli("new", "claim", "--claim", "X.", "--status", "confirmed", "--note",
                      "N.", "--as-of", "2025-05-11", cwd=seed.parent)
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0] == (
        "python build.py new: the new entry: a confirmed claim needs 'sources': the evidence "
        "behind its status (only an open claim, one nobody knows the answer to yet, may have "
        "none)")


@pytest.mark.parametrize("how", [["talks-held"], ["--id", "talks-held"],
                                 ["talks-held", "--id", "talks-held"]])
def test_new_event_writes_the_id_given_and_a_change_can_name_it(seed: Path, how: list[str]):  # noqa: F811
    """The README's `new event --id talks-held`, then a change that adds it; the id is
    in the file, so correcting the event's date later keeps it."""
    result = run_cli("new", "event", *how, "--date", "2025-05-16", "--title",
                     "Delegations meet in Istanbul", "--sources", "zelensky-challenges-putin",
                     cwd=seed.parent)
    assert result.returncode == 0, result.stderr
    assert (seed / "chronology.yaml").read_text().endswith(
        "\n- id: talks-held\n  date: 2025-05-16\n  title: Delegations meet in Istanbul\n"
        "  sources: [zelensky-challenges-putin]\n")
    change = run_cli("new", "change", "--at", "2025-05-16T18:00+03:00", "--kind", "update",
                     "--summary", "The delegations met in Istanbul.", "--adds",
                     "event:talks-held", "--affects", "issue:direct-talks", cwd=seed.parent)
    assert change.returncode == 0, change.stderr
    chronology = seed / "chronology.yaml"
    chronology.write_text(chronology.read_text().replace("date: 2025-05-16", "date: 2025-05-17"))
    assert run_cli("check", cwd=seed.parent).returncode == 0


def test_two_different_ids_are_a_usage_error(seed: Path):  # noqa: F811
    before = (seed / "chronology.yaml").read_bytes()
    result = run_cli("new", "event", "talks-held", "--id", "talks", "--date", "2025-05-16",
                     "--title", "Talks", cwd=seed.parent)
    assert result.returncode == 2
    assert result.stderr == ("python build.py new event: error: two ids, 'talks-held' and --id "
                             "'talks': give one (see python build.py new event --help)\n")
    assert (seed / "chronology.yaml").read_bytes() == before


def test_new_never_says_the_briefing_checks_out_when_it_does_not(seed: Path):  # noqa: F811
    putin = seed / "actors" / "putin.yaml"
    putin.write_text(putin.read_text().replace("side: russia", "side: rusia"))
    result = run_cli("new", "source", "--title", "Talks in Istanbul", "--url",
                     "https://example.org/", cwd=seed.parent)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("content/actors/putin.yaml:") and "unknown side 'rusia'" in lines[0]
    assert lines[-1] == ("added source to content/sources.yaml, but the briefing has the errors "
                         "above from before it: fix them, then python build.py check")
    assert "talks-in-istanbul" in (seed / "sources.yaml").read_text()  # written
