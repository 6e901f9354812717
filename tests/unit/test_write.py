"""The atomic write: a new folder beside the site, swapped in only when whole; never a
folder Briefing did not write replaced."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefing.output.write import UnsafeOutput, check_output, new_folder, swap, write_files


def siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name != folder.name)


def test_a_new_folder_replaces_the_site_only_when_the_block_ends_well(tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old")
    with new_folder(site) as fresh:
        assert fresh.parent == tmp_path and fresh.name.startswith(".site-new-")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o755  # served, so readable by all
        assert write_files(fresh, [("index.html", b"new"), ("a/b/c.html", b"deep")]) == 2
        assert (site / "old.html").read_text() == "old"  # untouched until the end
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
                  ) == [".briefing-site", "a/b/c.html", "index.html"]  # marked as built
    assert siblings(site) == []  # neither the new folder nor the old one is left


def test_an_exception_leaves_the_site_and_removes_the_new_folder(tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    with pytest.raises(RuntimeError), new_folder(site) as fresh:
        write_files(fresh, [("index.html", b"new")])
        raise RuntimeError("a template failed")
    assert (site / "index.html").read_text() == "old"
    assert siblings(site) == []


def test_a_first_build_makes_the_site_and_its_parents(tmp_path: Path):
    site = tmp_path / "deep" / "site"
    with new_folder(site) as fresh:
        write_files(fresh, [("index.html", b"x")])
    assert (site / "index.html").read_bytes() == b"x"


def test_a_failed_swap_puts_the_old_site_back(tmp_path: Path, monkeypatch):
    site, fresh = tmp_path / "site", tmp_path / "fresh"
    site.mkdir()
    (site / "index.html").write_text("old")
    fresh.mkdir()
    real_rename = Path.rename

    def rename(self: Path, target):
        if self == fresh:
            raise OSError("disk full")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError):
        swap(fresh, site)
    assert (site / "index.html").read_text() == "old"


def test_write_files_counts_what_it_wrote(tmp_path: Path):
    assert write_files(tmp_path, []) == 0
    assert write_files(tmp_path, [("x.txt", b"1"), ("y/z.txt", b"2")]) == 2
    assert (tmp_path / "y" / "z.txt").read_bytes() == b"2"


def test_only_a_site_briefing_built_or_an_empty_folder_is_replaced(tmp_path: Path, monkeypatch):
    content = tmp_path / "content"
    content.mkdir()
    (tmp_path / "project").mkdir()
    monkeypatch.chdir(tmp_path / "project")  # the current folder, apart from content
    check_output(tmp_path / "new-site", content)  # not there yet: fine
    (tmp_path / "empty").mkdir()
    check_output(tmp_path / "empty", content)
    with new_folder(tmp_path / "built") as fresh:
        write_files(fresh, [("index.html", b"x")])
    check_output(tmp_path / "built", content)
    (tmp_path / "unmarked").mkdir()  # a site built before the marker, or anyone's folder
    (tmp_path / "unmarked" / "index.html").write_text("x")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "draft.txt").write_text("keep")
    (tmp_path / "file.txt").write_text("keep")
    refused = {
        tmp_path / "notes": "does not look like a built site (no .briefing-site)",
        tmp_path / "unmarked": "if it is a site built before Briefing marked its sites, "
                               "delete it",
        tmp_path / "file.txt": "does not look like a built site",
        content: "overlaps the content folder",
        content / "site": "overlaps the content folder",
        Path("."): "refusing to replace",
        Path("/"): "overlaps the content folder",  # every folder is inside it
    }
    for out, why in refused.items():
        with pytest.raises(UnsafeOutput, match=why.replace("(", r"\(").replace(")", r"\)")):
            check_output(out, content)
    with pytest.raises(UnsafeOutput, match="overlaps"):
        check_output(tmp_path, content / "inner")  # the content inside the output
    assert os.listdir(tmp_path / "notes") == ["draft.txt"]


def test_a_folder_another_process_made_meanwhile_is_written_into(tmp_path: Path,
                                                                 monkeypatch):
    """Two processes write into one new site: each may find a folder missing, then made
    by the other before it makes it itself."""
    real_write = Path.write_bytes
    raced: list[Path] = []

    def write_bytes(self: Path, data: bytes) -> int:
        if not raced:
            raced.append(self)
            self.parent.mkdir(parents=True)  # the other process, just now
            raise FileNotFoundError(self)
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    assert write_files(tmp_path, [("actors/ana/index.html", b"x")]) == 1
    assert (tmp_path / "actors/ana/index.html").read_bytes() == b"x"


def test_the_old_site_is_moved_aside_beside_it_then_removed(tmp_path: Path, monkeypatch):
    """Beside it, so that both renames stay on one file system, where they are atomic."""
    import shutil as shutil_module

    site, fresh = tmp_path / "site", tmp_path / "fresh"
    site.mkdir()
    fresh.mkdir()
    removed: list[tuple[Path, bool]] = []
    real_rmtree = shutil_module.rmtree
    monkeypatch.setattr(shutil_module, "rmtree", lambda path, ignore_errors=False: (
        removed.append((Path(path), ignore_errors)), real_rmtree(path))[1])
    swap(fresh, site)
    [(old, ignored)] = removed
    assert old.parent == tmp_path and old.name.startswith(".site-old-") and ignored is True
    assert not old.exists() and site.is_dir() and not fresh.exists()
