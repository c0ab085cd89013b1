"""What the last build knew, kept in `<output>/.cache/` (a dot folder: MkDocs does not
publish it). Each entry is keyed so that a stale one can never be used:

- the stamp (`stamp.pickle`): the code version, the seeds folder's fingerprint,
  the generated files as the build left them, and the build's report. All
  unchanged, the next build writes nothing and takes a moment. A build removes
  the stamp before it writes anything, so a killed or failed build never leaves
  a claim of "unchanged" behind, and a page changed by hand is seen;
- the cache (`generator.pickle`): each seed's extraction keyed by its bytes,
  each page's key, each article's export record, and every generated file's
  size and time as left (a file that differs was changed by hand).

Deleting the folder is always safe: the next build does everything.
"""
from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from .keys import tree_fingerprint

CACHE_DIR = ".cache"
_FILE = "generator.pickle"
_STAMP = "stamp.pickle"  # small: version, fingerprint and report, read before anything else


@dataclass
class BuildCache:
    version: str = ""
    fingerprint: str = ""
    report: object = None  # the last BuildReport, returned as is when nothing changed
    articles: dict[str, tuple[str, object, list]] = field(default_factory=dict)  # seed id -> (seed digest, Article, problems)
    pages: dict[str, str] = field(default_factory=dict)  # path -> page key
    samples: dict[str, list[int]] = field(default_factory=dict)  # seed digest -> shingle sample (duplicates)
    records: dict[str, str] = field(default_factory=dict)  # article digest -> its JSON record, as exported
    written: dict[str, tuple[int, int]] = field(default_factory=dict)  # generated file -> (size, mtime_ns) as left

    @classmethod
    def load(cls, output: Path, version: str) -> "BuildCache":
        try:
            with open(output / CACHE_DIR / _FILE, "rb") as fh:
                cache = pickle.load(fh)
            if isinstance(cache, cls) and cache.version == version:
                return cache
        except Exception:  # noqa: BLE001 - an unreadable cache is an empty cache
            pass
        return cls(version=version)

    def save(self, output: Path) -> None:
        folder = output / CACHE_DIR
        folder.mkdir(parents=True, exist_ok=True)
        _dump(folder / _FILE, self)
        if self.fingerprint:
            _dump(folder / _STAMP, (self.version, self.fingerprint, tree_fingerprint(output, self.written), self.report))


def forget_stamp(output: Path) -> None:
    """Before a build writes anything: until it ends well, nothing may claim "unchanged"."""
    try:
        (output / CACHE_DIR / _STAMP).unlink()
    except OSError:
        pass


def unchanged_report(output: Path, version: str, fingerprint: str, owned) -> object | None:
    """The last build's report if it was made from the same seeds, code and settings and
    its files are as it left them, else None.

    Reads only the small stamp, not the whole cache: with 10,000 articles an
    unchanged build then costs a few stats and no unpickling."""
    try:
        with open(output / CACHE_DIR / _STAMP, "rb") as fh:
            stamp_version, stamp_fingerprint, stamp_tree, report = pickle.load(fh)
    except Exception:  # noqa: BLE001 - no stamp, no shortcut
        return None
    if (stamp_version == version and stamp_fingerprint == fingerprint and fingerprint and owned
            and stamp_tree == tree_fingerprint(output, owned)):
        return report
    return None


def remembered(output: Path, name: str, version: str, make):
    """`make()`, kept in the cache folder under `name` for the builds of the same version
    (reading the reference data's files and compiling their rules takes longer than
    reading them back)."""
    path = output / CACHE_DIR / name
    try:
        with open(path, "rb") as fh:
            kept_version, value = pickle.load(fh)
        if kept_version == version:
            return value
    except Exception:  # noqa: BLE001 - nothing usable kept: made again
        pass
    value = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _dump(path, (version, value))
    except OSError:
        pass
    return value


def _dump(path: Path, value: object) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


class PageMemo:
    """Decides which pages need making: those whose key changed, or whose file is
    gone or not as the last build left it."""

    def __init__(self, output: Path, previous: dict[str, str], owned: set[str], written: dict[str, tuple[int, int]]):
        self.output = output
        self.previous = previous
        self.owned = owned
        self.written = written
        self.current: dict[str, str] = {}

    def fresh(self, path: str, key: str) -> bool:
        if not key or self.previous.get(path) != key or path not in self.owned or path not in self.written:
            return False
        try:
            st = (self.output / path).stat()
        except OSError:
            return False
        return (st.st_size, st.st_mtime_ns) == self.written[path]
