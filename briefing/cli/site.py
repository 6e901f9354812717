"""`build`, `check` and `serve`: the briefing made into a site, checked, or previewed.

Each imports what it needs when it runs: `check` (run at every save by editors' hooks)
starts without the renderer.
"""

from __future__ import annotations

import os
import sys
import time
from argparse import Namespace

from . import collector
from .report import report


def build(args: Namespace) -> int:
    started = time.perf_counter()
    from ..editions.isolation import EDITION_BUILD
    from ..editions.tags import any_editions
    from ..output.write import UnsafeOutput
    from ..pipeline import build as build_site
    from ..problems import BuildFailed

    try:
        with collector.paused():
            problems, _ = build_site(args.content, args.out, args.templates, args.base_url,
                                     args.strict, args.search, any_editions(args.content),
                                     args.cache, admin=EDITION_BUILD not in os.environ)
    except BuildFailed as failed:
        report(failed.problems, args.prog)
        print(f"build failed: {args.out}/ was left as it was", file=sys.stderr)
        return 1
    except UnsafeOutput as exc:
        print(f"{args.prog} build: error: {exc}", file=sys.stderr)
        return 2
    report(problems, args.prog)
    count = sum(len(files) for _, _, files in os.walk(args.out))  # the search index and
    print(f"built {count} files into {args.out}/ in "  # editions kept included: what is there
          f"{time.perf_counter() - started:.2f} s", file=sys.stderr)
    if (args.out / "admin" / "index.html").is_file():
        print(f"the forms for editing in a browser: {args.out}/admin/", file=sys.stderr)
    return 0


def check(args: Namespace) -> int:
    from ..linking.loading import load_and_check

    briefing, problems = load_and_check(args.content, args.strict, parallel=True,
                                        translated=False)
    if args.format != "text":
        from ..editor.annotations import annotations

        print(annotations(problems, args.format), end="")
        return 1 if briefing is None else 0
    report(problems, args.prog)
    if briefing is None:
        return 1
    changes = (f", {len(briefing.changes)} change{'s' if len(briefing.changes) != 1 else ''}"
               if briefing.changes else "")
    print(f"{args.content}: {len(briefing.actors)} actors, {len(briefing.events)} "
          f"events, {len(briefing.issues)} issues, {len(briefing.quotes)} quotes"
          f"{changes}: OK", file=sys.stderr)
    if briefing.tallies:
        from ..linking.translations import table

        print("translations:\n" + table(list(briefing.tallies)), file=sys.stderr)
    return 0


def serve(args: Namespace) -> int:
    from ..editor.preview import Preview
    from ..editor.serve import serve

    preview = Preview(args.content, args.templates, args.base_url, args.strict,
                      editions=args.editions is not None,
                      around_rebuild=collector.paused_then_frozen)
    return serve(preview, args.host, args.port, args.open, args.editions)
