"""Write stage: put generated files into the output folder, safely.

- Only files whose content changed are written: their times tell MkDocs
  (`--dirty`) which pages to build again, and an unchanged rebuild rewrites nothing.
- Every write is atomic (temporary file + rename): an interrupted build leaves
  each page either as it was or as it should be.
- The generator owns only what its manifest lists. A stale page is deleted
  only if the manifest says the generator wrote it; a file it did not write
  (a hand-written page, in an output folder shared with one) is never overwritten.
- A generated page changed by hand since it was written (its size or time
  differs from what the last build recorded) is reported, and its edited copy
  kept in `.cache/replaced/`, before it is replaced.
- One build at a time writes an output folder (`output_lock`); temporary files a
  killed build left behind are removed by the next (`remove_leftovers`).
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Collection, Iterable, Iterator, Mapping, Sequence, Union

MANIFEST = ".generator-manifest.json"
_TMP_PREFIX = ".tmp-"
_LOCK = ".build.lock"
REPLACED = Path(".cache") / "replaced"
# What a build wrote, line by line as it writes: after a killed build, the next
# one knows its files from a person's edits.
JOURNAL = Path(".cache") / "written.journal"
# (size, mtime_ns) of a file as the generator left it.
Stat = tuple[int, int]


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # paths held by hand-written files
    edited: list[str] = field(default_factory=list)  # generated pages changed by hand, then replaced
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


def write_tree(output: Path, outputs: Sequence[Output], left: Mapping[str, Collection[Stat]] | None = None,
               on_edited: Callable[[str], None] | None = None) -> WriteResult:
    """Write `outputs` in their order (so that pages showing the build report come after
    the pages that add to it). `left` are the states earlier builds left each file in:
    a file in none of them was changed by hand, and `on_edited` hears of it before it
    is replaced."""
    files = {o.path: o.make for o in outputs}
    result = WriteResult()
    left = left or {}
    output.mkdir(parents=True, exist_ok=True)
    (output / JOURNAL).parent.mkdir(parents=True, exist_ok=True)
    journal = open(output / JOURNAL, "a", encoding="utf-8")
    owned = read_manifest(output)
    # Claim the new paths before writing them, so that a build interrupted
    # half-way still knows, next time, which files are its own.
    claimable = {p for p in files if p in owned or not (output / p).exists()}
    result.refused = sorted(set(files) - claimable)
    _write_manifest(output, owned | claimable)
    for rel in [p for p in files if p in claimable]:
        target = output / rel
        before = file_stat(target)
        if before is not None and rel in left and before not in left[rel]:
            _keep_edited_copy(output, rel)
            result.edited.append(rel)
            if on_edited is not None:
                on_edited(rel)
        data = files[rel]()

        def record(stat: Stat, rel: str = rel) -> None:
            # Before the rename: a build killed between the two leaves a file the
            # next build knows as its own either way.
            journal.write(json.dumps([rel, *stat]) + "\n")
            journal.flush()
        if data is None:
            result.unchanged += 1
        elif _write_if_changed(target, data, record):
            result.written.append(rel)
        else:
            result.unchanged += 1
        after = file_stat(target)
        if after is not None:
            result.stats[rel] = after
    for rel in sorted(owned - claimable):
        path = output / rel
        try:
            path.unlink()
            result.removed.append(rel)
        except FileNotFoundError:
            pass
        remove_empty_parents(path.parent, output)
    _write_manifest(output, claimable)
    journal.close()
    return result


def read_journal(output: Path) -> dict[str, set[Stat]]:
    """The files builds that did not finish wrote, in each state they may have left them."""
    out: dict[str, set[Stat]] = {}
    try:
        with open(output / JOURNAL, encoding="utf-8") as fh:
            for line in fh:
                try:
                    rel, size, mtime = json.loads(line)
                    out.setdefault(str(rel), set()).add((int(size), int(mtime)))
                except (ValueError, TypeError):
                    continue  # a line cut by the kill
    except OSError:
        pass
    return out


def forget_journal(output: Path) -> None:
    """The build ended well: its cache holds what it wrote."""
    try:
        (output / JOURNAL).unlink()
    except OSError:
        pass


def file_stat(path: Path) -> Stat | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def _keep_edited_copy(output: Path, rel: str) -> None:
    """Nothing a person wrote is lost: the hand-edited page goes to .cache/replaced/."""
    copy = output / REPLACED / rel
    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(output / rel, copy)
    except OSError:
        pass


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


def read_manifest(output: Path) -> set[str]:
    try:
        data = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
        return {p for p in data.get("files", []) if isinstance(p, str) and ".." not in Path(p).parts}
    except (OSError, ValueError):
        return set()


def _manifest_bytes(paths: set[str]) -> bytes:
    doc = {"about": "Files written by `python -m generator build`; it deletes only these.", "files": sorted(paths)}
    return (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _write_manifest(output: Path, paths: set[str]) -> None:
    _write_if_changed(output / MANIFEST, _manifest_bytes(paths))


def _write_if_changed(target: Path, data: bytes | Iterable[bytes], before_rename: Callable[[Stat], None] | None = None) -> bool:
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


def remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
