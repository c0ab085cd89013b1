"""Worker processes: extraction and rendering spread over the machine's cores.

Both give exactly what one process gives, in the same order; below
`parallel_from` items, or with one worker, nothing is started. A worker that
cannot start (its interpreter cannot import this package) or dies (killed,
out of memory) never hangs the build: concurrent.futures notices the broken
pool, the rest is done in this process, and the build says why.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_WORKER: dict = {}  # in a worker process only: what its tasks share
# The folder this package is imported from: a spawned interpreter must find it
# whatever the parent did to sys.path (MkDocs puts sys.path back after loading
# plugins and hooks; a checkout run with `python -m` has it only as the cwd).
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


def worker_count(workers: int) -> int:
    """0 = one per core, up to 8."""
    return workers if workers > 0 else min(os.cpu_count() or 1, 8)


def fallback_message(stage: str, exc: BaseException) -> str:
    """What the console says when workers failed and this process did their work."""
    return (f"peringatan: proses pekerja {stage} tidak dapat berjalan atau berhenti mendadak "
            f"({type(exc).__name__}: {exc}); sisanya dikerjakan dalam satu proses (lebih lambat, hasil sama). "
            f"Galat proses pekerja tertulis di atas; periksa instalasi (`pip install --no-deps -e .`) dan memori.")


@contextlib.contextmanager
def _importable() -> Iterator[None]:
    """sys.path with this package's folder while workers are spawned: multiprocessing
    hands a spawned child the parent's sys.path of that moment."""
    if _PACKAGE_ROOT in sys.path:
        yield
        return
    sys.path.append(_PACKAGE_ROOT)
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.path.remove(_PACKAGE_ROOT)


def map_spawned(function: Callable[[object, T], R], shared: object, items: list[T], workers: int,
                warn: Callable[[str], None] | None = None) -> list[R]:
    """`[function(shared, item) for item in items]`, in spawned processes: fresh
    interpreters, safe under `mkdocs serve` whose process has threads (watcher, server).
    `function` and `shared` must be picklable; `shared` is sent once per worker. If the
    workers fail, the items they did not finish are done here and `warn` is told why."""
    chunks = [items[i::workers] for i in range(workers)]
    parts: list[list[R] | None] = [None] * workers
    try:
        executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_share, initargs=(function, shared, os.getpid()))
        with executor:
            with _importable():  # spawned processes start at the submits
                futures = [executor.submit(_run_chunk, chunk) for chunk in chunks]
            for i, future in enumerate(futures):
                parts[i] = future.result()
    except (BrokenProcessPool, OSError) as exc:
        if warn is not None:
            warn(fallback_message("ekstraksi", exc))
    for i, part in enumerate(parts):
        if part is None:
            parts[i] = [function(shared, item) for item in chunks[i]]
    # Back in the items' order: chunk i holds items i, i + workers, ...
    out: list[R] = [None] * len(items)  # type: ignore[list-item]
    for i, part in enumerate(parts):
        out[i::workers] = part
    return out


def _share(function: Callable, shared: object, parent: int) -> None:
    _watch_parent(parent)
    _WORKER.update(function=function, shared=shared)


def _watch_parent(parent: int) -> None:
    """A worker ends with the build that started it. Killed (Ctrl-C twice, a power
    cut), the build leaves its workers waiting for tasks for ever, and forked ones
    keep the output folder's lock they inherited: the next build would wait on it."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


def _run_chunk(chunk: list) -> list:
    return [_WORKER["function"](_WORKER["shared"], item) for item in chunk]


def fork_is_safe() -> bool:
    """Forked workers share this process's memory (the knowledge base) at no cost, but
    fork must not copy threads (`mkdocs serve`), and only Linux forks dependably."""
    return sys.platform == "linux" and threading.active_count() == 1


class ForkedMap:
    """`make(key)` for many keys in forked processes, which inherit everything `make`
    needs; results are taken one by one, in any order (`take`). Close it when done.
    If the workers die, what they did not deliver is made here and `warn` is told why."""

    def __init__(self, make: Callable[[str], R], keys: list[str], workers: int,
                 warn: Callable[[str], None] | None = None):
        self.make, self.warn = make, warn
        self.done: dict[str, R] = {}
        _WORKER["make"] = make  # inherited by the forked workers
        try:
            # With fork, every worker is started at the first submit (map), before
            # the executor's own thread: nothing but this thread is copied.
            self.pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("fork"), initializer=_watch_parent,
                initargs=(os.getpid(),))
            self.results: Iterator | None = self.pool.map(_make, keys, chunksize=16)
        finally:
            del _WORKER["make"]

    def take(self, key: str) -> R:
        while key not in self.done and self.results is not None:
            try:
                done_key, value = next(self.results)
            except (BrokenProcessPool, StopIteration) as exc:
                self.results = None
                if isinstance(exc, BrokenProcessPool) and self.warn is not None:
                    self.warn(fallback_message("halaman", exc))
                break
            self.done[done_key] = value
        if key in self.done:
            return self.done.pop(key)
        return self.make(key)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _make(key: str) -> tuple[str, object]:
    return key, _WORKER["make"](key)
