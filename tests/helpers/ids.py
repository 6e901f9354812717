"""Helpers of the ids tests, shared by tests of more than one kind or file."""

from __future__ import annotations

from briefing.model.dates import parse_date
from briefing.problems import Loc

CHRONOLOGY = """\
# Events, in any order.

- date: 2026-03-12   # the day they opened
  title: "Talks open"
  summary: |
    First paragraph.

    Second paragraph: with a colon.
  actors: [ana]
  sources: [report]

# Written with an id: left as it is.
- id: kept
  date: 2026-03-13
  title: 'Kept as it is'
  sources: [report]
- {date: 2026-03-14, title: A flow mapping, sources: [report]}
-   date: 2026-03-15
    title: >-
      A folded
      title
    sources: [report]
- # a comment before the first field
  title: Title first
  date: 2026-03-16
  sources: [report]
- date: 2026-03-12
  title: Talks open
  sources: [report]
"""


def event(date: str, title: str, line: int, **more: str) -> dict:
    return {"date": parse_date(date)[0], "title": title,
            "loc": Loc("content/chronology.yaml", line, 3), **more}
