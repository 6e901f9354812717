"""The pipeline: read and check everything, then render in memory, then write.

`check` is the same pipeline stopped before rendering. Problems are returned, not
printed: the command line prints them once.
"""

from __future__ import annotations

from pathlib import Path

from . import feeds
from .load import load_briefing
from .model import Briefing
from .pages import plan_pages
from .problems import BuildFailed, Problem, finish, has_errors
from .render import base_path_of, render_pages, static_files
from .write import check_output, write_site


def load_and_check(content: Path, strict: bool = False) -> tuple[Briefing | None, list[Problem]]:
    problems: list[Problem] = []
    briefing = load_briefing(content, problems)
    problems = finish(problems, strict)
    return (None if has_errors(problems) else briefing), problems


def render_site(briefing: Briefing, content: Path, templates: Path, base_url: str | None
                ) -> dict[str, bytes]:
    """The whole site as {path: bytes}: pages, static files and machine-readable files."""
    base_url = base_url or briefing.base_url
    pages = plan_pages(briefing)
    files = static_files(templates) | media_files(briefing, content)
    files |= render_pages(briefing, templates, base_path_of(base_url), pages)
    files |= {
        "sitemap.xml": feeds.sitemap(briefing, pages, base_url),
        "feed.xml": feeds.atom_feed(briefing, base_url),
        "robots.txt": feeds.robots(base_url),
        "briefing.json": feeds.briefing_json(briefing),
    }
    return files


def media_files(briefing: Briefing, content: Path) -> dict[str, bytes]:
    """Images kept in content/, copied to the same path in the site."""
    return {a.image.src: (content / a.image.src).read_bytes() for a in briefing.actors
            if a.image and a.image.is_local}


def build(content: Path, out: Path, templates: Path, base_url: str | None = None,
          strict: bool = False) -> tuple[list[Problem], int]:
    """Build the site; returns (problems, files written). Raises BuildFailed on errors."""
    check_output(out, content)
    briefing, problems = load_and_check(content, strict)
    if briefing is None:
        raise BuildFailed(problems)
    files = render_site(briefing, content, templates, base_url)
    write_site(files, out)
    return problems, len(files)


class Preview:
    """The site kept in memory for the preview server, rebuilt on every change.

    A failed build keeps the last good files, so the browser can show them under
    the errors; the next good build replaces both.
    """

    def __init__(self, content: Path, templates: Path, base_url: str | None = None,
                 strict: bool = False):
        self.content = content
        self.templates = templates
        self.base_url = base_url
        self.strict = strict
        self.files: dict[str, bytes] = {}
        self.problems: list[Problem] = []
        self.failed = False

    @property
    def base_path(self) -> str:
        return base_path_of(self.base_url)

    def watched(self) -> list[Path]:
        return [self.content, self.templates]

    def rebuild(self, changed: set[str] | None = None) -> None:
        briefing, problems = load_and_check(self.content, self.strict)
        try:
            if briefing is None:
                raise BuildFailed(problems)
            self.base_url = self.base_url or briefing.base_url
            self.files = render_site(briefing, self.content, self.templates, self.base_url)
        except BuildFailed as failed:
            self.problems, self.failed = failed.problems, True
        else:
            self.problems, self.failed = problems, False

    def summary(self, seconds: float) -> str:
        if self.failed:
            errors = sum(p.severity == "error" for p in self.problems)
            return (f"build failed with {errors} error(s) in {seconds:.2f} s: the browser "
                    "shows them over the last good site")
        return f"built {len(self.files)} files in {seconds:.2f} s"
