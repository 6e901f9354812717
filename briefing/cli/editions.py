"""`edition` and `editions`: tag a commit as the next edition, and publish every edition.
The rules (which commit may be one, how it is named, what is built and published) are
the package's (briefing/editions/); here they are only called and their outcome said."""

from __future__ import annotations

import functools
import sys
from argparse import Namespace

from .report import report


def edition(args: Namespace) -> int:
    """Tag HEAD as the next edition, if the content passes --strict and is committed."""
    from ..editions.tags import Refused, edition_day, tag_edition, untagged_head
    from ..linking.loading import load_and_check

    try:
        repo, head = untagged_head(args.content)
    except Refused as refused:
        print(f"{args.prog} edition: error: {refused}", file=sys.stderr)
        return 2 if refused.usage else 1
    briefing, problems = load_and_check(args.content, strict=True)
    report(problems, args.prog, notes=False)  # an edition is not the place to read them
    if briefing is None:
        print("no edition tagged: the content must pass check --strict", file=sys.stderr)
        return 1
    tag = tag_edition(repo, head, edition_day(briefing))
    print(f"tagged {tag} ({head[:12]}); publish it with: git push origin {tag}",
          file=sys.stderr)
    return 0


def editions(args: Namespace) -> int:
    """Build (or take from the cache) every edition into OUT/editions/, with its list in
    each of the site's languages; or only build them (--build-only), or only publish
    those built (--built). An edition that does not build is reported, not fatal: the
    live site and the other editions are published all the same (exit status 0)."""
    from ..editions.publish import build_editions, publish_editions, write_listing
    from ..editions.report import tell
    from ..editions.tags import GitError
    from ..problems import BuildFailed, how_many

    mistake = editions_mistake(args)
    if mistake:
        print(f"{args.prog} editions: error: {mistake}", file=sys.stderr)
        return 2
    log = functools.partial(print, file=sys.stderr)
    try:
        if args.build_only is not None:
            outcome = build_editions(args.content, args.build_only, args.base_url,
                                     args.cache, log, args.branch)
        else:
            outcome = publish_editions(args.content, args.out, args.base_url, args.cache,
                                       args.templates, log, args.branch, args.built)
    except GitError as exc:
        print(f"{args.prog} editions: error: {exc}", file=sys.stderr)
        return 1
    tell(outcome, args.format, "build" if args.build_only else "publish" if args.built
         else "both")
    if args.build_only is None:
        try:
            write_listing(outcome.listed, args.content, args.out, args.templates,
                          args.base_url)
        except BuildFailed as failed:
            report(failed.problems, args.prog)
            return 1
    where = args.build_only or f"{args.out}/editions"
    print(f"{'built' if args.build_only else 'published'} "
          f"{how_many(len(outcome.published), 'edition')} into {where}/"
          + (f"; {len(outcome.failed) + len(outcome.problems)} left out (above)"
             if outcome.failed or outcome.problems else ""), file=sys.stderr)
    return 0


def editions_mistake(args: Namespace) -> str | None:
    """Why `editions` cannot start (a usage mistake), if it cannot: no live site to publish
    into, or no repository or --branch commit to read the tags from."""
    from ..editions.tags import GitError, commit_of, repository
    from ..output.write import MARKER, is_built_site

    if args.build_only is None and not is_built_site(args.out):  # editions are written in
        return (f"no live site that Briefing built in {args.out}/ (no {MARKER}): build "
                f"it first ({args.prog} build --out {args.out}; a site built before "
                "Briefing marked its sites: delete it first)")
    try:
        commit_of(repository(args.content), args.branch)
    except GitError as exc:  # not in a repository, or no such branch: nothing to build
        return f"--branch: {exc}" if "no commit named" in str(exc) else str(exc)
    return None
