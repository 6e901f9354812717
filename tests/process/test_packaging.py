"""The installed package: a wheel built from the project holds every package under
briefing/ (found, not listed: a hand-kept list once missed one), and its `briefing`
command builds the seed byte for byte as `python build.py build` does.

The wheel goes into a fresh virtual environment, not editable. Its dependencies are
the project's environment's, reached by a path line (a .pth file): a path added that way
is not a site folder, so the editable install there (its own .pth) is never run, and
`import briefing` can only find the wheel's (asserted).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the project (building writes into its source)."""
    source = tmp_path_factory.mktemp("source")
    shutil.copytree(ROOT / "briefing", source / "briefing",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                    str(source)], check=True, capture_output=True)
    return next(out.glob("briefing-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment with the wheel installed; its bin/ folder."""
    home = tmp_path_factory.mktemp("env")
    venv.EnvBuilder(with_pip=False).create(home)
    python = home / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                    "--no-deps", "--no-index", "-q", str(wheel)], check=True,
                   capture_output=True)
    site_packages = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip()
    ours = Path(sysconfig.get_paths()["purelib"]).resolve()
    (Path(site_packages) / "dependencies.pth").write_text(f"{ours}\n")
    return home / "bin"


def test_the_wheel_holds_every_package(wheel: Path):
    packages = {p.parent.relative_to(ROOT).as_posix()
                for p in (ROOT / "briefing").rglob("__init__.py")}
    with zipfile.ZipFile(wheel) as archive:
        held = {Path(name).parent.as_posix() for name in archive.namelist()
                if name.endswith("/__init__.py")}
    assert packages <= held, sorted(packages - held)
    assert {"briefing/cli", "briefing/editions"} <= held


def test_the_wheel_is_what_is_imported(installed: Path, tmp_path: Path):
    found = subprocess.run([installed / "python", "-c", "import briefing; "
                            "print(briefing.__file__)"], cwd=tmp_path,
                           capture_output=True, text=True, check=True).stdout
    assert Path(found.strip()).is_relative_to(installed.parent)


def test_briefing_command_builds_the_seed_as_build_py_does(installed: Path, tmp_path: Path):
    seed = tmp_path / "seed"
    for folder in ("content", "templates"):
        shutil.copytree(ROOT / folder, seed / folder)
    shutil.copy(ROOT / "build.py", seed / "build.py")  # runs the installed package
    command = subprocess.run([installed / "briefing", "build", "--out", "by-command"],
                             cwd=seed, capture_output=True, text=True)
    assert command.returncode == 0, command.stderr
    assert command.stderr.startswith("built ")
    script = subprocess.run([installed / "python", "build.py", "build", "--out",
                             "by-script"], cwd=seed, capture_output=True, text=True)
    assert script.returncode == 0, script.stderr
    assert files_of(seed / "by-command") == files_of(seed / "by-script")
    assert (seed / "by-command" / "index.html").is_file()


def test_briefing_command_names_itself(installed: Path, tmp_path: Path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    wrong = subprocess.run([installed / "briefing", "chek"], cwd=tmp_path,
                           capture_output=True, text=True)
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("briefing: error: argument ")
    assert wrong.stderr.endswith("(see briefing --help)\n")
    check = subprocess.run([installed / "briefing", "check"], cwd=tmp_path,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "content: " in check.stderr and ": OK" in check.stderr


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}
