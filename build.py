#!/usr/bin/env python3
"""Briefing's command line: build or check a briefing (see docs/content.md)."""

from __future__ import annotations

import argparse
import functools
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
                                     "schemas,edition,editions,ids}")

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
    build.add_argument("--cache", type=Path, metavar="DIR",
                       help="keep what the next build can reuse in DIR/build/ (e.g. .cache, "
                       "which git ignores), and reuse what the last one kept there")
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
    serve.add_argument("--editions", type=Path, metavar="SITE",
                       help="also serve, read-only, the editions published into SITE/editions/ "
                       "(by build.py editions), at /editions/")
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
    # The kinds' flags come from the field tables: imported only for `new`, so that
    # `check` (run at every save by editors' hooks) starts without them.
    if argv[:1] == ["new"]:
        from briefing.editor.scaffold import KINDS, flag_options
    else:
        KINDS, flag_options = {}, None  # noqa: N806

    for kind in KINDS:
        one = kinds.add_parser(kind, help=f"add {KINDS[kind].record.what}")
        made = {"change": "day and summary", "event": "date and title"}.get(
            kind, KINDS[kind].named_by)
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
    ids = commands.add_parser(
        "ids", help="write an 'id:' line into every event of chronology.yaml that has none "
        "(the id it has now), so that it keeps it when its date or title changes")
    ids.add_argument("--content", type=Path, default=Path("content"),
                     help="content folder (default: content)")
    schemas = commands.add_parser(
        "schemas", help="write the JSON Schemas editors' YAML servers use (schema/)")
    schemas.add_argument("--out", type=Path, default=ROOT / "schema",
                         help="folder (default: the project's schema/)")
    edition = commands.add_parser(
        "edition", help="check the content with --strict and, if it passes, tag the commit as "
        "the next edition (edition-YYYY-MM-DD[-N], the day of the latest change)")
    edition.add_argument("--content", type=Path, default=Path("content"),
                         help="content folder (default: content)")
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
    editions.add_argument("--templates", type=Path, default=ROOT / "templates",
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
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["build", *argv]  # `python build.py [--strict ...]` means build
    args = parser.parse_args(argv)
    if args.command is None:
        parser.error("choose a command")
    args.kind = getattr(args, "kind", None)
    check_paths(args, commands.choices[args.command] if args.kind is None
                else kinds.choices[args.kind])
    if getattr(args, "id_flag", None) is not None:  # `new KIND --id ID` is `new KIND ID`
        if args.id not in (None, args.id_flag):
            kinds.choices[args.kind].error(f"two ids, '{args.id}' and --id '{args.id_flag}': "
                                           "give one")
        args.id = args.id_flag
    return args


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
                     f"with python build.py editions --out {args.editions})")
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


def counted(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def canonical_tag(tag: str) -> str:
    """A BCP 47 tag as written by convention: 'uk', 'pt-BR', 'zh-Hant'."""
    parts = tag.split("-")
    return "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p.title()
                                         for p in parts[1:])])


def report(problems: list, notes: bool = True) -> None:
    """Errors and warnings, then notes (unless not `notes`), one a line; the notes counted
    at the end (what readers are already shown: they never change the exit status)."""
    for problem in problems:
        if notes or problem.severity != "note":
            print(problem, file=sys.stderr)
    count = sum(p.severity == "note" for p in problems)
    if count:
        print(f"{count} note{'' if count == 1 else 's'}: what the site already shows readers "
              "as it is (not yet translated, not confirmed since, unevenly sourced); notes "
              f"never stop a build{'' if notes else ' (python build.py check lists them)'}",
              file=sys.stderr)


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
    from briefing.problems import display_path, has_errors

    if has_errors(warnings):  # not the new entry's: it was checked
        print(f"added {args.kind} to {display_path(path)}, but the briefing has the errors "
              "above from before it: fix them, then python build.py check", file=sys.stderr)
        return 1
    print(f"added {args.kind} to {display_path(path)}; the briefing checks out",
          file=sys.stderr)
    return 0


def add_event_ids(args: argparse.Namespace) -> int:
    """Give every event without an `id:` the id it has now, written into the file."""
    from briefing.editor.ids import Refused, add_ids
    from briefing.problems import display_path

    try:
        path, count = add_ids(args.content)
    except Refused as refused:
        report(refused.problems)
        print(f"python build.py ids: {refused}", file=sys.stderr)
        return 1
    print(f"{display_path(path)}: {count} id{'' if count == 1 else 's'} written"
          f"{'' if count else ' (every event has one)'}", file=sys.stderr)
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
    if not why and args.lang != canonical_tag(args.lang):
        why = (f"write the language's tag as {canonical_tag(args.lang)}, as its folder is "
               f"named (content/translations/{canonical_tag(args.lang)}/)")
    if not why and args.confirm is not None and not args.confirm.strip(":"):
        why = "--confirm takes FILE or FILE:FIELD, e.g. actors/putin.yaml:role"
    if why:
        print(f"python build.py translations: error: {why}", file=sys.stderr)
        return 2
    try:
        if args.confirm is not None:
            for field in confirm(args.content, args.lang, args.confirm):
                print(f"confirmed {field}", file=sys.stderr)
            return 0
        work = refresh(args.content, args.lang)
    except CannotConfirm as exc:
        report(exc.problems)
        print(f"python build.py translations: error: {exc}", file=sys.stderr)
        return 2 if exc.usage else 1
    print(f"content/translations/{args.lang}/: {counted(work.files, 'file')} written; "
          f"{counted(work.records, 'record')} and {counted(work.fields, 'field')} added, "
          f"{counted(work.moved, 'translation')} moved to follow the text translated, "
          f"{counted(work.stale, 'translated field')} whose original changed noted",
          file=sys.stderr)
    return 0


def balance_report(args: argparse.Namespace) -> int:
    """Print the balance table and its own notes (nothing else `check` would say, unless
    the briefing does not load); under GitHub Actions, add the table to the run's summary
    page."""
    from briefing.content.balance import balance_warnings
    from briefing.content.load import load_and_check
    from briefing.editor.balance import report as balance

    briefing, problems = load_and_check(args.content, args.strict)
    if briefing is None:
        report(problems)
        return 1
    for problem in sorted(balance_warnings(briefing)):
        print(problem, file=sys.stderr)
    text = balance(briefing)
    print(text, end="")
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as out:
            out.write("\n" + text)
    return 0


def tag_edition(args: argparse.Namespace) -> int:
    """Tag HEAD as the next edition, if the content passes --strict and is committed."""
    from briefing.content.load import load_and_check
    from briefing.editions.tags import GitError, git, next_tag, repository

    try:
        repo = repository(args.content)
    except GitError as exc:  # not in a repository: nothing to tag
        print(f"python build.py edition: error: {exc}", file=sys.stderr)
        return 2
    dirty = git(repo, "status", "--porcelain").splitlines()
    if dirty:
        print("python build.py edition: error: an edition is a commit, and there are "
              f"uncommitted changes ({', '.join(line[3:] for line in dirty[:5])}"
              f"{', …' if len(dirty) > 5 else ''}): commit them, or remove what is not "
              "the briefing's, first", file=sys.stderr)
        return 1
    head = git(repo, "rev-parse", "HEAD").strip()
    on_head = git(repo, "tag", "--points-at", head, "--list", "edition-*").split()
    if on_head:
        print(f"python build.py edition: error: this commit is already {on_head[0]}; an "
              "edition is never tagged twice", file=sys.stderr)
        return 1
    briefing, problems = load_and_check(args.content, strict=True)
    report(problems, notes=False)  # an edition is not the place to read them
    if briefing is None:
        print("no edition tagged: the content must pass check --strict", file=sys.stderr)
        return 1
    day = briefing.changes[0].at.day if briefing.changes else briefing.updated.first_day
    tag = next_tag(day, set(git(repo, "tag", "--list", "edition-*").split()))
    git(repo, "tag", tag, head)
    print(f"tagged {tag} ({head[:12]}); publish it with: git push origin {tag}",
          file=sys.stderr)
    return 0


def publish_editions(args: argparse.Namespace) -> int:
    """Build (or take from the cache) every edition into OUT/editions/, with its list in
    each of the site's languages; or only build them (--build-only), or only publish
    those built (--built). An edition that does not build is reported, not fatal: the
    live site and the other editions are published all the same (exit status 0)."""
    from briefing.editions.publish import build_editions, listing_page, publish_editions
    from briefing.editions.report import counted, tell
    from briefing.editions.tags import GitError, commit_of, repository
    from briefing.output.write import MARKER, is_built_site
    from briefing.pipeline import write_in_every_language
    from briefing.problems import BuildFailed

    def usage(message: str) -> int:
        print(f"python build.py editions: error: {message}", file=sys.stderr)
        return 2

    if args.build_only is None and not is_built_site(args.out):  # editions are written in
        return usage(f"no live site that Briefing built in {args.out}/ (no {MARKER}): build "
                     f"it first (python build.py build --out {args.out}; a site built before "
                     "Briefing marked its sites: delete it first)")
    try:
        commit_of(repository(args.content), args.branch)
    except GitError as exc:  # not in a repository, or no such branch: nothing to build
        return usage(f"--branch: {exc}" if "no commit named" in str(exc) else str(exc))
    log = functools.partial(print, file=sys.stderr)
    try:
        if args.build_only is not None:
            outcome = build_editions(args.content, args.build_only, args.base_url,
                                     args.cache, log, args.branch)
        else:
            outcome = publish_editions(args.content, args.out, args.base_url, args.cache,
                                       args.templates, log, args.branch, args.built)
    except GitError as exc:
        print(f"python build.py editions: error: {exc}", file=sys.stderr)
        return 1
    tell(outcome, args.format, "build" if args.build_only else "publish" if args.built
         else "both")
    if args.build_only is None:
        try:
            write_in_every_language(args.content, args.out, args.templates, args.base_url,
                                    lambda site, words: listing_page(outcome.listed, site,
                                                                     words))
        except BuildFailed as failed:
            report(failed.problems)
            return 1
    where = args.build_only or f"{args.out}/editions"
    print(f"{'built' if args.build_only else 'published'} "
          f"{counted(len(outcome.published), 'edition')} into {where}/"
          + (f"; {len(outcome.failed) + len(outcome.problems)} left out (above)"
             if outcome.failed or outcome.problems else ""), file=sys.stderr)
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

        preview = Preview(args.content, args.templates, args.base_url, args.strict,
                          editions=args.editions is not None)
        return serve(preview, args.host, args.port, args.open, args.editions)
    if args.command == "new":
        return new_entry(args)
    if args.command == "diff":
        return diff_summary(args)
    if args.command == "balance":
        return balance_report(args)
    if args.command == "translations":
        return translation_skeleton(args)
    if args.command == "edition":
        return tag_edition(args)
    if args.command == "editions":
        return publish_editions(args)
    if args.command == "ids":
        return add_event_ids(args)
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
        if briefing.tallies:
            from briefing.content.translations import table

            print("translations:\n" + table(list(briefing.tallies)), file=sys.stderr)
        return 0
    from briefing.output.write import UnsafeOutput
    from briefing.pipeline import build
    from briefing.problems import BuildFailed

    try:
        from briefing.editions.tags import any_editions

        problems, _ = build(args.content, args.out, args.templates, args.base_url,
                            args.strict, args.search, any_editions(args.content), args.cache)
    except BuildFailed as failed:
        report(failed.problems)
        print(f"build failed: {args.out}/ was left as it was", file=sys.stderr)
        return 1
    except UnsafeOutput as exc:
        print(f"python build.py build: error: {exc}", file=sys.stderr)
        return 2
    report(problems)
    count = sum(len(files) for _, _, files in os.walk(args.out))  # the search index and
    print(f"built {count} files into {args.out}/ in "  # editions kept included: what is there
          f"{time.perf_counter() - started:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    status = main(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    # Leave without freeing every object of the briefing one by one, as a normal exit
    # does: a third of a second at 5,000 actors, for memory the system reclaims anyway.
    os._exit(status)
