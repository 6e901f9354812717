"""A file made for machines (the sitemap, a feed, robots.txt, the facts as JSON, a card's
oEmbed answer): how it is made, and what of the briefing it shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple


class MachineFile(NamedTuple):
    """`make` gives its bytes; `shows` gives what it shows, which keys it in the build
    cache, so that an edit to anything else leaves it as it was (None: all of the
    briefing). Both are called only when needed: the preview makes a file when asked,
    and keys none."""

    make: Callable[[], bytes]
    shows: Callable[[], tuple] | None = None
