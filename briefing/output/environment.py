"""The one Jinja environment, which templates use which, and template mistakes as
problems naming the template's file and line.

Templates are compiled in memory only (the environment's own cache, for as long as it
lives): Jinja's bytecode cache would keep code on disk, and load it back, with a pickle in
each file's header, from a folder anyone who can write it controls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import SimpleNamespace
from typing import TypeVar

import jinja2
from jinja2 import meta

from ..model.labels import CLAIM_HEADINGS, NOTE_HEADINGS
from ..problems import BuildFailed, Problem, display_path
from ..reading.schema import CLAIM_STATUSES, STATUSES
from . import embeds, filters, languages
from .messages import Messages

T = TypeVar("T")
# The labels of statuses and kinds, translated where shown (`_(labels.statuses[s])`).
LABELS = SimpleNamespace(statuses=STATUSES, claim_statuses=CLAIM_STATUSES,
                         claim_headings=CLAIM_HEADINGS, note_headings=NOTE_HEADINGS)


def make_environment(templates: Path, messages: Messages,
                     more_filters: Mapping[str, Callable]) -> jinja2.Environment:
    """The environment with every function and filter the templates call."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],  # interface text: _(), {% trans %}, by language
        undefined=jinja2.StrictUndefined,  # a typo in a template fails the build
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Templates are checked for edits once per build (RenderMemo.refresh), not at
        # every use: a large site renders thousands of pages from a dozen templates.
        auto_reload=False,
    )
    env.globals.update(_=messages.gettext, gettext=messages.gettext,
                       ngettext=messages.ngettext, labels=LABELS)
    # The rest are filters (`event|when`, `page|json_ld`), not functions: Jinja calls a
    # filter directly, a function through the context; and every global is looked over
    # again at each `import` in a template.
    env.filters.update(filters.filters(messages), ui_text=messages.ui_text,
                       **languages.FILTERS, **embeds.FILTERS, **more_filters)
    return env


def html_templates(env: jinja2.Environment) -> list[str]:
    return env.list_templates(filter_func=lambda n: n.endswith(".html"))


def users_of(env: jinja2.Environment, changed: set[str]) -> set[str]:
    """The changed templates and every template that extends, includes or imports them."""
    users = set(changed)
    names = html_templates(env)
    grew = True
    while grew:
        grew = False
        for name in names:
            if name not in users and referenced(env, name) & users:
                users.add(name)
                grew = True
    return users


def referenced(env: jinja2.Environment, name: str) -> set[str]:
    source = env.loader.get_source(env, name)[0]
    try:
        return set(filter(None, meta.find_referenced_templates(env.parse(source))))
    except jinja2.TemplateSyntaxError:
        return set()


def generate(env: jinja2.Environment, name: str, variables: Mapping[str, object],
             consume: Callable[[Iterator[str]], T], where: str) -> T:
    """`consume` a template's output; a template mistake becomes a BuildFailed."""
    return template_errors(lambda: consume(env.get_template(name).generate(variables)),
                           env, name, where)


def template_errors(work: Callable[[], T], env: jinja2.Environment, name: str,
                    where: str = "") -> T:
    """Run `work`; a template mistake becomes a BuildFailed naming file and line."""
    try:
        return work()
    except jinja2.TemplateSyntaxError as exc:
        raise BuildFailed([problem(env, exc.name or name, exc.lineno,
                                   exc.message or str(exc))]) from None
    except jinja2.TemplateError as exc:
        template, line = template_frame(exc)
        raise BuildFailed([problem(env, template or name, line, f"{exc}{where}")]) from None


def problem(env: jinja2.Environment, name: str, line: int, message: str) -> Problem:
    templates = Path(env.loader.searchpath[0])  # type: ignore[union-attr]
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
