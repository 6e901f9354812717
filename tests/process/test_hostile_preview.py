"""Hostile-repository suite: the preview server, attacked from other sites and the network.

- DNS rebinding: a site whose name points at 127.0.0.1 asks the preview for drafts; any
  request whose Host is not this computer's own name gets a short refusal, no content.
- Another site opens the live-reload WebSocket, or calls /forcereload: refused.
- A URL or path sent to the server, or a file name in the repository, holds terminal
  escape sequences: the terminal shows them escaped, never as the bytes that would
  clear it or retitle its window.

The server runs as a real process (as in tests/process/test_serve.py), spoken to in raw HTTP.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

from tests.helpers.serve import MOUNT, Server, start_server, stop_server

RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # not in a log


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_server(tmp_path_factory.mktemp("hostile-preview"))
    yield running
    stop_server(running)
    assert not RAW.search("".join(running.log)), "".join(running.log)


def ask(server: Server, request: bytes) -> tuple[int, bytes]:
    """A raw request, sent byte for byte as written; (status, body)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(request)
        data = b""
        while b"\r\n\r\n" not in data and (chunk := s.recv(65536)):
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = re.search(rb"(?im)^content-length: *(\d+)", head)
        # The body by its length: a WebSocket's handshake keeps the connection open.
        while status != 101 and length and len(body) < int(length[1]):
            body += s.recv(65536)
    return status, body


def get(server: Server, path: str, host: str, *headers: str) -> tuple[int, bytes]:
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "Connection: close", *headers]
    return ask(server, ("\r\n".join(lines) + "\r\n\r\n").encode())


def handshake(server: Server, host: str, *headers: str) -> int:
    """The status of a WebSocket handshake on the live-reload socket."""
    return get(server, "/livereload", host, "Upgrade: websocket", "Connection: Upgrade",
               "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
               *headers)[0]


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}",
                                  "localhost.evil.example:{port}",
                                  "127.0.0.1.nip.io:{port}", "attacker.localhost:{port}"])
@pytest.mark.parametrize("path", [MOUNT, MOUNT + "briefing.json", MOUNT + "actors/putin/",
                                  "/livereload.js", "/_briefing/overlay.css", "/"])
def test_a_foreign_host_gets_no_content(server: Server, host: str, path: str):
    """DNS rebinding: the page at evil.example, re-resolved to 127.0.0.1, reads nothing."""
    status, body = get(server, path, host.format(port=server.port))
    assert status == 403
    assert len(body) < 200 and b"<" not in body and b"Putin" not in body, body


@pytest.mark.parametrize("host", ["localhost:{port}", "127.0.0.1:{port}", "LocalHost:{port}"])
def test_this_computers_names_are_answered(server: Server, host: str):
    status, body = get(server, MOUNT + "actors/putin/", host.format(port=server.port))
    assert status == 200 and b"Vladimir Putin" in body


def test_a_foreign_host_cannot_open_the_reload_socket(server: Server):
    assert handshake(server, f"evil.example:{server.port}",
                     f"Origin: http://evil.example:{server.port}") == 403


@pytest.mark.parametrize("origin", ["http://evil.example", "http://evil.example:{port}",
                                    "http://localhost:{port}", "http://127.0.0.1:1",
                                    "null"])
def test_another_origin_cannot_open_the_reload_socket(server: Server, origin: str):
    """A page of another site (even at localhost, its Host ours) is refused the socket
    that tells when drafts change."""
    here = f"127.0.0.1:{server.port}"
    assert handshake(server, here, "Origin: " + origin.format(port=server.port)) == 403


def test_the_same_origin_and_a_command_line_client_open_the_reload_socket(server: Server):
    here = f"127.0.0.1:{server.port}"
    assert handshake(server, here, f"Origin: http://{here}") == 101
    assert handshake(server, here) == 101  # no Origin: not a browser, so no other site


@pytest.mark.parametrize("headers", [("Origin: http://evil.example",),
                                     ("Sec-Fetch-Site: cross-site",),
                                     ("Sec-Fetch-Site: same-site",)])
def test_another_site_cannot_force_a_reload(server: Server, headers: tuple[str, ...]):
    """An <img src=http://127.0.0.1:8000/forcereload> on any site: its request is refused."""
    assert get(server, "/forcereload", f"127.0.0.1:{server.port}", *headers)[0] == 403


def test_the_same_origin_can_force_a_reload(server: Server):
    here = f"127.0.0.1:{server.port}"
    assert get(server, "/forcereload", here, f"Origin: http://{here}",
               "Sec-Fetch-Site: same-origin") == (200, b"ok")
    assert get(server, "/forcereload", here) == (200, b"ok")  # curl, an editor's plugin


def logged_since(server: Server, count: int, word: str) -> str:
    deadline = time.monotonic() + 10
    while not any(word in line for line in server.log[count:]):
        assert time.monotonic() < deadline, server.log[count:]
        time.sleep(0.02)
    return "".join(server.log[count:])


def test_a_url_sent_over_the_socket_is_printed_escaped(server: Server):
    """livereload.js sends the page's URL, which the terminal shows: a hostile one would
    clear the screen and write what it likes."""
    before = len(server.log)
    url = "http://127.0.0.1/\x1b[2J\x1b]0;owned\x07\u202eevil\x9b31m"

    async def say() -> None:
        origin = f"http://127.0.0.1:{server.port}"
        socket_ = await websocket_connect(HTTPRequest(
            f"ws://127.0.0.1:{server.port}/livereload", headers={"Origin": origin}))
        socket_.write_message(json.dumps({"command": "hello", "protocols": [
            "http://livereload.com/protocols/official-7"]}))
        assert json.loads(await socket_.read_message())["command"] == "hello"
        await socket_.write_message(json.dumps({"command": "info", "url": url}))
        await asyncio.sleep(0.2)
        socket_.close()

    with ThreadPoolExecutor(1) as thread:  # a loop of its own: Playwright's may be running
        thread.submit(asyncio.run, say()).result(timeout=20)
    said = logged_since(server, before, "Browser Connected")
    assert not RAW.search(said), said
    assert "\\x1b[2J" in said and "\\u202eevil" in said


def test_a_request_path_with_escape_sequences_is_logged_escaped(server: Server):
    """Bytes that a terminal reads as commands (ESC, the one-byte CSI 0x9B), sent in a
    path raw and percent-encoded: a 404, and the terminal's line about it escaped."""
    before = len(server.log)
    request = (f"GET {MOUNT}%1b[2J\x9b2Jx%e2%80%ae HTTP/1.1\r\nHost: 127.0.0.1:{server.port}"
               "\r\nConnection: close\r\n\r\n").encode("latin-1")
    assert ask(server, request)[0] == 404
    said = logged_since(server, before, "404")
    assert not RAW.search(said), said
    assert "\\x9b2J" in said


def test_a_file_name_with_escape_sequences_is_printed_escaped(server: Server):
    """A hostile repository's file name: the rebuild's lines name it, escaped."""
    hostile = server.content / "actors" / "\x1b]0;owned\x07\x1b[2J.yaml"
    before = len(server.log)
    hostile.write_text("name: X\n", encoding="utf-8")
    said = logged_since(server, before, "build failed")
    assert not RAW.search(said), said
    assert "\\x1b]0;owned\\x07\\x1b[2J.yaml" in said
    before = len(server.log)
    hostile.unlink()
    logged_since(server, before, "checked")


def test_listening_on_every_address_answers_addresses_not_names(tmp_path: Path):
    """--host 0.0.0.0 (a phone on the same network asks by address): any IP address is
    answered, as rebinding always asks by a name; names other than localhost are not."""
    running = start_server(tmp_path, "--host", "0.0.0.0")
    try:
        port = running.port
        assert get(running, MOUNT, f"192.168.1.5:{port}")[0] == 200
        assert get(running, MOUNT, f"[fe80::1]:{port}")[0] == 200
        assert get(running, MOUNT, f"localhost:{port}")[0] == 200
        assert get(running, MOUNT, f"printer.lan:{port}")[0] == 403
    finally:
        stop_server(running)
