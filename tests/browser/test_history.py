"""The briefing's own history (the contract's sections 4 and 5): changes.yaml checked
rule by rule, what changed, each item's history where it is shown, one date
everywhere, the feed as the story's updates, and positions over time. On the test
briefing in tests/fixtures/living: every kind of change, histories, a stale stance."""

from __future__ import annotations

import shutil
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from briefing.pipeline import build
from tests.helpers.common import TEMPLATES, write_content
from tests.helpers.history import (
    BASE,
    living,
    site,  # noqa: F401  (fixtures)
)

# --- in a real browser: new since your last visit, ?since=, axe and the Nu checker -------

@pytest.fixture
def served(tmp_path: Path):
    """The living briefing built and served under /harbour/; yields (url, rebuild), where
    rebuild(files) builds the changed briefing into the same place."""
    from tests.helpers.common import serve_like_pages

    root = tmp_path / "www"
    root.mkdir()

    def rebuild(files: dict[str, object]) -> None:
        build(write_content(tmp_path, files), root / "harbour", TEMPLATES, BASE, search=False)

    rebuild(living())
    with serve_like_pages(root, root / "harbour" / "404.html") as origin:
        yield origin + "/harbour/", rebuild


def test_new_since_your_last_visit_marks_what_changed_after_it(browser, served):
    url, rebuild = served
    context = browser.new_context()
    reader = context.new_page()
    reader.goto(url + "chronology/")
    assert reader.locator("[data-new]").count() == 0  # off by default
    assert reader.evaluate("Object.keys(localStorage)") == []
    reader.check(".whats-new-switch")
    stored = reader.evaluate("Object.entries(localStorage)")
    assert [key for key, _ in stored] == ["briefing-last-visit:/harbour/"]  # one, nothing else
    reader.reload()
    assert reader.locator("[data-new]").count() == 0  # nothing changed since
    expect(reader.locator(".whats-new-status")).to_contain_text("Nothing new since")
    # that visit is now the last one (the page stores its own time as it is shown)
    [(_, last)] = reader.evaluate("Object.entries(localStorage)")
    visit = datetime.fromisoformat(last.replace("Z", "+00:00"))
    later_time = (visit + timedelta(seconds=1)).replace(microsecond=0) + timedelta(seconds=1)
    later = later_time.strftime("%Y-%m-%dT%H:%M:%SZ")
    files = living()
    files["changes.yaml"] += (f"- id: later\n  at: {later}\n  kind: update\n  summary: More "
                              "on the ceasefire.\n  affects: [event:ceasefire]\n")
    rebuild(files)
    time.sleep(max(0.0, (later_time - datetime.now(UTC)).total_seconds()) + 0.1)
    reader.reload()  # after the change: it was made since the last visit
    marked = reader.locator("[data-new]")
    expect(marked).to_have_count(1)
    assert marked.get_attribute("id") == "ceasefire"
    expect(marked.locator(".new-mark")).to_have_text("New")
    status = reader.locator(".whats-new-status")
    expect(status).to_contain_text("1 change since your last visit.")
    assert status.locator("a").get_attribute("href").startswith("../changes/?since=")
    reader.reload()  # the visit is now the last one: nothing is new again
    expect(reader.locator("[data-new]")).to_have_count(0)
    reader.uncheck(".whats-new-switch")
    assert reader.evaluate("Object.keys(localStorage)") == []
    context.close()


def test_since_marks_from_a_day_on_with_no_storage(browser, served):
    url, _ = served
    context = browser.new_context()
    reader = context.new_page()
    reader.goto(url + "chronology/?since=2026-03-11")
    expect(reader.locator("[data-new]")).to_have_count(1)  # the correction of 11 March
    assert reader.locator("[data-new]").get_attribute("id") == "talks-open"
    expect(reader.locator(".whats-new-status")).to_have_text("5 changes since 11 March 2026.")
    reader.goto(url + "changes/?since=2026-03-12")
    assert reader.locator("[data-new]").evaluate_all("els => els.map(e => e.id)") == [
        "ana-role", "bridge-claim-false", "port-closed-withdrawn"]  # never a minor change
    assert reader.evaluate("Object.keys(localStorage)") == []
    context.close()
    quiet = browser.new_context(java_script_enabled=False)
    page_ = quiet.new_page()
    page_.goto(url + "chronology/?since=2026-03-01")
    assert page_.locator("[data-new]").count() == 0
    expect(page_.locator(".whats-new")).to_be_hidden()  # nothing to switch without a script
    quiet.close()


def test_changes_a_corrected_page_and_open_histories_pass_axe_and_the_nu_checker(
        browser, served, tmp_path: Path):
    from axe_playwright_python.sync_playwright import Axe

    from tests.helpers.reading import VNU

    url, _ = served
    context = browser.new_context()
    for path in ("changes/", "chronology/", "actors/ana/", "positions/"):
        reader = context.new_page()
        errors: list[str] = []
        reader.on("console", lambda m, errors=errors: m.type == "error" and errors.append(
            m.text))
        reader.goto(url + path)
        for details in reader.locator("details").all():
            details.locator("summary").click()  # the positions' histories, open
        result = Axe().run(reader)
        assert result.violations_count == 0, f"{path}: {result.generate_report()}"
        assert errors == [], path
        reader.close()
    context.close()
    site = tmp_path / "www" / "harbour"  # noqa: F811
    pages = [str(site / p / "index.html") for p in ("changes", "chronology", "positions")]
    result = subprocess.run([shutil.which("java") or "java", "-jar", str(VNU), "--errors-only",
                             *pages], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
