#!/usr/bin/env python3
"""Briefing's command line: build or check a briefing (see docs/content.md)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parent


class Parser(argparse.ArgumentParser):
    """Usage mistakes in one line, with where to read more (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port: give a number from 1 "
                                         "to 65535")
    return int(text)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = Parser(prog="python build.py",
                    description="Build a briefing site from content/.")
    commands = parser.add_subparsers(dest="command", parser_class=Parser,
                                     metavar="{build,check,serve,new,diff,translations,balance,"
                                     "schemas}")

    def common(command: argparse.ArgumentParser) -> None:
        command.add_argument("--content", type=Path, default=Path("content"),
                             help="content folder (default: content)")
        command.add_argument("--strict", action="store_true",
                             help="treat warnings (such as unverified quotes) as errors")

    build = commands.add_parser("build", help="check the content and build the site")
    common(build)
    build.add_argument("--out", type=Path, default=Path("site"),
                       help="output folder (default: site)")
    build.add_argument("--no-search", dest="search", action="store_false",
                       help="skip the search index (quicker; the site has no search box)")
    check = commands.add_parser("check", help="check the content only; write nothing")
    common(check)
    check.add_argument("--format", choices=("text", "github", "json"), default="text",
                       help="text (path:line:column: message), github (annotations in a "
                       "GitHub Actions run) or json")
    serve = commands.add_parser(
        "serve", help="build, serve on 127.0.0.1 and rebuild and reload on every change")
    common(serve)
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this computer only)")
    serve.add_argument("--port", type=port, default=8000, help="port (default: 8000)")
    serve.add_argument("--open", action="store_true", help="open the site in a browser")
    for command in (build, serve):
        command.add_argument("--base-url", help="absolute URL the site is published at, "
                             "e.g. https://owner.github.io/repo/ (overrides briefing.yaml)")
        command.add_argument("--templates", type=Path, default=ROOT / "templates",
                             help="templates folder (default: the project's templates/)")
    new = commands.add_parser("new", help="add an actor, event, issue, source, article, "
                              "change or claim")
    kinds = new.add_subparsers(dest="kind",
                               metavar="{actor,event,issue,source,article,change,claim}",
                               required=True, parser_class=Parser)
    from briefing.editor.scaffold import KINDS, flag_options

    for kind in KINDS:
        one = kinds.add_parser(kind, help=f"add {KINDS[kind].record.what}")
        made = "day and summary" if kind == "change" else KINDS[kind].named_by
        one.add_argument("id", nargs="?", help=f"its id (default: made from its {made})")
        common(one)
        for flag, options in flag_options(kind):
            one.add_argument(flag, **options)
        if kind == "issue":
            one.add_argument("--stance", action="append", default=[], metavar="SIDE=POSITION",
                             help="a side's position, e.g. ukraine='Talks only after a "
                             "ceasefire.' (repeat for each side)")
        if kind == "article":
            one.add_argument("--text", type=Path, metavar="FILE",
                             help="a file with the article's text (Markdown)")
    diff = commands.add_parser(
        "diff", help="summarise what the change since a git ref does to the briefing")
    diff.add_argument("old_ref", metavar="OLD_REF", help="e.g. origin/main or HEAD~1")
    common(diff)
    diff.add_argument("--format", choices=("text", "github"), default="text",
                      help="how to print what the change log misses: text (path:line:column: "
                      "message, to stderr) or github (annotations on the pull request)")
    translations = commands.add_parser(
        "translations", help="make or refresh a translation's skeleton (content/translations/"
        "LANG/), or confirm translated fields brought up to date")
    translations.add_argument("lang", metavar="LANG", help="the language's tag, e.g. uk")
    translations.add_argument("--content", type=Path, default=Path("content"),
                              help="content folder (default: content)")
    translations.add_argument("--confirm", metavar="FILE[:FIELD]",
                              help="mark the fields of FILE (or one FIELD; in a file of many "
                              "records ID or ID.FIELD) as translated from today's originals")
    balance = commands.add_parser(
        "balance", help="how even-handed the sourcing is, side by side (stances, claims)")
    common(balance)
    schemas = commands.add_parser(
        "schemas", help="write the JSON Schemas editors' YAML servers use (schema/)")
    schemas.add_argument("--out", type=Path, default=ROOT / "schema",
                         help="folder (default: the project's schema/)")
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["build", *argv]  # `python build.py [--strict ...]` means build
    args = parser.parse_args(argv)
    if args.command is None:
        parser.error("choose a command")
    args.kind = getattr(args, "kind", None)
    check_paths(args, commands.choices[args.command] if args.kind is None
                else kinds.choices[args.kind])
    return args


def check_paths(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """Refuse, in one line, a folder or file option that names nothing usable."""
    if "content" in args and not args.content.is_dir():
        parser.error(f"no content folder at {args.content}")
    if "templates" in args and not (args.templates / "base.html").is_file():
        parser.error(f"--templates: no templates folder at {args.templates} (no base.html)")
    if getattr(args, "text", None) is not None and not args.text.is_file():
        parser.error(f"--text: no file at {args.text}")
    if args.command == "schemas" and args.out.exists() and not args.out.is_dir():
        parser.error(f"--out: {args.out} is a file, not a folder")
    if getattr(args, "base_url", None) and not args.base_url.startswith(("http://",
                                                                          "https://")):
        parser.error("--base-url must be an absolute http(s) URL, e.g. "
                     "https://owner.github.io/repo/")


def report(problems: list) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def new_entry(args: argparse.Namespace) -> int:
    from briefing.editor import scaffold

    given = {k.removeprefix("field_"): v for k, v in vars(args).items()
             if k.startswith("field_")}
    stances = {}
    for stance in getattr(args, "stance", []):
        side, equals, position = stance.partition("=")
        if not equals or not side.strip() or not position.strip():
            print(f"python build.py: error: --stance takes SIDE=POSITION, not '{stance}'",
                  file=sys.stderr)
            return 2
        stances[side.strip()] = position.strip()
    body = ""
    if getattr(args, "text", None) is not None:
        try:
            body = args.text.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            why = getattr(exc, "strerror", None) or "it is not UTF-8 text: save it as UTF-8"
            print(f"python build.py new: error: --text: cannot read {args.text}: {why}",
                  file=sys.stderr)
            return 2

    def ask(name: str, doc: str) -> str:
        return input(f"{name} ({doc}): ")

    try:
        path, warnings = scaffold.new_entry(args.kind, args.content, given, args.id,
                                            ask if sys.stdin.isatty() else None, body, stances)
    except scaffold.Refused as refused:
        print(f"python build.py new: {refused}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\npython build.py new: stopped; nothing was written", file=sys.stderr)
        return 1
    report(warnings)
    from briefing.problems import display_path

    print(f"added {args.kind} to {display_path(path)}; the briefing checks out",
          file=sys.stderr)
    return 0


def diff_summary(args: argparse.Namespace) -> int:
    """Print the summary; under GitHub Actions, add it to the run's summary page too."""
    from briefing.editor.diff import NoVersion, summary

    try:
        text, problems, log = summary(args.old_ref, args.content)
    except NoVersion as exc:
        print(f"python build.py diff: error: cannot read {args.old_ref}: {exc}",
              file=sys.stderr)
        return 2
    from briefing.problems import finish, has_errors

    log = finish(log, args.strict)
    if args.format == "github":  # each at its line of the pull request
        from briefing.editor.annotations import annotations

        print(annotations(log, "github"), end="")
    else:
        report(log)
    print(text, end="")
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as out:
            out.write(text)
    return 1 if has_errors(finish(problems, args.strict)) or has_errors(log) else 0


def translation_skeleton(args: argparse.Namespace) -> int:
    """Make or refresh a translation's skeleton, or confirm fields brought up to date."""
    from briefing.content.read import unknown_language
    from briefing.editor.skeleton import CannotConfirm, confirm, refresh

    why = unknown_language(args.lang)
    if why:
        print(f"python build.py translations: error: {why}", file=sys.stderr)
        return 2
    try:
        if args.confirm:
            for field in confirm(args.content, args.lang, args.confirm):
                print(f"confirmed {field}", file=sys.stderr)
            return 0
        work = refresh(args.content, args.lang)
    except CannotConfirm as exc:
        print(f"python build.py translations: error: {exc}", file=sys.stderr)
        return 1
    print(f"content/translations/{args.lang}/: {work.files} files written; {work.records} "
          f"records and {work.fields} fields added, {work.stale} translated fields whose "
          "original changed noted", file=sys.stderr)
    return 0


def balance_report(args: argparse.Namespace) -> int:
    """Print the balance table (and its warnings, as `check` does); under GitHub Actions,
    add the table to the run's summary page."""
    from briefing.content.load import load_and_check
    from briefing.editor.balance import report as balance

    briefing, problems = load_and_check(args.content, args.strict)
    report(problems)
    if briefing is None:
        return 1
    text = balance(briefing)
    print(text, end="")
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as out:
            out.write("\n" + text)
    return 0


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    try:
        return run(args)
    except OSError as exc:  # a folder that cannot be written, a disk that is full
        where = f" {exc.filename}" if exc.filename else ""
        print(f"python build.py {args.command}: error: cannot write{where}: "
              f"{exc.strerror or exc}", file=sys.stderr)
        return 2


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if args.command == "serve":
        from briefing.editor.preview import Preview
        from briefing.editor.serve import serve

        preview = Preview(args.content, args.templates, args.base_url, args.strict)
        return serve(preview, args.host, args.port, args.open)
    if args.command == "new":
        return new_entry(args)
    if args.command == "diff":
        return diff_summary(args)
    if args.command == "balance":
        return balance_report(args)
    if args.command == "translations":
        return translation_skeleton(args)
    if args.command == "schemas":
        from briefing.editor.schemas import write_schemas

        for path in write_schemas(args.out):
            print(f"wrote {path}", file=sys.stderr)
        return 0
    if args.command == "check":  # imports only what checking needs: it starts fast
        from briefing.content.load import load_and_check

        briefing, problems = load_and_check(args.content, args.strict, parallel=True)
        if args.format != "text":
            from briefing.editor.annotations import annotations

            print(annotations(problems, args.format), end="")
            return 1 if briefing is None else 0
        report(problems)
        if briefing is None:
            return 1
        changes = (f", {len(briefing.changes)} change{'s' if len(briefing.changes) != 1 else ''}"
                   if briefing.changes else "")
        print(f"{args.content}: {len(briefing.actors)} actors, {len(briefing.events)} "
              f"events, {len(briefing.issues)} issues, {len(briefing.quotes)} quotes"
              f"{changes}: OK", file=sys.stderr)
        if briefing.translations:
            from briefing.content.translations import table

            print("translations:\n" + table([t.tally for t in briefing.translations
                                              if t.tally is not None]), file=sys.stderr)
        return 0
    from briefing.output.write import UnsafeOutput
    from briefing.pipeline import build
    from briefing.problems import BuildFailed

    try:
        problems, count = build(args.content, args.out, args.templates, args.base_url,
                                args.strict, args.search)
    except BuildFailed as failed:
        report(failed.problems)
        print(f"build failed: {args.out}/ was left as it was", file=sys.stderr)
        return 1
    except UnsafeOutput as exc:
        print(f"python build.py build: error: {exc}", file=sys.stderr)
        return 2
    report(problems)
    print(f"built {count} files into {args.out}/ in {time.perf_counter() - started:.2f} s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    status = main(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    # Leave without freeing every object of the briefing one by one, as a normal exit
    # does: a third of a second at 5,000 actors, for memory the system reclaims anyway.
    os._exit(status)
