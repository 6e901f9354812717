"""Read YAML so that every value keeps its line and column for error messages.

Files are composed into nodes, not constructed into Python objects: a scalar stays as
the editor wrote it (`no`, `18:30`, `2025-05-12`), and the contract's field types decide
what it means (fields.py), not YAML 1.1's implicit typing. Invisible characters that
would make a file read other than it looks are reported where written (characters.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..problems import Problem
from .characters import escaped_problems, invisible_problems

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Tags a plain or quoted scalar, a list or a mapping may carry; anything else
# (`!!python/object`, `!!binary`, `!custom`) is refused rather than ignored.
STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}"
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "value")
)

# PyYAML's reasons, in words an editor can act on.
PLAIN_WORDS = [
    (r"tab", "a tab character here: indent with spaces, not tabs"),
    (r"mapping values are not allowed",
     "unexpected ':' here: check the indentation, or put text that contains ': ' in quotes"),
    (r"could not find expected ':'",
     "expected 'field: value' here: a ':' is missing, or a quote above is not closed"),
    (r"did not find expected key",
     "bad indentation: this line does not line up with the fields above it"),
    (r"did not find expected '-' indicator",
     "bad indentation: this line does not line up with the list items above it"),
    (r"expected <block end>",
     "bad indentation: this line does not line up with the lines above it"),
    (r"did not find expected ',' or '\]'", "a '[' is not closed with ']'"),
    (r"did not find expected ',' or '\}'", "a '{' is not closed with '}'"),
    (r"found unexpected end of stream", "the file ends inside quoted text: a quote is not closed"),
    (r"found unknown escape character",
     "unknown escape in double-quoted text: use single quotes, or write \\\\ for a backslash"),
    (r"found undefined alias", "'*' refers to an anchor that is not defined"),
    (r"expected a single document", "only one YAML document per file: remove the extra '---'"),
    (r"special characters are not allowed",
     "this file has a control character that YAML does not allow"),
]


def read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """The file as text: UTF-8, without a byte-order mark, with Unix line ends."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(shown, 1, 1, f"cannot read the file: {exc.strerror}"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(Problem(shown, line, column,
                                "this file is not UTF-8 text: save it as UTF-8"))
        return None
    return normalised(text)


def normalised(text: str) -> str:
    """Text as the loader reads it: without a byte-order mark, with Unix line ends."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, shown: str, problems: list[Problem]) -> yaml.Node | None:
    """Compose one YAML document into nodes, reporting syntax and structure problems."""
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        problems.append(syntax_problem(exc, shown, text))
        problems.extend(invisible_problems(text, shown))  # perhaps why it looks right
        return None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses, with no mark
        before = text[:exc.position]
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        problems.append(Problem(shown, line, column, f"a control character (U+{code:04X}) "
                                "that YAML does not allow: remove it"))
        return None
    problems.extend(invisible_problems(text, shown))
    if root is not None and not check_structure(root, text, shown, problems):
        return None
    if root is not None:
        problems.extend(escaped_problems(root, text, shown))
    return root


def syntax_problem(exc: yaml.MarkedYAMLError, shown: str, text: str = "") -> Problem:
    mark = exc.problem_mark or exc.context_mark
    reason = f"{exc.context or ''} {exc.problem or ''}".strip()
    if mark is not None:
        lines = text.split("\n")
        line = lines[mark.line] if mark.line < len(lines) else ""  # past the end: none
        indent = line[:len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:  # whatever PyYAML calls it, a tab in the indentation is the cause
            return Problem(shown, mark.line + 1, indent.index("\t") + 1,
                           "a tab character here: indent with spaces, not tabs")
        char = text[mark.index:mark.index + 1]
        if char == "\t":  # after a value: the build's reader (libyaml) lets it pass; PyYAML's not
            return Problem(shown, mark.line + 1, mark.column + 1,
                           "a tab character here: use spaces, not tabs")
        if "cannot start any token" in reason and char:
            return Problem(shown, mark.line + 1, mark.column + 1,
                           f"text cannot start with '{char}': put it in quotes")
    message = next((words for pattern, words in PLAIN_WORDS if re.search(pattern, reason)),
                   f"YAML syntax error: {reason}")
    opened = exc.context_mark
    if (opened is not None and mark is not None and opened.line != mark.line
            and re.search(r"flow (sequence|mapping)|quoted scalar", reason)):
        message += f" (it was opened at line {opened.line + 1}, column {opened.column + 1})"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(shown, line, column, message)


def check_structure(root: yaml.Node, text: str, shown: str, problems: list[Problem]) -> bool:
    """Refuse what the contract never needs and what could hide mistakes or blow up:
    duplicate keys, aliases (a repeated node), custom tags, keys that are not text.

    False when the nodes are unsafe to read further (aliases, tags, keys that are lists
    or mappings); a duplicate key is reported and reading goes on, so the file's other
    mistakes are reported too.
    """
    safe = True
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        where = (shown, node.start_mark.line + 1, node.start_mark.column + 1)
        if id(node) in seen:
            if safe:  # once: a composed alias no longer knows where it was written
                problems.extend(alias_problems(text, shown))
            safe = False
            continue
        seen.add(id(node))
        if node.tag not in STANDARD_TAGS:
            problems.append(Problem(*where, f"the YAML tag '{node.tag}' is not supported: "
                                    "remove it"))
            safe = False
            continue
        if isinstance(node, yaml.MappingNode):
            safe = check_keys(node, shown, problems) and safe
            stack.extend(v for _, v in reversed(node.value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return safe


def alias_problems(text: str, shown: str) -> list[Problem]:
    return [Problem(shown, event.start_mark.line + 1, event.start_mark.column + 1,
                    "anchors and aliases ('&name', '*name') are not supported: write the "
                    "value out")
            for event in yaml.parse(text, Loader=Loader) if isinstance(event, yaml.AliasEvent)]


def check_keys(node: yaml.MappingNode, shown: str, problems: list[Problem]) -> bool:
    """Report duplicate keys and keys that are not text; False for the latter."""
    first: dict[str, int] = {}
    text_keys = True
    for key, _ in node.value:
        where = (shown, key.start_mark.line + 1, key.start_mark.column + 1)
        if not isinstance(key, yaml.ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
            problems.append(Problem(*where, "a field name must be plain text"))
            text_keys = False
        elif key.value in first:
            problems.append(Problem(*where, f"duplicate field '{key.value}' (first written "
                                    f"at line {first[key.value]})"))
        else:
            first[key.value] = key.start_mark.line + 1
    return text_keys


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Split `---` front matter from a Markdown body.

    The front matter keeps its place in the file (its `---` line becomes an empty
    line), so YAML marks give the file's own line numbers. Returns (front, body,
    body_line) or None when the file does not start with front matter.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            front = "\n" + "\n".join(lines[1:i]) + "\n"
            return front, "\n".join(lines[i + 1:]), i + 2
    return None
