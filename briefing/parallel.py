"""Work shared between the machine's cores, by forking.

A forked process starts with this one's memory as it is (the loaded briefing, the
compiled templates), copied only where written, so nothing is sent to it but which
share of the work is its own, and only its results come back (pickled, through a
pipe). Where fork is missing (Windows), all of the work is done here.

Pickle is safe here because both ends are this build: the bytes come from a process
it forked, through a pipe, and are never written to disk (what is kept from one build
to the next is plain JSON, cache.py).
"""

from __future__ import annotations

import os
import pickle
import traceback
from collections.abc import Callable, Iterable
from typing import TypeVar

K = TypeVar("K")
R = TypeVar("R")


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use
    except AttributeError:
        return os.cpu_count() or 1


def in_shares(work: Callable[[int, int], R], shares: int) -> list[R]:
    """[work(0, n), work(1, n), …]: share 0 here, each other one in a forked process.
    `shares` is capped at the number of cores. An exception in any share is raised
    here, with the other process's traceback as a note."""
    n = max(1, min(shares, cores()))
    if n == 1 or not hasattr(os, "fork"):
        return [work(0, 1)]
    children = [fork(work, i, n) for i in range(1, n)]
    try:
        mine = work(0, n)
    finally:
        outcomes = [outcome_of(pid, pipe) for pid, pipe in children]
    for ok, value in outcomes:
        if not ok:
            raise value
    return [mine] + [value for _, value in outcomes]


def fork(work: Callable[[int, int], object], index: int, count: int) -> tuple[int, int]:
    """Start work(index, count) in a child process; returns (its pid, the pipe to read)."""
    readable, writable = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writable)
        return pid, readable
    os.close(readable)  # the child: do the share, send (ok, result or exception), exit
    try:
        try:
            outcome: tuple[bool, object] = (True, work(index, count))
        except BaseException as exc:
            exc.add_note(f"in a build process sharing the work:\n{traceback.format_exc()}")
            outcome = (False, exc)
        with os.fdopen(writable, "wb") as pipe:
            try:
                data = pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL)
            except Exception:  # an exception that does not pickle: send its text
                data = pickle.dumps((False, RuntimeError(traceback.format_exc())))
            pipe.write(data)
    finally:
        os._exit(0)  # no cleanup of the parent's: its files, atexit hooks, buffers


def outcome_of(pid: int, readable: int) -> tuple[bool, object]:
    with os.fdopen(readable, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        return False, RuntimeError(f"a build process ended without a result ({status})")
    return pickle.loads(data)


def share_out(count: int, do: Callable[[int], R], shares: int, theirs: int = 0) -> list[R]:
    """[do(0), do(1), …, do(count - 1)], each job taken by whichever process is free
    (so uneven jobs still keep every core busy): job numbers wait in a pipe, and each
    4-byte read takes one, which no other process can also take. Give the largest
    jobs the lowest numbers: they are taken first. The first `theirs` jobs are done by
    the other process, before it takes its turn at the rest (work whose memory this
    process should not carry)."""
    if count * 4 > 65536:  # a pipe holds 64 KiB: more would block before any reader starts
        raise ValueError(f"{count} jobs are too many to share out: group them")
    readable, writable = os.pipe()
    try:
        os.write(writable, b"".join(i.to_bytes(4, "little") for i in range(theirs, count)))
    finally:
        os.close(writable)  # an empty pipe then reads as the end: no job left

    def worker(index: int, n: int) -> list[tuple[int, R | bytes]]:
        # Another process pickles each result as it is made, so that pickling is work
        # shared like the rest, not a wait at the end.
        made = do if index == 0 else (lambda job: pickle.dumps(do(job), pickle.HIGHEST_PROTOCOL))
        done = [(job, made(job)) for job in range(theirs)] if index == n - 1 else []
        while claim := os.read(readable, 4):
            job = int.from_bytes(claim, "little")
            done.append((job, made(job)))
        return done

    try:
        shared = in_shares(worker, shares)
    finally:
        os.close(readable)
    finished = shared[0] + [(job, pickle.loads(data)) for share in shared[1:]  # type: ignore[arg-type]
                            for job, data in share]
    return [result for _, result in sorted(finished, key=lambda pair: pair[0])]


def map_in_shares(items: list[K], make: Callable[[K], R]) -> list[R]:
    """[make(item) for item in items], every other item made in a forked process."""
    shares = in_shares(lambda i, n: [make(item) for item in items[i::n]], 2)
    made: list[R] = [None] * len(items)  # type: ignore[list-item]
    for i, share in enumerate(shares):
        made[i::len(shares)] = share
    return made


def fill_in_shares(memo: dict[K, R], keys: Iterable[K], make: Callable[[K], R],
                   at_least: int) -> None:
    """memo[key] = make(key) for each key not in `memo`, the keys shared between the
    cores when there are at least `at_least` of them (else the caller makes them as it
    goes). Keys are sorted, so each share is the same from run to run."""
    todo = sorted(set(keys) - memo.keys())
    if len(todo) >= at_least:
        memo.update(zip(todo, map_in_shares(todo, make), strict=True))
