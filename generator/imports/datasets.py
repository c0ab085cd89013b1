"""News datasets -> news items: one article per row of a .jsonl, .json, .csv or .xlsx file,
with the column names Indonesian news datasets use (data/import.yml) or the user's own
(`--map COL=FIELD`).

A dataset is read twice, streaming: first to check it (limits, broken rows, its columns),
then to yield its rows. A file that looks broken is refused whole before anything of it is
written. CSV is read as RFC 4180 says (Python's csv defaults: doubled quotes, quoted line
breaks); only the delimiter is detected, never the quoting. Text is UTF-8 (with or without
BOM) or UTF-16 with a BOM; a stray byte that is not UTF-8 is read as cp1252 in its own row
only, and the row says so."""
from __future__ import annotations

import codecs
import csv
import itertools
import json
import posixpath
import re
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..reference.sources import SEED_FIELDS, ImportLimits, column_key
from .fetch import is_web_address
from .items import (BROKEN_ROW, EMPTY, NOT_ARTICLE, NOT_INDONESIAN, TOO_SHORT, Expected, Found, NewsItem, Skipped,
                    TextTools, article, looks_indonesian, looks_like_listing, one_line, parse_date, word_count)

DATASET_SUFFIXES = (".jsonl", ".json", ".csv", ".xlsx")
DELIMITERS = ",;\t|"
MAX_COLUMNS = 200
csv.field_size_limit(10_000_000)
# A line of a .csv or .jsonl file is read whole: a text of a few MB at most, not a file with
# no line breaks (which would be held in memory several times over).
MAX_LINE = 16_000_000
_LONG_LINE = (f"satu baris berkas ini lebih dari {MAX_LINE // 1_000_000} MB; berkas tanpa pemisah baris bukan "
              "dataset berita; tidak ada yang diimpor")
REPAIRED = "byte bukan UTF-8 dibaca sebagai cp1252"
# A text that begins in the middle of a sentence: what a row split in two looks like.
_FRAGMENT = re.compile(r"\s*(?:[a-z]|[,.;:)\]])")


def _cp1252_bytes(exc: UnicodeDecodeError) -> tuple[str, int]:
    """A byte that is not UTF-8, read as the Windows code page it most likely came from."""
    bad = exc.object[exc.start:exc.end]
    return bad.decode("cp1252", "replace"), exc.end


codecs.register_error("stunting-kb-cp1252", _cp1252_bytes)


class DatasetError(Exception):
    """A dataset that cannot be read as one; the message says why, in Indonesian."""


@dataclass
class Row:
    number: int  # as a person counts it: a spreadsheet's row, a JSONL file's line
    cells: dict | None  # None: not a record at all
    problem: str | None = None  # a broken row: why
    note: str | None = None  # read, but repaired


def dataset_items(path: Path, tools: TextTools, mapping: dict[str, str]) -> Iterator[Found]:
    limits = tools.sources.limits
    if path.stat().st_size > limits.max_file_mb * 1_000_000:
        raise DatasetError(f"berkas lebih dari {limits.max_file_mb:g} MB (batas limits.max_file_mb di "
                           "generator/data/import.yml, atau opsi --limit); tidak ada yang diimpor")
    if path.suffix.lower() == ".json" and path.stat().st_size > limits.max_json_mb * 1_000_000:
        raise DatasetError(f"berkas .json lebih dari {limits.max_json_mb:g} MB (batas limits.max_json_mb di "
                           "generator/data/import.yml, atau opsi --limit; simpan sebagai .jsonl, satu artikel per baris, yang "
                           "dibaca bertahap); tidak ada yang diimpor")
    header, count, fragments = _check(path, limits)
    columns = _columns(header, tools, mapping)
    texts, cut = fragments.get(columns["text"], (0, 0))
    if cut >= 5 and cut > texts // 5:
        raise DatasetError(f"berkas tampak rusak: {cut} dari {texts} teks di kolom '{columns['text']}' mulai di "
                           "tengah kalimat (baris terpotong); tidak ada yang diimpor dari berkas ini. Periksa tanda "
                           "petik dan pemisah kolomnya (CSV standar: RFC 4180)")
    yield Expected(count)
    for row in _limited(_rows(path, limits), limits):
        origin = f"{path.name} baris {row.number}"
        if row.cells is None or row.problem:
            yield Skipped(origin, row.problem or "baris bukan objek JSON", BROKEN_ROW)
            continue
        yield _item(row, origin, columns, tools)


def _item(row: Row, origin: str, columns: dict[str, str | None], tools: TextTools) -> NewsItem | Skipped:
    value = {f: row.cells.get(c) if c else None for f, c in columns.items()}
    title = one_line(value["title"])
    raw = str(value["text"] if value["text"] is not None else "")
    text, dateline = article(raw, title, tools)
    words = word_count(text)
    if words < tools.sources.min_words:
        return Skipped(origin, "teks kosong" if not words else f"teks terlalu pendek ({words} kata)",
                       EMPTY if not words else TOO_SHORT)
    if not looks_indonesian(text, tools.sources):
        return Skipped(origin, "teks bukan bahasa Indonesia", NOT_INDONESIAN)
    if looks_like_listing(text):
        return Skipped(origin, "bukan artikel (daftar judul atau tautan, hampir tanpa kalimat)", NOT_ARTICLE)
    url = one_line(value["url"])
    return NewsItem(text=text, origin=origin, title=title,
                    date=parse_date(value["date"], tools.calendar) or dateline,
                    # The row's own address, as the dataset gives it (tracking parameters matter only
                    # to tell whether the folder holds the article already: shelf.url_key).
                    url=url if url and is_web_address(url) else None,
                    outlet=one_line(value["outlet"]), note=row.note)


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


def _check(path: Path, limits: ImportLimits) -> tuple[list[str], int, dict[str, tuple[int, int]]]:
    """The file's columns, its row count and, per column, how many values it has and how many
    of them begin in the middle of a sentence, read once without keeping anything; DatasetError
    when the file is over a limit or looks broken (then nothing of it may be imported)."""
    count = broken = not_records = 0
    header: dict[str, None] = {}
    fragments: dict[str, list[int]] = {}
    first_problem = ""
    for row in _limited(_rows(path, limits), limits):
        count += 1
        if row.problem:
            broken += 1
            first_problem = first_problem or f"baris {row.number}: {row.problem}"
        elif row.cells is None:
            not_records += 1
        else:
            if count <= 50:
                header.update(dict.fromkeys(str(k) for k in row.cells))
            for key, value in list(row.cells.items())[:MAX_COLUMNS]:
                if isinstance(value, str) and value.strip():
                    seen = fragments.setdefault(str(key), [0, 0])
                    seen[0] += 1
                    seen[1] += _FRAGMENT.match(value) is not None
    if not count:
        raise DatasetError("tidak ada baris")
    if broken > max(2, count // 50):
        raise DatasetError(f"berkas tampak rusak: {broken} dari {count} baris tidak sesuai kepala kolom "
                           f"({first_problem}); tidak ada yang diimpor dari berkas ini. Periksa tanda petik dan "
                           "pemisah kolomnya (CSV standar: RFC 4180)")
    if not_records > max(2, count // 2):
        raise DatasetError(f"berkas tampak rusak: {not_records} dari {count} baris bukan objek JSON; "
                           "tidak ada yang diimpor dari berkas ini")
    return list(header), count, {k: (v[0], v[1]) for k, v in fragments.items()}


def _limited(rows: Iterable[Row], limits: ImportLimits) -> Iterator[Row]:
    """Rows while the file stays within its row and time limits."""
    deadline = time.monotonic() + limits.max_seconds
    for n, row in enumerate(rows, 1):
        if n > limits.max_rows:
            raise DatasetError(f"lebih dari {limits.max_rows} baris (batas limits.max_rows di "
                               "generator/data/import.yml, atau opsi --limit); tidak ada yang diimpor")
        if n % 256 == 0 and time.monotonic() > deadline:
            raise DatasetError(f"membaca berkas ini melewati {limits.max_seconds:g} detik (batas limits.max_seconds "
                               "di generator/data/import.yml, atau opsi --limit); dihentikan")
        yield row


def _rows(path: Path, limits: ImportLimits) -> Iterator[Row]:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        yield from _xlsx_rows(path, limits)
    elif suffix == ".jsonl":
        yield from _jsonl_rows(path)
    elif suffix == ".json":
        yield from _json_rows(path)
    else:
        yield from _csv_rows(path)


class _Lines:
    """A text file's lines, decoded as they are read; remembers whether a line since the
    last `take_note()` had a byte repaired."""

    def __init__(self, path: Path):
        self.path = path
        self.repaired = False

    def __iter__(self) -> Iterator[str]:
        with open(self.path, "rb") as fh:
            head = fh.read(4)
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                yield from self._utf16(fh, head)
                return
            if len(head) >= 4 and (head[1] == 0 and head[3] == 0 or head[0] == 0 and head[2] == 0):
                raise DatasetError("berkas tampaknya UTF-16 tanpa BOM; simpan ulang sebagai UTF-8 (atau UTF-16 dengan BOM)")
            fh.seek(3 if head.startswith(codecs.BOM_UTF8) else 0)
            for raw in iter(lambda: fh.readline(MAX_LINE + 1), b""):  # binary lines end at b"\n" only
                if len(raw) > MAX_LINE:
                    raise DatasetError(_LONG_LINE)
                try:
                    yield raw.decode("utf-8")
                except UnicodeDecodeError:
                    self.repaired = True
                    yield raw.decode("utf-8", "stunting-kb-cp1252")

    def _utf16(self, fh, head: bytes) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder("utf-16")()
        fh.seek(0)
        pending = ""
        try:
            for chunk in iter(lambda: fh.read(1 << 16), b""):
                pending += decoder.decode(chunk)
                *lines, pending = pending.split("\n")
                for line in lines:
                    yield line + "\n"
                if len(pending) > MAX_LINE // 2:
                    raise DatasetError(_LONG_LINE)
            pending += decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            raise DatasetError(f"berkas UTF-16 (ada BOM) tetapi rusak di byte {exc.start}: simpan ulang sebagai UTF-8") from exc
        if pending:
            yield pending

    def take_note(self) -> str | None:
        note, self.repaired = (REPAIRED if self.repaired else None), False
        return note


def _csv_rows(path: Path) -> Iterator[Row]:
    lines = _Lines(path)
    stream = iter(lines)
    first = next(stream, None)
    if first is None:
        return
    delimiter = _delimiter(first)
    reader = csv.reader(itertools.chain([first], stream), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
        lines.take_note()
        width = len(header)
        names = [h.strip() for h in header]
        for number, cells in enumerate(reader, 2):  # row 1 is the header
            note = lines.take_note()
            if not any(c.strip() for c in cells):
                continue
            problem = None if len(cells) == width else f"{len(cells)} kolom, kepala kolom punya {width}"
            yield Row(number, dict(zip(names, cells)), problem, note)
    except csv.Error as exc:
        raise DatasetError(f"CSV rusak di baris berkas {reader.line_num} ({exc}); tidak ada yang diimpor dari "
                           "berkas ini. Periksa tanda petiknya (CSV standar: RFC 4180)") from exc


def _delimiter(first_line: str) -> str:
    """The delimiter that splits the header row into the most columns (a comma on a tie);
    the quoting rules stay the standard ones."""
    best, most = ",", 1
    for d in DELIMITERS:
        try:
            n = len(next(csv.reader([first_line], delimiter=d)))
        except (csv.Error, StopIteration):
            continue
        if n > most:
            best, most = d, n
    return best


def _jsonl_rows(path: Path) -> Iterator[Row]:
    lines = _Lines(path)
    for number, line in enumerate(lines, 1):
        note = lines.take_note()
        if line.strip():
            yield Row(number, _object(line), None, note)


def _json_rows(path: Path) -> Iterator[Row]:
    text = "".join(_Lines(path))
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise DatasetError(f"bukan JSON yang sah ({exc})") from exc
    records = data if isinstance(data, list) else next(
        (v for v in data.values() if isinstance(v, list)), None) if isinstance(data, dict) else None
    if records is None:
        raise DatasetError("JSON tanpa daftar artikel (diharapkan sebuah daftar objek)")
    for number, record in enumerate(records, 1):
        yield Row(number, record if isinstance(record, dict) else None)


def _object(line: str) -> dict | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _xlsx_rows(path: Path, limits: ImportLimits) -> Iterator[Row]:
    _check_xlsx(path, limits)
    import openpyxl  # only spreadsheets need it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - zip, XML and openpyxl's own errors alike
        raise DatasetError(f"bukan lembar kerja .xlsx yang bisa dibaca ({type(exc).__name__})") from exc
    try:
        rows = book.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS)
        header = [str(c).strip() if c is not None else "" for c in next(rows, ())]
        for number, cells in enumerate(rows, 2):
            if any(c is not None and str(c).strip() for c in cells):
                yield Row(number, dict(zip(header, cells)))
    finally:
        book.close()


def _check_xlsx(path: Path, limits: ImportLimits) -> None:
    """A spreadsheet's zip is measured before anything unpacks it: a zip bomb, millions of
    shared strings or a bloated part openpyxl would read whole are refused here, in seconds,
    with the limit that stopped them. (zipfile never unpacks a member past the size the zip
    declares for it, so the declared sizes bound what is read.)"""
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
            unzipped = sum(m.file_size for m in members)
            if unzipped > limits.max_unzipped_mb * 1_000_000:
                raise DatasetError(f"isi .xlsx ini {unzipped // 1_000_000} MB setelah dibuka (batas limits.max_unzipped_mb "
                                   f"{limits.max_unzipped_mb:g} MB di generator/data/import.yml, atau opsi --limit; mungkin bom zip); "
                                   "tidak ada yang diimpor")
            part_limit = limits.max_xlsx_part_mb * 1_000_000
            sizes = {m.filename: m.file_size for m in members}
            small = {n: z.read(n) for n in sizes if _whole_xml(n) and (n == "[Content_Types].xml" or n.endswith(".rels"))
                     and sizes[n] <= part_limit}
            streamed = _streamed_parts(small, set(sizes))
            for name, size in sizes.items():
                if _whole_xml(name) and name not in streamed and size > part_limit:
                    raise DatasetError(f"bagian {name[:80]} dari .xlsx ini {size / 1_000_000:.0f} MB, dibaca utuh oleh "
                                       f"pembacanya (batas limits.max_xlsx_part_mb {limits.max_xlsx_part_mb:g} MB di "
                                       "generator/data/import.yml, atau opsi --limit); tidak ada yang diimpor")
            count = 0
            for m in members:  # a shared string is an <si> element, whatever the part or the prefix
                if _whole_xml(m.filename):
                    count += _shared_strings(z, m, limits.max_shared_strings - count)
                if count > limits.max_shared_strings:
                    raise DatasetError(f"lebih dari {limits.max_shared_strings} teks berbeda di .xlsx ini (batas "
                                       "limits.max_shared_strings di generator/data/import.yml, atau opsi --limit); "
                                       "tidak ada yang diimpor")
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise DatasetError(f"bukan lembar kerja .xlsx yang bisa dibaca ({type(exc).__name__})") from exc


# <si>, <si attr=...>, <x:si>, <si/>: a shared string, named with any namespace prefix.
_SHARED_STRING = re.compile(rb"<(?:[^\s<>:/!?=\"']+:)?si[\s/>]")


def _shared_strings(z: zipfile.ZipFile, member: zipfile.ZipInfo, most: int) -> int:
    """The <si> elements of one part, read in chunks (stops counting past `most`)."""
    count, tail = 0, b""
    with z.open(member) as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            block = tail + chunk
            # An element the chunk cuts is counted with the next one (from its "<" on).
            last = block.rfind(b"<")
            cut = last if last >= len(block) - 256 else len(block)
            count += len(_SHARED_STRING.findall(block, 0, cut))
            tail = block[cut:]
            if count > most:
                return count
    return count + len(_SHARED_STRING.findall(tail))


_ATTRIBUTE = re.compile(rb"""([A-Za-z:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# Parts openpyxl's read-only mode does not parse into a tree: the worksheets (streamed row
# by row) and the shared strings (bounded by their count); as content type and link type.
_STREAMED = (("spreadsheetml.worksheet+xml", "/worksheet"), ("spreadsheetml.sharedStrings+xml", "/sharedStrings"))
# Parts openpyxl reads whole whatever the package declares them to be.
_READ_WHOLE = frozenset({"xl/styles.xml", "xl/theme/theme1.xml", "docProps/core.xml", "docProps/custom.xml",
                         "docProps/app.xml", "xl/workbook.xml", "[Content_Types].xml"})


def _whole_xml(name: str) -> bool:
    """A part an XML parser may read (images and other binaries are never opened)."""
    return name.lower().endswith((".xml", ".rels", ".vml"))


def _elements(xml: bytes, tag: bytes) -> Iterator[dict[str, str]]:
    for element in re.finditer(rb"<(?:[\w.-]+:)?" + tag + rb"\b([^>]*)>", xml):
        yield {m.group(1).decode("latin-1").split(":")[-1]: (m.group(2) if m.group(2) is not None else m.group(3) or b"")
               .decode("utf-8", "replace") for m in _ATTRIBUTE.finditer(element.group(1))}


def _streamed_parts(small: dict[str, bytes], names: set[str]) -> set[str]:
    """The worksheets, which openpyxl's read-only mode streams row by row, and the shared
    strings, counted: parts declared as such and linked as such only. Any other part (styles,
    the workbook, external links, a part declared a worksheet and linked as something else)
    is read whole."""
    declared: dict[str, set[str]] = {}
    for o in _elements(small.get("[Content_Types].xml", b""), b"Override"):
        declared.setdefault(o.get("PartName", "").lstrip("/"), set()).add(o.get("ContentType", ""))
    linked: dict[str, set[str]] = {}
    for rels, xml in small.items():
        if not rels.endswith(".rels"):
            continue
        parent = posixpath.split(posixpath.dirname(rels))[0]
        for r in _elements(xml, b"Relationship"):
            if r.get("TargetMode") == "External":
                continue
            target = r.get("Target", "")
            target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(parent, target))
            linked.setdefault(target, set()).add(r.get("Type", ""))
    out = set()
    for content_type, link_type in _STREAMED:
        out |= {p for p, kinds in declared.items() if p in names and all(content_type in k for k in kinds)
                and all(t.endswith(link_type) for t in linked.get(p, ()))}
    return out - _READ_WHOLE - {n for n in names if n.endswith(".rels")}
