"""Import: saved web pages, news datasets and RSS/Atom feeds become seeds.

`python -m generator import SOURCE... [--seeds DIR] [--since DATE] [--map COL=FIELD] [--log FILE]`.
Every source yields news items or reasons to skip; each item is written as one seed
(`shelf.py`) unless the folder already holds it, and every item ends as one `Outcome`
(imported, already there, duplicate of an earlier row, or skipped with a reason): the
summary counts them per source and per reason, the log lists them all. A bad source never
stops the others. Files are read without any network and within limits (import.yml);
URLs are fetched politely (`fetch.py`).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, TextIO

from ..reference.calendar import Calendar
from ..reference.sources import SEED_FIELDS, ImportLimits, SourceRules
from ..reference.text import TextRules
from .boilerplate import load_boilerplate
from .datasets import DATASET_SUFFIXES, DatasetError, dataset_items
from .feeds import FeedEntry, NotAFeed, entries, looks_like_feed
from .fetch import Fetcher, FetchError, host, internal_address, is_web_address
from .items import (BEFORE_SINCE, REFUSED, UNREACHABLE, Expected, Found, NewsItem, Skipped, TextTools)
from .pages import page_item
from .shelf import SeedShelf

PAGE_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom")


IMPORTED = "diimpor"
ALREADY = "sudah ada"
DUPLICATE = "duplikat"
NOT_WRITTEN = "tidak bisa ditulis"


@dataclass(frozen=True, slots=True)  # one per row: a million rows are a million outcomes
class Outcome:
    """What became of one item: imported (detail: the seed written), or why not."""

    source: str  # the file or address the item came from
    origin: str  # the item: "berita.csv baris 12", a page's address
    kind: str  # IMPORTED, ALREADY, DUPLICATE or a Skipped kind
    detail: str  # the seed written or holding it, or the reason in full
    note: str | None = None


@dataclass
class ImportSummary:
    outcomes: list[Outcome] = field(default_factory=list)
    log: Path | None = None

    @property
    def imported(self) -> list[tuple[str, str]]:
        return [(o.origin, o.detail) for o in self.outcomes if o.kind == IMPORTED]

    @property
    def already(self) -> list[tuple[str, str]]:
        return [(o.origin, o.detail) for o in self.outcomes if o.kind in (ALREADY, DUPLICATE)]

    @property
    def skipped(self) -> list[Skipped]:
        return [Skipped(o.origin, o.detail, o.kind, o.source) for o in self.outcomes
                if o.kind not in (IMPORTED, ALREADY, DUPLICATE)]

    def fruitless(self) -> list[str]:
        """Sources that yielded nothing usable (no article imported or already held)."""
        useful = {o.source for o in self.outcomes if o.kind in (IMPORTED, ALREADY, DUPLICATE)}
        return list(dict.fromkeys(o.source for o in self.outcomes if o.source not in useful))

    def failed(self) -> bool:
        """An import that lost something says so with its exit status."""
        return bool(self.fruitless()) or any(o.kind == NOT_WRITTEN for o in self.outcomes)

    def lines(self, limit: int = 40) -> list[str]:
        kinds = Counter(o.kind for o in self.outcomes)
        skipped = sum(n for k, n in kinds.items() if k not in (IMPORTED, ALREADY, DUPLICATE))
        out = [f"impor selesai: {kinds[IMPORTED]} diimpor, {kinds[ALREADY] + kinds[DUPLICATE]} sudah ada, "
               f"{skipped} dilewati"]
        by_source: dict[str, Counter] = {}
        for o in self.outcomes:
            by_source.setdefault(o.source, Counter())[o.kind] += 1
        out.append("per sumber:")
        for source, counts in list(by_source.items())[:limit]:
            out.append(f"  {source}: " + ", ".join(f"{n} {k}" for k, n in counts.most_common()))
        if len(by_source) > limit:
            out.append(f"  ... dan {len(by_source) - limit} sumber lagi (lihat log)")
        reasons = [(k, n) for k, n in kinds.most_common() if k not in (IMPORTED,)]
        if reasons:
            out.append("per alasan: " + ", ".join(f"{k} {n}" for k, n in reasons))
        refused = [o for o in self.outcomes if o.kind == REFUSED]
        for o in refused[:limit]:
            out.append(f"  ditolak: {o.origin}: {o.detail}")
        for source in self.fruitless()[:limit]:
            if not any(o.source == source for o in refused):
                out.append(f"  tanpa hasil: {source}")
        if self.log is not None:
            out.append(f"log lengkap (setiap baris dan alasannya): {self.log}")
        return out

    def write_log(self, path: Path) -> Path:
        """Every item, one line each, tab-separated: what became of it, the source, the item, the
        seed or the reason."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n".join(self.lines(limit=10**9)[:1]) + "\n")
            for o in self.outcomes:
                note = f" ({o.note})" if o.note else ""
                fh.write(f"{o.kind}\t{o.source}\t{o.origin}\t{o.detail}{note}\n")
        self.log = path
        return path


def load_tools(data_dir: Path) -> TextTools:
    calendar = Calendar.load(data_dir / "calendar.yml")
    return TextTools(SourceRules.load(data_dir / "import.yml"), TextRules.load(data_dir / "text.yml", calendar), calendar,
                     load_boilerplate(data_dir))


def with_limits(tools: TextTools, pairs: Iterable[str]) -> TextTools:
    """The tools with `--limit NAME=VALUE` pairs over import.yml's limits; DataFileError names a bad one."""
    values = dataclasses.asdict(tools.sources.limits)
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise ValueError(f"--limit {pair!r}: tulis NAMA=NILAI, misalnya max_rows=1000000")
        values[name.strip()] = value.strip()
    limits = ImportLimits.from_data(values, Path("--limit"))
    return dataclasses.replace(tools, sources=dataclasses.replace(tools.sources, limits=limits))


def parse_mapping(pairs: Iterable[str]) -> dict[str, str]:
    """`--map COL=FIELD` pairs -> {column: field}; ValueError names the bad one."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.rpartition("=")
        if not sep or not column.strip() or target.strip() not in SEED_FIELDS:
            raise ValueError(f"--map {pair!r}: tulis KOLOM=BIDANG, BIDANG salah satu dari {', '.join(SEED_FIELDS)}")
        mapping[column.strip()] = target.strip()
    return mapping


def run_import(sources: list[str], seeds: Path, tools: TextTools, fetcher: Fetcher | None = None,
               since: dt.date | None = None, mapping: dict[str, str] | None = None,
               progress: TextIO | None = None) -> ImportSummary:
    summary = ImportSummary()
    shelf = SeedShelf(seeds, tools.sources.tracking_parameters)
    fetcher = fetcher or Fetcher(tools.sources)
    # The hosts the user named: their own addresses may be internal ones (a local test server).
    named = {host(s) for s in sources if is_web_address(s)}
    bar = Progress(progress)
    imported = 0
    for source in sources:
        for item in _guarded(_items(source, tools, fetcher, since, mapping or {}, named), source):
            if isinstance(item, Expected):
                bar.expect(item.count)
                continue
            bar.tick(imported)
            outcome = _outcome(item, source, shelf, since)
            imported += outcome.kind == IMPORTED
            summary.outcomes.append(outcome)
    bar.done()
    return summary


def _outcome(item: NewsItem | Skipped, source: str, shelf: SeedShelf, since: dt.date | None) -> Outcome:
    where = item.source or source
    if isinstance(item, Skipped):
        return Outcome(where, item.origin, item.kind, item.reason)
    if since and item.date and item.date < since:
        return Outcome(where, item.origin, BEFORE_SINCE, f"terbit {item.date.isoformat()}, sebelum --since")
    held = shelf.holding(item)
    if held is not None:
        if held in shelf.added:
            return Outcome(where, item.origin, DUPLICATE, f"duplikat dari {shelf.added[held]} (seed {held})")
        return Outcome(where, item.origin, ALREADY, held)
    try:
        return Outcome(where, item.origin, IMPORTED, shelf.add(item), item.note)
    except OSError as exc:
        return Outcome(where, item.origin, NOT_WRITTEN, f"seed tidak bisa ditulis ({exc.strerror or exc})")


def _guarded(items: Iterator[Found], source: str) -> Iterator[Found]:
    """A source that fails in a way nobody foresaw is one skipped line, not the end of the import."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - whatever a library raises on a strange source
        yield Skipped(source, f"galat tak terduga ({type(exc).__name__}: {str(exc)[:120]})", REFUSED)


def _items(source: str, tools: TextTools, fetcher: Fetcher, since: dt.date | None,
           mapping: dict[str, str], named: set[str]) -> Iterator[Found]:
    if is_web_address(source):
        for item in _web_items(source, tools, fetcher, since, named):
            yield item if isinstance(item, Expected) else dataclasses.replace(item, source=source)
        return
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES + DATASET_SUFFIXES)
        if not files:
            yield Skipped(source, "folder tanpa halaman .html/.htm atau dataset", REFUSED, source)
        yield Expected(sum(1 for p in files if p.suffix.lower() in PAGE_SUFFIXES))
        for p in files:
            yield from _file_items(p, tools, mapping)
    elif path.is_file():
        yield from _file_items(path, tools, mapping)
    else:
        yield Skipped(source, "tidak ditemukan (bukan berkas, folder, atau alamat http/https)", REFUSED, source)


def _file_items(path: Path, tools: TextTools, mapping: dict[str, str]) -> Iterator[Found]:
    origin = str(path)
    for item in _file_items_of(path, tools, mapping):
        yield item if isinstance(item, Expected) else dataclasses.replace(item, source=origin)


def _file_items_of(path: Path, tools: TextTools, mapping: dict[str, str]) -> Iterator[Found]:
    suffix = path.suffix.lower()
    origin = str(path)
    limit = tools.sources.limits.max_page_mb
    try:
        if suffix in PAGE_SUFFIXES + FEED_SUFFIXES and path.stat().st_size > limit * 1_000_000:
            yield Skipped(origin, f"berkas lebih dari {limit:g} MB (batas limits.max_page_mb di "
                                  "generator/data/import.yml, atau opsi --limit); tidak dibaca", REFUSED)
        elif suffix in PAGE_SUFFIXES:
            yield page_item(path.read_bytes(), origin, tools)
        elif suffix in DATASET_SUFFIXES:
            yield from dataset_items(path, tools, mapping)
        elif suffix in FEED_SUFFIXES:
            # A saved feed: only what it carries itself (no network for files).
            for n, entry in enumerate(entries(path.read_bytes()), 1):
                yield _with_feed_data(page_item(_as_page(entry.content), f"{origin} butir {n}", tools), entry)
        else:
            yield Skipped(origin, "jenis berkas tidak dikenal (.html, .htm, .jsonl, .json, .csv, .xlsx, .xml)", REFUSED)
    except DatasetError as exc:
        yield Skipped(origin, str(exc), REFUSED)
    except NotAFeed as exc:
        yield Skipped(origin, str(exc), REFUSED)
    except OSError as exc:
        yield Skipped(origin, f"tidak bisa dibaca ({exc.strerror or exc})", REFUSED)


def _web_items(url: str, tools: TextTools, fetcher: Fetcher, since: dt.date | None, named: set[str]) -> Iterator[Found]:
    try:
        answer = fetcher.get(url)
    except FetchError as exc:
        yield Skipped(url, str(exc), UNREACHABLE)
        return
    if not looks_like_feed(answer.body):
        yield page_item(answer.body, url, tools, fetched_from=answer.url)
        return
    try:
        found = entries(answer.body)
    except NotAFeed as exc:
        yield Skipped(url, str(exc), REFUSED)
        return
    yield Expected(len(found))
    for n, entry in enumerate(found, 1):
        origin = entry.link or f"{url} butir {n}"
        if entry.link is None:
            yield Skipped(origin, "butir feed tanpa tautan http(s)", UNREACHABLE)
        elif since and entry.date and entry.date < since:
            yield Skipped(origin, f"terbit {entry.date.isoformat()}, sebelum --since", BEFORE_SINCE)
        elif host(entry.link) not in named and (internal := internal_address(entry.link)):
            yield Skipped(origin, f"tautan feed ke alamat internal ({internal}) tidak diambil; sebutkan host itu "
                                  "sebagai sumber bila memang dimaksud", UNREACHABLE)
        else:
            try:
                page = fetcher.get(entry.link, internal_ok=host(entry.link) in named)
            except FetchError as exc:
                yield Skipped(origin, str(exc), UNREACHABLE)
                continue
            yield _with_feed_data(page_item(page.body, origin, tools, fetched_from=page.url), entry)


def _with_feed_data(item: NewsItem | Skipped, entry: FeedEntry) -> NewsItem | Skipped:
    """What the page does not say, the feed may: its title and date."""
    if isinstance(item, Skipped):
        return item
    return dataclasses.replace(item, title=item.title or entry.title, date=item.date or entry.date,
                               url=item.url or entry.link)


def _as_page(content: str) -> str:
    return f"<html><body><article>{content}</article></body></html>"


class Progress:
    """A bar on a terminal, redrawn in place; nothing when the output is not one (a log, a pipe)."""

    WIDTH = 30

    def __init__(self, stream: TextIO | None):
        self.stream = stream if stream is not None and stream.isatty() else None
        self.seen = self.total = 0
        self.drawn = False

    def expect(self, count: int) -> None:
        self.total += count

    def tick(self, imported: int) -> None:
        self.seen += 1
        if self.stream is None or self.total < 20:
            return
        done = min(self.seen, self.total)
        filled = self.WIDTH * done // self.total
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{self.total} dibaca, {imported} diimpor")
        self.stream.flush()
        self.drawn = True

    def done(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
