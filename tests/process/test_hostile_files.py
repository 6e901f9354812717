"""Hostile files: what a repository, a mistyped option or bad timing can do to the files
around a build, each refused or survived.

- An image that is not a picture: a script (`src: scripted.js`, which replaced the site's
  own script on every page), a page with a script (`images/x.html`), an SVG, a file
  whose bytes are not its extension's.
- An image through a symbolic link: to a file outside content/, to /proc/self/environ
  (the build's environment, published), a linked folder.
- An image on the path of a file from templates/static/ (`share.png`).
- An https image URL that widens every page's Content-Security-Policy
  (`https://a.example;connect-src *`).
- `build --out` naming a project's own folder (index.html, src/, deploy.sh): refused,
  everything kept.
- Folders a killed build left beside the output (`.site-new-*`, `.site-old-*`).
- `new` and `translations` while an editor saves the same file, and on a full disk.
- `translations` on a file whose YAML the build's reader lets pass and PyYAML's does not
  (a tab after a value): a path:line:column message, not a traceback.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

from tests.helpers.common import ROOT, minimal, run_cli, write_content
from tests.helpers.hostile_files import seed  # noqa: F401  (fixtures)


def test_build_refuses_a_folder_it_did_not_build_and_keeps_everything(tmp_path: Path):
    """`--out .` is refused already; `--out project` with an index.html was replaced whole."""
    write_content(tmp_path, minimal())
    project = tmp_path / "project"
    (project / "src").mkdir(parents=True)
    (project / "index.html").write_text("<h1>Our product</h1>")
    (project / "src" / "app.py").write_text("print('the real work')")
    (project / "deploy.sh").write_text("#!/bin/sh\nrsync . server:\n")
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    result = run_cli("build", "--out", "project", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "refusing to replace" in result.stderr
    assert "if it is a site built before Briefing marked its sites, delete it" in result.stderr
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before
    assert (project / "deploy.sh").read_text() == "#!/bin/sh\nrsync . server:\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".project")] == []
    # once built by Briefing, a folder is its own to replace
    assert run_cli("build", "--out", "site", cwd=tmp_path).returncode == 0
    assert run_cli("build", "--out", "site", cwd=tmp_path).returncode == 0


def test_editions_refuse_a_live_site_briefing_did_not_build(tmp_path: Path):
    write_content(tmp_path, minimal())
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)  # editions are tags
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("someone's page")
    result = run_cli("editions", "--out", "site", cwd=tmp_path)
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["index.html"]
    assert result.returncode == 2 and "no .briefing-site" in result.stderr


def test_new_on_a_full_disk_leaves_the_file_as_it_was(seed: Path):  # noqa: F811
    """A file-size limit makes the write fail part way, as a full disk does."""
    path = seed / "chronology.yaml"
    before = path.read_bytes()
    limit = len(before) // 2

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run(
        [sys.executable, "-B", str(ROOT / "build.py"), "new", "event", "--date", "2025-05-16",
         "--title", "Talks", "--actors", "zelensky"], cwd=seed.parent, preexec_fn=small_disk,
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    assert path.read_bytes() == before
    assert [p.name for p in seed.iterdir() if p.name.endswith(".tmp")] == []
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "cannot write content/chronology.yaml: File too large" in result.stderr


def test_translations_on_a_yaml_error_say_where_without_a_traceback(seed: Path):  # noqa: F811
    """A tab after a value: the build's reader (libyaml) lets it pass, the skeleton's
    (PyYAML's own, whose marks index the text) does not."""
    path = seed / "translations" / "uk" / "chronology.yaml"
    lines = path.read_text().split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith("  title:"))
    lines[at] += "\t"
    path.write_text("\n".join(lines))
    before = path.read_bytes()
    assert run_cli("check", cwd=seed.parent).returncode == 0  # the build reads it
    result = run_cli("translations", "uk", cwd=seed.parent)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == (
        f"content/translations/uk/chronology.yaml:{at + 1}:{len(lines[at])}: error: a tab "
        "character here: use spaces, not tabs")
    assert path.read_bytes() == before
