"""A build that keeps a cache (build --cache): after any edit, the same bytes as a cold
build in one process; unchanged pages are the last build's files, not rendered again."""

from __future__ import annotations

import os

from tests.helpers.cache import machine_key_here  # noqa: F401  (fixtures)
from tests.helpers.common import run_cli
from tests.helpers.parallel import many_actors, share_everything  # noqa: F401  (a fixture)
from tests.helpers.pipeline import digest


def test_build_keeps_its_cache_across_processes(many_actors, tmp_path):  # noqa: F811
    """Digests are the same in a new process (no set, whose order changes with each
    process's hash seed, is pickled): a second build reuses every actor's page."""
    out = tmp_path / "site"
    args = ("build", "--content", str(many_actors), "--out", str(out), "--no-search",
            "--cache", str(tmp_path / ".cache"))
    assert run_cli(*args, cwd=tmp_path).returncode == 0
    assert (tmp_path / ".cache/build/state.json").is_file()
    before = {p: os.stat(out / p).st_ino for p in digest(out) if p.startswith("actors/")}
    assert run_cli(*args, cwd=tmp_path).returncode == 0
    assert all(os.stat(out / p).st_ino == inode for p, inode in before.items())
