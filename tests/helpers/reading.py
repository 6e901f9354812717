"""Helpers of the reading tests, shared by tests of more than one kind or file."""

from __future__ import annotations

from tests.helpers.common import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
