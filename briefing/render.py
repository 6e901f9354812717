"""Pages → bytes: the Jinja environment, its filters, and the whole site in memory."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from .dates import PartialDate, range_parts
from .model import Briefing, Event
from .pages import Page, nav, plan_pages
from .problems import BuildFailed, Problem, display_path
from .schema import STATUSES


def make_environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a typo in a template fails the build
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["url"] = url_filter
    env.globals.update(when=when, date=date_html, statuses=STATUSES)
    return env


@jinja2.pass_context
def url_filter(context: jinja2.runtime.Context, target: str) -> str:
    """A link to a site path ("actors/putin/#quotes"), relative to the current page.

    Relative links keep the site working under any sub-path (`/repo/`). The 404 page
    is served at whatever URL was missing, so its links start from the base path.
    """
    page: Page = context["page"]
    if page.template == "404.html":
        return context["base_path"] + target
    path, _, fragment = target.partition("#")
    if path == page.url and fragment:
        return f"#{fragment}"
    up = "../" * page.url.count("/")
    return (up + target) or "./"


def date_html(date: PartialDate) -> Markup:
    return Markup('<time datetime="{}">{}</time>').format(date.iso, date.text())


def when(event: Event) -> Markup:
    """An event's date at its precision: '12 May 2025', 'c. 2019', '1 July – 30 September 2025'."""
    start, end = range_parts(event.date, event.end)
    html = Markup('<time datetime="{}">{}</time>').format(event.date.iso, start)
    if end is not None and event.end is not None:
        html += Markup(' – <time datetime="{}">{}</time>').format(event.end.iso, end)
    if event.approximate:
        html = Markup('<abbr title="circa, around">c.</abbr> ') + html
    return html


def render_pages(briefing: Briefing, templates: Path, base_path: str = "/",
                 pages: list[Page] | None = None) -> dict[str, bytes]:
    """Render every page (or the given ones) to {output path: bytes}."""
    env = make_environment(templates)
    shared = {"briefing": briefing, "nav": nav(briefing), "base_path": base_path}
    out: dict[str, bytes] = {}
    for page in plan_pages(briefing) if pages is None else pages:
        out[page.path] = render_one(env, page, shared, templates)
    return out


def render_one(env: jinja2.Environment, page: Page, shared: dict, templates: Path) -> bytes:
    try:
        template = env.get_template(page.template)
        html = template.render(shared, page=page, **page.context)
    except jinja2.TemplateSyntaxError as exc:
        raise BuildFailed([template_problem(templates, exc.name or page.template,
                                            exc.lineno, exc.message or str(exc))]) from None
    except jinja2.TemplateError as exc:
        name, line = template_frame(exc)
        raise BuildFailed([template_problem(templates, name or page.template, line,
                                            f"{exc} (rendering {page.url or 'the overview'})")]
                          ) from None
    return html.encode("utf-8")


def template_problem(templates: Path, name: str, line: int, message: str) -> Problem:
    return Problem(display_path(templates / name), line, 1, f"template error: {message}")


def template_frame(exc: BaseException) -> tuple[str | None, int]:
    """The innermost template file and line in a rendering error's traceback."""
    found: tuple[str | None, int] = (None, 1)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".html"):
            found = (Path(filename).name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def static_files(templates: Path) -> dict[str, bytes]:
    """Everything under templates/static/, copied to the site root."""
    root = templates / "static"
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


def base_path_of(base_url: str | None) -> str:
    path = urlsplit(base_url).path if base_url else "/"
    return posixpath.join(path, "") if path.startswith("/") else "/"


