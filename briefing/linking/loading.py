"""A content folder → its Briefing: read (reading/folder.py), linked (linker.py), each
translation laid over it and linked in its language, and the notes on the whole added;
every problem found on the way. The one load that build, check, the preview and the
commands that write content all start from (pipeline.load for a site)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..model.briefing import Briefing
from ..model.values import Tally
from ..parallel import fill_in_shares
from ..problems import Problem, display_path, finish, has_errors
from ..reading.folder import Unsaved, read_content
from ..reading.parts import KeptReads
from ..reading.records import Records
from . import translations
from .linker import Linker, LinkMemo, rich
from .markdown import base_path
from .sourcing import balance_notes

PARALLEL_FROM = 500  # Markdown texts (~0.3 ms each): fewer cost less than a new process


def load_and_check(content: Path, strict: bool = False, memo: LinkMemo | None = None,
                   base_url: str | None = None, parallel: bool = False,
                   cache: KeptReads | None = None, unsaved: Unsaved | None = None,
                   translated: bool = True) -> tuple[Briefing | None, list[Problem]]:
    """`parallel`: render Markdown on every core, forking (not in a threaded server);
    `cache`: the build cache, for the records of files read before; `unsaved`: files
    read as if they held these texts (folder.py); `translated`: False for a briefing
    whose translations are checked and counted but not linked in (`check`: linking
    them finds nothing new, as their problems are the original's)."""
    problems: list[Problem] = []
    briefing = load_briefing(content, problems, memo, base_url, parallel, cache, unsaved,
                             translated)
    problems = finish(problems, strict)
    return (None if has_errors(problems) else briefing), problems


def load_briefing(content: Path, problems: list[Problem], memo: LinkMemo | None = None,
                  base_url: str | None = None, parallel: bool = False,
                  cache: KeptReads | None = None, unsaved: Unsaved | None = None,
                  translated: bool = True) -> Briefing | None:
    """Read, check and link everything; None when any error was found. `base_url`
    (the command line's) overrides briefing.yaml's."""
    memo = memo or LinkMemo()
    records = read_content(content, problems, memo.reads, parallel, cache, unsaved)
    if records.briefing is None:
        return None
    before = sum(p.severity == "error" for p in problems)
    base_url = base_url or records.briefing.get("base_url")
    if parallel:  # Markdown is most of what loading costs: render it on every core,
        path = base_path(base_url)  # each translation's with its own pages' root
        texts = [(path, t) for t in records.markdown] + [
            (f"{path}{lang}/", t) for lang, found in records.markdown_of.items() for t in found]
        fill_in_shares(memo.markdown, texts, rich, at_least=PARALLEL_FROM)
    briefing = Linker(records, content, problems, memo, base_url, parallel).link()
    if records.translations and sum(p.severity == "error" for p in problems) == before:
        tallies = {lang: translations.check(records, lang, briefing.language, problems,
                                            display_path(content / "translations" / lang))
                   for lang in sorted(records.translations)}
        # Laid over the originals only when all is well; a language with nothing
        # translated yet is not offered (its pages would be the original's words).
        if not has_errors(problems):
            briefing = replace(briefing, tallies=tuple(tallies.values()))
            if translated:
                briefing = replace(
                    briefing, language_name=translations.language_name(briefing.language),
                    translations=tuple(
                        translate(records, lang, briefing, content, memo, tally)
                        for lang, tally in tallies.items() if tally.translated or tally.stale))
    if sum(p.severity == "error" for p in problems) > before:
        return None
    problems += balance_notes(briefing)
    return briefing


def translate(records: Records, lang: str, original: Briefing, content: Path,
              memo: LinkMemo, tally: Tally) -> Briefing:
    """The briefing in one translation's language (checked field by field against the
    originals, `tally`): the translation laid over the records and linked as the original
    was (its problems are the original's: not told twice)."""
    laid = translations.overlay(records, lang, original.language)
    laid.briefing = {**laid.briefing, "language": lang}
    own = memo.languages.setdefault(lang, LinkMemo(memo.reads, markdown=memo.markdown,
                                                   articles=memo.articles))
    briefing = Linker(laid, content, [], own, original.base_url, prefix=f"{lang}/").link()
    head = records.translations[lang].get("briefing", {}).get("briefing", {})
    from babel import Locale

    direction = Locale.parse(lang.replace("-", "_")).character_order
    return replace(briefing, language_name=tally.name, machine=tally.machine,
                   translator=head.get("translator"), original_language=original.language,
                   direction="rtl" if direction == "right-to-left" else "ltr", tally=tally)
