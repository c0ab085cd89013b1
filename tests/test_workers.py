"""Worker processes give what one process gives, and a worker that dies never hangs the build."""
from __future__ import annotations

import os
import signal

import pytest

from generator.incremental.workers import ForkedMap, fork_is_safe, map_spawned


@pytest.fixture(autouse=True)
def no_hang():
    """A hang fails the test instead of the test run."""
    def stop(*_):
        raise TimeoutError("worker pool hung")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(90)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _double(shared, item):
    return (shared, item * 2)


class _KillsItsUnpickler:
    """Sent to a spawned worker, it ends that worker as it arrives (as a worker that
    cannot import the package ends, or one the kernel kills)."""

    def __reduce__(self):
        return (os._exit, (3,))


def test_spawned_workers_give_the_items_in_order():
    assert map_spawned(_double, "s", list(range(11)), 2) == [("s", i * 2) for i in range(11)]


def test_a_worker_that_cannot_start_falls_back_to_this_process():
    said: list[str] = []
    shared = _KillsItsUnpickler()
    out = map_spawned(_double, shared, list(range(5)), 2, warn=said.append)
    assert [item for _, item in out] == [0, 2, 4, 6, 8]
    assert len(said) == 1 and "proses pekerja ekstraksi" in said[0] and "BrokenProcessPool" in said[0]
    assert "satu proses" in said[0]


@pytest.mark.skipif(not fork_is_safe(), reason="fork workers only on Linux without threads")
def test_a_forked_worker_that_dies_leaves_its_pages_to_this_process():
    parent = os.getpid()

    def make(key: str) -> str:
        if key == "k7" and os.getpid() != parent:
            os._exit(9)  # as the OOM killer would
        return key.upper()

    keys = [f"k{i}" for i in range(40)]
    said: list[str] = []
    pool = ForkedMap(make, keys, 2, warn=said.append)
    try:
        assert [pool.take(k) for k in reversed(keys)] == [k.upper() for k in reversed(keys)]
    finally:
        pool.close()
    assert len(said) == 1 and "proses pekerja halaman" in said[0]


@pytest.mark.skipif(not fork_is_safe(), reason="fork workers only on Linux without threads")
def test_forked_workers_give_every_page():
    keys = [f"k{i}" for i in range(50)]
    pool = ForkedMap(str.upper, keys, 2)
    try:
        assert {k: pool.take(k) for k in keys[::-1]} == {k: k.upper() for k in keys}
    finally:
        pool.close()
