"""What the last build knew, so that the next one redoes only what changed.

Kept in `docs/.cache/` (a dot folder: MkDocs does not publish it, and it is
not part of the generated site). Three layers, each keyed so that a stale
entry can never be used:

- the whole build: a fingerprint of the seeds folder (names, sizes, times),
  the generator's code, templates and data, the settings, and of the
  generated files as the build left them (`stamp.pickle`). Unchanged, the
  build writes nothing and takes a moment (a `mkdocs serve` rebuild that our
  own writes triggered lands here). A build removes the stamp before it
  writes anything, so a killed or failed build never leaves a claim of
  "unchanged" behind, and a page changed by hand is seen;
- articles: each seed's extraction, keyed by the seed's bytes;
- pages: each page's inputs (the digests of the articles it shows). A page
  whose inputs did not change and whose file is still there is not rendered.

Deleting the folder is always safe: the next build does everything.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

CACHE_DIR = ".cache"
_FILE = "generator.pickle"
_STAMP = "stamp.pickle"  # small: version, fingerprint and report, read before anything else
_PACKAGE = Path(__file__).parent


def digest(*parts: object) -> str:
    h = hashlib.blake2b(digest_size=16)
    for p in parts:
        h.update(p if isinstance(p, bytes) else repr(p).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def code_version(data_dir: Path, settings: object) -> str:
    """Everything besides the seeds that shapes the output: code, templates, data, settings."""
    # The default data folder is inside the package: each file is read once.
    files = {p for p in _PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    files |= {p for p in data_dir.rglob("*") if p.is_file()}
    return digest(settings, *[(str(p.relative_to(p.parents[1])), p.read_bytes()) for p in sorted(files)])


def seeds_fingerprint(seeds: Path) -> str:
    entries = []
    with os.scandir(seeds) as it:
        for e in it:
            try:
                st = e.stat()
                entries.append((e.name, e.is_dir(), st.st_size, st.st_mtime_ns, st.st_mode))
            except OSError:
                entries.append((e.name, None))
    return digest(sorted(entries, key=repr))


@dataclass
class BuildCache:
    version: str = ""
    fingerprint: str = ""
    report: object = None  # the last BuildReport, returned as is when nothing changed
    articles: dict[str, tuple[str, object, list]] = field(default_factory=dict)  # seed id -> (bytes digest, Article, problems)
    pages: dict[str, str] = field(default_factory=dict)  # path -> inputs digest
    samples: dict[str, list[int]] = field(default_factory=dict)  # seed digest -> shingle sample (duplicates)
    records: dict[str, str] = field(default_factory=dict)  # article digest -> its JSON record, as exported
    written: dict[str, tuple[int, int]] = field(default_factory=dict)  # generated file -> (size, mtime_ns) as left

    @classmethod
    def load(cls, docs: Path, version: str) -> "BuildCache":
        try:
            with open(docs / CACHE_DIR / _FILE, "rb") as fh:
                cache = pickle.load(fh)
            if isinstance(cache, cls) and cache.version == version:
                return cache
        except Exception:  # noqa: BLE001 - an unreadable cache is an empty cache
            pass
        return cls(version=version)

    def save(self, docs: Path) -> None:
        folder = docs / CACHE_DIR
        folder.mkdir(parents=True, exist_ok=True)
        _dump(folder / _FILE, self)
        if self.fingerprint:
            _dump(folder / _STAMP, (self.version, self.fingerprint, tree_fingerprint(docs, self.written), self.report))


def forget_stamp(docs: Path) -> None:
    """Before a build writes anything: until it ends well, nothing may claim "unchanged"."""
    try:
        (docs / CACHE_DIR / _STAMP).unlink()
    except OSError:
        pass


def tree_fingerprint(docs: Path, paths) -> str:
    """The generated files as they are now (names, sizes, times)."""
    entries = []
    for rel in sorted(paths):
        try:
            st = (docs / rel).stat()
            entries.append((rel, st.st_size, st.st_mtime_ns))
        except OSError:
            entries.append((rel, None))
    return digest(entries)


def unchanged_report(docs: Path, version: str, fingerprint: str, owned) -> object | None:
    """The last build's report if it was made from the same seeds, code and settings and
    its files are as it left them, else None.

    Reads only the small stamp, not the whole cache: with 10,000 articles an
    unchanged build then costs a few stats and no unpickling."""
    try:
        with open(docs / CACHE_DIR / _STAMP, "rb") as fh:
            stamp_version, stamp_fingerprint, stamp_tree, report = pickle.load(fh)
    except Exception:  # noqa: BLE001 - no stamp, no shortcut
        return None
    if (stamp_version == version and stamp_fingerprint == fingerprint and fingerprint and owned
            and stamp_tree == tree_fingerprint(docs, owned)):
        return report
    return None


def _dump(path: Path, value: object) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


class PageMemo:
    """Decides which pages need rendering: those whose inputs changed, or whose file is
    gone or not as the last build left it."""

    def __init__(self, docs: Path, previous: dict[str, str], owned: set[str], written: dict[str, tuple[int, int]]):
        self.docs = docs
        self.previous = previous
        self.owned = owned
        self.written = written
        self.current: dict[str, str] = {}

    def fresh(self, path: str, key: str) -> bool:
        if self.previous.get(path) != key or path not in self.owned or path not in self.written:
            return False
        try:
            st = (self.docs / path).stat()
        except OSError:
            return False
        return (st.st_size, st.st_mtime_ns) == self.written[path]
