"""README's project layout is the package's tree: a newcomer finds each module where the
README says it is, and the README names each module there is, in its room."""

from __future__ import annotations

import ast
import re

from tests.helpers.common import ROOT

PACKAGE = ROOT / "briefing"


def layout() -> dict[str, set[str]]:
    """{room: its modules} as README's "Project layout" lists them under briefing/."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text[text.index("## Project layout"):]
    block = block[block.index("briefing/"):block.index("\ntemplates/")]
    rooms: dict[str, set[str]] = {"": set()}
    room = ""
    for line in block.splitlines()[1:]:
        if found := re.match(r"^  ([a-z_]+)/\s", line):
            room = found[1]
            rooms[room] = set()
        elif found := re.match(r"^ {2,4}([a-z_0-9]+\.py)\b", line):
            rooms[room].add(found[1])
    return rooms


def tree() -> dict[str, set[str]]:
    rooms: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        if path.name != "__init__.py" and "__pycache__" not in path.parts:
            room = path.parent.relative_to(PACKAGE).as_posix()
            rooms.setdefault("" if room == "." else room, set()).add(path.name)
    return rooms


def test_the_readme_names_every_module_in_its_room_and_no_other():
    assert layout() == tree()


def test_the_layout_is_read_as_written():
    """The reader of the layout finds what is there (it could fail silently otherwise)."""
    rooms = layout()
    assert {"pipeline.py", "cache.py"} <= rooms[""]
    assert {"linker.py", "interface.py"} <= rooms["linking"]
    assert {"records.py", "parts.py"} <= rooms["reading"] and "i18n.py" in rooms["output"]


MODULE_LINES = 350  # STYLE.md: no module past ~350 lines, no function past ~40
FUNCTION_LINES = 40


def test_no_module_or_function_past_the_styles_sizes():
    """A module past MODULE_LINES or a function past FUNCTION_LINES is a piece that does
    more than one named thing: split it (STYLE.md)."""
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(ROOT).as_posix()
        if text.count("\n") > MODULE_LINES:
            too_long.append(f"{name}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                if lines > FUNCTION_LINES:
                    too_long.append(f"{name}:{node.lineno}: {node.name}, {lines} lines")
    assert too_long == []
