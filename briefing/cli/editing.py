"""`new`, `ids`, `translations` and `schemas`: the commands that write into the content
(or, for `schemas`, the editors' schema files) for the editor."""

from __future__ import annotations

import sys
from argparse import Namespace

from ..problems import how_many
from .report import report


def new(args: Namespace) -> int:
    """Add a record, asking for what is missing when a person is at the terminal."""
    from ..editor.new import Refused, new_entry
    from ..problems import display_path, has_errors

    stances = read_stances(args)
    body = read_text(args) if stances is not None else None
    if stances is None or body is None:
        return 2
    given = {k.removeprefix("field_"): v for k, v in vars(args).items()
             if k.startswith("field_")}
    try:
        path, warnings = new_entry(args.kind, args.content, given, args.id,
                                   ask if sys.stdin.isatty() else None, body, stances)
    except Refused as refused:
        print(f"{args.prog} new: {refused}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print(f"\n{args.prog} new: stopped; nothing was written", file=sys.stderr)
        return 1
    report(warnings, args.prog)
    if has_errors(warnings):  # not the new entry's: it was checked
        print(f"added {args.kind} to {display_path(path)}, but the briefing has the errors "
              f"above from before it: fix them, then {args.prog} check", file=sys.stderr)
        return 1
    print(f"added {args.kind} to {display_path(path)}; the briefing checks out",
          file=sys.stderr)
    return 0


def ask(name: str, doc: str) -> str:
    return input(f"{name} ({doc}): ")


def read_stances(args: Namespace) -> dict[str, str] | None:
    """`--stance SIDE=POSITION`s as a dict; None (said why) if one is not that."""
    stances = {}
    for stance in getattr(args, "stance", []):
        side, equals, position = stance.partition("=")
        if not equals or not side.strip() or not position.strip():
            print(f"{args.prog}: error: --stance takes SIDE=POSITION, not '{stance}'",
                  file=sys.stderr)
            return None
        stances[side.strip()] = position.strip()
    return stances


def read_text(args: Namespace) -> str | None:
    """The article's `--text` file ("" without one); None (said why) if it cannot be read."""
    if getattr(args, "text", None) is None:
        return ""
    try:
        return args.text.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = getattr(exc, "strerror", None) or "it is not UTF-8 text: save it as UTF-8"
        print(f"{args.prog} new: error: --text: cannot read {args.text}: {why}",
              file=sys.stderr)
        return None


def ids(args: Namespace) -> int:
    """Give every event without an `id:` the id it has now, written into the file."""
    from ..editor.ids import Refused, add_ids
    from ..problems import display_path

    try:
        path, count = add_ids(args.content)
    except Refused as refused:
        report(refused.problems, args.prog)
        print(f"{args.prog} ids: {refused}", file=sys.stderr)
        return 1
    print(f"{display_path(path)}: {count} id{'' if count == 1 else 's'} written"
          f"{'' if count else ' (every event has one)'}", file=sys.stderr)
    return 0


def translations(args: Namespace) -> int:
    """Make or refresh a translation's skeleton, or confirm fields brought up to date."""
    from ..editor.translation_files import CannotConfirm, confirm, refresh
    from ..problems import display_path

    why = language_mistake(args)
    if why:
        print(f"{args.prog} translations: error: {why}", file=sys.stderr)
        return 2
    try:
        if args.confirm is not None:
            for field in confirm(args.content, args.lang, args.confirm):
                print(f"confirmed {field}", file=sys.stderr)
            return 0
        work = refresh(args.content, args.lang)
    except CannotConfirm as exc:
        report(exc.problems, args.prog)
        print(f"{args.prog} translations: error: {exc}", file=sys.stderr)
        return 2 if exc.usage else 1
    folder = display_path(args.content / "translations" / args.lang)
    print(f"{folder}/: {how_many(work.files, 'file')} written; "
          f"{how_many(work.records, 'record')} and {how_many(work.fields, 'field')} added, "
          f"{how_many(work.moved, 'translation')} moved to follow the text translated, "
          f"{how_many(work.stale, 'translated field')} whose original changed noted",
          file=sys.stderr)
    return 0


def language_mistake(args: Namespace) -> str | None:
    """What is wrong with `translations`' LANG or --confirm, if anything."""
    from ..reading.folder import new_language_problem

    why = new_language_problem(args.lang)
    if not why and args.confirm is not None and not args.confirm.strip(":"):
        why = "--confirm takes FILE or FILE:FIELD, e.g. actors/putin.yaml:role"
    return why


def schemas(args: Namespace) -> int:
    from ..editor.schemas import write_schemas

    for path in write_schemas(args.out):
        print(f"wrote {path}", file=sys.stderr)
    return 0
