"""The Python environments tags' code runs in: each made from a tag's requirements.lock
alone (every pin hashed; wheels only, so installing runs no package's code), for one
Python on one platform, shared by the tags whose lock is the same, and checked before
each use. A tag without a lock has no environment: ranges from pyproject.toml would
install whatever the index serves today.
"""

from __future__ import annotations

import hashlib
import json
import platform
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Callable
from pathlib import Path

from .isolation import install_env, last_lines, run_fenced, scratch_env

FORMAT = "2"  # bump when how an environment is made changes
MARKER = "made-for.json"  # what an environment was made for, written once it is ready
# Run by an environment's interpreter: what it is, to compare with what it was made for.
PROBE = ("import json, platform, sys, sysconfig; print(json.dumps({'python': "
         "platform.python_version(), 'implementation': sys.implementation.name, "
         "'platform': sysconfig.get_platform()}))")


class NoLock(Exception):
    """The tag has no requirements.lock: its dependencies cannot be installed as locked."""


def made_for(lock: bytes) -> dict[str, str]:
    """What an environment for a lock (its bytes) is, made by the Python running now."""
    return {"format": FORMAT, "lock": hashlib.sha256(lock).hexdigest(),
            "python": platform.python_version(), "implementation": sys.implementation.name,
            "platform": sysconfig.get_platform()}


def environment(tree: Path, envs: Path, log: Callable[[str], None]) -> Path:
    """The Python of the environment for the tag whose files are in `tree`, made now
    unless one made for the same lock, Python and platform is there and checks out.
    Raises NoLock, or RuntimeError saying why it could not be made."""
    lock = tree / "requirements.lock"
    if not lock.is_file():
        raise NoLock("it has no requirements.lock: an edition's code runs only with "
                     "dependencies installed from a lock with hashes (pip-compile "
                     "--generate-hashes), never from pyproject.toml's ranges")
    wanted = made_for(lock.read_bytes())
    key = hashlib.sha256(json.dumps(wanted, sort_keys=True).encode()).hexdigest()[:16]
    home = envs / key
    if checks_out(home, wanted):
        return home / "bin" / "python"
    shutil.rmtree(home, ignore_errors=True)
    log(f"making an environment for Python {wanted['python']} and the lock "
        f"{wanted['lock'][:12]}")
    make(home, lock)
    if not checks_out(home, wanted, marked=False):
        shutil.rmtree(home, ignore_errors=True)
        raise RuntimeError(f"the environment made in {home} does not run as Python "
                           f"{wanted['python']} on {wanted['platform']}")
    (home / MARKER).write_text(json.dumps(wanted, indent=1, sort_keys=True) + "\n",
                               encoding="utf-8")
    return home / "bin" / "python"


def make(home: Path, lock: Path) -> None:
    """A virtual environment with exactly the lock's pins, installed by this Python's pip
    (the environment has none of its own)."""
    steps = [[sys.executable, "-m", "venv", "--without-pip", str(home)]]
    if requirements(lock.read_bytes().decode("utf-8", "replace")):
        steps.append([sys.executable, "-m", "pip", "--python", str(home / "bin" / "python"),
                      "install", "--quiet", "--disable-pip-version-check", "--no-input",
                      "--only-binary=:all:", "--require-hashes", "-r", str(lock)])
    with tempfile.TemporaryDirectory(prefix="briefing-env-") as scratch:
        for step in steps:
            said = Path(scratch) / "said.log"
            if run_fenced(step, Path(scratch), install_env(Path(scratch)), said) != 0:
                shutil.rmtree(home, ignore_errors=True)
                raise RuntimeError("installing its locked dependencies failed: "
                                   + last_lines(said, 1500))


def requirements(lock: str) -> bool:
    """Whether a lock names anything to install (a lock may name nothing)."""
    return any(line.strip() and not line.lstrip().startswith("#")
               for line in lock.splitlines())


def checks_out(home: Path, wanted: dict[str, str], marked: bool = True) -> bool:
    """Whether the environment in `home` was made for `wanted` (its marker says so,
    unless not `marked`) and its interpreter runs and is that Python on that platform.
    Any doubt means no."""
    python = home / "bin" / "python"
    if marked:
        try:
            said = json.loads((home / MARKER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        if said != wanted:
            return False
    try:
        with tempfile.TemporaryDirectory(prefix="briefing-env-") as scratch:
            probe = subprocess.run([str(python), "-I", "-c", PROBE], capture_output=True,
                                   text=True, timeout=60, env=scratch_env(Path(scratch)))
        found = json.loads(probe.stdout) if probe.returncode == 0 else None
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return False
    return found == {k: wanted[k] for k in ("python", "implementation", "platform")}
