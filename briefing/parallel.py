"""Work shared between the machine's cores, by forking.

A forked process starts with this one's memory as it is (the loaded briefing, the
compiled templates), copied only where written, so nothing is sent to it but which
share of the work is its own. Where fork is missing (Windows), or the work is small
enough that starting a process costs more than it saves, all of it is done here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import TypeVar

K = TypeVar("K")
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
    import multiprocessing  # here: `check` on a small briefing never needs it
    from concurrent.futures import ProcessPoolExecutor

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


def fill_in_shares(memo: dict[K, R], keys: Iterable[K], make: Callable[[K], R],
                   at_least: int) -> None:
    """memo[key] = make(key) for each key not in `memo`, the keys shared between the
    cores when there are at least `at_least` of them (else the caller makes them as it
    goes). Keys are sorted, so each share is the same from run to run."""
    todo = sorted(set(keys) - memo.keys())
    if len(todo) < at_least:
        return
    shares = in_shares(lambda i, n: [make(key) for key in todo[i::n]], 2)
    for i, made in enumerate(shares):
        memo.update(zip(todo[i::len(shares)], made, strict=True))


def _share(index: int, count: int) -> object:
    assert _work is not None
    return _work(index, count)
