"""Publishing: the GitHub Pages workflow, base paths by construction, and what search
engines and social networks read (canonical, Open Graph, JSON-LD)."""

from __future__ import annotations

import shutil

import pytest
import yaml

from briefing.pipeline import build, load_and_check
from briefing.problems import BuildFailed
from tests.helpers.common import ROOT, TEMPLATES, minimal, soup, write_content


def workflow() -> dict:
    # BaseLoader: YAML 1.1 would read the key `on` as True.
    return yaml.load((ROOT / ".github/workflows/pages.yml").read_text(), yaml.BaseLoader)


def steps(job: dict) -> list[str]:
    return [step.get("uses", step.get("run", "")) for step in job["steps"]]


def action(uses: str) -> str:
    """'actions/checkout' of 'actions/checkout@<sha>'."""
    return uses.split("@")[0]


def test_workflow_tests_then_builds_then_deploys_on_push_to_main():
    flow = workflow()
    assert flow["on"]["push"]["branches"] == ["main"]
    assert flow["concurrency"] == {"group": "pages", "cancel-in-progress": "false"}
    assert flow["permissions"] == {}
    jobs = flow["jobs"]
    assert list(jobs) == ["main", "test", "editions", "build", "deploy"]
    assert jobs["test"]["needs"] == jobs["editions"]["needs"] == "main"
    assert jobs["build"]["needs"] == ["main", "test", "editions"]
    assert jobs["deploy"]["needs"] == "build"
    assert [action(s) for s in steps(jobs["test"])[:2]] == ["actions/checkout",
                                                             "actions/setup-python"]
    assert "bash scripts/test.sh" in steps(jobs["test"])
    assert jobs["main"]["permissions"] == {"contents": "read", "pages": "read"}
    for name in ("test", "editions", "build"):
        assert jobs[name]["permissions"] == {"contents": "read"}, name
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert [action(s) for s in steps(jobs["deploy"])] == ["actions/deploy-pages"]


def test_every_job_checks_out_mains_pinned_commit_never_the_pushed_tag():
    """A pushed edition tag triggers the workflow, but the live site, the tests and the
    editions' list are main's: the first job pins main's commit, the others check it
    out (so the tests test what is published, even if main moves meanwhile)."""
    jobs = workflow()["jobs"]
    first = jobs["main"]["steps"]
    assert first[0]["with"]["ref"] == "main"
    assert "git rev-parse HEAD" in first[1]["run"] and first[1]["id"] == "main"
    assert jobs["main"]["outputs"]["commit"] == "${{ steps.main.outputs.commit }}"
    for name in ("test", "editions", "build"):
        checkout = jobs[name]["steps"][0]
        assert action(checkout["uses"]) == "actions/checkout"
        assert checkout["with"]["ref"] == "${{ needs.main.outputs.commit }}", name


def test_workflow_builds_strictly_for_the_url_pages_gives_it():
    jobs = workflow()["jobs"]
    configure = next(s for s in jobs["main"]["steps"]
                     if action(s.get("uses", "")) == "actions/configure-pages")
    assert configure["id"] == "pages"
    assert jobs["main"]["outputs"]["base_url"] == "${{ steps.pages.outputs.base_url }}"
    build_steps = jobs["build"]["steps"]
    names = [s.get("uses", s.get("run")) for s in build_steps]
    command = next(s["run"] for s in build_steps if "build.py build" in s.get("run", ""))
    env = next(s for s in build_steps if s.get("run") == command)["env"]
    assert env == {"BASE_URL": "${{ needs.main.outputs.base_url }}"}
    assert command.split() == ["python", "build.py", "build", "--strict", "--base-url",
                               '"$BASE_URL/"']  # no --cache: every deploy builds cold
    upload = next(s for s in build_steps if s.get("uses", "").startswith(
        "actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site" and names.index(upload["uses"]) > names.index(command)


def test_the_tags_code_runs_in_a_job_of_its_own_and_reaches_the_site_as_files():
    """The editions job runs each tag's code with a read checkout and nothing else (no
    token kept, no secret, no write permission) and uploads plain files; the build job
    downloads them and publishes them with --built, running none of them."""
    flow = workflow()
    assert flow["on"]["push"]["tags"] == ["edition-*"]
    jobs = flow["jobs"]
    editions = jobs["editions"]
    assert editions["steps"][0]["with"] == {
        "ref": "${{ needs.main.outputs.commit }}", "fetch-depth": "0",
        "persist-credentials": "false"}
    text = (ROOT / ".github/workflows/pages.yml").read_text()
    assert "secrets." not in text and "github.token" not in text
    runs = [s.get("run", "") for s in editions["steps"]]
    assert runs[-2] == ('python build.py editions --build-only built-editions '
                        '--base-url "$BASE_URL/"')
    upload = editions["steps"][-1]
    assert action(upload["uses"]) == "actions/upload-artifact"
    assert upload["with"]["name"] == "editions" and upload["with"]["path"] == "built-editions"
    build_steps = jobs["build"]["steps"]
    order = [s.get("uses", s.get("run", "")) for s in build_steps]
    live = next(i for i, r in enumerate(order) if r.startswith("python build.py build"))
    download = next(i for i, r in enumerate(order)
                    if action(r) == "actions/download-artifact")
    publish = next(i for i, r in enumerate(order) if r.startswith("python build.py editions"))
    upload = next(i for i, r in enumerate(order)
                  if action(r) == "actions/upload-pages-artifact")
    assert live < download < publish < upload
    assert build_steps[download]["with"] == {"name": "editions", "path": "built-editions"}
    assert order[publish] == ('python build.py editions --out site --base-url "$BASE_URL/" '
                              "--built built-editions")


def test_nothing_is_cached_between_runs_of_the_publishing_workflow():
    """A cache any job of a push run could write, restored by a later run, would carry
    what one run left into the next publication: publishing restores nothing."""
    for name, job in workflow()["jobs"].items():
        for step in job["steps"]:
            assert action(step.get("uses", "")) != "actions/cache", name
            assert not {"cache", "cache-dependency-path"} & set(step.get("with", {})), name
            if action(step.get("uses", "")) == "actions/setup-node":
                assert step["with"]["package-manager-cache"] == "false"


def test_a_root_link_that_leaves_the_base_path_fails_the_build(content, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    base = (templates / "base.html").read_text()
    (templates / "base.html").write_text(base.replace("{{ 'style.css'|asset }}", "/style.css"))
    with pytest.raises(BuildFailed) as failed:
        build(content, tmp_path / "site", templates, base_url="https://x.github.io/repo/")
    first = failed.value.problems[0]
    assert first.path.endswith(".html") and first.line > 1
    assert "the link '/style.css' leaves the site's base path /repo/" in first.message
    assert not (tmp_path / "site").exists()
    build(content, tmp_path / "site", templates, base_url="https://briefing.example.org/")


def test_markdown_root_links_start_from_the_base_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = minimal()
    files["actors/ana.yaml"]["summary"] = "See [the chronology](/chronology/#talks)."
    content = write_content(tmp_path, files)
    build(content, tmp_path / "site", TEMPLATES, base_url="https://x.github.io/repo/")
    link = soup(tmp_path / "site/actors/ana/index.html").select_one(".prose a")
    assert link["href"] == "/repo/chronology/#talks"


def test_nojekyll_cname_and_a_briefings_own_share_image(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = minimal()
    files["briefing.yaml"].update(cname="briefing.example.org", base_url="https://briefing.example.org/",
                                  share_image={"src": "images/card.png", "alt": "A map"})
    content = write_content(tmp_path, files)
    (content / "images").mkdir()
    (content / "images/card.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    build(content, tmp_path / "site", TEMPLATES)
    site = tmp_path / "site"
    assert (site / ".nojekyll").read_bytes() == b""
    assert (site / "CNAME").read_text() == "briefing.example.org\n"
    assert (site / "media/images/card.png").is_file()
    image = soup(site / "index.html").find("meta", property="og:image")["content"]
    assert image == "https://briefing.example.org/media/images/card.png"


def test_a_bad_cname_is_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = minimal()
    files["briefing.yaml"]["cname"] = "https://briefing.example.org/"
    _, problems = load_and_check(write_content(tmp_path, files))
    assert [str(p) for p in problems] == [
        "content/briefing.yaml:9:8: error: 'cname' must be a domain name such as "
        "briefing.example.org (no https://, no path), not 'https://briefing.example.org/'"]


def test_pull_requests_are_checked_with_annotations_and_a_summary():
    flow = yaml.load((ROOT / ".github/workflows/check.yml").read_text(), yaml.BaseLoader)
    assert list(flow["on"]) == ["pull_request"]
    assert flow["permissions"] == {}
    job = flow["jobs"]["check"]
    assert job["permissions"] == {"contents": "read"}
    assert [action(s) for s in steps(job)[:2]] == ["actions/checkout", "actions/setup-python"]
    assert job["steps"][0]["with"]["fetch-depth"] == "0"
    assert steps(job)[2:] == ["python -m pip install --require-hashes -r requirements.lock",
                              "python build.py check --format github",
                              'python build.py diff --format github "origin/$BASE_REF"',
                              "python build.py balance"]
    assert job["steps"][4]["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert [step.get("if") for step in job["steps"][-2:]] == ["always()", "always()"]


# --- a pipeline a security team signs off -------------------------------------------------

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it():
    import re

    for path in WORKFLOWS:
        for line in path.read_text().splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*\b",
                                 line), f"{path.name}: {line.strip()}"


def test_no_checkout_keeps_the_token_and_no_expression_reaches_a_shell():
    for path in WORKFLOWS:
        flow = yaml.load(path.read_text(), yaml.BaseLoader)
        assert flow["permissions"] == {}, path.name
        for name, job in flow["jobs"].items():
            assert "permissions" in job, (path.name, name)
            for step in job["steps"]:
                if action(step.get("uses", "")) == "actions/checkout":
                    assert step["with"]["persist-credentials"] == "false", (path.name, name)
                assert "${{" not in step.get("run", ""), (path.name, name, step["run"])


def test_what_publishes_is_installed_with_hashes_only():
    jobs = workflow()["jobs"]
    for name in ("editions", "build"):
        installs = [s["run"] for s in jobs[name]["steps"] if "pip install" in s.get("run", "")]
        assert installs == ["python -m pip install --require-hashes -r requirements.lock"]


def test_dependabot_updates_actions_python_and_npm():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    assert config["version"] == 2
    assert sorted(u["package-ecosystem"] for u in config["updates"]) == [
        "github-actions", "npm", "pip"]


def test_the_lock_satisfies_pyproject_and_every_pin_is_hashed():
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    lock = (ROOT / "requirements.lock").read_text()
    pins: dict[str, str] = {}
    for block in lock.split("\n"):
        if "==" in block and not block.startswith((" ", "#")):
            name, version = block.split(" ")[0].split("==")
            pins[canonicalize_name(name)] = version
    entries = [e for e in lock.split("\n") if "==" in e and not e.startswith((" ", "#"))]
    assert entries and all(e.rstrip().endswith("\\") for e in entries)  # each with hashes
    assert lock.count("--hash=sha256:") >= len(pins)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for text in project["dependencies"]:
        wanted = Requirement(text)
        name = canonicalize_name(wanted.name)
        assert name in pins, f"{wanted.name} is not in requirements.lock: run pip-compile"
        assert wanted.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock has {wanted.name}=={pins[name]}, outside {wanted.specifier}: "
            "run pip-compile (README: Publish)")
        for extra in wanted.extras:  # pagefind[bin] → pagefind-bin
            assert canonicalize_name(f"{wanted.name}-{extra}") in pins, text


def test_every_pull_request_is_checked_the_forms_branches_among_them():
    """The forms at /admin/ open a pull request from a branch cms/<collection>/<entry>:
    the check runs on every pull request, whatever its branch or files."""
    check = yaml.load((ROOT / ".github/workflows/check.yml").read_text(), yaml.BaseLoader)
    assert check["on"] == {"pull_request": ""}
    runs = [s.get("run", "") for s in check["jobs"]["check"]["steps"]]
    assert "python build.py check --format github" in runs


def test_the_build_installs_the_forms_cms_from_the_lock_running_no_script():
    build_steps = workflow()["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in build_steps]
    install = runs.index("npm ci --omit=dev --ignore-scripts --no-audit --no-fund")
    assert install < next(n for n, r in enumerate(runs) if "build.py build" in r)
    assert "actions/setup-node" in steps(workflow()["jobs"]["build"])[install - 1]
