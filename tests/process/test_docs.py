"""Every command the guides show works as written (issue 22, point 9).

Each fenced ```sh block of docs/*.md and README.md is run, command by command, in the
order written, one document at a time, on a fresh copy of the project and its seed
(`content/`) in a git repository of its own, with an `origin` to compare with, as a
newsroom's clone has. A command is what a line says (continued with `\\`), split at
`&&`; `.venv/bin/python`, `python` or `python3` at its start is the Python running these
tests, and `.venv/bin/TOOL` that Python's TOOL. Each must exit 0 without a traceback.

What a guide asks the editor to do by hand between two commands (an edit in a file) is
done here too, before the command it precedes (HAND). What cannot run as written has a
rule: `serve` and `http.server` are started, must answer over HTTP, then are stopped;
`git push` and installing are skipped, with the reason (SKIPPED); whole blocks that do
not operate on a briefing are listed with why (EXCLUDED). Output and mistakes are shown
in ```text blocks, which are not run; every fence says what it holds."""

from __future__ import annotations

import html
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.helpers.common import ROOT, newsroom_repo

DOCS = sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]
PROJECT = ["briefing", "templates", "schema", "build.py", "pyproject.toml",
           "requirements.lock", "babel.cfg", ".gitignore"]
FENCES = {"sh", "text", "yaml", "markdown", "json"}  # what a fence may say it holds
PYTHONS = {".venv/bin/python", "python", "python3"}
BIN = Path(sys.executable).parent

# Whole blocks not run, by document and the start of their first command: why.
EXCLUDED = {
    ("README.md", ".venv/bin/pip install pip-tools"):
        "refreshes requirements.lock from the network (pip-tools); tests/unit/test_publish.py "
        "checks that the lock matches pyproject.toml",
    ("README.md", "SCREENSHOTS_DIR=docs/images"):
        "the project's own screenshots: Chromium and Playwright write docs/images/, "
        "not a briefing's content",
    ("README.md", ".venv/bin/python benchmarks/run.py"):
        "the benchmark kit: minutes of synthetic builds against Hugo and Eleventy, "
        "tested by tests/unit/ and tests/process/test_benchmarks.py",
}


def skipped(argv: list[str]) -> str | None:
    """Why a command is not run, or None."""
    if argv[:2] == ["git", "push"]:
        return "publishing to GitHub: the copy has no GitHub to push to (what it would " \
               "push is checked to exist)"
    if argv[:3] == ["python3", "-m", "venv"] or argv[:2] == [".venv/bin/pip", "install"]:
        return "installing: the copy runs with the Python and packages of these tests"
    if argv[:2] == ["npm", "ci"]:
        return "installing the CMS: the copy is given the node_modules scripts/test.sh " \
               "installed with npm ci"
    if argv == ["bash", "scripts/test.sh"]:
        return "the whole test suite, this test among it"
    return None


# --- what the guides ask to be done by hand ----------------------------------------------

def blocks_of(doc: Path, kind: str) -> list[str]:
    return [b.text for b in fenced(doc) if b.info == kind]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path}: {old!r} is not there once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def yaml_block(doc: Path, starting: str) -> str:
    """The guide's first ```yaml block that starts with `starting`, as written (an
    excerpt keeps the indentation it has in its file)."""
    found = [b for b in blocks_of(doc, "yaml") if b.strip().startswith(starting)]
    assert found, f"{doc.name}: no yaml block starts with {starting!r}"
    return found[0]


RUSSIA_TALKS = """    russia:
      position: Russia offers Ukraine direct negotiations.
      as_of: 2025-05-11
      actors: [putin]
      sources: [zelensky-challenges-putin]
      quote:
        text: serious negotiations
        speaker: putin
        source: zelensky-challenges-putin
        context: late-night address
"""


def move_russia_stance(doc: Path) -> Callable[[Path], None]:
    """The russia stance of direct-talks replaced by the guide's block (in
    translating.md inside a list item, whose indentation the block loses)."""
    def apply(repo: Path) -> None:
        edit(repo / "content" / "positions.yaml", RUSSIA_TALKS, yaml_block(doc, "russia:"))
    return apply


def putin_links(repo: Path) -> None:
    path = repo / "content" / "actors" / "putin.yaml"
    links = yaml_block(ROOT / "docs" / "editing.md", "links:")
    path.write_text(path.read_text(encoding="utf-8") + links, encoding="utf-8")


def talks_text(repo: Path) -> None:
    text = blocks_of(ROOT / "docs" / "editing.md", "markdown")[0]
    (repo / "talks.md").write_text(text, encoding="utf-8")


def correct_talks_date(repo: Path) -> None:
    edit(repo / "content" / "chronology.yaml", "- id: talks-held\n  date: 2025-05-15\n",
         "- id: talks-held\n  date: 2025-05-16\n")


def clarify_ceasefire(repo: Path) -> None:
    edit(repo / "content" / "positions.yaml",
         "Ukraine and its allies\n    proposed a 30-day ceasefire from Monday 12 May.",
         "The leaders of the United\n    Kingdom, France, Germany and Poland proposed it "
         "with Ukraine: a 30-day ceasefire\n    from Monday 12 May.")


def rate_putin_claim(repo: Path) -> None:
    block = yaml_block(ROOT / "docs" / "updating.md", "- id: putin-comes-to-istanbul")
    path = repo / "content" / "claims.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: putin-comes-to-istanbul")
    end = text.find("\n- id:", start)
    path.write_text(text[:start] + block + (text[end + 1:] if end > 0 else ""),
                    encoding="utf-8")


def withdraw_medinsky(repo: Path) -> None:
    path = repo / "content" / "claims.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: medinsky-leads-delegation")
    end = text.find("\n- id:", start)
    path.write_text(text[:start].rstrip("\n") + "\n" + (text[end + 1:] if end > 0 else ""),
                    encoding="utf-8")


def tusk_wording(repo: Path) -> None:
    edit(repo / "content" / "actors" / "tusk.yaml", "summit of 10 May", "summit on 10 May")


def fill_german(repo: Path) -> None:
    de = repo / "content" / "translations" / "de"
    filled = yaml_block(ROOT / "docs" / "translating.md", "#: Vladimir Putin")
    for line in filled.splitlines():
        if not line.startswith("#"):
            field = line.split(":")[0]
            edit(de / "actors" / "putin.yaml", f"\n{field}:\n", f"\n{line}\n")
    edit(de / "briefing.yaml", "\ntitle:\n",
         "\ntitle: Selenskyj fordert Putin zu einem Treffen in Istanbul heraus\n")


def new_putin_role(repo: Path) -> None:
    edit(repo / "content" / "actors" / "putin.yaml", "role: President of Russia\n",
         "role: President of the Russian Federation\n")


def translated_role(lang: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(repo: Path) -> None:
        edit(repo / "content" / "translations" / lang / "actors" / "putin.yaml",
             f'role: "{old}"', f'role: "{new}"')
    return apply


def add_cname(repo: Path) -> None:
    path = repo / "content" / "briefing.yaml"
    cname = yaml_block(ROOT / "docs" / "publishing.md", "cname:")
    path.write_text(path.read_text(encoding="utf-8") + cname, encoding="utf-8")


def add_cms(repo: Path) -> None:
    path = repo / "content" / "briefing.yaml"
    line = yaml_block(ROOT / "docs" / "cms.md", "cms:")
    path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")


UPDATING, TRANSLATING = ROOT / "docs" / "updating.md", ROOT / "docs" / "translating.md"
# By document, in order: (the start of the command it comes before, what the guide says
# to do, the edit). Each runs before the first command from there on that starts so.
HAND: dict[str, list[tuple[str, str, Callable[[Path], None]]]] = {
    "editing.md": [
        (".venv/bin/python build.py", "give Putin a link", putin_links),
        (".venv/bin/python build.py new article", "save the article's text as talks.md",
         talks_text),
    ],
    "updating.md": [
        (".venv/bin/python build.py check", "move Russia's stance into its history",
         move_russia_stance(UPDATING)),
        (".venv/bin/python build.py new change talks-date-corrected",
         "correct the event's date", correct_talks_date),
        (".venv/bin/python build.py new change ceasefire-proposers",
         "clarify the issue's summary", clarify_ceasefire),
        (".venv/bin/python build.py new change putin-stays-away", "rate the claim anew",
         rate_putin_claim),
        (".venv/bin/python build.py new change medinsky-claim-withdrawn",
         "take the claim out", withdraw_medinsky),
        (".venv/bin/python build.py new change tusk-wording", "reword Tusk's profile",
         tusk_wording),
    ],
    "translating.md": [
        (".venv/bin/python build.py check", "fill in German fields", fill_german),
        (".venv/bin/python build.py check", "change Putin's role in the original",
         new_putin_role),
        (".venv/bin/python build.py translations uk --confirm",
         "bring the Ukrainian role up to date",
         translated_role("uk", "Президент Росії", "Президент Російської Федерації")),
        (".venv/bin/python build.py translations ru --confirm",
         "bring the Russian role up to date",
         translated_role("ru", "Президент России", "Президент Российской Федерации")),
        (".venv/bin/python build.py translations uk", "move Russia's stance into history",
         move_russia_stance(TRANSLATING)),
    ],
    "cms.md": [
        ("npm ci", "turn the forms on", add_cms),
    ],
    "publishing.md": [
        (".venv/bin/python build.py build\n", "add the custom domain", add_cname),
    ],
}


def catalogs_as_in_the_repository(repo: Path) -> None:
    """The guide's pybabel commands write the catalogs the project has: the template
    byte for byte, each catalog but for the template's date in its header."""
    locales = repo / "templates" / "locales"
    ours = ROOT / "templates" / "locales"
    assert (locales / "messages.pot").read_bytes() == (ours / "messages.pot").read_bytes()
    for po in ours.glob("*.po"):
        differ = [line for line in set((locales / po.name).read_text().splitlines())
                  ^ set(po.read_text().splitlines())
                  if not line.startswith('"POT-Creation-Date:')]
        assert differ == [], (po.name, differ)
    assert (locales / "de.po").is_file()


def offered_in_german(repo: Path) -> None:
    """Once something is translated, the language is offered, page by page."""
    sitemap = (repo / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert re.findall(r"<loc>(de/[^<]*)</loc>", sitemap) == [
        "de/", "de/actors/", "de/actors/putin/"]
    catalogs_as_in_the_repository(repo)


def two_editions(repo: Path) -> None:
    for name in ("2025-05-11", "2025-05-16"):
        assert (repo / "site" / "editions" / name / "index.html").is_file(), name
    assert (repo / "site" / "uk" / "editions" / "index.html").is_file()


def custom_domain(repo: Path) -> None:
    assert (repo / "site" / "CNAME").read_text() == "briefing.example.org\n"
    assert (repo / "site" / ".nojekyll").is_file()


# What the guide says a sequence leads to, checked after its last command.
AFTER: dict[str, Callable[[Path], None]] = {
    "translating.md": offered_in_german,
    "editions.md": two_editions,
    "publishing.md": custom_domain,
}


# --- reading the documents ------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    doc: str
    line: int  # where its fence opens
    info: str
    text: str


FENCE = re.compile(r"^( *)```(\S*)\s*$")


def fenced(doc: Path) -> list[Block]:
    """The fenced code blocks of a Markdown file, indentation (in a list item) removed."""
    blocks, lines = [], doc.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        opened = FENCE.match(lines[i])
        if not opened:
            i += 1
            continue
        indent, info, start = len(opened[1]), opened[2], i
        i += 1
        body = []
        while not re.match(rf"^ {{0,{indent + 3}}}```\s*$", lines[i]):
            body.append(lines[i][indent:] if lines[i][:indent].isspace() else lines[i])
            i += 1
        blocks.append(Block(doc.name, start + 1, info, "".join(b + "\n" for b in body)))
        i += 1
    return blocks


def commands(block: Block) -> list[list[str]]:
    """The block's commands: lines continued with a backslash joined, comments left out,
    split at `&&`."""
    joined = block.text.replace("\\\n", " ")
    found = []
    for line in joined.splitlines():
        argv = shlex.split(line, comments=True)
        while argv:
            cut = argv.index("&&") if "&&" in argv else len(argv)
            found.append(argv[:cut])
            argv = argv[cut + 1:]
    return found


def excluded(block: Block) -> str | None:
    first = block.text.lstrip()
    return next((why for (doc, start), why in EXCLUDED.items()
                 if doc == block.doc and first.startswith(start)), None)


# --- running them ---------------------------------------------------------------------

def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout


def make_copy(root: Path) -> Path:
    """The project's code, templates and seed in a repository of its own, committed,
    with the first commit also at `origin` (a bare clone), so `origin/main` exists."""
    repo = newsroom_repo(root, PROJECT)
    git(repo, "config", "commit.gpgsign", "false")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "The seed briefing")
    subprocess.run(["git", "clone", "-q", "--bare", str(repo), str(root / "origin.git")],
                   check=True, capture_output=True)
    git(repo, "remote", "add", "origin", str(root / "origin.git"))
    git(repo, "fetch", "-q", "origin")
    (repo / "node_modules").symlink_to(ROOT / "node_modules")  # as `npm ci` makes it
    return repo


def environment() -> dict[str, str]:
    """Without GitHub's step summary: a run of these tests on GitHub keeps its own."""
    return {k: v for k, v in os.environ.items()
            if k not in ("GITHUB_STEP_SUMMARY", "VIRTUAL_ENV", "PYTHONPATH")}


def resolved(argv: list[str]) -> list[str]:
    """The project's Python and its tools, for the guide's `.venv/bin/…` and `python`."""
    if argv[0] in PYTHONS:
        return [sys.executable, *argv[1:]]
    if argv[0].startswith(".venv/bin/"):
        return [str(BIN / argv[0].removeprefix(".venv/bin/")), *argv[1:]]
    return argv


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def is_server(argv: list[str]) -> bool:
    return "serve" in argv[2:3] or argv[1:3] == ["-m", "http.server"]


def served(argv: list[str], repo: Path, tmp: Path) -> None:
    """Start the server on a free port, fetch its home page (and the editions listing
    when it serves editions) under its base path, then stop it as Ctrl-C does."""
    port = free_port()
    if argv[1:3] == ["-m", "http.server"]:
        argv, path = [*argv[:-1], str(port)], "/"
    else:
        if "--port" in argv:
            at = argv.index("--port")
            argv = argv[:at] + argv[at + 2:]
        argv = [*argv, "--port", str(port)]
        base = argv[argv.index("--base-url") + 1] if "--base-url" in argv else "/"
        path = urlsplit(base).path or "/"
    pages = [path] + ([path + "editions/"] if "--editions" in argv else [])
    log = tmp / f"server-{port}.log"
    with open(log, "w") as out:
        server = subprocess.Popen(resolved(argv), cwd=repo, stdout=out, stderr=out,
                                  stdin=subprocess.DEVNULL, env=environment())
    try:
        for page in pages:
            status = fetch(f"http://127.0.0.1:{port}{page}", server)
            assert status == 200, f"{argv}: {page} answered {status}\n{log.read_text()}"
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert "Traceback" not in log.read_text(), log.read_text()


def fetch(url: str, server: subprocess.Popen) -> int | None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the server stopped (exit status {server.returncode})"
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                return answer.status
        except urllib.error.HTTPError as error:
            return error.code
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    return None


def run(argv: list[str], repo: Path, where: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(resolved(argv), cwd=repo, capture_output=True, text=True,
                          timeout=900, stdin=subprocess.DEVNULL, env=environment())
    said = f"{where}: {shlex.join(argv)}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    assert done.returncode == 0, f"exit status {done.returncode}: {said}"
    assert "Traceback" not in done.stderr, said
    return done


def check_push(argv: list[str], repo: Path) -> None:
    """What a skipped `git push origin NAME` would push exists."""
    names = [a for a in argv[3:] if not a.startswith("-")]
    for name in names:
        git(repo, "rev-parse", "--verify", "--quiet", name)


@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_every_command_of_the_guide_works_as_written(doc: Path, tmp_path: Path):
    repo = make_copy(tmp_path)
    steps = list(HAND.get(doc.name, []))
    ran = 0
    for block in fenced(doc):
        if block.info != "sh" or excluded(block):
            continue
        for argv in commands(block):
            where = f"{doc.name}:{block.line}"
            line = shlex.join(argv)
            if steps and (line + "\n").startswith(steps[0][0]):
                steps.pop(0)[2](repo)
            if skipped(argv):
                if argv[:2] == ["git", "push"]:
                    check_push(argv, repo)
                continue
            if is_server(argv):
                served(argv, repo, tmp_path)
            else:
                run(argv, repo, where)
            ran += 1
    assert not steps, f"{doc.name}: no command came after these edits: {steps}"
    if doc.name in AFTER:
        AFTER[doc.name](repo)
    assert ran or not any(b.info == "sh" for b in fenced(doc)), doc.name


def test_every_fence_says_what_it_holds_and_every_exclusion_is_used():
    """A fence without a language, or with another name for a shell (bash, console),
    would be neither run nor excluded; an exclusion that matches nothing is stale."""
    used = set()
    for doc in DOCS:
        for block in fenced(doc):
            assert block.info in FENCES, (
                f"{doc.name}:{block.line}: ```{block.info}: use ```sh for commands to run, "
                "```text for output and mistakes")
            if block.info == "sh" and excluded(block):
                used.add(next(k for k in EXCLUDED if k[0] == doc.name
                              and block.text.lstrip().startswith(k[1])))
    assert used == set(EXCLUDED)


def test_every_yaml_example_is_yaml():
    for doc in DOCS:
        for block in fenced(doc):
            if block.info == "yaml":
                yaml.safe_load(block.text)  # raises at a mistake


def cells(row: str) -> int:
    """A table row's cells: `|` escaped as `\\|` (also inside code) does not split."""
    return len(re.split(r"(?<!\\)\|", row.strip().strip("|")))


def test_every_table_has_as_many_cells_in_each_row_as_in_its_header():
    for doc in DOCS:
        rows: list[tuple[int, str]] = []
        for number, line in enumerate([*doc.read_text(encoding="utf-8").splitlines(), ""], 1):
            if line.lstrip().startswith("|"):
                rows.append((number, line))
                continue
            if rows:
                width = cells(rows[0][1])
                assert len(rows) > 2 and re.fullmatch(r"[\s|:-]+", rows[1][1]), (
                    f"{doc.name}:{rows[0][0]}: a table needs a header and a divider row")
                for at, row in rows:
                    assert cells(row) == width, f"{doc.name}:{at}: {cells(row)} cells, " \
                                                f"the header has {width}"
                rows = []


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = html.unescape(re.sub(r"[`*]", "", heading)).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def test_every_link_between_the_documents_finds_its_file_and_heading():
    for doc in DOCS:
        text = re.sub(r"(?ms)^ *```.*?^ *```", "", doc.read_text(encoding="utf-8"))
        text = re.sub(r"`[^`\n]*`", "", text)  # examples in code are not links
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue  # a web address
            path, _, fragment = target.partition("#")
            file = (doc.parent / path).resolve() if path else doc
            assert file.exists(), f"{doc.name}: no {path}"
            if fragment and file.suffix == ".md":
                headings = re.findall(r"^#+ (.+)$", file.read_text(encoding="utf-8"), re.M)
                assert fragment in {anchor(h) for h in headings}, f"{doc.name}: {target}"
