#!/usr/bin/env python3
"""Briefing's command line: build or check a briefing (see docs/content.md)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python build.py", description="Build a briefing site from content/.")
    commands = parser.add_subparsers(dest="command", metavar="{build,check,serve}")

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
    serve = commands.add_parser(
        "serve", help="build, serve on 127.0.0.1 and rebuild and reload on every change")
    common(serve)
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this computer only)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--open", action="store_true", help="open the site in a browser")
    for command in (build, serve):
        command.add_argument("--base-url", help="absolute URL the site is published at, "
                             "e.g. https://owner.github.io/repo/ (overrides briefing.yaml)")
        command.add_argument("--templates", type=Path, default=ROOT / "templates",
                             help="templates folder (default: the project's templates/)")
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv = ["build", *argv]  # `python build.py [--strict ...]` means build
    args = parser.parse_args(argv)
    if not args.content.is_dir():
        parser.error(f"no content folder at {args.content}")
    if getattr(args, "base_url", None) and not args.base_url.startswith(("http://",
                                                                          "https://")):
        parser.error("--base-url must be an absolute http(s) URL, e.g. "
                     "https://owner.github.io/repo/")
    return args


def report(problems: list) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def main(argv: list[str]) -> int:
    args = parse_args(argv)

    started = time.perf_counter()
    if args.command == "serve":
        from briefing.preview import Preview
        from briefing.serve import serve

        preview = Preview(args.content, args.templates, args.base_url, args.strict)
        return serve(preview, args.host, args.port, args.open)
    if args.command == "check":  # imports only what checking needs: it starts fast
        from briefing.load import load_and_check

        briefing, problems = load_and_check(args.content, args.strict, parallel=True)
        report(problems)
        if briefing is None:
            return 1
        print(f"{args.content}: {len(briefing.actors)} actors, {len(briefing.events)} "
              f"events, {len(briefing.issues)} issues, {len(briefing.quotes)} quotes: OK",
              file=sys.stderr)
        return 0
    from briefing.problems import BuildFailed
    from briefing.site import build
    from briefing.write import UnsafeOutput

    try:
        problems, count = build(args.content, args.out, args.templates, args.base_url,
                                args.strict, args.search)
    except BuildFailed as failed:
        report(failed.problems)
        print(f"build failed: {args.out}/ was left as it was", file=sys.stderr)
        return 1
    except UnsafeOutput as exc:
        print(f"python build.py: error: {exc}", file=sys.stderr)
        return 2
    report(problems)
    print(f"built {count} files into {args.out}/ in {time.perf_counter() - started:.2f} s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
