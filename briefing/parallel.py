"""Work shared between the machine's cores, by forking.

A forked process starts with this one's memory as it is (the loaded briefing, the
compiled templates), copied only where written, so nothing is sent to it but which
share of the work is its own. Where fork is missing (Windows), or the work is small
enough that starting a process costs more than it saves, all of it is done here.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

R = TypeVar("R")

_work: Callable[[int, int], object] | None = None  # what the forked processes inherit


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use
    except AttributeError:
        return os.cpu_count() or 1


def in_shares(work: Callable[[int, int], R], shares: int) -> list[R]:
    """[work(0, n), work(1, n), …]: share 0 here, each other one in a forked process.
    `shares` is capped at the number of cores; results come back pickled."""
    n = max(1, min(shares, cores()))
    if n == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [work(0, 1)]
    global _work
    _work = work
    try:
        with ProcessPoolExecutor(n - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            others = [pool.submit(_share, i, n) for i in range(1, n)]
            mine = work(0, n)
            return [mine] + [future.result() for future in others]
    finally:
        _work = None


def _share(index: int, count: int) -> object:
    assert _work is not None
    return _work(index, count)
