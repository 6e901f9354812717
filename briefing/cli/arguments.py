"""The command line's words: every command, its options and their help, and the one-line
refusal of a usage mistake (exit status 2) before any command runs.

Only the standard library is imported here, so that `check` (run at every save by
editors' hooks) starts fast; `new`'s flags come from the field tables, imported for
`new` alone.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

COMMANDS = ("build", "check", "serve", "new", "diff", "translations", "balance", "schemas",
            "edition", "editions", "ids")
KINDS = ("actor", "event", "issue", "source", "article", "change", "claim")

Commands = argparse._SubParsersAction  # what add_subparsers returns


class Parser(argparse.ArgumentParser):
    """Usage mistakes in one line, with where to read more (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def parse_args(argv: list[str], prog: str, project: Path) -> argparse.Namespace:
    """The command and its options; `prog`: the program's name in messages (`python
    build.py`, `briefing`); `project`: the folder whose templates/ and schema/ are the
    defaults."""
    parser = Parser(prog=prog, description="Build a briefing site from content/.")
    commands = parser.add_subparsers(dest="command", parser_class=Parser,
                                     metavar="{" + ",".join(COMMANDS) + "}")
    for add in ADDERS:
        add(commands, project, argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["build", *argv]  # `python build.py [--strict ...]` means build
    args = parser.parse_args(argv)
    if args.command is None:
        parser.error("choose a command")
    args.prog = prog
    args.kind = getattr(args, "kind", None)
    chosen = commands.choices[args.command]
    if args.kind is not None:
        chosen = kinds_of(chosen).choices[args.kind]
    check_paths(args, chosen)
    if getattr(args, "id_flag", None) is not None:  # `new KIND --id ID` is `new KIND ID`
        if args.id not in (None, args.id_flag):
            chosen.error(f"two ids, '{args.id}' and --id '{args.id_flag}': give one")
        args.id = args.id_flag
    return args


def kinds_of(new: argparse.ArgumentParser) -> Commands:
    """`new`'s subcommands, one a kind of record."""
    return next(a for a in new._actions if isinstance(a, argparse._SubParsersAction))


def common(command: argparse.ArgumentParser) -> None:
    command.add_argument("--content", type=Path, default=Path("content"),
                         help="content folder (default: content)")
    command.add_argument("--strict", action="store_true",
                         help="treat warnings (such as unverified quotes) as errors")


def content_only(command: argparse.ArgumentParser) -> None:
    command.add_argument("--content", type=Path, default=Path("content"),
                         help="content folder (default: content)")


def site_options(command: argparse.ArgumentParser, project: Path) -> None:
    """What `build` and `serve` share besides the content: the URL and the templates."""
    command.add_argument("--base-url", help="absolute URL the site is published at, "
                         "e.g. https://owner.github.io/repo/ (overrides briefing.yaml)")
    command.add_argument("--templates", type=Path, default=project / "templates",
                         help="templates folder (default: the project's templates/)")


def port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port: give a number from 1 "
                                         "to 65535")
    return int(text)


def add_build(commands: Commands, project: Path, argv: list[str]) -> None:
    build = commands.add_parser("build", help="check the content and build the site")
    common(build)
    build.add_argument("--out", type=Path, default=Path("site"),
                       help="output folder (default: site)")
    build.add_argument("--no-search", dest="search", action="store_false",
                       help="skip the search index (quicker; the site has no search box)")
    build.add_argument("--cache", type=Path, metavar="DIR",
                       help="keep what the next build can reuse in DIR/build/ (e.g. .cache, "
                       "which git ignores), and reuse what the last one kept there")
    site_options(build, project)


def add_check(commands: Commands, project: Path, argv: list[str]) -> None:
    check = commands.add_parser("check", help="check the content only; write nothing")
    common(check)
    check.add_argument("--format", choices=("text", "github", "json"), default="text",
                       help="text (path:line:column: message), github (annotations in a "
                       "GitHub Actions run) or json")


def add_serve(commands: Commands, project: Path, argv: list[str]) -> None:
    serve = commands.add_parser(
        "serve", help="build, serve on 127.0.0.1 and rebuild and reload on every change")
    common(serve)
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this computer only)")
    serve.add_argument("--port", type=port, default=8000, help="port (default: 8000)")
    serve.add_argument("--open", action="store_true", help="open the site in a browser")
    serve.add_argument("--editions", type=Path, metavar="SITE",
                       help="also serve, read-only, the editions published into SITE/editions/ "
                       "(by build.py editions), at /editions/")
    site_options(serve, project)


def add_new(commands: Commands, project: Path, argv: list[str]) -> None:
    new = commands.add_parser("new", help="add an actor, event, issue, source, article, "
                              "change or claim")
    kinds = new.add_subparsers(dest="kind", metavar="{" + ",".join(KINDS) + "}",
                               required=True, parser_class=Parser)
    if argv[:1] != ["new"]:  # the field tables are imported for `new` alone
        return
    from ..editor.new import KINDS as TABLES
    from ..editor.new import flag_options

    for kind, table in TABLES.items():
        one = kinds.add_parser(kind, help=f"add {table.record.what}")
        made = {"change": "day and summary", "event": "date and title"}.get(
            kind, table.named_by)
        one.add_argument("id", nargs="?", help=f"its id (default: made from its {made})")
        one.add_argument("--id", dest="id_flag", metavar="ID",
                         help="its id (the same as giving it as the id argument)")
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


def add_diff(commands: Commands, project: Path, argv: list[str]) -> None:
    diff = commands.add_parser(
        "diff", help="summarise what the change since a git ref does to the briefing")
    diff.add_argument("old_ref", metavar="OLD_REF", help="e.g. origin/main or HEAD~1")
    common(diff)
    diff.add_argument("--format", choices=("text", "github"), default="text",
                      help="how to print what the change log misses: text (path:line:column: "
                      "message, to stderr) or github (annotations on the pull request)")


def add_translations(commands: Commands, project: Path, argv: list[str]) -> None:
    translations = commands.add_parser(
        "translations", help="make or refresh a translation's skeleton (content/translations/"
        "LANG/), or confirm translated fields brought up to date")
    translations.add_argument("lang", metavar="LANG", help="the language's tag, e.g. uk")
    content_only(translations)
    translations.add_argument("--confirm", metavar="FILE[:FIELD]",
                              help="mark the fields of FILE (or one FIELD; in a file of many "
                              "records ID or ID.FIELD) as translated from today's originals")


def add_balance(commands: Commands, project: Path, argv: list[str]) -> None:
    balance = commands.add_parser(
        "balance", help="how even-handed the sourcing is, side by side (stances, claims)")
    common(balance)


def add_ids(commands: Commands, project: Path, argv: list[str]) -> None:
    ids = commands.add_parser(
        "ids", help="write an 'id:' line into every event of chronology.yaml that has none "
        "(the id it has now), so that it keeps it when its date or title changes")
    content_only(ids)


def add_schemas(commands: Commands, project: Path, argv: list[str]) -> None:
    schemas = commands.add_parser(
        "schemas", help="write the JSON Schemas editors' YAML servers use (schema/)")
    schemas.add_argument("--out", type=Path, default=project / "schema",
                         help="folder (default: the project's schema/)")


def add_edition(commands: Commands, project: Path, argv: list[str]) -> None:
    edition = commands.add_parser(
        "edition", help="check the content with --strict and, if it passes, tag the commit as "
        "the next edition (edition-YYYY-MM-DD[-N], the day of the latest change)")
    content_only(edition)


def add_editions(commands: Commands, project: Path, argv: list[str]) -> None:
    editions = commands.add_parser(
        "editions", help="build every edition tag in the published branch's history with "
        "its own code (once: cached), into OUT/editions/, after the live site is built into "
        "OUT")
    editions.add_argument("--content", type=Path, default=Path("content"),
                          help="the live content folder (default: content)")
    editions.add_argument("--out", type=Path, default=Path("site"),
                          help="the live site's folder (default: site)")
    editions.add_argument("--base-url", help="the live site's URL; editions are built for "
                          "BASE_URL/editions/NAME/")
    editions.add_argument("--templates", type=Path, default=project / "templates",
                          help="the live templates, for the list of editions")
    editions.add_argument("--cache", type=Path, default=Path(".cache"),
                          help="where built editions and their environments are kept "
                          "(default: .cache)")
    editions.add_argument("--branch", default="HEAD", metavar="REF",
                          help="the commit being published: only tags in its history are "
                          "built, others are named and left out (default: HEAD)")
    split = editions.add_mutually_exclusive_group()
    split.add_argument("--build-only", type=Path, metavar="DIR",
                       help="only build each edition with its tag's code, into DIR/NAME/ (a "
                       "new folder), for --built to publish; needs no live site")
    split.add_argument("--built", type=Path, metavar="DIR",
                       help="publish the editions that --build-only built into DIR, as files "
                       "(only regular files are read; nothing in DIR is run)")
    editions.add_argument("--format", choices=("text", "github"),
                          default="github" if os.environ.get("GITHUB_ACTIONS") == "true"
                          else "text",
                          help="text, or github: annotations on the run's page (the default "
                          "in GitHub Actions)")


# In the order `--help` lists them.
ADDERS: tuple[Callable[[Commands, Path, list[str]], None], ...] = (
    add_build, add_check, add_serve, add_new, add_diff, add_translations, add_balance,
    add_ids, add_schemas, add_edition, add_editions)


def check_paths(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """Refuse, in one line, a folder or file option that names nothing usable."""
    if "content" in args and not args.content.is_dir():
        parser.error(f"no content folder at {args.content}")
    if "templates" in args and not (args.templates / "base.html").is_file():
        parser.error(f"--templates: no templates folder at {args.templates} (no base.html)")
    if getattr(args, "text", None) is not None and not args.text.is_file():
        parser.error(f"--text: no file at {args.text}")
    if getattr(args, "editions", None) is not None and not (args.editions / "editions").is_dir():
        parser.error(f"--editions: no editions in {args.editions}/editions/ (publish them "
                     f"with {args.prog} editions --out {args.editions})")
    if args.command == "schemas" and args.out.exists() and not args.out.is_dir():
        parser.error(f"--out: {args.out} is a file, not a folder")
    if getattr(args, "build_only", None) is not None and args.build_only.exists() and (
            not args.build_only.is_dir() or any(args.build_only.iterdir())):
        parser.error(f"--build-only: {args.build_only} is not a new, empty folder")
    if getattr(args, "built", None) is not None and not args.built.is_dir():
        parser.error(f"--built: no folder at {args.built} (build the editions into it with "
                     "--build-only)")
    if getattr(args, "cache", None) is not None and args.cache.exists() and not (
            args.cache.is_dir()):
        parser.error(f"--cache: {args.cache} is a file, not a folder")
    if getattr(args, "base_url", None) and not args.base_url.startswith(("http://",
                                                                          "https://")):
        parser.error("--base-url must be an absolute http(s) URL, e.g. "
                     "https://owner.github.io/repo/")
