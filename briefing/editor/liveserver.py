"""The preview's web server: the site (a WSGI app), the live-reload socket and script,
answering this computer's own browser only.

Drafts are not public, and a page of any other site runs in the same browser:
- DNS rebinding (evil.example re-resolved to 127.0.0.1) gets a short refusal, no
  content: only requests naming this computer (localhost, 127.0.0.1, [::1]) or the
  address given with --host are answered. The port is not checked: a tunnel or a
  container may forward another one, and rebinding cannot change the name.
- The reload socket and /forcereload answer the preview's own pages, not other sites
  (tornado's rule for WebSockets: Sec-Fetch-Site, else Origin against Host). A client
  sending no Origin is no browser, so no other site: it is answered (curl, an editor).
- What the network sends (paths, the URL a page reports) reaches the terminal only
  escaped: a hostile one would otherwise clear it, retitle it or write fake lines.

livereload.js is livereload's own (its protocol: hello, info, reload); its Python server
is not used, so nothing of it is patched.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import sys
from pathlib import Path
from urllib.parse import urlsplit

import livereload
from tornado import httputil, web
from tornado.routing import AnyMatches, Matcher, Rule
from tornado.websocket import WebSocketClosedError, WebSocketHandler
from tornado.wsgi import WSGIContainer

from ..problems import printable

LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
WILDCARDS = frozenset({"", "0.0.0.0", "::", "[::]"})
PROTOCOL = "http://livereload.com/protocols/official-7"
SCRIPT = Path(livereload.__file__).parent / "vendors" / "livereload.js"
REFUSED = (b"This preview answers only at this computer's own address (localhost, "
           b"127.0.0.1): the request named another site.\n")


class Printable(logging.Formatter):
    """tornado's log lines (a 404's path as sent) with what the network wrote escaped,
    line by line (a traceback keeps its lines)."""

    def format(self, record: logging.LogRecord) -> str:
        return "\n".join(printable(line) for line in super().format(record).split("\n"))


def log_to_terminal() -> None:
    """tornado's warnings (4xx, 5xx) and errors on stderr, escaped; nothing else."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(Printable())
    tornado_log = logging.getLogger("tornado")
    tornado_log.handlers[:] = [handler]
    tornado_log.setLevel(logging.WARNING)
    tornado_log.propagate = False


def host_name(host: str) -> str:
    """A --host as a Host header names it: '::1' → '[::1]'."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host.lower()


class ThisComputer(Matcher):
    """Requests whose Host names this computer, or the address listened on; on a
    wildcard (0.0.0.0, ::), any IP address too (a phone on the same network asks by
    address; rebinding always asks by name)."""

    def __init__(self, listening: str):
        self.names = LOCAL_NAMES | {host_name(listening)}
        self.any_address = host_name(listening) in WILDCARDS

    def match(self, request: httputil.HTTPServerRequest) -> dict | None:
        name = request.host_name
        return {} if name in self.names or (self.any_address and is_address(name)) else None


def is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name.removeprefix("[").removesuffix("]"))
    except ValueError:
        return False
    return True


def same_origin(request: httputil.HTTPServerRequest) -> bool:
    """tornado's rule for a WebSocket, for a plain GET: the browser says same-origin (or
    typed in), or, where it does not say, its Origin is this Host; no Origin: no browser."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    return origin is None or urlsplit(origin).netloc.lower() == request.host.lower()


class Browsers:
    """The preview's pages open in browsers, each told to reload after a rebuild."""

    def __init__(self) -> None:
        self.sockets: set[ReloadSocket] = set()

    def reload(self) -> None:
        message = json.dumps({"command": "reload", "path": "*", "liveCSS": False,
                              "liveImg": True})
        for socket in list(self.sockets):
            try:
                socket.write_message(message)
            except WebSocketClosedError:
                self.sockets.discard(socket)


class ReloadSocket(WebSocketHandler):
    """livereload.js's socket. Cross-origin handshakes are refused by tornado's own
    check_origin (livereload's accepted every site)."""

    def initialize(self, browsers: Browsers) -> None:
        self.browsers = browsers

    def on_message(self, message: str | bytes) -> None:
        try:
            said = json.loads(message)
        except ValueError:
            return
        if not isinstance(said, dict):
            return
        if said.get("command") == "hello":
            self.write_message(json.dumps({"command": "hello", "protocols": [PROTOCOL],
                                           "serverName": "briefing"}))
        elif said.get("command") == "info" and self not in self.browsers.sockets:
            self.browsers.sockets.add(self)
            print(f"Browser Connected: {printable(str(said.get('url', '')))}",
                  file=sys.stderr, flush=True)

    def on_close(self) -> None:
        self.browsers.sockets.discard(self)


class ForceReload(web.RequestHandler):
    """livereload's /forcereload, for tools on this computer; not for other sites' pages
    (an <img> pointing at it)."""

    def initialize(self, browsers: Browsers) -> None:
        self.browsers = browsers

    def get(self) -> None:
        if not same_origin(self.request):
            raise web.HTTPError(403)
        self.browsers.reload()
        self.write("ok")


class ReloadScript(web.RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "application/javascript")
        self.write(SCRIPT.read_bytes())


class RefusingHandler(web.RequestHandler):
    """Any request naming another host: a short refusal, whatever it asked for."""

    def prepare(self) -> None:
        self.set_status(403)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(REFUSED)


def application(site: object, listening: str, browsers: Browsers) -> web.Application:
    """The site (a WSGI app), livereload's endpoints, for requests to this computer."""
    local = [
        (r"/livereload", ReloadSocket, {"browsers": browsers}),
        (r"/forcereload", ForceReload, {"browsers": browsers}),
        (r"/livereload\.js", ReloadScript),
        (r".*", web.FallbackHandler, {"fallback": WSGIContainer(site)}),
    ]
    return web.Application([Rule(ThisComputer(listening), local),
                            Rule(AnyMatches(), RefusingHandler)])
