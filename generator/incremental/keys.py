"""Digests that say whether something changed since the last build."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def digest(*parts: object) -> str:
    h = hashlib.blake2b(digest_size=16)
    for p in parts:
        h.update(p if isinstance(p, bytes) else repr(p).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def code_version(paths: list[Path], settings: object) -> str:
    """Everything besides the seeds that shapes the output: the generator's code,
    templates and data, the data, taxonomy and template files a build names, its settings."""
    files = {p for p in _PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    for path in paths:
        files |= {p for p in path.rglob("*") if p.is_file()} if path.is_dir() else ({path} if path.is_file() else set())
    # The default data folder is inside the package: each file is read once. Each file's bytes
    # are hashed as they are (the repr of the 2.5 MB village list took 40 ms of every build).
    return digest(settings, *[("/".join(p.parts[-2:]), hashlib.blake2b(p.read_bytes(), digest_size=16).digest())
                              for p in sorted(files)])


def seeds_fingerprint(seeds: Path) -> str:
    """The seeds folder's names, sizes and times: what changes when a seed is saved."""
    entries = []
    with os.scandir(seeds) as it:
        for e in it:
            try:
                st = e.stat()
                entries.append((e.name, e.is_dir(), st.st_size, st.st_mtime_ns, st.st_mode))
            except OSError:
                entries.append((e.name, None))
    return digest(sorted(entries, key=repr))


def tree_fingerprint(output: Path, paths) -> str:
    """The generated files as they are now (names, sizes, times)."""
    entries = []
    for rel in sorted(paths):
        try:
            st = (output / rel).stat()
            entries.append((rel, st.st_size, st.st_mtime_ns))
        except OSError:
            entries.append((rel, None))
    return digest(entries)
