"""Hostile-repository suite: the build cache (`build --cache`, briefing/cache.py) in the
hands of someone who can write its folder (a cache restored in CI, a copied project, an
edit by hand). Reading it runs no code, and nothing it holds is used unless this
machine's builds signed it; otherwise the build starts afresh, byte for byte a cold build.

The attacks:
- a crafted pickle in place of the kept state, that creates a file when loaded;
- the same in every file of records read from content (`reads/`);
- crafted files in the folder where Jinja's compiled templates were kept (each file's
  header is a pickle);
- a page of the site edited together with its digest in the kept state;
- a cache folder signed with another machine's key (its state forged by its owner):
  not trusted at all.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import jinja2
import pytest
from jinja2.bccache import BytecodeCache, bc_magic

from briefing.cache import BuildCache, file_digest
from briefing.pipeline import build
from tests.helpers.common import TEMPLATES
from tests.helpers.parallel import many_actors, share_everything  # noqa: F401  (a fixture)
from tests.helpers.pipeline import digest

URL = "https://x.github.io/repo/"
PAGE = "actors/actor-4/index.html"
FORGED = b"<!doctype html><script>alert('not what the newsroom wrote')</script>"


class Touch:
    """Pickled, this creates the file `marker` when unpickled: code a file made run."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return Path.touch, (self.marker,)


def crafted(marker: Path) -> bytes:
    return pickle.dumps(Touch(marker), pickle.HIGHEST_PROTOCOL)


@pytest.fixture
def machine(tmp_path, monkeypatch, many_actors) -> Iterator[Path]:  # noqa: F811
    """This machine (its own key for the cache), after a build that kept a cache: the
    content; the cache is tmp_path/cache, the site tmp_path/site."""
    share_everything(monkeypatch, True)  # records and pages made in both processes
    on_machine(monkeypatch, tmp_path / "machine-a")
    build(many_actors, tmp_path / "site", TEMPLATES, URL, cache=tmp_path / "cache",
          search=False)
    return many_actors


def on_machine(monkeypatch, home: Path) -> None:
    """Builds from now on run as on the machine whose user's cache folder is `home`."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))


@contextmanager
def no_code_run(marker: Path) -> Iterator[None]:
    """The build inside must not have run code from the cache (even if it failed)."""
    try:
        yield
    finally:
        assert not marker.exists(), "a file of the cache ran code when read"


def rebuilt_as_cold(content: Path, tmp_path: Path) -> None:
    """A build with the cache, then the same build with none: the same bytes."""
    build(content, tmp_path / "site", TEMPLATES, URL, cache=tmp_path / "cache", search=False)
    build(content, tmp_path / "cold", TEMPLATES, URL, search=False)
    assert digest(tmp_path / "site") == digest(tmp_path / "cold")


def test_a_crafted_pickle_in_place_of_the_state_runs_nothing(machine, tmp_path):
    marker = tmp_path / "marker"
    for name in ("state.pickle", "state.json"):  # where this or an older version keeps it
        (tmp_path / "cache/build" / name).write_bytes(crafted(marker))
    with no_code_run(marker):
        rebuilt_as_cold(machine, tmp_path)


def test_a_crafted_pickle_in_place_of_records_read_runs_nothing(machine, tmp_path):
    marker = tmp_path / "marker"
    reads = sorted((tmp_path / "cache/build/reads").iterdir())
    assert reads
    for path in reads:  # with the digest that once made a file of them trusted
        path.write_bytes(crafted(marker) + file_digest(crafted(marker)))
    with no_code_run(marker):
        rebuilt_as_cold(machine, tmp_path)


def test_crafted_compiled_templates_run_nothing(machine, tmp_path):
    """Named as Jinja's FileSystemBytecodeCache names each template's file, with its
    header (magic bytes, then a pickle)."""
    marker, folder = tmp_path / "marker", tmp_path / "cache/build/templates"
    folder.mkdir(exist_ok=True)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES))
    for name in env.list_templates(filter_func=lambda name: name.endswith(".html")):
        filename = env.loader.get_source(env, name)[1]
        key = BytecodeCache().get_cache_key(name, filename)
        (folder / f"__jinja2_{key}.cache").write_bytes(bc_magic + crafted(marker))
    with no_code_run(marker):
        rebuilt_as_cold(machine, tmp_path)


def forge_page(tmp_path: Path) -> None:
    """A page of the site replaced, and its digest in the kept state with it (wherever
    the state writes it: raw or in hex)."""
    page, state = tmp_path / "site" / PAGE, next((tmp_path / "cache/build").glob("state.*"))
    good, data = page.read_bytes(), state.read_bytes()
    for old, new in ((file_digest(good), file_digest(FORGED)),
                     (file_digest(good).hex().encode(), file_digest(FORGED).hex().encode())):
        data = data.replace(old, new)
    assert data != state.read_bytes()
    state.write_bytes(data)
    page.unlink()  # (not written through: the last site's files may be linked elsewhere)
    page.write_bytes(FORGED)


def test_a_page_edited_with_its_digest_in_the_state_is_not_published(machine, tmp_path):
    forge_page(tmp_path)
    rebuilt_as_cold(machine, tmp_path)
    assert (tmp_path / "site" / PAGE).read_bytes() != FORGED


def signed_again(cache: Path) -> None:
    """The state signed anew with this machine's key, as its owner's own code can (a
    state that is not signed, as FORMAT 1's was not, is left as it is)."""
    state = cache / "build/state.json"
    if state.exists():
        header, _, body = state.read_bytes().split(b"\n", 2)
        signature = BuildCache(cache, TEMPLATES).files.signature("state.json", body)
        state.write_bytes(b"\n".join([header, signature, body]))
        assert BuildCache(cache, TEMPLATES).kept.written[PAGE][1] == file_digest(FORGED)


def test_a_cache_signed_on_another_machine_is_not_trusted(machine, tmp_path, monkeypatch):
    forge_page(tmp_path)
    signed_again(tmp_path / "cache")  # on machine A, whose key signed it: it checks out
    kept = {path: os.stat(tmp_path / "site" / path).st_ino for path in digest(tmp_path / "site")}
    on_machine(monkeypatch, tmp_path / "machine-b")  # copied here: another key
    rebuilt_as_cold(machine, tmp_path)
    assert (tmp_path / "site" / PAGE).read_bytes() != FORGED
    again = [path for path, inode in kept.items()
             if os.stat(tmp_path / "site" / path).st_ino == inode]
    assert not again  # started afresh: no file of the last site taken as it was
