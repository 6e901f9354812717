"""The forms' configuration (admin/config.yml), made from the contract's field tables: a
collection for every kind of content file, each record's fields as widgets.py makes
them. Translations are not here: their files carry hashes of the texts they follow,
which only `build.py translations` keeps right."""

from __future__ import annotations

from typing import Any

import yaml

from ..model.briefing import Briefing
from ..model.values import Cms
from ..reading import schema
from ..reading.composite_fields import Field, Record
from ..reading.fields import Markdown
from .widgets import Widget, label, record_fields

# A file holding one list: (collection, label, file, the list's field name, item label,
# its record).
LIST_FILES = (
    ("chronology", "Chronology", "chronology.yaml", "events", "Event", schema.EVENT),
    ("positions", "Positions", "positions.yaml", "issues", "Issue", schema.ISSUE),
    ("sources", "Sources", "sources.yaml", "sources", "Source", schema.SOURCE),
    ("claims", "Claims", "claims.yaml", "claims", "Claim", schema.CLAIM),
    ("changes", "Changes", "changes.yaml", "changes", "Change", schema.CHANGE),
)
# briefing.yaml's fields not in the forms: their own settings (which repository and
# sign-in every editor's token goes to) change only in a file, reviewed as code is.
LEFT_OUT = ("cms",)
# The item a list's entries are named by in the forms.
SUMMARIES = {"events": "{{fields.date}}: {{fields.title}}", "issues": "{{fields.issue}}",
             "sources": "{{fields.title}}", "claims": "{{fields.claim}}",
             "changes": "{{fields.at}} {{fields.kind}}: {{fields.summary}}"}


def cms_config(briefing: Briefing) -> dict[str, Any]:
    """Sveltia CMS's configuration for this briefing (which must ask for it: `cms`)."""
    cms = briefing.cms
    assert cms is not None
    sides = tuple((side.id, side.name) for side in briefing.sides)
    return {
        "app_title": f"{briefing.title}: editing",
        "backend": backend(cms),
        # Every edit is a branch and a pull request, checked like any other.
        "publish_mode": "editorial_workflow",
        "media_folder": f"{cms.folder}/images",
        "public_folder": "images",
        **({"site_url": briefing.base_url} if briefing.base_url else {}),
        # An optional field left empty is left out: Briefing refuses `summary: ''`.
        "output": {"omit_empty_optional_fields": True},
        # Ids made from names are what the contract's ids are: ASCII, no accents.
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": collections(cms.folder, sides),
    }


def backend(cms: Cms) -> dict[str, Any]:
    """GitHub, through a token-exchange worker when there is one (`login`) or with a
    personal access token; without a worker, only the token (GitHub's own sign-in
    needs the worker to trade its code for a token)."""
    made: dict[str, Any] = {"name": "github", "repo": cms.repo, "branch": cms.branch}
    if cms.login:
        made["base_url"] = cms.login.rstrip("/")
    else:
        made["auth_methods"] = ["token"]
    return made


def collections(folder: str, sides: tuple[tuple[str, str], ...]) -> list[Widget]:
    briefing_file = {"name": "briefing", "label": "Briefing", "file": f"{folder}/briefing.yaml",
                     "fields": [f for f in record_fields(schema.BRIEFING, sides)
                                if f["name"] not in LEFT_OUT]}
    made = [{"name": "briefing", "label": "Briefing", "files": [briefing_file]},
            {"name": "actors", "label": "Actors", "label_singular": "Actor",
             "folder": f"{folder}/actors", "extension": "yaml", "format": "yaml",
             "create": True, "identifier_field": "name",
             "summary": "{{name}}", "fields": record_fields(schema.ACTOR, sides)}]
    made += [list_file(folder, *entry, sides) for entry in LIST_FILES]
    made.append({"name": "articles", "label": "Articles", "label_singular": "Article",
                 "folder": f"{folder}/articles", "extension": "md", "format": "frontmatter",
                 "create": True, "identifier_field": "title",
                 "fields": [*record_fields(schema.ARTICLE, sides), article_body(sides)]})
    return made


def list_file(folder: str, name: str, title: str, file: str, field: str, item: str,
              record: Record, sides: tuple[tuple[str, str], ...]) -> Widget:
    """A file that is one list (chronology.yaml): the list is the file's only field,
    written as the file's root."""
    listing = {"name": field, "label": label(field), "label_singular": item, "widget": "list",
               "root": True, "summary": SUMMARIES[field], "collapsed": True,
               "fields": record_fields(record, sides)}
    return {"name": name, "label": title,
            "files": [{"name": name, "label": title, "file": f"{folder}/{file}",
                       "fields": [listing]}]}


def article_body(sides: tuple[tuple[str, str], ...]) -> Widget:
    """An article's text, below its front matter: every quote is found in it."""
    body = Field(Markdown(), True, "the article's full text, as published: quotes are "
                 "checked against it")
    return record_fields(Record("article text", {"body": body}), sides)[0]


def config_text(briefing: Briefing) -> bytes:
    """config.yml's bytes: the same briefing gives the same bytes."""
    return yaml.safe_dump(cms_config(briefing), sort_keys=False, allow_unicode=True,
                          width=100).encode()

