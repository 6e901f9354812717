"""`build.py translations LANG` writes a translation's files again: whatever the
translator wrote, however they wrote it, stays (as a field, or as a note), the file
still reads, and a second refresh changes nothing."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
import yaml

from briefing.linking.matching import digest
from tests.helpers.common import SEED, run_cli

UK = Path("content/translations/uk")


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    shutil.copytree(SEED, tmp_path / "content")
    return tmp_path


def edit(root: Path, name: str, old: str, new: str) -> Path:
    path = root / UK / name
    text = path.read_bytes().decode("utf-8")
    assert old in text, old
    path.write_bytes(text.replace(old, new, 1).encode("utf-8"))
    return path


def refreshed(root: Path, path: Path) -> str:
    """Refresh the translation twice: the first must keep the file reading without
    errors, the second change nothing. Returns the text after."""
    first = run_cli("translations", "uk", cwd=root)
    assert first.returncode == 0, first.stderr
    text = path.read_bytes().decode("utf-8")
    check = run_cli("check", cwd=root)
    assert check.returncode == 0 and ": error: " not in check.stderr, check.stderr
    second = run_cli("translations", "uk", cwd=root)
    assert second.returncode == 0 and path.read_bytes().decode("utf-8") == text
    return text


def test_a_list_in_flow_style_keeps_each_translation(seed: Path):
    path = edit(seed, "actors/putin.yaml", '''quotes:
  #: This would be the first step towards a lasting peace, not a prelude to more armed hostilities.
  - "Це був би перший крок до тривалого миру, а не прелюдія до нових збройних дій."
  #: serious negotiations
  - "серйозні переговори"''', '''quotes: ["Це був би перший крок до тривалого миру, а не прелюдія до нових збройних дій.", "серйозні переговори"]''')  # noqa: E501
    text = refreshed(seed, path)
    assert yaml.safe_load(text)["quotes"] == [
        "Це був би перший крок до тривалого миру, а не прелюдія до нових збройних дій.",
        "серйозні переговори"]


def test_a_side_in_flow_style_keeps_each_translation(seed: Path):
    text = (seed / UK / "briefing.yaml").read_text()
    side = yaml.safe_load(text)["sides"]["russia"]
    path = edit(seed, "briefing.yaml", "  russia:\n", "  russia: {name: Росія}\n  _:\n")
    data = yaml.safe_load(path.read_text())  # the old block, now under a stray key: drop it
    block = text.split("  russia:\n")[1].split("\n  united-states:")[0]
    path.write_text(path.read_text().replace("  _:\n" + block, ""))
    assert yaml.safe_load(path.read_text())["sides"]["russia"] == {"name": "Росія"}
    assert data
    after = yaml.safe_load(refreshed(seed, path))
    assert after["sides"]["russia"]["name"] == side["name"]


@pytest.mark.parametrize("mark", ["\u2028", "\x85"])
def test_a_line_separator_inside_a_translation_is_refused_and_lost_by_nothing(seed: Path,
                                                                             mark: str):
    """A line break YAML reads and pages do not show (characters.py): an error where it
    is written; a refresh refuses the file, unchanged, until it is removed."""
    path = edit(seed, "positions.yaml", "issue: \"Перемир'я до переговорів?\"",
                f"issue: \"Перемир'я{mark}до переговорів?\"")
    before = path.read_bytes()
    ahead = before.decode().split(mark)[0]
    line, column = ahead.count("\n") + 1, len(ahead) - ahead.rfind("\n")
    check = run_cli("check", cwd=seed)
    assert f"positions.yaml:{line}:{column}: error: U+{ord(mark):04X}" in check.stderr
    result = run_cli("translations", "uk", cwd=seed)
    assert result.returncode == 1 and "has mistakes: fix them first" in result.stderr
    assert path.read_bytes() == before


def test_a_line_starting_with_a_hash_inside_a_block_stays_one_line(seed: Path):
    path = edit(seed, "actors/macron.yaml", '\nrole: "Президент Франції"',
                "\nrole: |\n  Президент Франції\n  #ЄвроСаміт")  # its last line, above the next
    before = yaml.safe_load(path.read_text())["role"]  # field's comments
    text = refreshed(seed, path)
    assert text.count("#ЄвроСаміт") == 1 and yaml.safe_load(text)["role"] == before


def test_a_translation_without_its_hash_is_kept_as_a_note(seed: Path):
    path = seed / UK / "actors" / "putin.yaml"
    role = digest("President of Russia")
    path.write_text(path.read_text().replace(f"  role: {role}\n", ""))
    result = run_cli("translations", "uk", cwd=seed)
    assert result.returncode == 0, result.stderr
    text = path.read_text()
    assert "#!   Президент Росії" in text and "role:\n" in text
    assert yaml.safe_load(text)["translated_from"]["role"] == role  # the field, empty


def test_a_copied_hash_keeps_both_translations(seed: Path):
    path = seed / UK / "actors" / "putin.yaml"
    first = digest("This would be the first step towards a lasting peace, not a prelude to "
                   "more armed hostilities.")
    path.write_text(path.read_text().replace(f"quotes.1: {digest('serious negotiations')}",
                                             f"quotes.1: {first}"))
    check = run_cli("check", cwd=seed)
    assert "'quotes.1' of actor 'putin' translates a quote no longer" in check.stderr
    text = refreshed(seed, path)
    assert "серйозні переговори" in text  # kept, as a note to reuse


def test_a_note_on_an_orphaned_translation_survives_every_refresh(seed: Path):
    positions = seed / "content" / "positions.yaml"
    positions.write_text(positions.read_text().replace("text: new truce",
                                                       "text: serious negotiations"))
    path = seed / UK / "positions.yaml"
    text = refreshed(seed, path)
    assert text.count("#!   нове перемир'я") == 1
    confirm = run_cli("translations", "uk", "--confirm", "positions.yaml", cwd=seed)
    assert confirm.returncode == 1  # nothing stale: nothing written
    assert path.read_text() == text


def test_the_translators_comments_stay_where_they_wrote_them(seed: Path):
    path = seed / UK / "positions.yaml"
    text = path.read_text()
    marked = (text.replace("\nceasefire-first:\n", "\n# C1 above a record\nceasefire-first:\n", 1)
              .replace("  stances:\n", "  # C2 above a group\n  stances:  # C3 after it\n", 1)
              .replace("    ukraine:\n", "    # C4 above a side\n    ukraine:\n", 1)
              .replace("\n\ndirect-talks:", "\n  # C5 at the end of a record\n\ndirect-talks:", 1)
              + "# C6 at the end of the file\n")
    path.write_text(marked)
    after = refreshed(seed, path)
    for n in range(1, 7):
        assert after.count(f"# C{n} ") == 1, n
    assert after.index("# C1") < after.index("ceasefire-first:") < after.index("# C2")
    assert "  stances:  # C3 after it\n" in after
    assert after.index("# C5") < after.index("direct-talks:")
    assert after.rstrip().endswith("# C6 at the end of the file")


def test_a_byte_order_mark_line_ends_and_the_files_mode_are_kept(seed: Path):
    path = seed / UK / "actors" / "putin.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    os.chmod(path, 0o664)
    original = seed / "content" / "actors" / "putin.yaml"  # a note to write: a new file
    original.write_text(original.read_text().replace("role: President of Russia",
                                                     "role: President of Russia since 2012"))
    assert run_cli("translations", "uk", cwd=seed).returncode == 0
    after = path.read_bytes()
    assert b"#! President of Russia since 2012" in after
    assert after.startswith(b"\xef\xbb\xbf# The uk translation") and b"\n" not in after.replace(
        b"\r\n", b"")
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
    new = seed / UK / "actors" / "erdogan.yaml"
    (seed / "content" / "actors" / "erdogan.yaml").write_text(
        "name: Recep Tayyip Erdoğan\nrole: President of Türkiye\nsummary: Host.\n")
    run_cli("translations", "uk", cwd=seed)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~current_umask()


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_the_summary_names_the_content_folder_given(tmp_path: Path):
    """`--content` elsewhere: the summary names the translation's folder there, where
    the files were written, not the default content/."""
    shutil.copytree(SEED, tmp_path / "newsroom" / "briefing")
    shutil.rmtree(tmp_path / "newsroom" / "briefing" / "translations" / "uk")
    result = run_cli("translations", "uk", "--content", "newsroom/briefing", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1].startswith(
        "newsroom/briefing/translations/uk/: ")
    assert (tmp_path / "newsroom" / "briefing" / "translations" / "uk" / "briefing.yaml"
            ).is_file()
    assert not (tmp_path / "content").exists()
