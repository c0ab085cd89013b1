"""Once: the pages an older generator wrote into the hand-written docs/ folder.

Generated pages used to be written next to hand-written ones, listed in
`docs/.generator-manifest.json`. Now they live in the output folder; the old
copies would shadow nothing but would confuse people and MkDocs alike. The
first build that finds the old manifest removes exactly the files it lists,
its cache and lock, and then the manifest: hand-written pages are not in it
and are never touched. A listed page that was changed by hand since that
generator wrote it (its size or time differs from what it recorded) is moved
to `<output>/.cache/replaced/docs/` instead, and said so.
"""
from __future__ import annotations

import pickle
import shutil
from pathlib import Path

from .config import BuildConfig
from .model import Problem
from .write import MANIFEST, Stat, file_stat, read_manifest, remove_empty_parents

_OLD_CACHE = ".cache"
_OLD_LOCK = ".build.lock"


def old_generated_pages(config: BuildConfig) -> list[Problem]:
    docs = config.docs
    if docs is None or not (docs / MANIFEST).is_file():
        return []
    try:
        if docs.resolve() == config.output.resolve():
            return []
    except OSError:
        return []
    listed = read_manifest(docs)
    written = _old_stats(docs / _OLD_CACHE / "generator.pickle")
    kept = config.output / _OLD_CACHE / "replaced" / "docs"
    removed, moved, problems = 0, [], []
    try:
        for rel in sorted(listed):
            path = docs / rel
            stat = file_stat(path)
            if stat is None or not path.is_file() or path.is_symlink():
                continue
            if written.get(rel) == stat:
                path.unlink()
                removed += 1
            else:
                target = kept / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(path), target)
                moved.append(rel)
            remove_empty_parents(path.parent, docs)
        # Copies of edited pages the old generator kept are people's work: they move too.
        old_replaced = docs / _OLD_CACHE / "replaced"
        if old_replaced.is_dir():
            shutil.copytree(old_replaced, kept, dirs_exist_ok=True)
        shutil.rmtree(docs / _OLD_CACHE, ignore_errors=True)
        for name in (_OLD_LOCK, MANIFEST):
            (docs / name).unlink(missing_ok=True)
    except OSError as exc:  # tried again at the next build: the manifest is removed last
        problems.append(Problem(str(docs), f"halaman buatan pembangkit versi lama belum selesai dihapus ({exc}); dicoba lagi nanti", stage="write"))
    problems.append(Problem(str(docs), f"{removed} halaman buatan pembangkit versi lama dihapus dari {docs}; halaman buatan pembangkit "
                                       f"kini ada di {config.output}", level="info", stage="write"))
    problems += [Problem(rel, f"halaman pembangkit versi lama yang diubah tangan: dipindahkan dari {docs} ke {kept / rel}",
                         stage="write") for rel in moved]
    return problems


def _old_stats(path: Path) -> dict[str, Stat]:
    """The sizes and times the old generator recorded of what it wrote, read without its classes."""
    try:
        with open(path, "rb") as fh:
            cache = _Reader(fh).load()
        written = getattr(cache, "written", None) or {}
        return {str(k): (int(v[0]), int(v[1])) for k, v in written.items()}
    except Exception:  # noqa: BLE001 - no record: every page counts as changed by hand
        return {}


class _Stub:
    """Stands for any class of the old generator's cache."""

    def __setstate__(self, state):
        if isinstance(state, tuple):  # (dict, slots)
            state = state[0] or {}
        self.__dict__.update(state if isinstance(state, dict) else {})


class _Reader(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if module.startswith("generator"):
            return _Stub
        if module in ("copyreg", "builtins", "datetime", "collections", "re", "_codecs"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a generator cache")

