"""The package's layers, as pyproject.toml's [tool.importlinter] contracts write them
down: import-linter checks them on every test run, so an upward import or a cycle is a
failing test, not a finding in review."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    """import-linter on the package `briefing` found in `cwd`, by this project's
    contracts (no cache: a cache folder would be left in the project)."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(ROOT / "pyproject.toml")],
        cwd=cwd, capture_output=True, text=True, check=False)


def test_every_import_contract_is_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 kept, 0 broken" in result.stdout  # layers, reading/, linking/, model/, acyclic


@pytest.mark.parametrize("module, line, broken", [
    ("reading/records.py", "from . import parts", "briefing.reading.records is not allowed "
     "to import briefing.reading.parts"),  # a cycle of old
    ("linking/positions.py", "from . import linker", "briefing.linking.positions is not "
     "allowed to import briefing.linking.linker"),  # a cycle of old
    ("model/values.py", "from ..linking import translations", "briefing.model is not "
     "allowed to import briefing.linking"),  # an upward arrow of old
    ("reading/parts.py", "from .. import cache", "briefing.reading is not allowed to "
     "import briefing.cache"),
    ("reading/fields.py", "from ..linking import history", "briefing.reading is not "
     "allowed to import briefing.linking"),
    ("output/urls.py", "from ..pipeline import build", "briefing.output is not allowed to "
     "import briefing.pipeline"),
    ("output/render.py", "from .. import cache", "briefing.output is not allowed to "
     "import briefing.cache"),  # rendering knows the cache as its KeptFragments
])
def test_an_upward_import_breaks_a_contract(tmp_path, module, line, broken):
    """The contracts bite: a copy of the package with one import added where it must
    not be fails, naming the layer it breaks."""
    shutil.copytree(ROOT / "briefing", tmp_path / "briefing",
                    ignore=shutil.ignore_patterns("__pycache__"))
    with open(tmp_path / "briefing" / module, "a", encoding="utf-8") as f:
        f.write(f"\n{line}  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1 and "broken" in result.stdout
    assert broken in result.stdout, result.stdout
