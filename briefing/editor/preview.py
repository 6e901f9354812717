"""The site in memory for the preview server.

At every change the content is read (changed files only), checked and linked, and
the pages are planned; the browser is then told to reload. Pages are rendered when
the browser asks for them, and each is kept while what it shows is unchanged
(render.py), so a save costs what the page being looked at costs, not the whole site.
A failed build keeps the last good site, for the browser to show under the errors.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from ..linking.linker import LinkMemo
from ..output.pages import Page
from ..output.plan_memo import PlanMemo
from ..output.render import Renderer, RenderMemo
from ..output.urls import Urls
from ..pipeline import Later, assemble, asset_files, load, machine_files
from ..problems import BuildFailed, Problem


class Preview:
    def __init__(self, content: Path, templates: Path, base_url: str | None = None,
                 strict: bool = False, editions: bool = False,
                 around_rebuild: Callable[[], AbstractContextManager[object]] = nullcontext):
        self.content = content
        self.templates = templates
        self.base_url = base_url
        self.strict = strict
        self.editions = editions  # published editions are served too: link to their list
        # What the process's owner does around each rebuild (the command line: the
        # garbage collector paused, then what is kept frozen); the preview does nothing.
        self.around_rebuild = around_rebuild
        self.pages: dict[str, Page] = {}
        self.files: dict[str, bytes] = {}
        self.later: Later = {}
        self.renderer: Renderer | None = None
        self.problems: list[Problem] = []
        self.failed = False
        self.link_memo = LinkMemo()
        self.render_memo = RenderMemo()
        self.plan_memo = PlanMemo()

    @property
    def base_path(self) -> str:
        return Urls(self.base_url).base_path

    def watched(self) -> list[Path]:
        return [self.content, self.templates]

    def rebuild(self) -> None:
        """Load and check everything again; never raises for a content or template error."""
        with self.around_rebuild():
            try:
                problems = self.prepare()
            except BuildFailed as failed:
                self.problems, self.failed = failed.problems, True
            else:
                self.problems, self.failed = problems, False

    def prepare(self) -> list[Problem]:
        """The site assembled as a build assembles it (pipeline.prepare), in two halves:
        the path served under is fixed at start, from --base-url or the first good
        build's briefing.yaml, even if its templates then fail."""
        briefing, problems = load(self.content, self.strict, self.base_url, self.link_memo)
        self.base_url = self.base_url or briefing.base_url
        prepared = assemble(briefing, problems, self.templates, search=False,
                            editions=self.editions, render_memo=self.render_memo,
                            plan_memo=self.plan_memo)
        prepared.renderer.check(prepared.pages)
        self.renderer = prepared.renderer
        self.pages = {page.path: page for page in prepared.pages}
        self.files = asset_files(briefing, self.content, self.templates)
        self.later = machine_files(briefing, prepared.pages, self.templates, self.plan_memo)
        return problems

    @property
    def prefixes(self) -> tuple[str, ...]:
        """Where each language's pages are: "" for the original, "uk/"."""
        return tuple(self.renderer.sites) if self.renderer is not None else ("",)

    def has(self, path: str) -> bool:
        return path in self.pages or path in self.files or path in self.later

    def file(self, path: str) -> bytes:
        """A file of the site; pages are rendered, and machine files made, on first ask.

        A page that fails to render marks the build failed and gives its last good
        version (or nothing), for the browser to show under the error.
        """
        page = self.pages.get(path)
        if page is not None and self.renderer is not None:
            try:
                return self.renderer.render_page(page)
            except BuildFailed as failed:
                self.problems, self.failed = failed.problems, True
                return self.render_memo.last(path)
        if path not in self.files and path in self.later:
            self.files[path] = self.later.pop(path).make()
        return self.files.get(path, b"")

    def summary(self, seconds: float) -> str:
        if self.failed:
            errors = sum(p.severity == "error" for p in self.problems)
            return (f"build failed with {errors} error(s) in {seconds:.2f} s: the browser "
                    "shows them over the last good site")
        return f"checked {len(self.pages)} pages in {seconds:.2f} s"
