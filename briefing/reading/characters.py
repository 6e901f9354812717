"""Invisible characters that make text look other than it is, found where written.

A bidirectional override shows "txt.exe" as "exe.txt" ("Trojan Source"): what readers
and reviewers see is not what is published. Such characters are errors, named
(`U+202E RIGHT-TO-LEFT OVERRIDE`) at their own line and column, whether written as they
are or as an escape in a double-quoted YAML string ("\\u202e"):
- bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): the
  site sets each text's direction itself (`lang`, `dir`);
- C1 controls (U+0080–U+009F; U+0085 NEXT LINE is a line break to YAML, not to HTML),
  line and paragraph separators (U+2028, U+2029), interlinear annotations (U+FFF9–U+FFFB).
Invisible characters some writing needs are warnings: a zero-width space breaks Thai
and Khmer lines, word joiners and Hangul fillers have rare honest uses, tag characters
spell regional flags after U+1F3F4 (there they pass). Never reported: U+200C ZERO
WIDTH NON-JOINER (Persian), U+200D ZERO WIDTH JOINER (emoji), U+200E/U+200F and
U+061C (the marks right-to-left writing uses), variation selectors, soft hyphens.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import yaml

from ..problems import Problem, Severity

TAGS = ((0xE0000, 0xE007F),)  # invisible copies of ASCII, for emoji flags
FLAG = "\U0001F3F4"  # WAVING BLACK FLAG: tag characters after it spell a region's flag
# (code point ranges, severity, why it matters: the message after the character's name)
KINDS: tuple[tuple[tuple[tuple[int, int], ...], Severity, str], ...] = (
    (((0x202A, 0x202E), (0x2066, 0x2069)), "error",
     "an invisible character that reorders the text after it, so readers see other "
     "than what is written; remove it (the site sets each text's direction; the marks "
     "U+200E and U+200F are allowed)"),
    (((0x0080, 0x009F),), "error", "a control character, invisible or a terminal command; "
     "remove it"),
    (((0x2028, 0x2029),), "error",
     "a line break that pages do not show as one; remove it, or start a new line"),
    (((0xFFF9, 0xFFFB),), "error", "it hides text from readers; remove it"),
    (((0x200B, 0x200B), (0x2060, 0x2064), (0xFEFF, 0xFEFF), (0x115F, 0x1160),
      (0x3164, 0x3164), (0xFFA0, 0xFFA0)), "warning",
     "an invisible character: text that looks the same is not (search and quote checks "
     "miss it); remove it unless the language needs it here"),
    (TAGS, "warning",
     "invisible text (tag characters belong only in an emoji flag); remove it"),
)


def ranges(spans: tuple[tuple[int, int], ...]) -> str:
    return "".join(re.escape(chr(a)) + ("" if a == b else "-" + re.escape(chr(b)))
                   for a, b in spans)


def run_of(spans: tuple[tuple[int, int], ...]) -> str:
    """A run of one kind's characters (tag characters: not those of a flag)."""
    run = f"[{ranges(spans)}]+"
    return f"(?<![{re.escape(FLAG)}{ranges(spans)}]){run}" if spans == TAGS else run


ANY = re.compile("[" + "".join(ranges(spans) for spans, _, _ in KINDS) + "]")
RUNS = re.compile("|".join(run_of(spans) for spans, _, _ in KINDS))
ERRORS = tuple(sorted(span for spans, severity, _ in KINDS if severity == "error"
                     for span in spans))
# A double-quoted YAML string's escapes ("\\" is one, so "\\u202e" is none).
ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\s\S])")
NAMED_ESCAPES = {"N": "\x85", "L": "\u2028", "P": "\u2029"}


def name(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE' (controls have no name: 'U+009B')."""
    found = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {found}" if found else "")


def kind_of(char: str) -> tuple[Severity, str] | None:
    code = ord(char)
    return next(((severity, why) for spans, severity, why in KINDS
                 if any(a <= code <= b for a, b in spans)), None)


def problem(text: str, at: int, char: str, shown: str, count: int = 1,
            line_offset: int = 0, escaped: bool = False) -> Problem:
    """The problem of `char` at `text[at]`, by the line and column of the file."""
    severity, why = kind_of(char) or ("error", "")
    line = text.count("\n", 0, at) + 1 + line_offset
    column = at - text.rfind("\n", 0, at)
    more = f", and {count - 1} more after it" if count > 1 else ""
    written = " (written as an escape)" if escaped else ""
    return Problem(shown, line, column, f"{name(char)}{written}{more}: {why}", severity)


def invisible_problems(text: str, shown: str, line_offset: int = 0) -> list[Problem]:
    """Every run of invisible characters written as they are, one problem a run."""
    if not ANY.search(text):
        return []
    return [problem(text, m.start(), m[0][0], shown, len(m[0]), line_offset)
            for m in RUNS.finditer(text)]


def escaped_problems(root: yaml.Node, text: str, shown: str) -> list[Problem]:
    """Invisible characters written as escapes in double-quoted strings ("\\u202e")."""
    if "\\" not in text:
        return []
    return [problem(text, at, char, shown, escaped=True)
            for node in scalars(root) if node.style == '"' and ANY.search(node.value)
            for at, char in escapes(text, node)]


def escapes(text: str, node: yaml.ScalarNode) -> Iterator[tuple[int, str]]:
    for found in ESCAPE.finditer(text, node.start_mark.index, node.end_mark.index):
        written = found[0]
        char = (NAMED_ESCAPES.get(written[1], "") if len(written) == 2
                else chr(int(written[2:], 16)))
        if char and ANY.fullmatch(char):
            yield found.start(), char


def scalars(root: yaml.Node) -> Iterator[yaml.ScalarNode]:
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            yield node
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def visible(text: str) -> str:
    """Text with each invisible character shown by its code point ('<U+200B>'), for
    comments that quote it (a translation's skeleton quotes its original)."""
    return ANY.sub(lambda m: f"<U+{ord(m[0]):04X}>", text)
