"""How files are written into the output folder: the mechanics under generator/state.py.

- Only files whose content changed are written: their times tell MkDocs
  (`--dirty`) which pages to build again, and an unchanged rebuild rewrites nothing.
- Every write is atomic (temporary file + rename): an interrupted build leaves
  each file either as it was or as it should be.
- Nothing is written or deleted outside the output folder (`contained`).
- One build at a time writes an output folder (`output_lock`); temporary files a
  killed build left behind are removed by the next (`remove_leftovers`).

What the generator owns there, and what it knew, is generator/state.py's.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Collection, Iterable, Iterator, Mapping, Sequence, Union

_TMP_PREFIX = ".tmp-"
_LOCK = ".build.lock"
# Where a generated page a person edited is kept before it is replaced (state.py).
REPLACED = Path(".cache") / "replaced"
# (size, mtime_ns) of a file as the generator left it.
Stat = tuple[int, int]


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # paths held by hand-written files
    edited: list[str] = field(default_factory=list)  # generated pages changed by hand, then replaced
    kept_edited: list[str] = field(default_factory=list)  # changed by hand, copy not kept: left alone
    outside: list[str] = field(default_factory=list)  # paths that lead out of the output folder: not written
    stats: dict[str, Stat] = field(default_factory=dict)  # every generated file as left


# A file's content: bytes, or chunks of it for a large file (streamed, never
# held whole), or None when the file written last time is still right.
Content = Union[bytes, Iterable[bytes], None]


@dataclass(frozen=True)
class Output:
    """A file to write: its path in the output folder and how its content is made
    (when it is written: a build never holds every page at once)."""

    path: str
    make: Callable[[], Content]
    key: str = ""  # a digest of what the content shows ("": made at every build)
    source: str = ""  # the seed file the content comes from, if one


def file_stat(path: Path) -> Stat | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def remove_leftovers(output: Path) -> list[str]:
    """Temporary files of a build that was killed half-way (ours only: `.tmp-` prefix)."""
    removed = []
    for folder, _, names in os.walk(output):
        for name in names:
            if name.startswith(_TMP_PREFIX):
                path = Path(folder) / name
                try:
                    path.unlink()
                    removed.append(path.relative_to(output).as_posix())
                except OSError:
                    pass
    return sorted(removed)


@contextmanager
def output_lock(output: Path, wait: float = 600.0) -> Iterator[None]:
    """One build at a time per output folder: a second waits for the first (a save during a
    build, two terminals, CI and serve), and says so; after `wait` seconds it gives up."""
    output.mkdir(parents=True, exist_ok=True)
    with open(output / _LOCK, "a+b") as fh:
        if not _try_lock(fh):
            print(f"pembangunan lain sedang menulis {output}; menunggu sampai selesai", file=sys.stderr)
            deadline = time.monotonic() + wait
            while not _try_lock(fh):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"pembangunan lain sudah memegang {output} selama {int(wait)} detik")
                time.sleep(0.1)
        try:
            yield
        finally:
            _unlock(fh)


def _try_lock(fh) -> bool:
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _unlock(fh) -> None:
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    except OSError:
        pass


def write_if_changed(target: Path, data: bytes | Iterable[bytes], before_rename: Callable[[Stat], None] | None = None) -> bool:
    """Write `data` unless the file already holds it (its mtime is then kept): False."""
    if not isinstance(data, bytes):
        return _atomic_write(target, data, compare=True, before_rename=before_rename)
    # Whole bytes are compared first: no temporary file for an unchanged page.
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
    except OSError:
        pass
    return _atomic_write(target, (data,), compare=False, before_rename=before_rename)


def _atomic_write(target: Path, chunks: Iterable[bytes], compare: bool,
                  before_rename: Callable[[Stat], None] | None = None) -> bool:
    """Write through a temporary file and a rename (which keeps the file's size and time:
    `before_rename` hears them first). With `compare`, the current file is compared on the
    way (for chunks too large to hold), and kept when the same: False."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=_TMP_PREFIX, suffix=target.suffix)
    try:
        old = None
        if compare:
            try:
                old = open(target, "rb")
            except OSError:
                pass
        same = old is not None
        try:
            with os.fdopen(fd, "wb") as fh:
                for chunk in chunks:
                    fh.write(chunk)
                    same = same and old.read(len(chunk)) == chunk
            same = same and old.read(1) == b""
        finally:
            if old is not None:
                old.close()
        if same:
            os.unlink(tmp)
            return False
        if before_rename is not None:
            before_rename(file_stat(Path(tmp)))
        os.replace(tmp, target)
        return True
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_bytes(target: Path, data: bytes) -> None:
    _atomic_write(target, (data,), compare=False)


def contained(root: Path, rel: str, seen: dict[str, str] | None = None) -> Path | None:
    """`root / rel` if it lies inside `root` (its folder, links resolved, is `root` or
    below it), else None: the build writes and deletes nothing anywhere else. The last
    part may be a link: replacing or removing it changes the link, not what it points to.
    `seen` memoises resolved folders for the calls of one pass over many files (a
    build's 14,000 pages lie in a few hundred folders)."""
    path = root / rel
    seen = {} if seen is None else seen
    try:
        base = _resolved(str(root), seen)
        parent = _resolved(str(path.parent), seen)
    except (OSError, ValueError):
        return None
    if os.path.commonpath([base, parent]) != base or path.name in ("", ".", ".."):
        return None
    return path


def _resolved(folder: str, seen: dict[str, str]) -> str:
    real = seen.get(folder)
    if real is None:
        real = seen[folder] = os.path.realpath(folder)
    return real


def remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
