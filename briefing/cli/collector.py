"""Python's garbage collector, set by the command line, which owns the process: the
package takes no interpreter-wide action of its own (a program or a test that calls
pipeline.build or runs a Preview keeps its collector as it is).

A build makes millions of objects and little garbage: left running, the collector walks
them all again and again (about a fifth of a large build's time).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The cyclic collector paused while a build runs, on again after it."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextmanager
def paused_then_frozen() -> Iterator[None]:
    """For each of the preview's rebuilds: paused while it runs; then what the preview
    keeps, which lives long, is left out of the collector's full sweeps (which otherwise
    walk millions of objects of a large briefing, up to 0.4 s, at any moment). Acyclic
    garbage is still freed at once by reference counting."""
    with paused():
        yield
    gc.freeze()
