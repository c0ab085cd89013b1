"""Write stage: put generated files into the docs folder, safely.

- Only files whose content changed are written, so `mkdocs serve` sees no
  change when nothing changed and an unchanged rebuild rewrites nothing.
- Every write is atomic (temporary file + rename): an interrupted build leaves
  each page either as it was or as it should be.
- The generator owns only what its manifest lists. A stale page is deleted
  only if the manifest says the generator wrote it; a file it did not write
  (a hand-written page) is never overwritten.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping, Union

MANIFEST = ".generator-manifest.json"


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # paths held by hand-written files


# A file's content: bytes, or chunks of it for a large file (streamed, never
# held whole), or None when the file written last time is still right.
Content = Union[bytes, Iterable[bytes], None]


def write_tree(docs: Path, files: Mapping[str, Callable[[], Content]]) -> WriteResult:
    """Write `files`: path -> its content, made when it is written, in the mapping's order
    (so that pages showing the build report come after the pages that add to it)."""
    result = WriteResult()
    docs.mkdir(parents=True, exist_ok=True)
    owned = read_manifest(docs)
    # Claim the new paths before writing them, so that a build interrupted
    # half-way still knows, next time, which files are its own.
    claimable = {p for p in files if p in owned or not (docs / p).exists()}
    result.refused = sorted(set(files) - claimable)
    _write_manifest(docs, owned | claimable)
    for rel in [p for p in files if p in claimable]:
        target = docs / rel
        data = files[rel]()
        if data is None:
            result.unchanged += 1
            continue
        if _write_if_changed(target, data):
            result.written.append(rel)
        else:
            result.unchanged += 1
    for rel in sorted(owned - claimable):
        path = docs / rel
        try:
            path.unlink()
            result.removed.append(rel)
        except FileNotFoundError:
            pass
        _remove_empty_parents(path.parent, docs)
    _write_manifest(docs, claimable)
    return result


def read_manifest(docs: Path) -> set[str]:
    try:
        data = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
        return {p for p in data.get("files", []) if isinstance(p, str) and ".." not in Path(p).parts}
    except (OSError, ValueError):
        return set()


def _manifest_bytes(paths: set[str]) -> bytes:
    doc = {"about": "Files written by `python -m generator build`; it deletes only these.", "files": sorted(paths)}
    return (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _write_manifest(docs: Path, paths: set[str]) -> None:
    _write_if_changed(docs / MANIFEST, _manifest_bytes(paths))


def _write_if_changed(target: Path, data: bytes | Iterable[bytes]) -> bool:
    """Write `data` unless the file already holds it (its mtime is then kept): False."""
    if not isinstance(data, bytes):
        return _atomic_write(target, data, compare=True)
    # Whole bytes are compared first: no temporary file for an unchanged page.
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
    except OSError:
        pass
    return _atomic_write(target, (data,), compare=False)


def _atomic_write(target: Path, chunks: Iterable[bytes], compare: bool) -> bool:
    """Write through a temporary file and a rename. With `compare`, the current file is
    compared on the way (for chunks too large to hold), and kept when the same: False."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
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
        os.replace(tmp, target)
        return True
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
