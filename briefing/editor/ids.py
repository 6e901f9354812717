"""`build.py ids`: an `id:` line for every event of chronology.yaml that has none, the id
it has today (made from its date and title), so that correcting its date or title later
moves nothing: not its anchor, not its translations, not the changes that name it.

The file is edited as text, one line added per event, so its comments, blank lines and
quoting stay exactly as written. The edited text is read again and must give the same
events with the same ids, or nothing is written.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..files import ChangedMeanwhile, write_atomically
from ..problems import Problem, display_path
from ..reading import schema
from ..reading.ids import event_ids
from ..reading.records import Records, list_reader
from ..reading.yamlsource import syntax_problem


class Refused(Exception):
    """No id was written: why, in one line (exit status 1), and the file's errors."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


def add_ids(content: Path) -> tuple[Path, int]:
    """Write the missing ids into content/chronology.yaml; (the file, how many were
    written). Raises Refused."""
    path = content / "chronology.yaml"
    if not path.is_file():
        return path, 0
    order = ids_in_file_order(read_events(path))
    data = path.read_bytes()
    old = data.decode("utf-8")  # line ends as they are
    missing = [None if "id" in v else event_id for event_id, v in order]
    try:
        new = with_ids(old, missing)
    except yaml.MarkedYAMLError as exc:  # what the build's reader (libyaml) lets pass
        raise Refused(f"{display_path(path)} cannot be edited as it is: fix it; no id was "
                      "written", [syntax_problem(exc, display_path(path), old)]) from None
    if new == old:
        return path, 0
    write_checked(path, data, new, [event_id for event_id, _ in order])
    return path, len(missing) - missing.count(None)


def read_events(path: Path) -> Records:
    """The file's events as the build reads them; refused if any has an error (its
    id might not be the one it will have once the error is fixed)."""
    records = list_reader("event", schema.EVENT)(path)
    errors = [p for p in records.problems if p.severity == "error"]
    if errors:
        raise Refused(f"{display_path(path)} has errors: fix them first; no id was written",
                      errors)
    return records


def ids_in_file_order(records: Records) -> list[tuple[str, dict]]:
    """(id, event) for every event, in the file's order: event_ids keeps it (an event
    it would leave out, one with a repeated id, is an error: refused before)."""
    return list(event_ids(records.events).items())


def with_ids(text: str, ids: list[str | None]) -> str:
    """`text` with `id: <id>` added as the first field of each event given an id."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)  # pure Python: marks index the text
    nodes = root.value if isinstance(root, yaml.SequenceNode) else []
    if len(nodes) != len(ids):
        raise Refused(f"found {len(nodes)} events where the build reads {len(ids)}; no id "
                      "was written")
    for node, event_id in reversed(list(zip(nodes, ids, strict=True))):
        if event_id is not None:
            at, line = id_line(text, node, event_id)
            text = text[:at] + line + text[at:]
    return text


def id_line(text: str, node: yaml.Node, event_id: str) -> tuple[int, str]:
    """Where `id:` goes and what to insert there: before the event's first field, on
    a line of its own at the fields' indentation (`- id: x` then `  date: …`), or inside
    a flow mapping's braces (`- {id: x, date: …}`)."""
    if not isinstance(node, yaml.MappingNode) or not node.value:
        raise Refused(f"line {node.start_mark.line + 1}: an event that is not a set of "
                      "'field: value' lines; no id was written")
    at = node.value[0][0].start_mark.index
    if node.flow_style:
        return at, f"id: {event_id}, "
    line_start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
    indent = re.sub(r"[^\t]", " ", text[line_start:at].lstrip("\ufeff"))
    return at, f"id: {event_id}{line_end(text)}{indent}"


def line_end(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\r" if "\r" in text else "\n"


def write_checked(path: Path, old: bytes, new: str, ids: list[str]) -> None:
    """Replace `path` with `new` whole (files.py), if it reads as the same events as
    `old`, each with its id, and the file still holds `old`; else leave it as it is and
    raise Refused."""
    why = differs(old.decode("utf-8"), new, ids, path)
    if why:
        raise Refused(f"{display_path(path)}: with the ids added, {why}, so no id was "
                      "written: this layout is one `ids` cannot edit; write each event's "
                      "'id:' by hand")
    try:
        write_atomically(path, new.encode("utf-8"), was=old)
    except ChangedMeanwhile:
        raise Refused(f"{display_path(path)} changed while 'ids' ran; no id was written: run "
                      "it again") from None


def differs(old: str, new: str, ids: list[str], path: Path) -> str:
    """How the edited file (`new`, as `path`) reads differently, or ""."""
    before = yaml.load(old, Loader=yaml.BaseLoader)  # every value as written
    wanted = [v if "id" in v else {"id": event_id, **v}
              for v, event_id in zip(before, ids, strict=True)]
    try:
        if yaml.load(new, Loader=yaml.BaseLoader) != wanted:
            return "the events' fields would read differently"
    except yaml.YAMLError:
        return "it would not be valid YAML"
    records = list_reader("event", schema.EVENT)(path, new)
    if any(p.severity == "error" for p in records.problems):
        return "it would have errors"
    if [event_id for event_id, _ in ids_in_file_order(records)] != ids:
        return "an event's id would change"
    return ""
