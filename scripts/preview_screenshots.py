#!/usr/bin/env python3
"""Screenshots of the live preview for the README: an edit showing up, and an error.

usage: .venv/bin/python scripts/preview_screenshots.py   (writes docs/images/preview-*.png)

It needs the test tools (Playwright and Chromium): run `bash scripts/test.sh` once first.

Starts `build.py serve` on a copy of the seed, opens an actor page in Debian's
Chromium, saves an edit to the actor's YAML and captures the page before and after
(without a manual reload), then breaks the file and captures the error overlay.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage"]
PORT = 8791


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(ROOT / "content", content)
        server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port",
                                   str(PORT)], cwd=tmp, stderr=subprocess.PIPE, text=True)
        log: list[str] = []
        threading.Thread(target=lambda: log.extend(server.stderr), daemon=True).start()
        try:
            while not any("Serving" in line for line in log):
                if server.poll() is not None:
                    raise SystemExit("serve did not start:\n" + "".join(log))
                time.sleep(0.05)
            capture(content, log)
        finally:
            server.terminate()
            server.wait()
    return 0


def capture(content: Path, log: list[str]) -> None:
    actor = content / "actors" / "putin.yaml"
    original = actor.read_text(encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=ARGS)
        page = browser.new_page(viewport={"width": 900, "height": 560})
        page.goto(f"http://127.0.0.1:{PORT}/actors/putin/")
        while not any("Browser Connected" in line for line in log):
            time.sleep(0.05)
        before = page.screenshot()
        actor.write_text(original.replace("role: President of Russia",
                                          "role: President of the Russian Federation"))
        expect(page.locator("p.role")).to_have_text("President of the Russian Federation")
        after = page.screenshot()
        actor.write_text(original.replace("side: russia", "side: [russia"))
        expect(page.locator("#briefing-build-error")).to_be_visible()
        page.screenshot(path=str(OUT / "preview-error.png"))
        compose(browser, before, after)
        browser.close()
    actor.write_text(original)


def compose(browser, before: bytes, after: bytes) -> None:
    """Before and after, side by side, with the edit between them."""
    def img(data: bytes) -> str:
        return f'<img src="data:image/png;base64,{base64.b64encode(data).decode()}">'
    page = browser.new_page(viewport={"width": 1860, "height": 700})
    page.set_content(f"""<body style="margin:0;padding:16px;background:#e8e6e1;font:16px
      system-ui;display:grid;grid-template-columns:1fr 1fr;gap:16px">
      <figure style="margin:0">{img(before)}<figcaption>Before: the preview open in a
      browser</figcaption></figure>
      <figure style="margin:0">{img(after)}<figcaption>After saving
      <code>role: President of the Russian Federation</code> in
      <code>content/actors/putin.yaml</code>: reloaded by itself</figcaption></figure>
      <style>img{{width:100%;border:1px solid #999}}</style></body>""")
    page.screenshot(path=str(OUT / "preview-edit.png"), full_page=True)


if __name__ == "__main__":
    sys.exit(main())
