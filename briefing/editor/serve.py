"""The preview server: build, serve from memory, watch, rebuild, reload the browser.

Glue around the pipeline: this module's WSGI app serves the in-memory site, and
liveserver.py answers the browser (that app, livereload.js and its socket, for this
computer only) and watch.py sees the saves; this module puts the reload script into
each page as a file (`/livereload.js`), since the pages' Content-Security-Policy, the
same as published, runs no inline script. After each rebuild the browsers are told to
reload directly, once the new site is complete (livereload's own watcher, not used,
drops reloads that come within ~3 s of the last one).
"""

from __future__ import annotations

import asyncio
import contextlib
import mimetypes
import os
import posixpath
import signal
import sys
import time
import webbrowser
from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup, escape

from ..admin import FOLDER as ADMIN
from ..problems import Problem, printable
from .liveserver import Browsers, application, log_to_terminal
from .preview import Preview
from .watch import Watcher

StartResponse = Callable[[str, list[tuple[str, str]]], object]

OVERLAY_CSS = "/_briefing/overlay.css"  # the overlay's looks: a file, as the policy asks
OVERLAY = Markup("""<div id="briefing-build-error" role="alert">\
<link rel="stylesheet" href="/_briefing/overlay.css"><p class="head">\
Build failed: {status}</p><ul>{items}</ul><p>Fix the file and save: \
this page reloads by itself.</p></div>""")
OVERLAY_STYLE = b"""#briefing-build-error{position:sticky;top:0;z-index:9999;background:#7a1010;\
color:#fff;padding:1rem 1.25rem;font:15px/1.5 system-ui,sans-serif;\
box-shadow:0 2px 8px rgba(0,0,0,.4)}
#briefing-build-error p{margin:.5rem 0 0}
#briefing-build-error .head{margin:0 0 .5rem;font-weight:700}
#briefing-build-error ul{margin:0;padding-left:1.25rem;font:13px ui-monospace,monospace}
"""
ERROR_PAGE = Markup("""<!doctype html><html lang="en"><head><meta charset="utf-8">\
<title>Build failed</title></head><body>{overlay}</body></html>""")
RELOAD_SCRIPT = b'<script src="/livereload.js?port=%d"></script>'


class App:
    """WSGI app serving the last good build from memory, like GitHub Pages would."""

    def __init__(self, preview: Preview, base_path: str, published: Path | None = None):
        self.preview = preview
        self.base_path = base_path
        self.published = published  # a site with published editions: served as they are

    def __call__(self, environ: dict, start_response: StartResponse) -> list[bytes]:
        raw = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        port = int(environ.get("SERVER_PORT") or 80)  # the reload script's websocket
        if raw == OVERLAY_CSS:
            start_response("200 OK", [("Content-Type", "text/css; charset=utf-8"),
                                      ("Cache-Control", "no-store")])
            return [OVERLAY_STYLE]
        if not raw.startswith(self.base_path):
            if raw in ("/", "") and self.base_path != "/":
                return self.redirect(start_response, self.base_path)
            return self.not_found(start_response, port)
        # Normalised before lookup: '..' can never climb out of the site, which is a
        # dict in memory, not a folder.
        rel = posixpath.normpath("/" + raw[len(self.base_path):]).lstrip("/")
        rel = "" if rel == "." else rel
        if self.published is not None and self.is_published(rel):
            return self.published_file(start_response, rel, raw.endswith("/"), port)
        has = self.preview.has
        if raw.endswith("/") or rel == "":
            rel = posixpath.join(rel, "index.html") if rel else "index.html"
        elif not has(rel) and has(posixpath.join(rel, "index.html")):
            return self.redirect(start_response, self.base_path + rel + "/")
        if not has(rel) and not (self.preview.failed and rel.endswith(".html")):
            return self.not_found(start_response, port)
        was_failed = self.preview.failed
        body = self.preview.file(rel)
        if self.preview.failed and not was_failed:  # a page failed to render just now
            report(self.preview.problems, f"{rel}: rendering failed")
        return self.respond(start_response, "200 OK", rel, body, port)

    def respond(self, start_response: StartResponse, status: str, rel: str,
                body: bytes, port: int) -> list[bytes]:
        kind = mimetypes.guess_type(rel)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/json", "application/xml",
                                                 "image/svg+xml"):
            kind += "; charset=utf-8"
        # Not the forms (admin/): they save into content/, every save rebuilds, and a
        # reload would throw away the form an editor is filling.
        if rel.endswith(".html") and not rel.startswith(f"{ADMIN}/"):
            body = with_reload(self.with_errors(body), port)
        start_response(status, [("Content-Type", kind), ("Cache-Control", "no-store")])
        return [body]

    def is_published(self, rel: str) -> bool:
        """Whether a path is the publisher's, not the preview's: the editions, and the
        list of them in each language (`editions/`, `uk/editions/`)."""
        return rel == "editions" or rel.startswith("editions/") or any(
            rel in (f"{prefix}editions", f"{prefix}editions/index.html")
            for prefix in self.preview.prefixes)

    def published_file(self, start_response: StartResponse, rel: str, folder: bool,
                       port: int) -> list[bytes]:
        """A file of the published editions, read-only and never rebuilt: its own bytes."""
        assert self.published is not None
        path = self.published / rel
        if path.is_dir():
            if not folder:
                return self.redirect(start_response, f"{self.base_path}{rel}/")
            path = path / "index.html"
        if not path.is_file():
            return self.not_found(start_response, port)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        start_response("200 OK", [("Content-Type", kind), ("Cache-Control", "no-store")])
        body = path.read_bytes()
        return [with_reload(body, port) if path.suffix == ".html" else body]

    def not_found(self, start_response: StartResponse, port: int) -> list[bytes]:
        return self.respond(start_response, "404 Not Found", "404.html",
                            self.preview.file("404.html") or b"Not found", port)

    @staticmethod
    def redirect(start_response: StartResponse, location: str) -> list[bytes]:
        start_response("301 Moved Permanently", [("Location", location)])
        return [b""]

    def with_errors(self, body: bytes) -> bytes:
        """The page, or an error page, with the failed build's problems on top."""
        if not self.preview.failed:
            return body
        errors = [p for p in self.preview.problems if p.severity == "error"]
        items = Markup("").join(Markup("<li>{}</li>").format(str(p)) for p in errors)
        status = ("the site below is out of date" if body
                  else "there is no site to show yet")
        overlay = OVERLAY.format(status=escape(status), items=items)
        if not body:
            return str(ERROR_PAGE.format(overlay=overlay)).encode()
        html = body.decode("utf-8")
        at = html.find(">", html.find("<body")) + 1
        return (html[:at] + str(overlay) + html[at:]).encode()


def with_reload(body: bytes, port: int) -> bytes:
    """The page with the reload script, as a file, before </head> (or at its end)."""
    script = RELOAD_SCRIPT % port
    at = body.find(b"</head>")
    return body[:at] + script + body[at:] if at >= 0 else body + script


def report(problems: list[Problem], summary: str) -> None:
    """Problems and a summary on the terminal, escaped: they quote file names and
    what files say, which a hostile repository could fill with escape sequences."""
    for problem in problems:
        print(problem, file=sys.stderr)
    print(printable(summary), file=sys.stderr, flush=True)


def serve(preview: Preview, host: str, port: int, open_browser: bool,
          published: Path | None = None) -> int:
    """Run the preview until Ctrl-C; `published`: a site into which `build.py editions`
    published the editions, served too. Returns the exit status."""
    log_to_terminal()
    # The server's own event loop, made and run here: asyncio's loop for the thread is
    # never set or replaced. tornado finds this one as the running loop.
    loop, status, watcher = asyncio.new_event_loop(), 0, None
    try:
        started = time.perf_counter()
        preview.rebuild()
        report(preview.problems, preview.summary(time.perf_counter() - started))
        watcher = loop.run_until_complete(listen(preview, host, port, open_browser, published))
        if watcher is None:
            status = 2
        else:
            stop_on_ctrl_c(loop)
            loop.run_forever()
    except KeyboardInterrupt:  # Ctrl-C during the first build
        pass
    finally:
        if watcher is not None:
            loop.run_until_complete(watcher.close())
        loop.close()
    if status == 0:
        print("\nStopped.", file=sys.stderr)
    return status


def stop_on_ctrl_c(loop: asyncio.AbstractEventLoop) -> None:
    """Ctrl-C stops the loop between two of its callbacks. Raised as KeyboardInterrupt
    wherever Python happens to be, it is lost when that is a finalizer (`__del__`, a
    weakref callback: "Exception ignored in …"), and the server runs on. Where the loop
    cannot take signals (Windows), Ctrl-C stays the exception."""
    with contextlib.suppress(NotImplementedError):
        loop.add_signal_handler(signal.SIGINT, loop.stop)


async def listen(preview: Preview, host: str, port: int, open_browser: bool,
                 published: Path | None) -> Watcher | None:
    """Listen, and watch the folders, on the running loop (tornado's IOLoop.current());
    returns the watcher, or None (said why) if the port cannot be listened on."""

    def on_change(paths: set[str]) -> None:
        began = time.perf_counter()
        preview.rebuild()
        names = ", ".join(sorted(os.path.relpath(p) for p in paths)[:3])
        report(preview.problems, f"{names}: {preview.summary(time.perf_counter() - began)}")
        browsers.reload()

    browsers = Browsers()
    try:
        application(App(preview, preview.base_path, published), host, browsers).listen(
            port, address=host)
    except OSError as exc:
        print(f"python build.py serve: error: cannot listen on {host}:{port} "
              f"({exc.strerror}): is another server running? Choose another port with "
              "--port", file=sys.stderr)
        return None
    watcher = Watcher(preview.watched(), on_change)
    watcher.start()
    url = f"http://{host}:{port}{preview.base_path}"
    print(f"Serving the briefing at {url} (Ctrl-C to stop)", file=sys.stderr, flush=True)
    if preview.has(f"{ADMIN}/index.html"):
        print(f"The forms are at {url}{ADMIN}/ (Chrome or Edge: Work with Local Repository)",
              file=sys.stderr, flush=True)
    if open_browser:
        webbrowser.open(url)
    return watcher
