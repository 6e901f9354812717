#!/usr/bin/env python3
"""Briefing's command line: build or check a briefing (see docs/commands.md). The same
commands as the installed `briefing` command; the code is the package's (briefing/cli/)."""

from pathlib import Path

from briefing.cli import main

raise SystemExit(main(prog="python build.py", project=Path(__file__).resolve().parent))
