"""`diff` and `balance`: what a change does to the briefing, and how even-handed its
sourcing is; each also goes onto a GitHub Actions run's summary page."""

from __future__ import annotations

import sys
from argparse import Namespace

from .report import report


def diff(args: Namespace) -> int:
    """Print the summary; under GitHub Actions, add it to the run's summary page too."""
    from ..editor.annotations import add_to_step_summary, annotations
    from ..editor.diff import NoVersion, summary
    from ..problems import finish, has_errors

    try:
        text, problems, log = summary(args.old_ref, args.content)
    except NoVersion as exc:
        print(f"{args.prog} diff: error: cannot read {args.old_ref}: {exc}", file=sys.stderr)
        return 2
    log = finish(log, args.strict)
    if args.format == "github":  # each at its line of the pull request
        print(annotations(log, "github"), end="")
    else:
        report(log, args.prog)
    print(text, end="")
    add_to_step_summary(text)
    return 1 if has_errors(finish(problems, args.strict)) or has_errors(log) else 0


def balance(args: Namespace) -> int:
    """Print the balance table and its own notes (nothing else `check` would say, unless
    the briefing does not load); under GitHub Actions, add the table to the run's summary
    page."""
    from ..editor.annotations import add_to_step_summary
    from ..editor.balance import report as table
    from ..linking.loading import load_and_check
    from ..linking.sourcing import balance_notes

    briefing, problems = load_and_check(args.content, args.strict)
    if briefing is None:
        report(problems, args.prog)
        return 1
    for problem in sorted(balance_notes(briefing)):
        print(problem, file=sys.stderr)
    text = table(briefing)
    print(text, end="")
    add_to_step_summary("\n" + text)
    return 0
