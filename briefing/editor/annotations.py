"""Problems for machines: GitHub Actions workflow commands, which show each problem on its
line of a pull request's diff, and JSON for other tools."""

from __future__ import annotations

import json
import os
from dataclasses import asdict

from ..problems import Problem, printable


def annotations(problems: list[Problem], format: str) -> str:
    if format == "json":
        return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2) + "\n"
    return "".join(github_command(p) + "\n" for p in problems)


def add_to_step_summary(text: str) -> None:
    """Under GitHub Actions, append Markdown to the run's summary page (the file the runner
    names in GITHUB_STEP_SUMMARY); elsewhere, nothing."""
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as out:
            out.write(text)


COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}  # GitHub's names


def github_command(problem: Problem) -> str:
    """`::error file=…,line=…,col=…,title=…::message`, escaped as the runner reads it (a
    note is GitHub's `::notice`), unprintable characters as escapes (a log is a terminal
    too)."""
    properties = ",".join(f"{key}={escape_property(printable(str(value)))}" for key, value in (
        ("file", problem.path), ("line", problem.line), ("col", problem.column),
        ("title", f"Briefing {problem.severity}")))
    return f"::{COMMANDS[problem.severity]} {properties}::{escape_data(printable(problem.message))}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
