"""Briefing's command line, run as `python build.py …` in the project or as the
`briefing` command once installed: the arguments parsed (arguments.py), then one command
chosen from a table, each a short function calling the package."""

from __future__ import annotations

import os
import sys
from argparse import Namespace
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from . import editing, editions, review, site
from .arguments import parse_args

COMMANDS: dict[str, Callable[[Namespace], int]] = {
    "build": site.build, "check": site.check, "serve": site.serve, "new": editing.new,
    "ids": editing.ids, "translations": editing.translations, "schemas": editing.schemas,
    "diff": review.diff, "balance": review.balance, "edition": editions.edition,
    "editions": editions.editions,
}


def main(argv: list[str] | None = None, prog: str = "briefing",
         project: Path = Path()) -> int:
    """Run one command and return its exit status. Without `argv` it is the program (the
    `briefing` command, build.py), reading sys.argv, and it leaves the process at once
    (see `leave`). `prog`: its name in messages; `project`: the folder whose templates/
    and schema/ are the defaults (build.py's own folder; the current one for `briefing`)."""
    args = parse_args(sys.argv[1:] if argv is None else argv, prog, project)
    status = run(args)
    if argv is None:
        leave(status)
    return status


def run(args: Namespace) -> int:
    try:
        return COMMANDS[args.command](args)
    except OSError as exc:  # a folder that cannot be written, a disk that is full
        where = f" {exc.filename}" if exc.filename else ""
        print(f"{args.prog} {args.command}: error: cannot write{where}: "
              f"{exc.strerror or exc}", file=sys.stderr)
        return 2


def leave(status: int) -> NoReturn:
    """Exit without freeing every object of the briefing one by one, as a normal exit does:
    a third of a second at 5,000 actors (commit 0326d94), for memory the system reclaims
    anyway. os._exit skips flushing too, so the output is flushed first."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
