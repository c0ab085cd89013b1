"""Import: saved web pages, news datasets and RSS/Atom feeds become seeds.

`python -m generator import SOURCE... [--seeds DIR] [--since DATE] [--map COL=FIELD]`.
Every source yields news items or reasons to skip; each item is written as one seed
(`shelf.py`) unless the folder already holds it. A bad source is one line in the
summary and never stops the others. Files are read without any network; URLs are
fetched politely (`fetch.py`).
"""
from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, TextIO

from ..reference.calendar import Calendar
from ..reference.sources import SEED_FIELDS, SourceRules
from ..reference.text import TextRules
from .datasets import DATASET_SUFFIXES, DatasetError, dataset_items
from .feeds import FeedEntry, NotAFeed, entries, looks_like_feed
from .fetch import Fetcher, FetchError, is_web_address
from .items import Expected, Found, NewsItem, Skipped, TextTools
from .pages import page_item
from .shelf import SeedShelf

PAGE_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom")


@dataclass
class ImportSummary:
    imported: list[tuple[str, str]] = field(default_factory=list)  # (origin, seed file)
    already: list[tuple[str, str]] = field(default_factory=list)  # (origin, the seed that holds it)
    skipped: list[Skipped] = field(default_factory=list)

    def lines(self, limit: int = 30) -> list[str]:
        out = [f"impor selesai: {len(self.imported)} diimpor, {len(self.already)} sudah ada, "
               f"{len(self.skipped)} dilewati"]
        out += [f"  diimpor: {seed}  ({origin})" for origin, seed in self.imported[:limit]]
        out += [f"  dilewati: {s.origin}: {s.reason}" for s in self.skipped[:limit]]
        hidden = max(0, len(self.imported) - limit) + max(0, len(self.skipped) - limit)
        if hidden:
            out.append(f"  ... dan {hidden} baris lagi")
        return out


def load_tools(data_dir: Path) -> TextTools:
    calendar = Calendar.load(data_dir / "calendar.yml")
    return TextTools(SourceRules.load(data_dir / "import.yml"), TextRules.load(data_dir / "text.yml", calendar), calendar)


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
    bar = Progress(progress)
    for source in sources:
        for item in _guarded(_items(source, tools, fetcher, since, mapping or {}), source):
            if isinstance(item, Expected):
                bar.expect(item.count)
                continue
            bar.tick(len(summary.imported))
            if isinstance(item, Skipped):
                summary.skipped.append(item)
            elif since and item.date and item.date < since:
                summary.skipped.append(Skipped(item.origin, f"terbit {item.date.isoformat()}, sebelum --since"))
            elif (held := shelf.holding(item)) is not None:
                summary.already.append((item.origin, held))
            else:
                try:
                    summary.imported.append((item.origin, shelf.add(item)))
                except OSError as exc:
                    summary.skipped.append(Skipped(item.origin, f"seed tidak bisa ditulis ({exc.strerror or exc})"))
    bar.done()
    return summary


def _guarded(items: Iterator[Found], source: str) -> Iterator[Found]:
    """A source that fails in a way nobody foresaw is one skipped line, not the end of the import."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - whatever a library raises on a strange source
        yield Skipped(source, f"galat tak terduga ({type(exc).__name__}: {str(exc)[:120]})")


def _items(source: str, tools: TextTools, fetcher: Fetcher, since: dt.date | None,
           mapping: dict[str, str]) -> Iterator[Found]:
    if is_web_address(source):
        yield from _web_items(source, tools, fetcher, since)
        return
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES + DATASET_SUFFIXES)
        if not files:
            yield Skipped(source, "folder tanpa halaman .html/.htm atau dataset")
        yield Expected(sum(1 for p in files if p.suffix.lower() in PAGE_SUFFIXES))
        for p in files:
            yield from _file_items(p, tools, mapping)
    elif path.is_file():
        yield from _file_items(path, tools, mapping)
    else:
        yield Skipped(source, "tidak ditemukan (bukan berkas, folder, atau alamat http/https)")


def _file_items(path: Path, tools: TextTools, mapping: dict[str, str]) -> Iterator[Found]:
    suffix = path.suffix.lower()
    origin = str(path)
    try:
        if suffix in PAGE_SUFFIXES:
            yield page_item(path.read_bytes(), origin, tools)
        elif suffix in DATASET_SUFFIXES:
            yield from dataset_items(path, tools, mapping)
        elif suffix in FEED_SUFFIXES:
            # A saved feed: only what it carries itself (no network for files).
            for n, entry in enumerate(entries(path.read_bytes()), 1):
                yield _with_feed_data(page_item(_as_page(entry.content), f"{origin} butir {n}", tools), entry)
        else:
            yield Skipped(origin, "jenis berkas tidak dikenal (.html, .htm, .jsonl, .json, .csv, .xlsx, .xml)")
    except DatasetError as exc:
        yield Skipped(origin, str(exc))
    except NotAFeed as exc:
        yield Skipped(origin, str(exc))
    except OSError as exc:
        yield Skipped(origin, f"tidak bisa dibaca ({exc.strerror or exc})")


def _web_items(url: str, tools: TextTools, fetcher: Fetcher, since: dt.date | None) -> Iterator[Found]:
    try:
        answer = fetcher.get(url)
    except FetchError as exc:
        yield Skipped(url, str(exc))
        return
    if not looks_like_feed(answer.body):
        yield page_item(answer.body, url, tools, fetched_from=answer.url)
        return
    try:
        found = entries(answer.body)
    except NotAFeed as exc:
        yield Skipped(url, str(exc))
        return
    yield Expected(len(found))
    for n, entry in enumerate(found, 1):
        origin = entry.link or f"{url} butir {n}"
        if entry.link is None:
            yield Skipped(origin, "butir feed tanpa tautan http(s)")
        elif since and entry.date and entry.date < since:
            yield Skipped(origin, f"terbit {entry.date.isoformat()}, sebelum --since")
        else:
            try:
                page = fetcher.get(entry.link)
            except FetchError as exc:
                yield Skipped(origin, str(exc))
                continue
            yield _with_feed_data(page_item(page.body, origin, tools, fetched_from=page.url), entry)


def _with_feed_data(item: NewsItem | Skipped, entry: FeedEntry) -> NewsItem | Skipped:
    """What the page does not say, the feed may: its title and date."""
    if isinstance(item, Skipped):
        return item
    return NewsItem(item.text, item.origin, item.title or entry.title, item.date or entry.date, item.url or entry.link,
                    item.outlet)


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
