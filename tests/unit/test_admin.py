"""The forms at /admin/ (briefing/admin/): their configuration made from the field
tables, field by field; the page and its policy; the `cms` settings read and checked.
What needs the CMS installed (its own config schema, the bundle) is in
tests/process/test_admin.py; the forms in a real browser in tests/browser/test_cms.py."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from briefing.admin import bundle
from briefing.admin import config as admin_config
from briefing.admin.config import LEFT_OUT, LIST_FILES, cms_config
from briefing.admin.page import POLICY, admin_page
from briefing.admin.widgets import RELATIONS, widget
from briefing.linking.loading import load_and_check
from briefing.model.values import Cms
from briefing.problems import BuildFailed
from briefing.reading import schema
from briefing.reading.composite_fields import Field, ListOf, MapOf, Record
from briefing.reading.fields import FieldType, Text
from tests.helpers.common import SEED

SIDES = (("ukraine", "Ukraine"), ("russia", "Russia"))


def copy_seed(tmp_path):
    return Path(shutil.copytree(SEED, tmp_path / "content"))


@pytest.fixture(scope="module")
def seed():
    briefing, problems = load_and_check(SEED)
    assert not [p for p in problems if p.severity == "error"]
    return replace(briefing, cms=Cms("newsroom/briefing"))


@pytest.fixture(scope="module")
def config(seed) -> dict[str, Any]:
    return cms_config(seed)


def collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in config["collections"] if c["name"] == name)


def form(config: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """A collection's fields; for a file that is a list, its items' fields."""
    made = collection(config, name)
    if "folder" in made:
        return made["fields"]
    fields = made["files"][0]["fields"]
    return fields[0]["fields"] if fields[0].get("root") else fields


def field_paths(record: Record, prefix: str = "") -> set[str]:
    """Every field of a record, nested ones as dotted paths (a map's under `*`)."""
    paths = set()
    for name, field in record.fields.items():
        paths.add(prefix + name)
        kind = field.type.item if isinstance(field.type, ListOf) else field.type
        if isinstance(kind, MapOf):
            kind, name = kind.value, f"{name}.*"
        if isinstance(kind, Record):
            paths |= field_paths(kind, f"{prefix}{name}.")
    return paths


def form_paths(fields: list[dict[str, Any]], sides: set[str], prefix: str = "") -> set[str]:
    paths = set()
    for made in fields:
        paths.add(prefix + made["name"])
        inner = made.get("fields", [])
        if inner and {f["name"] for f in inner} == sides:  # a map by side: one per side
            for side in inner:
                paths |= form_paths(side["fields"], sides, f"{prefix}{made['name']}.*.")
        else:
            paths |= form_paths(inner, sides, f"{prefix}{made['name']}.")
    return paths


KINDS = {"briefing": schema.BRIEFING, "actors": schema.ACTOR, "chronology": schema.EVENT,
         "positions": schema.ISSUE, "sources": schema.SOURCE, "claims": schema.CLAIM,
         "changes": schema.CHANGE, "articles": schema.ARTICLE}


@pytest.mark.parametrize("name", list(KINDS))
def test_every_field_of_the_field_tables_is_in_the_forms_and_no_other(config, seed, name):
    sides = {side.id for side in seed.sides}
    made = form_paths(form(config, name), sides) - {"body"}  # an article's text
    # The forms' own settings are not in them: who signs in where is changed in a file.
    left_out = {p for p in field_paths(KINDS[name]) if p.split(".")[0] in LEFT_OUT
                and name == "briefing"}
    assert left_out == ({"cms", "cms.repo", "cms.branch", "cms.folder", "cms.login"}
                        if name == "briefing" else set())
    assert made == field_paths(KINDS[name]) - left_out


def test_a_collection_for_every_content_file_where_the_contract_puts_it(config):
    assert [c["name"] for c in config["collections"]] == [
        "briefing", "actors", "chronology", "positions", "sources", "claims", "changes",
        "articles"]
    assert collection(config, "briefing")["files"][0]["file"] == "content/briefing.yaml"
    actors = collection(config, "actors")
    assert (actors["folder"], actors["extension"], actors["format"]) == (
        "content/actors", "yaml", "yaml")
    articles = collection(config, "articles")
    assert (articles["folder"], articles["format"]) == ("content/articles", "frontmatter")
    assert articles["fields"][-1] == {"name": "body", "label": "Body", "widget": "markdown",
                                      **{k: articles["fields"][-1][k] for k in (
                                          "editor_components", "buttons", "hint")},
                                      "required": True}
    for name, _, file, field, _, _ in LIST_FILES:  # each a bare list, as the contract's
        [listing] = collection(config, name)["files"][0]["fields"]
        assert (listing["name"], listing["widget"], listing["root"]) == (field, "list", True)
        assert collection(config, name)["files"][0]["file"] == f"content/{file}"


def test_a_repository_whose_content_is_elsewhere(seed):
    config = cms_config(replace(seed, cms=Cms("newsroom/site", "live", "news/content")))
    assert config["backend"] == {"name": "github", "repo": "newsroom/site",
                                 "branch": "live", "auth_methods": ["token"]}
    assert {c.get("folder") or c["files"][0]["file"].rsplit("/", 1)[0]
            for c in config["collections"]} == {"news/content", "news/content/actors",
                                                "news/content/articles"}
    assert config["media_folder"] == "news/content/images"


def test_sign_in_through_the_worker_when_there_is_one_else_with_a_token(seed, config):
    assert config["backend"]["auth_methods"] == ["token"]  # GitHub's sign-in needs a worker
    assert "base_url" not in config["backend"]
    worker = cms_config(replace(seed, cms=Cms("a/b", login="https://auth.example.org/")))
    assert worker["backend"] == {"name": "github", "repo": "a/b", "branch": "main",
                                 "base_url": "https://auth.example.org"}


def test_every_edit_is_a_pull_request_and_empty_fields_are_left_out(config):
    assert config["publish_mode"] == "editorial_workflow"
    assert config["output"] == {"omit_empty_optional_fields": True}


def by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in fields}


def test_a_picker_wherever_the_contract_takes_an_id(config):
    event = by_name(form(config, "chronology"))
    assert event["actors"] | {} == {**event["actors"], "widget": "relation",
                                    "collection": "actors", "value_field": "{{slug}}",
                                    "multiple": True}
    assert event["sources"]["value_field"] == "sources.*.id"
    assert by_name(event["quote"]["fields"])["speaker"]["collection"] == "actors"
    actor = by_name(form(config, "actors"))
    assert actor["side"]["collection"] == "briefing"
    assert actor["side"]["value_field"] == "sides.*.id"
    assert "multiple" not in actor["side"]
    claim = by_name(form(config, "claims"))
    assert claim["issue"]["value_field"] == "issues.*.id"
    assert by_name(claim["by"]["fields"])["side"]["widget"] == "relation"
    assert by_name(form(config, "sources"))["article"]["collection"] == "articles"


def test_each_picker_points_at_a_collection_and_a_field_that_exist(config):
    for kind, relation in RELATIONS.items():
        target = collection(config, relation["collection"])
        fields = by_name(target["fields"] if "folder" in target
                         else target["files"][0]["fields"])
        value = relation["value_field"]
        if value == "{{slug}}":
            assert "folder" in target, kind  # a file's name is its id
            assert all(f in fields for f in relation["display_fields"])
            continue
        listing, _, item = value.partition(".*.")
        assert target["files"][0]["name"] == relation["file"]
        assert item in by_name(fields[listing]["fields"]), kind
        for shown in relation["display_fields"]:
            assert shown.partition(".*.")[2] in by_name(fields[listing]["fields"])


def test_choices_as_selects_required_as_the_contract_says_hints_from_its_descriptions(config):
    claim = by_name(form(config, "claims"))
    assert claim["status"]["widget"] == "select"
    assert [o["value"] for o in claim["status"]["options"]] == list(schema.CLAIM_STATUSES)
    assert claim["status"]["options"][0] == {"label": "Confirmed", "value": "confirmed"}
    issue = by_name(form(config, "positions"))
    assert issue["status"]["options"][0] == {"label": "Far apart", "value": "far-apart"}
    assert [o["value"] for o in by_name(form(config, "changes"))["kind"]["options"]] == list(
        schema.CHANGE_KINDS)
    for name, record in KINDS.items():
        made = by_name(form(config, name))
        for key, field in record.fields.items():
            if name == "briefing" and key in LEFT_OUT:
                continue
            assert made[key]["required"] is field.required, (name, key)
            if field.doc.lower() == made[key]["label"].lower():  # saying it twice helps no one
                assert "hint" not in made[key], (name, key)
            else:
                assert made[key]["hint"].lower().endswith(field.doc.lower()), (name, key)
    assert by_name(form(config, "chronology"))["summary"]["widget"] == "markdown"
    assert by_name(form(config, "actors"))["name"]["label"] == "Name"
    assert by_name(form(config, "positions"))["as_of"]["label"] == "As of"
    assert by_name(form(config, "briefing"))["dek"]["label"] == "Standfirst"
    assert by_name(form(config, "claims"))["claim"]["widget"] == "text"  # a sentence or more
    assert by_name(form(config, "sources"))["title"]["widget"] == "string"


@pytest.mark.parametrize(("kind", "good", "bad"), [
    ("chronology", ["2025", "2025-05", "2025-05-11"], ["May 2025", "2025-13", "11/05/2025"]),
    ("changes", ["2025-05-16", "2025-05-16T09:30+03:00"], ["2025-05-16 09:30", "yesterday"]),
])
def test_dates_are_text_with_the_contracts_pattern_and_a_hint(config, kind, good, bad):
    fields = by_name(form(config, kind))
    made = fields["date" if kind == "chronology" else "at"]
    assert made["widget"] == "string"
    assert "YYYY-MM-DD" in made["hint"]
    rule, message = made["pattern"]
    assert message
    for value in good:
        assert re.search(rule, value), value
    for value in bad:
        assert not re.search(rule, value), value


def test_ids_lead_each_item_as_the_cms_writes_keys_in_the_forms_order(config):
    for name in ("chronology", "positions", "sources", "claims", "changes"):
        assert form(config, name)[0]["name"] == "id", name
    change = by_name(form(config, "changes"))
    assert re.search(change["affects"]["field"]["pattern"][0], "event:talks-open")
    assert not re.search(change["affects"]["field"]["pattern"][0], "event:Talks Open")
    assert not re.search(change["affects"]["field"]["pattern"][0], "events:talks-open")


def test_a_stance_for_each_side_of_the_briefing_each_optional(config, seed):
    stances = by_name(form(config, "positions"))["stances"]
    assert [(f["name"], f["label"], f["required"]) for f in stances["fields"]] == [
        (side.id, side.name, False) for side in seed.sides]
    assert form_paths(stances["fields"][0]["fields"], set()) == field_paths(schema.STANCE)


def test_a_field_added_to_the_field_tables_appears_in_the_forms(seed, monkeypatch):
    fields = {**schema.ACTOR.fields, "nickname": Field(Text(), False, "what the papers call them")}
    monkeypatch.setattr(schema, "ACTOR", Record("actor", fields))
    made = by_name(form(cms_config(seed), "actors"))["nickname"]
    assert made == {"name": "nickname", "label": "Nickname", "widget": "string",
                    "hint": "What the papers call them", "required": False}


def test_a_field_type_with_no_widget_is_an_error_not_a_field_left_out():
    class Colour(FieldType):
        pass

    with pytest.raises(TypeError, match="no widget for Colour"):
        widget(Colour(), SIDES)


def test_config_text_is_the_same_for_the_same_briefing(seed):
    assert admin_config.config_text(seed) == admin_config.config_text(seed)


def test_the_page_is_never_indexed_and_runs_only_the_sites_own_scripts(seed):
    page = BeautifulSoup(admin_page(seed), "html.parser")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    rules = dict(rule.split(" ", 1) for rule in policy.split("; "))
    assert rules == POLICY
    assert rules["script-src"] == "'self'" and rules["default-src"] == "'none'"
    assert rules["connect-src"] == "'self' data: https://api.github.com"
    assert [s["src"] for s in page.find_all("script")] == ["offline.js", "sveltia-cms.js"]
    assert all(not s.string for s in page.find_all("script"))  # nothing inline
    assert not page.find(attrs={"data-pagefind-body": True})  # never in the search index
    assert seed.title in page.title.string


@pytest.mark.parametrize(("lines", "message"), [
    ("cms:\n  repo: newsroom\n", "'repo' must be a GitHub repository, owner/name"),
    ("cms:\n  repo: a/b\n  folder: /content\n", "'folder' must be a folder in the repository"),
    ("cms:\n  repo: a/b\n  folder: ../content\n", "'folder' must be a folder in the repository"),
    ("cms:\n  repo: a/b\n  login: auth.example.org\n", "'login' must be an https"),
    # The worker hands each editor a GitHub token: never over plain http, and its address
    # is published (admin/config.yml), so no password in it; the CMS adds its own path.
    ("cms:\n  repo: a/b\n  login: http://auth.example.org\n", "'login' must be an https"),
    ("cms:\n  repo: a/b\n  login: javascript:alert(1)\n", "'login' must be an https"),
    ("cms:\n  repo: a/b\n  login: 'https://me:secret@auth.example.org'\n",
     "'login' must be an https"),
    ("cms:\n  repo: a/b\n  login: 'https://auth.example.org/?next=x'\n",
     "'login' must be an https"),
    ("cms:\n  repo: a/b\n  login: 'https://auth.example.org/#x'\n", "'login' must be an https"),
    # The CMS puts the branch into GitHub API paths as it is written (git/trees/<branch>).
    ("cms:\n  repo: a/b\n  branch: ../../../user/repos?x=\n", "'branch' must be a branch"),
    ("cms:\n  repo: a/b\n  branch: 'main#x'\n", "'branch' must be a branch"),
    ("cms:\n  repo: a/b\n  branch: -main\n", "'branch' must be a branch"),
    ("cms:\n  repo: a/b\n  branch: main.lock\n", "'branch' must be a branch"),
    ("cms:\n  branch: main\n", "missing required field 'repo'"),
    ("cms:\n  repo: a/b\n  brnch: live\n", "did you mean 'branch'"),
])
def test_cms_settings_are_checked_where_they_are_written(tmp_path, lines, message):
    content = copy_seed(tmp_path)
    text = (content / "briefing.yaml").read_text()
    (content / "briefing.yaml").write_text(text + lines)
    _, problems = load_and_check(content)
    [problem] = [p for p in problems if p.severity == "error"]
    assert problem.path.endswith("briefing.yaml")
    assert problem.line > text.count("\n")
    assert message in problem.message


@pytest.mark.parametrize("branch", ["main", "gh-pages", "release/2025.05", "live_site"])
def test_a_branch_as_git_names_them(tmp_path, branch):
    content = copy_seed(tmp_path)
    with (content / "briefing.yaml").open("a") as file:
        file.write(f"cms:\n  repo: newsroom/briefing\n  branch: {branch}\n")
    briefing, _ = load_and_check(content)
    assert briefing.cms.branch == branch


def test_cms_settings_reach_the_model_with_their_defaults(tmp_path):
    content = copy_seed(tmp_path)
    with (content / "briefing.yaml").open("a") as file:
        file.write("cms:\n  repo: newsroom/briefing\n")
    briefing, _ = load_and_check(content)
    assert briefing.cms == Cms("newsroom/briefing", "main", "content", None)
    assert briefing.cms.loc.line > 1


def test_a_poisoned_node_modules_neither_stalls_the_build_nor_says_what_it_read(tmp_path):
    """A cache or a pull request's node_modules with a pipe where the CMS goes (reading it
    would wait forever), a device (/dev/zero: it would fill the memory), and a link to a
    file of the machine: the build stops at once, naming each, quoting none."""
    secret = tmp_path / "secret"
    secret.write_text("hunter2-do-not-publish")
    paths = [tmp_path / "node_modules" / path for path, _ in bundle.FILES.values()]
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(paths[0])
    paths[1].symlink_to("/dev/zero")
    paths[2].symlink_to(secret)
    for path in paths[3:]:
        path.write_bytes(b"x")
    with pytest.raises(BuildFailed) as failed:
        bundle.bundle_files(tmp_path, None)
    said = "\n".join(str(p) for p in failed.value.problems)
    assert said.count("is not the file published") == len(paths)
    assert "hunter2" not in said
