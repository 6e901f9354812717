#!/usr/bin/env python3
"""Save-to-reload time of `python build.py serve`, with the full build time beside it.

usage: python benchmarks/preview.py [SIZE ...] [--saves N]

SIZE is `seed` (content/) or a number of actors for the synthetic briefing of
benchmarks/synthetic.py (default: seed 5000). For each, it times one full
`build.py build` (a new process, output in a temporary folder), then starts
`build.py serve` as a real process, connects to it as a browser's live-reload client
does, and saves an actor file N times: the time from the save (file closed) to the
reload message, and to the reloaded page fetched, are reported as medians and maxima.
It also makes two saves 0.3 s apart and checks that both reach the client.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402  (a sibling file, not a package)


def content_for(size: str, work: Path) -> Path:
    target = work / f"content-{size}"
    if size == "seed":
        shutil.copytree(ROOT / "content", target)
        return target
    return synthetic.write(int(size), work / size / "content")


def full_build(content: Path, work: Path) -> float:
    out = work / "site-full"
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
                    "--out", str(out)], check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServeProcess:
    def __init__(self, content: Path, port: int):
        self.log: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--content", str(content),
             "--port", str(port)], stderr=subprocess.PIPE, text=True)
        self.reader = threading.Thread(target=lambda: self.log.extend(self.process.stderr))
        self.reader.start()

    def wait_for(self, text: str, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.log):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("serve did not start:\n" + "".join(self.log))
            time.sleep(0.02)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.reader.join()


async def measure_saves(port: int, actor: Path, page_url: str, saves: int, server: ServeProcess
                        ) -> tuple[list[float], list[float], bool]:
    socket_ = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    await socket_.write_message(json.dumps({"command": "hello", "protocols": [
        "http://livereload.com/protocols/official-7"]}))
    await socket_.read_message()
    await socket_.write_message(json.dumps({"command": "info", "url": page_url}))
    server.wait_for("Browser Connected")
    original = actor.read_text(encoding="utf-8")
    to_message, to_page = [], []
    try:
        for n in range(saves):
            await asyncio.sleep(0.3)
            actor.write_text(original.replace("summary: |", f"summary: |\n  Edit {n}.", 1),
                             encoding="utf-8")
            saved = time.perf_counter()
            await reload_message(socket_)
            to_message.append(time.perf_counter() - saved)
            with urllib.request.urlopen(page_url, timeout=30) as response:
                assert f"Edit {n}." in response.read().decode("utf-8")
            to_page.append(time.perf_counter() - saved)
        # Two saves in quick succession: livereload alone would drop the second.
        actor.write_text(original.replace("summary: |", "summary: |\n  First.", 1))
        await reload_message(socket_)
        await asyncio.sleep(0.3)
        actor.write_text(original.replace("summary: |", "summary: |\n  Second.", 1))
        await reload_message(socket_)
        with urllib.request.urlopen(page_url, timeout=30) as response:
            both = "Second." in response.read().decode("utf-8")
    finally:
        actor.write_text(original, encoding="utf-8")
        socket_.close()
    return to_message, to_page, both


async def reload_message(socket_) -> None:
    while True:
        message = await asyncio.wait_for(socket_.read_message(), timeout=60)
        if message is None:
            raise SystemExit("the server closed the live-reload connection")
        if json.loads(message).get("command") == "reload":
            return


def run(size: str, saves: int, work: Path) -> dict[str, object]:
    content = content_for(size, work)
    full = full_build(content, work)
    actor = sorted((content / "actors").glob("*.yaml"))[len(list((content / "actors").glob(
        "*.yaml"))) // 2]
    port = free_port()
    server = ServeProcess(content, port)
    try:
        server.wait_for("Serving")
        root = next(line for line in server.log if "Serving" in line).split()[4]
        page = f"{root}actors/{actor.stem}/"
        to_message, to_page, both = asyncio.run(measure_saves(port, actor, page, saves, server))
    finally:
        server.stop()
    return {"size": size, "full": full, "message": to_message, "page": to_page, "both": both}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", default=["seed", "5000"])
    parser.add_argument("--saves", type=int, default=10)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="briefing-preview-") as tmp:
        for size in args.sizes:
            rows.append(run(size, args.saves, Path(tmp)))
            print(f"measured {size}", file=sys.stderr)
    print("| briefing | full build | save → reload message (median / max) | "
          "save → page reloaded (median / max) | two quick saves both shown |")
    print("|---|---:|---:|---:|:---:|")
    for row in rows:
        name = "seed" if row["size"] == "seed" else f"{int(row['size']):,} actors"
        print(f"| {name} | {row['full']:.2f} s | {fmt(row['message'])} | {fmt(row['page'])} | "
              f"{'yes' if row['both'] else 'NO'} |")
    return 0


def fmt(times: list[float]) -> str:
    return f"{statistics.median(times) * 1000:.0f} / {max(times) * 1000:.0f} ms"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
