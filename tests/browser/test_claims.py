"""Claims (the contract's section 6): what we know, what is claimed, what nobody knows yet.
Checked rule by rule; shown on /claims/, the overview, issues and actor pages; the
balance report and its warnings on a briefing built to be lopsided; the filter in a
real browser."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.helpers.claims import (
    site,  # noqa: F401  (fixtures)
)

# --- in a real browser ---------------------------------------------------------------------

@pytest.fixture
def served(site: Path, tmp_path: Path):  # noqa: F811
    from tests.helpers.common import serve_like_pages

    (tmp_path / "harbour").symlink_to(site, target_is_directory=True)
    with serve_like_pages(tmp_path, site / "404.html") as origin:
        yield origin + "/harbour/"


def test_the_filter_by_status_and_side_keeps_its_state_in_the_url(page, served):
    page.goto(served + "claims/?status=disputed")
    count = page.locator(".filter-count")
    expect(count).to_have_text("1 of 6 claims shown")
    assert page.locator(".claim:visible").evaluate_all("e => e.map(x => x.id)") == [
        "bridge-toll"]
    assert page.locator("section:visible h2").all_inner_texts() == [
        "Disputed: the accounts conflict (1)"]
    page.select_option("select[name=status]", "")
    page.select_option("select[name=side]", "south")
    expect(count).to_have_text("4 of 6 claims shown")
    assert page.url.endswith("claims/?side=south")
    page.reload()
    expect(count).to_have_text("4 of 6 claims shown")
    assert page.locator("select[name=side]").input_value() == "south"


def test_without_javascript_the_claims_are_a_plain_list(browser, served):
    context = browser.new_context(java_script_enabled=False)
    quiet = context.new_page()
    quiet.goto(served + "claims/?status=false")
    expect(quiet.locator(".claim")).to_have_count(6)
    assert quiet.locator(".claim:visible").count() == 6
    expect(quiet.locator(".filter")).to_be_hidden()
    context.close()


def test_claims_pass_axe_and_the_nu_checker(browser, served, site: Path):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    from tests.helpers.reading import VNU

    context = browser.new_context()
    for path in ("claims/", "", "positions/", "actors/ana/"):
        reader = context.new_page()
        reader.goto(served + path)
        result = Axe().run(reader)
        assert result.violations_count == 0, f"{path}: {result.generate_report()}"
        reader.close()
    context.close()
    result = subprocess.run([shutil.which("java") or "java", "-jar", str(VNU), "--errors-only",
                             str(site / "claims" / "index.html"), str(site / "index.html")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
