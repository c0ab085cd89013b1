"""The output folder's state: what the generator wrote there, and what it knew when it did.

One owner, one interface (`OutputState`) the pipeline calls: is everything as
the last build left it (`unchanged`), which seeds need extracting (`extract`),
which files need making (`skip_fresh`), write them (`write`), remember what this
build did (`save`). It keeps, in the output folder:

- the manifest (`.generator-manifest.json`): the files the generator owns. It
  deletes only these, and only inside the output folder: a listed path that is
  absolute, climbs out (`..`) or leads through a link out of the folder is
  ignored and reported, never deleted;
- the journal (`.cache/written.journal`): what a build wrote, line by line as
  it writes, so that after a killed build the next one knows its files from a
  person's edits;
- the cache (`.cache/`), data only (JSON), never code: each seed's extraction
  in a file of its own (`articles/<digest>.json`), the page keys and the files
  as left (`state.json`), the export's records (`records.json`), and the stamp
  (`stamp.json`: seeds, code and files unchanged -> nothing to do). A cache
  file that does not parse or has the wrong shape counts as absent. Deleting
  `.cache/` is always safe: the next build does everything;
- the copies of generated pages a person edited (`.cache/replaced/`), kept
  before such a page is replaced. A page whose copy cannot be kept is not
  replaced: the build reports it and leaves it alone.

Switched off (`BuildConfig.incremental = False`), it knows nothing and keeps
no cache: every stage runs on everything, and the output is the same.
"""
from __future__ import annotations

import json
import os
import re
import shutil
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Callable, Collection, Mapping, Sequence

from .config import BuildConfig
from .incremental.codec import ShapeError, from_data, to_data
from .incremental.keys import code_version, digest, seeds_fingerprint, tree_fingerprint
from .model import Article, Problem, Seed
from .report import BuildReport
from .write import (REPLACED, Output, Stat, WriteResult, atomic_write_bytes, contained, file_stat, remove_empty_parents,
                    write_if_changed)

MANIFEST = ".generator-manifest.json"
CACHE_DIR = ".cache"
JOURNAL = Path(CACHE_DIR) / "written.journal"
_FORMAT = 1  # of the cache files: another format is an absent cache
_STATE = "state.json"
_STAMP = "stamp.json"
_RECORDS = "records.json"
_ARTICLES = "articles"
_KEY = re.compile(r"[0-9a-f]{32}")
_PLAIN_PATH = re.compile(r"[\w.-]+(?:/[\w.-]+)*", re.ASCII)
# What write_tree tells as it goes.
EDITED, LEFT_ALONE, OUTSIDE = "edited", "left-alone", "outside"

# One seed's extraction: its article (None if it failed), its problems, its shingle sample.
Extraction = tuple["Article | None", list, list[int]]
ExtractionEntry = tuple["Article | None", list[Problem], list[int]]


@dataclass
class Extracted:
    """Every seed's extraction, whether made now or remembered."""

    articles: list[Article]
    problems: list[Problem]
    samples: dict[str, list[int]]  # article id -> shingle sample (dedupe)
    keys: dict[str, str]  # seed id -> digest of its file name, text and front matter


@dataclass
class Memory:
    """What one long-lived process (`mkdocs serve`) keeps from build to build of one
    output folder, so that a save costs what it changed: every seed's extraction (the
    cache files, without reading and decoding 10,000 of them again), and what the
    other stages ask to keep (`kept`: the reference data, the seeds as read, the related
    lists...). All of it belongs to one code version (code, data, settings): under
    another, it is forgotten. Nothing here outlives the process."""

    version: str = ""
    output: Path | None = None
    entries: dict[str, "ExtractionEntry"] = field(default_factory=dict)  # seed key -> extraction
    kept: dict[str, object] = field(default_factory=dict)

    def of(self, version: str, output: Path) -> "Memory":
        """This memory, emptied first if it was of another version or folder."""
        if (self.version, self.output) != (version, output):
            self.version, self.output = version, output
            self.entries, self.kept = {}, {}
        return self

    def keep(self, name: str, make: Callable[[], object]) -> object:
        """What `make` made for the build that first asked for `name` in this version."""
        if name not in self.kept:
            self.kept[name] = make()
        return self.kept[name]


class OutputState:
    def __init__(self, config: BuildConfig, memory: Memory | None = None):
        self.enabled = config.incremental
        self.output = config.output
        inputs = [p for p in (config.data, config.taxonomy, config.templates) if p is not None]
        self.version = code_version(inputs, (config.site, str(config.taxonomy))) if self.enabled else ""
        # Only an incremental build remembers: switched off, every build does everything.
        self.memory = memory.of(self.version, config.output) if memory is not None and self.enabled else Memory()
        self.fingerprint = seeds_fingerprint(config.seeds) if self.enabled else ""
        self.owned, ignored = manifest_entries(config.output)
        # For the build report, before its pages are made.
        self.problems: list[Problem] = [*(_ignored(rel) for rel in ignored), *old_generator_pages(config)]
        self.pages: dict[str, str] = {}  # path -> page key, as the last build made them
        self.written: dict[str, Stat] = {}  # generated file -> (size, mtime_ns) as the last build left it
        self.journal: dict[str, set[Stat]] = {}
        self.records: dict[str, str] = {}  # article digest -> its export record (updated as the export is written)
        self.current: dict[str, str] = {}  # path -> page key, this build
        self._extracted: Extracted | None = None
        self._entries: dict[str, ExtractionEntry] = {}  # seed key -> extraction
        self._kept: dict[str, list[int]] = {}  # seed key -> sample as its cache file holds it
        self._unsaved: set[str] = set()  # edited pages whose copy could not be kept: left alone

    # -- what the last build knew ---------------------------------------------------------

    def unchanged(self) -> BuildReport | None:
        """The last build's report when seeds, code, settings and generated files are as it
        left them (then nothing needs doing), else None; from here on, until `save`,
        nothing claims the output is up to date."""
        if not self.enabled:
            return None
        last = self._unchanged_report()
        if last is not None:
            last.write = WriteResult(unchanged=len(self.owned))
            return last
        self._forget(_STAMP)
        kept = self.memory.kept.get(_STATE)
        if kept is not None and kept[0] == self._state_file_stat():
            # As this process saved it (the file's stat says no one else wrote it since).
            self.pages, self.written, self.records = kept[1:]
            self.journal = read_journal(self.output)
            return None
        state = self._read_json(_STATE)
        if isinstance(state, dict) and state.get("format") == _FORMAT and state.get("version") == self.version:
            try:
                self.pages = from_data(dict[str, str], state.get("pages", {}))
                self.written = from_data(dict[str, Stat], state.get("written", {}))
                records = self._read_json(_RECORDS)
                self.records = from_data(dict[str, str], records) if isinstance(records, dict) else {}
            except ShapeError:
                self.pages, self.written, self.records = {}, {}, {}
        self.journal = read_journal(self.output)
        return None

    def _unchanged_report(self) -> BuildReport | None:
        """Reads only the small stamp, not the cache: with 10,000 articles an unchanged build
        then costs a few stats."""
        stamp = self._read_json(_STAMP)
        if not (isinstance(stamp, dict) and stamp.get("format") == _FORMAT and self.fingerprint and self.owned
                and stamp.get("version") == self.version and stamp.get("fingerprint") == self.fingerprint
                and stamp.get("tree") == tree_fingerprint(self.output, self.owned)):
            return None
        try:
            return from_data(BuildReport, stamp.get("report"))
        except ShapeError:
            return None

    # -- extraction -----------------------------------------------------------------------

    def extract(self, seeds: Sequence[Seed], slugs: dict[str, str],
                extract: Callable[[list[Seed]], dict[str, Extraction]]) -> Extracted:
        """Every seed's extraction: remembered when its bytes did not change, else `extract`ed."""
        keys = {s.id: digest(s.file, s.text, s.front_matter, s.overrides) for s in seeds}
        # The folder is checked once (as save does): 10,000 checks, two realpaths each, cost more than the reads.
        folder = contained(self.output, f"{CACHE_DIR}/{_ARTICLES}/{_STATE}") if self.enabled else None
        remembered = {s.id: self._remembered(folder, keys[s.id]) for s in seeds} if self.enabled else {}
        fresh = extract([s for s in seeds if remembered.get(s.id) is None])
        out = Extracted([], [], {}, keys)
        for seed in seeds:
            if seed.id in fresh:
                article, problems, sample = fresh[seed.id]
            else:
                article, problems, sample = remembered[seed.id]
                if article is not None and article.slug != slugs[seed.id]:
                    article = replace(article, slug=slugs[seed.id])
            self._entries[keys[seed.id]] = (article, problems, sample)
            out.problems.extend(problems)
            if article is not None:
                out.articles.append(article)
                if sample:
                    out.samples[article.id] = sample
        self._extracted = out  # dedupe adds the samples it had to make
        return out

    def _remembered(self, folder: Path | None, key: str) -> ExtractionEntry | None:
        entry = self.memory.entries.get(key)
        if entry is not None:
            self._kept[key] = entry[2]  # its cache file holds it (written by the build that made it)
            return entry
        return self._load_entry(folder.parent, key) if folder is not None else None

    def _load_entry(self, folder: Path, key: str) -> ExtractionEntry | None:
        data = _load_json(folder / f"{key}.json")
        if not (isinstance(data, dict) and data.get("format") == _FORMAT and data.get("version") == self.version):
            return None
        try:
            entry = (from_data(Article | None, data.get("article")), from_data(list[Problem], data.get("problems")),
                     from_data(list[int], data.get("sample")))
        except ShapeError:
            return None
        self._kept[key] = entry[2]
        return entry

    def article_digests(self, articles: list[Article], keys: dict[str, str]) -> dict[str, str]:
        """What an article's pages and record show of it: its seed, slug and duplicates."""
        return {a.id: digest(keys[a.id], a.slug, a.duplicates, a.duplicate_outlets) for a in articles}

    # -- pages ----------------------------------------------------------------------------

    @property
    def left(self) -> dict[str, set[Stat]]:
        """The states earlier builds left each generated file in: as the last finished build
        left it, or as any build killed since may have (a file in none was changed by hand)."""
        out = {path: {stat} for path, stat in self.written.items()}
        for path, stats in self.journal.items():
            out.setdefault(path, set()).update(stats)
        return out

    def skip_fresh(self, outputs: list[Output]) -> list[Output]:
        """Files whose key and file are as the last build left them are not made again."""
        out = []
        for o in outputs:
            if o.key:
                self.current[o.path] = o.key
                if self._fresh(o.path, o.key):
                    o = Output(o.path, _nothing, o.key, o.source)
            out.append(o)
        return out

    def _fresh(self, path: str, key: str) -> bool:
        if not key or self.pages.get(path) != key or path not in self.owned or path not in self.written:
            return False
        return file_stat(self.output / path) == self.written[path]

    def changed(self, outputs: list[Output]) -> list[str]:
        """Keyed files that will be made (their key changed since the last build)."""
        return [o.path for o in outputs if o.key and self.pages.get(o.path) != o.key]

    def write(self, outputs: Sequence[Output], problems: list[Problem]) -> WriteResult:
        """Write the files (write_tree), with what earlier builds left. What a person changed
        is reported (into `problems`, as it happens: pages made later show it), kept and
        replaced, or left alone when it cannot be kept."""
        def tell(event: str, rel: str) -> None:
            if event == EDITED:
                message = (f"halaman buatan pembangkit diubah tangan sejak pembangunan terakhir; diganti (salinan yang "
                           f"diubah disimpan di {(REPLACED / rel).as_posix()})")
            elif event == LEFT_ALONE:
                self._unsaved.add(rel)
                message = (f"halaman buatan pembangkit diubah tangan, dan salinannya tidak dapat disimpan di "
                           f"{(REPLACED / rel).as_posix()}: halaman dibiarkan apa adanya, tidak ditimpa")
            else:
                message = "tidak ditulis: jalurnya mengarah ke luar folder keluaran"
            problems.append(Problem(rel, message, stage="write"))
        return write_tree(self.output, outputs, self.left, tell, self.owned)

    # -- what this build did --------------------------------------------------------------

    def save(self, report: BuildReport, write: WriteResult, failed: set[str]) -> None:
        """What this build did; a page that failed (or was left alone) is not remembered, so
        that the next build tries it again."""
        if not self.enabled:
            forget_journal(self.output)
            return
        if contained(self.output, f"{CACHE_DIR}/{_STATE}") is None:
            return  # .cache links out of the folder (write_tree refused it already)
        cache = self.output / CACHE_DIR
        samples = self._extracted.samples if self._extracted is not None else {}
        keys = self._extracted.keys if self._extracted is not None else {}
        self.memory.entries = {}
        for seed_id, key in keys.items():
            article, problems, sample = self._entries[key]
            self.memory.entries[key] = (article, problems, samples.get(seed_id, sample) if article is not None else sample)
        articles_dir = cache / _ARTICLES
        if contained(self.output, f"{CACHE_DIR}/{_ARTICLES}/{_STATE}") is None:
            keys = {}  # .cache/articles links out of the folder: nothing is written or deleted there
        else:
            articles_dir.mkdir(parents=True, exist_ok=True)
        for key in keys.values():
            article, problems, sample = self.memory.entries[key]
            if self._kept.get(key) == sample and key in self._kept:
                continue
            entry = {"format": _FORMAT, "version": self.version, "article": to_data(article),
                     "problems": to_data(problems), "sample": sample}
            atomic_write_bytes(articles_dir / f"{key}.json", _json(entry))
        wanted = {f"{key}.json" for key in keys.values()}
        with os.scandir(articles_dir) if keys else nullcontext(()) as it:
            for e in it:  # extractions of seeds that are gone or changed
                if e.name not in wanted and _KEY.fullmatch(e.name[:-5]) and e.name.endswith(".json"):
                    Path(e.path).unlink(missing_ok=True)
        skip = failed | self._unsaved
        written = dict(write.stats)
        for rel in self._unsaved:  # as the generator last left it: still an edit next time
            written.pop(rel, None)
            if rel in self.written:
                written[rel] = self.written[rel]
        state = {"format": _FORMAT, "version": self.version,
                 "pages": {p: k for p, k in sorted(self.current.items()) if p not in skip},
                 "written": {p: list(s) for p, s in sorted(written.items())}}
        # The export's records by article digest: a cache of encodings, right for any digest it
        # has. A long-lived process keeps them in memory and writes the file once, not the
        # 85 MB of a national knowledge base at every save (a later build re-encodes the few
        # records this file lacks).
        if _RECORDS not in self.memory.kept:
            atomic_write_bytes(cache / _RECORDS, _json(self.records))
            self.memory.kept[_RECORDS] = True
        atomic_write_bytes(cache / _STATE, _json(state))
        self.memory.kept[_STATE] = (self._state_file_stat(), state["pages"], written, self.records)
        if not write.refused and not self._unsaved and not write.outside:
            # The report as it stands now: the stamp's claim is the last thing written.
            stamp = {"format": _FORMAT, "version": self.version, "fingerprint": self.fingerprint,
                     "tree": tree_fingerprint(self.output, written), "report": to_data(report)}
            atomic_write_bytes(cache / _STAMP, _json(stamp))
        forget_journal(self.output)

    # -- files ----------------------------------------------------------------------------

    def _state_file_stat(self) -> tuple | None:
        try:
            st = os.stat(self.output / CACHE_DIR / _STATE)
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)

    def _read_json(self, name: str) -> object:
        path = contained(self.output, f"{CACHE_DIR}/{name}")
        return None if path is None else _load_json(path)

    def _forget(self, name: str) -> None:
        path = contained(self.output, f"{CACHE_DIR}/{name}")
        if path is not None:
            path.unlink(missing_ok=True)


def _load_json(path: Path) -> object:
    try:
        with open(path, "rb") as fh:
            return json.loads(fh.read())
    except (OSError, ValueError):  # no cache, or not one: absent
        return None


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _nothing() -> None:
    return None


def _ignored(rel: str) -> Problem:
    return Problem(MANIFEST, f"jalur '{rel[:200]}' di manifes diabaikan: di luar folder keluaran (tidak dihapus)",
                   stage="write")


def old_generator_pages(config: BuildConfig) -> list[Problem]:
    """Pages an older generator wrote into the hand-written docs/ folder (listed in its
    manifest there) shadow the generated ones: said, never deleted or read beyond that
    JSON list (that generator's cache was a pickle, and no build runs one)."""
    docs = config.docs
    if docs is None or not (docs / MANIFEST).is_file():
        return []
    try:
        if docs.resolve() == config.output.resolve():
            return []
    except OSError:
        return []
    listed = [rel for rel in sorted(read_manifest(docs)) if (docs / rel).is_file()]
    if not listed:
        return []
    return [Problem(str(docs / MANIFEST), f"{len(listed)} halaman buatan pembangkit versi lama masih ada di {docs} "
                                          f"(misalnya {listed[0]}) dan menutupi halaman yang kini dibuat di {config.output}; "
                                          f"hapus berkas yang didaftar manifes ini, manifesnya, dan folder {docs / CACHE_DIR}",
                    stage="write")]


# -- the manifest and the journal ------------------------------------------------------------


def manifest_entries(output: Path) -> tuple[set[str], list[str]]:
    """The files the manifest lists that lie inside `output`, and those it lists that do not
    (absolute, `..`, through a link out, not text): these are never touched."""
    try:
        data = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
        files = data.get("files", []) if isinstance(data, dict) else []
    except (OSError, ValueError):
        return set(), []
    owned, ignored, seen = set(), [], {}
    for rel in files if isinstance(files, list) else []:
        if isinstance(rel, str) and safe_relative(rel) and contained(output, rel, seen) is not None:
            owned.add(rel)
        else:
            ignored.append(rel if isinstance(rel, str) else repr(rel))
    return owned, sorted(ignored)


def read_manifest(output: Path) -> set[str]:
    """The files the generator owns in `output` (those inside it only)."""
    return manifest_entries(output)[0]


def safe_relative(rel: str) -> bool:
    """A relative path in the folder's own terms: no drive, no root, no `..`, no backslash."""
    if not rel or "\x00" in rel or "\\" in rel:
        return False
    if _PLAIN_PATH.fullmatch(rel) and ".." not in rel.split("/"):
        return True  # the generator's own paths: no drive, no root (a parse per path costs seconds at 10,000)
    if PurePosixPath(rel).is_absolute() or PureWindowsPath(rel).drive or PureWindowsPath(rel).is_absolute():
        return False
    return ".." not in PurePosixPath(rel).parts


def _manifest_bytes(paths: set[str]) -> bytes:
    doc = {"about": "Files written by `python -m generator build`; it deletes only these.", "files": sorted(paths)}
    return (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _write_manifest(output: Path, paths: set[str]) -> None:
    write_if_changed(output / MANIFEST, _manifest_bytes(paths))


def read_journal(output: Path) -> dict[str, set[Stat]]:
    """The files builds that did not finish wrote, in each state they may have left them."""
    out: dict[str, set[Stat]] = {}
    path = contained(output, JOURNAL.as_posix())
    if path is None:
        return out
    try:
        with open(path, encoding="utf-8") as fh:
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
    path = contained(output, JOURNAL.as_posix())
    if path is not None:
        path.unlink(missing_ok=True)


# -- writing ---------------------------------------------------------------------------------


def write_tree(output: Path, outputs: Sequence[Output], left: Mapping[str, Collection[Stat]] | None = None,
               tell: Callable[[str, str], None] | None = None, owned: set[str] | None = None) -> WriteResult:
    """Write `outputs` in their order (so that pages showing the build report come after
    the pages that add to it). `left` are the states earlier builds left each file in:
    a file in none of them was changed by hand; its edited copy is kept in
    .cache/replaced/ before it is replaced, and if the copy cannot be kept, the file is
    left alone. `tell(event, path)` hears of each (EDITED, LEFT_ALONE, OUTSIDE)."""
    tell = tell or (lambda event, rel: None)
    result = WriteResult()
    files: dict[str, Callable] = {}
    seen: dict[str, str] = {}
    for o in outputs:
        if safe_relative(o.path) and contained(output, o.path, seen) is not None:
            files[o.path] = o.make
        else:
            result.outside.append(o.path)
            tell(OUTSIDE, o.path)
    left = left or {}
    output.mkdir(parents=True, exist_ok=True)
    journal_path = contained(output, JOURNAL.as_posix())
    if journal_path is None:
        raise OSError(f"{output / CACHE_DIR} mengarah ke luar folder keluaran")
    journal_path.parent.mkdir(parents=True, exist_ok=True)
    owned = read_manifest(output) if owned is None else owned  # as the build found it, when it read it already
    # Claim the new paths before writing them, so that a build interrupted
    # half-way still knows, next time, which files are its own.
    claimable = {p for p in files if p in owned or not os.path.lexists(output / p)}
    result.refused = sorted(set(files) - claimable)
    _write_manifest(output, owned | claimable)
    with open(journal_path, "a", encoding="utf-8") as journal:
        for rel in [p for p in files if p in claimable]:
            target = output / rel
            before = file_stat(target)
            if os.path.islink(target):
                pass  # a link is no one's text (what it points to stays as it is): replaced, never
                # left alone for MkDocs to publish what it points to
            elif before is not None and rel in left and before not in left[rel]:
                if not _keep_edited_copy(output, rel):
                    result.kept_edited.append(rel)
                    tell(LEFT_ALONE, rel)
                    continue
                result.edited.append(rel)
                tell(EDITED, rel)
            data = files[rel]()

            def record(stat: Stat, rel: str = rel) -> None:
                # Before the rename: a build killed between the two leaves a file the
                # next build knows as its own either way.
                journal.write(json.dumps([rel, *stat]) + "\n")
                journal.flush()
            if data is None:
                result.unchanged += 1
            elif write_if_changed(target, data, record):
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
    return result


def _keep_edited_copy(output: Path, rel: str) -> bool:
    """Nothing a person wrote is lost: the hand-edited page goes to .cache/replaced/."""
    copy = contained(output, (REPLACED / rel).as_posix())
    if copy is None:
        return False
    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(output / rel, copy, follow_symlinks=False)
        return True
    except OSError:
        return False
