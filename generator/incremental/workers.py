"""Worker processes: extraction and rendering spread over the machine's cores.

Both give exactly what one process gives, in the same order; below
`parallel_from` items, or with one worker, nothing is started.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_WORKER: dict = {}  # in a worker process only: what its tasks share


def worker_count(workers: int) -> int:
    """0 = one per core, up to 8."""
    return workers if workers > 0 else min(os.cpu_count() or 1, 8)


def map_spawned(function: Callable[[object, T], R], shared: object, items: list[T], workers: int) -> list[R]:
    """`[function(shared, item) for item in items]`, in spawned processes: fresh
    interpreters, safe under `mkdocs serve` whose process has threads (watcher, server).
    `function` and `shared` must be picklable; `shared` is sent once per worker."""
    chunks = [items[i::workers] for i in range(workers)]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers, initializer=_share, initargs=(function, shared)) as pool:
        parts = pool.map(_run_chunk, chunks)
    # Back in the items' order: chunk i holds items i, i + workers, ...
    out: list[R] = [None] * len(items)  # type: ignore[list-item]
    for i, part in enumerate(parts):
        out[i::workers] = part
    return out


def _share(function: Callable, shared: object) -> None:
    _WORKER.update(function=function, shared=shared)


def _run_chunk(chunk: list) -> list:
    return [_WORKER["function"](_WORKER["shared"], item) for item in chunk]


def fork_is_safe() -> bool:
    """Forked workers share this process's memory (the knowledge base) at no cost, but
    fork must not copy threads (`mkdocs serve`), and only Linux forks dependably."""
    return sys.platform == "linux" and threading.active_count() == 1


class ForkedMap:
    """`make(key)` for many keys in forked processes, which inherit everything `make`
    needs; results are taken one by one, in any order (`take`). Close it when done."""

    def __init__(self, make: Callable[[str], R], keys: list[str], workers: int):
        _WORKER["make"] = make  # inherited by the forked workers
        try:
            self.pool = multiprocessing.get_context("fork").Pool(workers)
        finally:
            del _WORKER["make"]
        self.results: Iterator = self.pool.imap(_make, keys, chunksize=16)
        self.done: dict[str, R] = {}

    def take(self, key: str) -> R:
        while key not in self.done:
            done_key, value = next(self.results)
            self.done[done_key] = value
        return self.done.pop(key)

    def close(self) -> None:
        self.pool.terminate()


def _make(key: str) -> tuple[str, object]:
    return key, _WORKER["make"](key)
