"""A translation file as the translator left it, for `translations LANG`: its text, its
YAML nodes with their character marks, and which of its lines are comments, so that a
refresh keeps every value and comment they wrote where they wrote it."""

from __future__ import annotations

import bisect

import yaml

NOTE = "#!"  # a refresh's note: a translation from an earlier text, or of one now gone
ORIGINAL = "#:"  # a field's original text


class OldFile:
    """A translation file as the translator left it: its text ('\\n' line ends), its
    nodes (marks by character), and what of it is comment, to keep what they wrote."""

    def __init__(self, raw: str):
        self.bom = raw.startswith("\ufeff")
        self.newline = "\r\n" if "\r\n" in raw else "\n"
        self.text = self.text_of(raw)
        self.lines = self.text.split("\n")
        self.starts = [0] + [n + 1 for n, c in enumerate(self.text) if c == "\n"]
        self.root = yaml.compose(self.text, Loader=yaml.SafeLoader) if self.text.strip() else None
        self.inside: set[int] = set()  # lines within a value that spans lines
        self.reserved: set[int] = set()  # comment lines above a record's id: that record's
        self.head = len(leading_comments(self.lines))
        if self.root is not None:
            self.note_spans(self.root)

    @staticmethod
    def text_of(raw: str) -> str:
        return raw.removeprefix("\ufeff").replace("\r\n", "\n")

    def note_spans(self, node: yaml.Node) -> None:
        if isinstance(node, yaml.ScalarNode):
            first, last = self.line(node.start_mark.index), self.line(node.end_mark.index)
            self.inside.update(range(first + 1, last + 1))
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                self.note_spans(item)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                self.note_spans(key)
                self.note_spans(value)

    def line(self, index: int) -> int:
        return bisect.bisect_right(self.starts, index) - 1

    def comment_lines_above(self, node: yaml.Node) -> list[int]:
        """The comment lines just above a node's line, by number."""
        line, out = self.line(node.start_mark.index) - 1, []
        while line >= self.head and line not in self.inside and self.lines[line].lstrip(
                ).startswith("#"):
            out.insert(0, line)
            line -= 1
        return out

    def comments_above(self, node: yaml.Node, kind: str = "") -> list[str]:
        """The comment lines just above a node's line: the translator's own (no `kind`),
        or the skeleton's of one kind (ORIGINAL, NOTE)."""
        texts = [self.lines[n] for n in self.comment_lines_above(node)]
        return [text for text in texts if (text.lstrip().startswith(kind) if kind else
                                          not text.lstrip().startswith((ORIGINAL, NOTE)))]

    def trailing(self, node: yaml.Node) -> list[str]:
        """Comment lines after a record's last field, before the next record (bar those
        just above its id): the translator's, and notes kept from earlier refreshes."""
        first = self.line(node.start_mark.index)
        end = self.line(node.end_mark.index) + (1 if node.end_mark.column else 0)
        lines = list(range(first, min(end, len(self.lines))))
        content = [n for n in lines if n in self.inside or (
            self.lines[n].strip() and not self.lines[n].lstrip().startswith("#"))]
        after = content[-1] + 1 if content else first
        return [self.lines[n] for n in lines if n >= after and n not in self.inside
                and n not in self.reserved and self.lines[n].lstrip().startswith("#")]

    def same_line_comment(self, key: yaml.Node) -> str:
        """A comment written after a group's key on its line (`stances:  # …`)."""
        line = self.lines[self.line(key.start_mark.index)]
        rest = line[key.end_mark.index - self.starts[self.line(key.start_mark.index)]:]
        rest = rest.lstrip().removeprefix(":")
        return "  " + rest.strip() if rest.strip().startswith("#") else ""

    def value(self, found: tuple[yaml.Node, yaml.Node, bool], key: str, indent: int
              ) -> list[str]:
        """A translated value as the translator wrote it, under `key` at `indent`."""
        start_node, value, _ = found
        raw = self.text[value.start_mark.index:value.end_mark.index].rstrip("\n ")
        if value.end_mark.column:  # a comment after it on its last line stays there
            end = self.starts[self.line(value.end_mark.index)] + len(
                self.lines[self.line(value.end_mark.index)])
            rest = self.text[value.end_mark.index:end]
            raw += rest.rstrip() if rest.strip().startswith("#") else ""
        their = start_node.start_mark.column
        lines = raw.split("\n")
        by = max(0, indent - their)  # the lines after its first, moved as far right
        lines[1:] = [" " * by + line if line.strip() else line for line in lines[1:]]
        lead = " " * indent + (f"{key}: " if key != "-" else "- ")
        return [lead + lines[0], *lines[1:]]


def leading_comments(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        if not line.startswith("#") or line.startswith((ORIGINAL, NOTE)):
            break
        out.append(line)
    return out



def find(node: yaml.MappingNode, path: str) -> tuple[yaml.Node, yaml.Node, bool] | None:
    """(the node where a field starts: its key, or its list item; its value; whether it
    is written in flow style), or None."""
    current: yaml.Node = node
    start: yaml.Node | None = None
    flow = False
    for part in path.split("."):
        flow = flow or bool(getattr(current, "flow_style", False))
        if isinstance(current, yaml.MappingNode):
            match = [(k, n) for k, n in current.value if k.value == part]
            if not match:
                return None
            start, current = match[0]
        elif isinstance(current, yaml.SequenceNode) and part.isdigit():
            if int(part) >= len(current.value):
                return None
            current = start = current.value[int(part)]
        else:
            return None
    return (start, current, flow) if start is not None else None

