"""News datasets -> news items: one article per row of a .jsonl, .json, .csv or .xlsx file,
with the column names Indonesian news datasets use (data/import.yml) or the user's own
(`--map COL=FIELD`)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Iterator

from ..reference.sources import SEED_FIELDS, column_key
from .fetch import is_web_address
from .items import Expected, Found, NewsItem, Skipped, TextTools, article_text, one_line, parse_date, without_tracking, word_count

DATASET_SUFFIXES = (".jsonl", ".json", ".csv", ".xlsx")
# A dataset is read whole: a bigger file is not a news dataset one imports by hand.
MAX_DATASET_BYTES = 2_000_000_000
csv.field_size_limit(10_000_000)


class DatasetError(Exception):
    """A dataset that cannot be read as one; the message says why, in Indonesian."""


def dataset_items(path: Path, tools: TextTools, mapping: dict[str, str]) -> Iterator[Found]:
    rows = list(_rows(path))
    if not rows:
        raise DatasetError("tidak ada baris")
    header = list(dict.fromkeys(k for _, row in rows[:50] for k in (row or {})))
    columns = _columns(header, tools, mapping)
    yield Expected(len(rows))
    for number, row in rows:
        origin = f"{path.name} baris {number}"
        if row is None:
            yield Skipped(origin, "baris bukan objek JSON")
            continue
        value = {f: row.get(c) if c else None for f, c in columns.items()}
        title = one_line(value["title"])
        text = article_text(str(value["text"] or ""), title, tools)
        words = word_count(text)
        if words < tools.sources.min_words:
            yield Skipped(origin, "teks kosong" if not words else f"teks terlalu pendek ({words} kata)")
            continue
        url = one_line(value["url"])
        yield NewsItem(text=text, origin=origin, title=title, date=parse_date(value["date"], tools.calendar),
                       url=without_tracking(url, tools.sources.tracking_parameters) if url and is_web_address(url) else None,
                       outlet=one_line(value["outlet"]))


def _columns(header: list[str], tools: TextTools, mapping: dict[str, str]) -> dict[str, str | None]:
    """Seed field -> the dataset column it comes from."""
    by_key = {column_key(h): h for h in header}
    chosen: dict[str, str | None] = {}
    for field in SEED_FIELDS:
        if field in mapping.values():
            column = next(c for c, f in mapping.items() if f == field)
            if column_key(column) not in by_key:
                raise DatasetError(f"kolom '{column}' (dari --map) tidak ada; kolomnya: {', '.join(header[:20])}")
            chosen[field] = by_key[column_key(column)]
        else:
            chosen[field] = next((by_key[k] for k in tools.sources.columns[field] if k in by_key), None)
    if chosen["text"] is None:
        names = ", ".join(tools.sources.columns["text"][:6])
        raise DatasetError(f"tidak ada kolom teks (dicari: {names}...; atau --map KOLOM=text); kolomnya: {', '.join(header[:20])}")
    return chosen


def _rows(path: Path) -> Iterator[tuple[int, dict | None]]:
    """(row number as a person counts it, the row's cells by column name)."""
    if path.stat().st_size > MAX_DATASET_BYTES:
        raise DatasetError("berkas terlalu besar")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        yield from _xlsx_rows(path)
        return
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", "replace")
    if suffix == ".jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield number, _object(line)
    elif suffix == ".json":
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise DatasetError(f"bukan JSON yang sah ({exc})") from exc
        records = data if isinstance(data, list) else next(
            (v for v in data.values() if isinstance(v, list)), None) if isinstance(data, dict) else None
        if records is None:
            raise DatasetError("JSON tanpa daftar artikel (diharapkan sebuah daftar objek)")
        for number, record in enumerate(records, 1):
            yield number, record if isinstance(record, dict) else None
    else:
        try:
            dialect = csv.Sniffer().sniff(text[:20_000], delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
        for number, row in enumerate(reader, 2):  # row 1 is the header
            yield number, {k: v for k, v in row.items() if k is not None}


def _object(line: str) -> dict | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _xlsx_rows(path: Path) -> Iterator[tuple[int, dict]]:
    import openpyxl  # only spreadsheets need it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - zip, XML and openpyxl's own errors alike
        raise DatasetError(f"bukan lembar kerja .xlsx yang bisa dibaca ({type(exc).__name__})") from exc
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        header = [str(c) if c is not None else "" for c in next(rows, ())]
        for number, cells in enumerate(rows, 2):
            if any(c is not None for c in cells):
                yield number, dict(zip(header, cells))
    finally:
        book.close()
