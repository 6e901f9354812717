"""A loader that cannot be crashed: the seed's files (its translations too), the living
test briefing's (changes, stance and status histories) and the Arabic translation of the
water briefing, mutated in every way an editor's
slip (or a hostile pull request) can, always end in a clean build or clear
`path:line:column` messages, never a traceback, a hang or unbounded memory, and a
failed build leaves the previous site as it was.

CI runs a bounded number of examples from a fixed seed. For a longer run:
    FUZZ_EXAMPLES=3000 .venv/bin/python -m pytest tests/process/test_fuzz.py
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, seed, settings
from hypothesis import strategies as st

from briefing.pipeline import build, load_and_check
from briefing.problems import BuildFailed
from tests.helpers.common import ROOT, SEED, TEMPLATES
from tests.helpers.pipeline import digest

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "120"))
FIXTURES = Path(__file__).parents[1] / "fixtures"
LIVING = FIXTURES / "living"  # every kind of change and history
BRIEFINGS = {"seed": SEED, "living": LIVING, "arabic": FIXTURES / "water"}
EXTRA = {"arabic": {"translations/ar": FIXTURES / "water-ar"}}  # copied into the content
FILES = sorted((name, p.relative_to(folder).as_posix()) for name, folder in BRIEFINGS.items()
               for p in folder.rglob("*") if p.suffix in (".yaml", ".md"))
FILES += sorted(("arabic", f"{place}/{p.relative_to(folder).as_posix()}")
                for place, folder in EXTRA["arabic"].items() for p in folder.rglob("*.yaml"))
TRANSLATIONS = [(name, file) for name, file in FILES if file.startswith("translations/")]


def source(name: str, file: str) -> Path:
    """Where a fuzzed file's pristine copy is."""
    for place, folder in EXTRA.get(name, {}).items():
        if file.startswith(place + "/"):
            return folder / file.removeprefix(place + "/")
    return BRIEFINGS[name] / file
PROBLEM = re.compile(r"^[^\n:]+:\d+:\d+: (error|warning|note): [^\n]+$")

BILLION_LAUGHS = "\n".join(
    ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]"
       for n in range(8)]) + "\n"


def mutations() -> st.SearchStrategy:
    """(name, function of (bytes, draw) → bytes)."""
    line = st.integers(min_value=0, max_value=400)
    spot = st.integers(min_value=0, max_value=20_000)
    junk = st.sampled_from([
        b"\t", b"\xff\xfe", b"\x80", b"\xef\xbb\xbf", b"\r\n", b"\x00", b"&x ", b"*x",
        b"*undefined", b"!!python/object:os.system ", b"!custom ", b"!!binary ", b"? ",
        b": ", b"- ", b"[", b"]", b"{", b"}", b"'", b'"', b"#", b"---\n", b"...\n",
        b"%YAML 1.1\n", b"@", b"`", b"|", b">", b"\\", b"\xe2\x80\x9c", b"\x1f",
        b"<<: *x\n", b"~", b"null", b"true", b"2025-02-30", b"1e400", b"0x1F",
        # invisible characters: an override, a line separator, NEL, a zero-width space
        b"\xe2\x80\xae", b"\xe2\x80\xa8", b"\xc2\x85", b"\xe2\x80\x8b",
    ])
    return st.one_of(
        st.tuples(st.just("delete a line"), line),
        st.tuples(st.just("duplicate a line"), line),
        st.tuples(st.just("truncate"), spot),
        st.tuples(st.just("insert"), spot, junk),
        st.tuples(st.just("swap a value's type"), line,
                  st.sampled_from(["[x, y]", "{a: b}", "123", "", "null", "- x", "'", "|"])),
        st.tuples(st.just("BOM and CRLF"), st.booleans()),
        st.tuples(st.just("very long text"), line, st.integers(10_000, 300_000)),
        st.tuples(st.just("deep nesting"), st.integers(50, 5_000), st.booleans()),
        st.tuples(st.just("anchors"), st.sampled_from(
            [BILLION_LAUGHS, "a: &x {b: 1}\nc: *x\n", "a: &x [1]\nb: *x\n"])),
        st.tuples(st.just("random bytes"), st.binary(max_size=400)),
    )


def mutate(data: bytes, mutation: tuple) -> bytes:
    kind, *args = mutation
    lines = data.split(b"\n")
    if kind == "delete a line":
        del lines[args[0] % len(lines)]
        return b"\n".join(lines)
    if kind == "duplicate a line":
        n = args[0] % len(lines)
        return b"\n".join(lines[:n + 1] + lines[n:])
    if kind == "truncate":
        return data[:args[0] % (len(data) + 1)]
    if kind == "insert":
        n = args[0] % (len(data) + 1)
        return data[:n] + args[1] + data[n:]
    if kind == "swap a value's type":
        n = args[0] % len(lines)
        key, colon, _ = lines[n].partition(b": ")
        lines[n] = key + b": " + args[1].encode() if colon else lines[n] + args[1].encode()
        return b"\n".join(lines)
    if kind == "BOM and CRLF":
        return b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n") if args[0] else data + b"\r"
    if kind == "very long text":
        n = args[0] % len(lines)
        lines[n] = lines[n] + b"x" * args[1]
        return b"\n".join(lines)
    if kind == "deep nesting":
        depth, flow = args
        if flow:
            return data + b"\nextra: " + b"[" * depth + b"]" * depth + b"\n"
        return data + b"\n" + b"".join(b" " * i + b"k:\n" for i in range(depth))
    if kind == "anchors":
        return args[0].encode() + data
    return data[: len(data) // 2] + args[0] + data[len(data) // 2:]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed and the living test briefing, each with a site built from it, restored
    after each example."""
    roots = {}
    for name, folder in BRIEFINGS.items():
        root = roots[name] = tmp_path_factory.mktemp(f"fuzz-{name}")
        shutil.copytree(folder, root / "content")
        for place, extra in EXTRA.get(name, {}).items():
            shutil.copytree(extra, root / "content" / place)
        build(root / "content", root / "site", TEMPLATES, search=False)
    return roots


@seed(20261126)
@settings(max_examples=EXAMPLES, deadline=10_000, derandomize=False,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@given(file=st.sampled_from(FILES), mutation=mutations())
def test_mutated_content_gives_a_site_or_clear_messages(workspace, file, mutation):
    mutated_gives_a_site_or_clear_messages(workspace, file, mutation)


@seed(20261127)
@settings(max_examples=EXAMPLES // 2, deadline=10_000, derandomize=False,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@given(file=st.sampled_from(TRANSLATIONS), mutation=mutations())
def test_mutated_translations_give_a_site_or_clear_messages(workspace, file, mutation):
    mutated_gives_a_site_or_clear_messages(workspace, file, mutation)


def mutated_gives_a_site_or_clear_messages(workspace: dict[str, Path], file: tuple[str, str],
                                           mutation: tuple) -> None:
    name, file = file
    root = workspace[name]
    path = root / "content" / file
    original = source(name, file).read_bytes()
    before = digest(root / "site")
    path.write_bytes(mutate(original, mutation))
    cwd = os.getcwd()
    os.chdir(root)
    try:
        briefing, problems = load_and_check(Path("content"))
        for problem in problems:
            assert PROBLEM.match(str(problem)), str(problem)
            assert problem.line >= 1 and problem.column >= 1
        if briefing is None:
            event("refused")
            assert any(p.severity == "error" for p in problems)
            with pytest.raises(BuildFailed):
                build(Path("content"), Path("site"), TEMPLATES, search=False)
            assert digest(Path("site")) == before
        else:  # what loads builds, into a site of its own, every page written
            event("loads and builds")
            warnings, _ = build(Path("content"), Path("built"), TEMPLATES, search=False)
            assert warnings == problems
            assert (Path("built") / "index.html").is_file()
            assert {f"actors/{a.id}/index.html" for a in briefing.actors} <= set(
                digest(Path("built")))
    finally:
        os.chdir(cwd)
        path.write_bytes(original)


def test_a_billion_laughs_is_refused_at_once_in_bounded_memory(tmp_path: Path):
    """Through the real command line, with its memory capped at 512 MiB and 30 s."""
    shutil.copytree(SEED, tmp_path / "content")
    actor = tmp_path / "content/actors/putin.yaml"
    actor.write_text(BILLION_LAUGHS + actor.read_text())

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (512 * 2**20, 512 * 2**20))

    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "check"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=30, preexec_fn=cap)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert re.match(r"content/actors/putin\.yaml:[1-9]:\d+: error: anchors and aliases", first)
