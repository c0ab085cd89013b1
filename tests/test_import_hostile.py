"""Hostile and broken files given to `python -m generator import` (issue 22): an interrupted
import, a full disk, a zip bomb, a huge page, millions of rows or shared strings, stray
encodings, a feed that points into the user's own network, names Windows cannot create.
Each one ends with a clear reason naming the file, nothing written outside --seeds, no seed
empty or half-written, and nothing lost. The articles are texts written for these tests or
taken from ../shared/corpus at run time."""
from __future__ import annotations

import dataclasses
import errno
import json
import os
import signal
import subprocess
import sys
import threading
import time
import tracemalloc
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import frontmatter
import pytest

from generator.imports import IMPORTED, NOT_WRITTEN, load_tools, run_import
from generator.imports.fetch import Fetcher
from generator.imports.items import NOT_ARTICLE, REFUSED, UNREACHABLE
from generator.imports.shelf import TEMP_PREFIX, WINDOWS_RESERVED

from conftest import ROOT, SHARED

CORPUS = SHARED / "corpus" / "other.jsonl"


@pytest.fixture(scope="module")
def tools():
    return load_tools(ROOT / "generator" / "data")


def limited(tools, **limits):
    """The tools with other import limits, as a curator would set them in import.yml."""
    sources = dataclasses.replace(tools.sources, limits=dataclasses.replace(tools.sources.limits, **limits))
    return dataclasses.replace(tools, sources=sources)


def article(n: int) -> str:
    """A distinct Indonesian article of about 80 words (written for these tests)."""
    return (f"KABUPATEN SIGI - Dinas Kesehatan Kabupaten Sigi menyalurkan makanan tambahan untuk {n} balita "
            f"di desa ke-{n} pada pekan ini. Kepala dinas mengatakan bahwa program itu akan berjalan selama "
            f"{90 + n} hari dan diawasi oleh kader posyandu di setiap dusun. " * 3).strip()


def seeds_of(folder: Path) -> dict[str, frontmatter.Post]:
    return {p.name: frontmatter.load(p) for p in sorted(folder.glob("*.txt"))}


def no_leftovers(folder: Path) -> None:
    names = os.listdir(folder) if folder.exists() else []
    assert not [n for n in names if n.startswith(TEMP_PREFIX)], names
    assert all((folder / n).stat().st_size > 0 for n in names), names


# -- interrupted imports ---------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not here")
def test_a_kill_mid_import_then_a_rerun_gives_every_row_exactly_once(tmp_path):
    texts = [json.loads(line)["text"] for line in CORPUS.read_bytes().split(b"\n") if line.strip()]
    texts = [t for t in texts if len(t.split()) >= 120][:150]
    # Distinct texts: a paragraph of their own first (a tail of page furniture may end a text).
    rows = [{"judul": f"Berita arsip nomor {n}", "isi": f"Arsip nomor {n} dari kliping daerah.\n\n{texts[n % len(texts)]}"}
            for n in range(1200)]
    dataset = tmp_path / "kliping.jsonl"
    dataset.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    seeds = tmp_path / "seeds"
    command = [sys.executable, "-m", "generator", "import", str(dataset), "--seeds", str(seeds)]
    first = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while (not seeds.exists() or sum(n.endswith(".txt") for n in os.listdir(seeds)) < 100) \
                and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        first.send_signal(signal.SIGKILL)
    finally:
        first.wait(timeout=60)
    assert first.returncode == -signal.SIGKILL, "the import ended before it could be killed"
    written = len(list(seeds.glob("*.txt")))
    assert 100 <= written < len(rows)
    assert all(p.stat().st_size > 0 for p in seeds.glob("*.txt"))  # whole seeds or none
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stdout + again.stderr
    posts = seeds_of(seeds)
    assert sorted(p.metadata["source"]["title"] for p in posts.values()) == sorted(r["judul"] for r in rows)
    no_leftovers(seeds)


def test_a_full_disk_leaves_no_empty_seed_and_the_rerun_completes(tmp_path, tools, monkeypatch):
    rows = [{"judul": f"Posyandu Desa {n}", "isi": article(n)} for n in range(8)]
    dataset = tmp_path / "kliping.jsonl"
    dataset.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    seeds = tmp_path / "seeds"
    real_fsync, calls = os.fsync, []

    def disk_full_after_three(fd):  # the device fills up while the fourth seed is written
        calls.append(fd)
        if len(calls) > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", disk_full_after_three)
    summary = run_import([str(dataset)], seeds, tools)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert len(summary.imported) == 3 and len(list(seeds.glob("*.txt"))) == 3
    failed = [o for o in summary.outcomes if o.kind == NOT_WRITTEN]
    assert len(failed) == 5 and all("No space left on device" in o.detail for o in failed)
    assert summary.failed()  # the command exits non-zero
    no_leftovers(seeds)
    again = run_import([str(dataset)], seeds, tools)
    assert len(again.imported) == 5 and len(again.already) == 3
    assert sorted(p.metadata["source"]["title"] for p in seeds_of(seeds).values()) == sorted(r["judul"] for r in rows)


# -- files that would swamp the machine ------------------------------------------------


def xlsx_with(path: Path, members: dict[str, bytes | int]) -> None:
    """An .xlsx-shaped zip; an int member is that many spaces, written in chunks (a zip bomb)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, content in members.items():
            if isinstance(content, int):
                with z.open(name, "w", force_zip64=True) as fh:
                    chunk = b" " * (1 << 20)
                    for _ in range(content >> 20):
                        fh.write(chunk)
            else:
                z.writestr(name, content)


def test_a_zip_bomb_spreadsheet_is_refused_before_it_is_unpacked(tmp_path, tools):
    bomb = tmp_path / "bom.xlsx"
    xlsx_with(bomb, {"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": 64 << 20})
    assert bomb.stat().st_size < 1_000_000
    tracemalloc.start()
    summary = run_import([str(bomb)], tmp_path / "seeds", limited(tools, max_unzipped_mb=20))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [(s.origin, s.kind) for s in summary.skipped] == [(str(bomb), REFUSED)]
    reason = summary.skipped[0].reason
    assert "67 MB" in reason and "limits.max_unzipped_mb" in reason and "bom zip" in reason
    assert peak < 20_000_000  # nothing was unpacked
    assert not (tmp_path / "seeds").exists() or not list((tmp_path / "seeds").iterdir())


def test_millions_of_shared_strings_are_counted_not_loaded(tmp_path, tools):
    strings = b"".join(b"<si><t>%d</t></si>" % n for n in range(60_000))
    book = tmp_path / "teks.xlsx"
    xlsx_with(book, {"[Content_Types].xml": b"<Types/>",
                     "xl/sharedStrings.xml": b'<sst xmlns="x">' + strings + b"</sst>"})
    summary = run_import([str(book)], tmp_path / "seeds", limited(tools, max_shared_strings=50_000))
    assert summary.skipped[0].kind == REFUSED and "limits.max_shared_strings" in summary.skipped[0].reason


def a_workbook(path: Path, replace: dict[str, bytes] | None = None, types: str = "") -> None:
    """A real one-sheet .xlsx (made by openpyxl) with some parts replaced and content types added."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["judul", "isi"])
    book.active.append(["Posyandu Desa 1", article(1)])
    book.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts.update(replace or {})
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", types.encode() + b"</Types>")
    xlsx_with(path, parts)


SHARED_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def test_shared_strings_are_counted_under_any_name_and_prefix(tmp_path, tools):
    """openpyxl finds the shared strings by their content type, and reads <x:si> like <si>."""
    strings = b"".join(b"<x:si><x:t>%d</x:t></x:si>" % n for n in range(60_000))
    book = tmp_path / "awalan.xlsx"
    a_workbook(book, {"xl/teks.xml": b'<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                     + strings + b"</x:sst>"},
               f'<Override PartName="/xl/teks.xml" ContentType="{SHARED_TYPE}"/>')
    summary = run_import([str(book)], tmp_path / "seeds", limited(tools, max_shared_strings=50_000))
    assert [(s.origin, s.kind) for s in summary.skipped] == [(str(book), REFUSED)]
    assert "limits.max_shared_strings" in summary.skipped[0].reason


def test_a_bloated_part_read_whole_is_refused_and_a_big_sheet_is_not(tmp_path, tools):
    """Styles, the workbook and the like are parsed whole (a 0.7 MB file with 250 MB of styles
    ran for minutes); a sheet is streamed row by row, so a large one is a dataset like any other."""
    import openpyxl

    filler = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' * 40_000  # 2.5 MB
    plain = tmp_path / "gaya.xlsx"
    a_workbook(plain)
    with zipfile.ZipFile(plain) as z:
        styles = z.read("xl/styles.xml")
    at = styles.index(b">", styles.index(b"<cellXfs")) + 1
    bloated = tmp_path / "gaya-bengkak.xlsx"
    a_workbook(bloated, {"xl/styles.xml": styles[:at] + filler + styles[at:]})
    # The same styles, declared a worksheet: still read whole as styles, still refused.
    disguised = tmp_path / "gaya-menyamar.xlsx"
    a_workbook(disguised, {"xl/styles.xml": styles[:at] + filler + styles[at:]},
               '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
               'spreadsheetml.worksheet+xml"/>')
    big = tmp_path / "besar.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["judul", "isi"])
    for n in range(40):
        sheet.append([f"Posyandu Desa {n}", " ".join([article(n)] * 60)])  # a 1.5 MB sheet of inline strings
    book.save(big)
    summary = run_import([str(bloated), str(disguised), str(big)], tmp_path / "seeds",
                         limited(tools, max_xlsx_part_mb=1))
    refused = {s.origin: s.reason for s in summary.skipped if s.kind == REFUSED}
    assert set(refused) == {str(bloated), str(disguised)}
    assert all("bagian xl/styles.xml" in r and "limits.max_xlsx_part_mb" in r for r in refused.values())
    assert len(summary.imported) == 40


def test_a_huge_saved_page_is_not_parsed(tmp_path, tools):
    page = tmp_path / "halaman.html"
    with open(page, "wb") as fh:
        fh.write(b"<html><body><article>")
        fh.write(b"<p>Posyandu menimbang balita setiap bulan.</p>" * 130_000)  # about 6 MB
        fh.write(b"</article></body></html>")
    # Under 5 MB, but 60,000 paragraphs: the article finder would take minutes.
    dense = tmp_path / "padat.html"
    dense.write_bytes(b"<html><body><article>" + b"<p>Posyandu menimbang balita.</p>" * 60_000 + b"</article></body></html>")
    summary = run_import([str(page), str(dense)], tmp_path / "seeds", tools)  # the default limits: 5 MB, 30000 elements
    assert [(s.origin, s.kind) for s in summary.skipped] == [(str(page), REFUSED), (str(dense), REFUSED)]
    assert "5 MB" in summary.skipped[0].reason and "limits.max_page_mb" in summary.skipped[0].reason
    assert "lebih dari 30000 elemen" in summary.skipped[1].reason and "limits.max_page_elements" in summary.skipped[1].reason


@pytest.mark.slow
def test_a_csv_over_the_row_limit_is_refused_whole_and_read_in_bounded_memory(tmp_path, tools):
    big = tmp_path / "sejuta.csv"
    with open(big, "w", encoding="utf-8", newline="") as fh:
        fh.write("judul,isi\n")
        fh.write("".join(f"Baris {n},Teks pendek nomor {n}\n" for n in range(250_000)))
    tracemalloc.start()
    summary = run_import([str(big)], tmp_path / "seeds", tools)  # the default limit: 200000 rows
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [(s.origin, s.kind) for s in summary.skipped] == [(str(big), REFUSED)]
    assert "lebih dari 200000 baris" in summary.skipped[0].reason and "limits.max_rows" in summary.skipped[0].reason
    assert peak < 30_000_000  # streamed: the file is 6 MB, its rows as dicts would be far more
    assert not (tmp_path / "seeds").exists()


def _bounded_import(files: list[Path], seeds: Path, *options: str) -> subprocess.CompletedProcess:
    """`python -m generator import` with 1 GB of address space and two minutes per file: a file
    that swamps the machine fails the test instead of hanging it."""
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run([sys.executable, "-m", "generator", "import", *map(str, files), "--seeds", str(seeds),
                           "--log", str(seeds.parent / "impor.log"), *options],
                          cwd=ROOT, capture_output=True, text=True, timeout=120 * len(files), preexec_fn=limit)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="RLIMIT_AS needs a POSIX system")
def test_the_reviews_files_at_full_size_are_refused_in_bounded_time_and_memory(tmp_path):
    """The sizes of issue 22's review, with the default limits: a 0.4 MB zip bomb, a 50 MB saved
    page, 3 million shared strings (under another name and prefix), 250 MB of styles in a
    0.7 MB spreadsheet, a million-row CSV. Each is refused, naming itself and its limit."""
    files = {}
    files["max_unzipped_mb"] = tmp_path / "bom.xlsx"
    xlsx_with(files["max_unzipped_mb"], {"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": 400 << 20})
    files["max_page_mb"] = tmp_path / "halaman.html"
    with open(files["max_page_mb"], "wb") as fh:
        fh.write(b"<html><body><article>" + b"<p>Posyandu menimbang balita setiap bulan.</p>" * 1_100_000)
    files["max_shared_strings"] = tmp_path / "teks.xlsx"
    strings = b"".join(b"<x:si><x:t>%d</x:t></x:si>" % n for n in range(3_000_000))
    a_workbook(files["max_shared_strings"],
               {"xl/teks.xml": b'<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                               + strings + b"</x:sst>"},
               f'<Override PartName="/xl/teks.xml" ContentType="{SHARED_TYPE}"/>')
    del strings
    files["max_xlsx_part_mb"] = tmp_path / "gaya.xlsx"
    a_workbook(files["max_xlsx_part_mb"], {"xl/styles.xml": b'<styleSheet xmlns="http://schemas.openxmlformats.org/'
               b'spreadsheetml/2006/main"><cellXfs>' + b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
               * 4_000_000 + b"</cellXfs></styleSheet>"})
    files["max_rows"] = tmp_path / "sejuta.csv"
    with open(files["max_rows"], "w", encoding="utf-8") as fh:
        fh.write("judul,isi\n")
        fh.writelines(f"Baris {n},Teks pendek nomor {n} tentang posyandu\n" for n in range(1_000_000))
    assert files["max_unzipped_mb"].stat().st_size < 1_000_000 and files["max_xlsx_part_mb"].stat().st_size < 1_000_000
    seeds = tmp_path / "seeds"
    for limit, path in files.items():
        run = _bounded_import([path], seeds)
        assert run.returncode == 1, (limit, run.stdout, run.stderr[-2000:])
        [refusal] = [line for line in run.stdout.splitlines() if "ditolak:" in line]
        assert f"ditolak: {path}: " in refusal and f"limits.{limit}" in refusal
    assert not seeds.exists() or not list(seeds.iterdir())


def _import_here(capsys, files: list[Path], seeds: Path, *options: str) -> tuple[int, str, str]:
    """`python -m generator import` run by its `main` in this process (a file of three rows needs
    no bounds): the exit code, stdout and stderr."""
    from generator.__main__ import main

    capsys.readouterr()
    code = main(["import", *map(str, files), "--seeds", str(seeds), "--log", str(seeds.parent / "impor.log"), *options])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_limit_is_changed_for_one_import_on_the_command_line(tmp_path, capsys):
    rows = [{"judul": f"Posyandu Desa {n}", "isi": article(n)} for n in range(3)]
    (tmp_path / "tiga.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    seeds = tmp_path / "seeds"
    code, out, _ = _import_here(capsys, [tmp_path / "tiga.jsonl"], seeds, "--limit", "max_rows=2")
    assert code == 1 and "lebih dari 2 baris (batas limits.max_rows" in out
    assert not seeds.exists()
    code, _, _ = _import_here(capsys, [tmp_path / "tiga.jsonl"], seeds, "--limit", "max_rows=3", "--limit", "max_seconds=60")
    assert code == 0 and len(list(seeds.glob("*.txt"))) == 3
    code, _, err = _import_here(capsys, [tmp_path / "tiga.jsonl"], seeds, "--limit", "max_baris=3")
    assert code == 2 and "max_baris" in err


def test_limits_are_read_from_import_yml_and_checked(tmp_path):
    from generator.reference import DataFileError
    from generator.reference.sources import SourceRules

    data = (ROOT / "generator" / "data" / "import.yml").read_text(encoding="utf-8")
    (tmp_path / "import.yml").write_text(data.replace("max_rows: 200000", "max_rows: 10"), encoding="utf-8")
    assert SourceRules.load(tmp_path / "import.yml").limits.max_rows == 10
    (tmp_path / "import.yml").write_text(data.replace("max_rows: 200000", "max_baris: 10"), encoding="utf-8")
    with pytest.raises(DataFileError, match="max_baris"):
        SourceRules.load(tmp_path / "import.yml")


# -- broken files ----------------------------------------------------------------------


def test_a_broken_csv_is_refused_whole_and_the_command_fails(tmp_path):
    broken = tmp_path / "rusak.csv"
    # An unclosed quote: the rest of the file would become one text.
    broken.write_text(f'judul,isi\nSatu,"{article(1)}"\nDua,"{article(2)}\nTiga,"{article(3)}"\n', encoding="utf-8")
    ragged = tmp_path / "berantakan.csv"
    ragged.write_text("judul,isi,tanggal\n" + "".join(f"Judul {n},{article(n)},2025-01-0{n},lebih\n" for n in range(1, 6)),
                      encoding="utf-8")
    seeds = tmp_path / "seeds"
    run = subprocess.run([sys.executable, "-m", "generator", "import", str(broken), str(ragged), "--seeds", str(seeds)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert f"ditolak: {broken}: CSV rusak" in run.stdout
    assert f"ditolak: {ragged}: berkas tampak rusak: 5 dari 5 baris tidak sesuai kepala kolom" in run.stdout
    assert not seeds.exists() or not list(seeds.iterdir())


def test_one_cp1252_byte_is_repaired_in_its_row_only(tmp_path, tools):
    rows = [f"Ibu Hamil di Desa {n},\"{article(n)} Anggaran Rp5 juta – cukup untuk {n} bulan.\"\n" for n in range(1, 4)]
    raw = ("judul,isi\n" + "".join(rows)).encode("utf-8")
    raw = raw.replace("Desa 2,".encode(), b"Desa 2 \x93Sehat\x94,")  # cp1252 quotes in a UTF-8 file
    (tmp_path / "campur.csv").write_bytes(raw)
    summary = run_import([str(tmp_path / "campur.csv")], tmp_path / "seeds", tools)
    assert len(summary.imported) == 3
    titles = {o.origin: o for o in summary.outcomes}
    posts = {p.metadata["source"]["title"]: p for p in seeds_of(tmp_path / "seeds").values()}
    assert set(posts) == {"Ibu Hamil di Desa 1", "Ibu Hamil di Desa 2 “Sehat”", "Ibu Hamil di Desa 3"}
    assert all("Rp5 juta – cukup" in p.content for p in posts.values())  # the UTF-8 of every row intact
    assert titles["campur.csv baris 3"].note == "byte bukan UTF-8 dibaca sebagai cp1252"
    assert titles["campur.csv baris 2"].note is None and titles["campur.csv baris 4"].note is None


def test_a_utf16_csv_is_read_and_one_without_bom_gets_an_encoding_message(tmp_path, tools):
    text = "judul;isi\n" + "".join(f"Gizi Balita {n};\"{article(n)}\"\n" for n in range(1, 3))
    (tmp_path / "excel.csv").write_bytes(text.encode("utf-16"))  # with its BOM, as Excel saves "Unicode text"
    (tmp_path / "tanpa-bom.csv").write_bytes(text.encode("utf-16-le"))
    summary = run_import([str(tmp_path / "excel.csv"), str(tmp_path / "tanpa-bom.csv")], tmp_path / "seeds", tools)
    assert sorted(p.metadata["source"]["title"] for p in seeds_of(tmp_path / "seeds").values()) == \
        ["Gizi Balita 1", "Gizi Balita 2"]
    [refused] = summary.skipped
    assert refused.origin == str(tmp_path / "tanpa-bom.csv") and "UTF-16 tanpa BOM" in refused.reason


def test_jsonl_records_end_at_newline_only(tmp_path, tools):
    texts = [article(1).replace(". ", ".\u2028", 2), article(2).replace(". ", ".\u2029", 1), article(3).replace(" ", "\x85", 1)]
    (tmp_path / "baris.jsonl").write_text(
        "\n".join(json.dumps({"judul": f"Judul {n}", "isi": t}, ensure_ascii=False) for n, t in enumerate(texts, 1)),
        encoding="utf-8")
    summary = run_import([str(tmp_path / "baris.jsonl")], tmp_path / "seeds", tools)
    assert [o.origin for o in summary.outcomes] == ["baris.jsonl baris 1", "baris.jsonl baris 2", "baris.jsonl baris 3"]
    posts = seeds_of(tmp_path / "seeds")
    assert len(posts) == 3
    for post in posts.values():
        assert not any(c in post.content for c in "\u2028\u2029\x85")
        assert post.content.startswith("KABUPATEN SIGI - Dinas Kesehatan") or post.content.startswith("Dinas Kesehatan")


# -- the network and the file system ---------------------------------------------------


class Recorder:
    """A local HTTP server that records what is asked of it."""

    def __init__(self, answer):
        self.paths: list[str] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                recorder.paths.append(self.path)
                body, kind = answer(self.path, recorder)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", kind)
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        # Polled every 20 ms (not 0.5 s): closing the site does not wait half a second.
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_feed_items_linking_to_internal_addresses_are_not_fetched(tmp_path, tools):
    internal = Recorder(lambda path, r: (b"<html><body><p>rahasia</p></body></html>", "text/html"))
    links = [internal.base + "/admin", "http://localhost/", "http://10.0.0.5/berita", "http://169.254.169.254/latest/",
             "http://[::1]/x"]

    def feed(path, r):
        if path == "/rss.xml":
            items = "".join(f"<item><title>Butir {n}</title><link>{link}</link></item>" for n, link in enumerate(links))
            return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode(), \
                "application/rss+xml"
        return None, "text/plain"

    site = Recorder(feed)
    try:
        summary = run_import([site.base + "/rss.xml"], tmp_path / "seeds", tools, Fetcher(tools.sources, delay=0))
    finally:
        site.close()
        internal.close()
    assert internal.paths == []  # never asked
    reasons = {s.origin: s for s in summary.skipped}
    assert sorted(reasons) == sorted(links)
    assert all(s.kind == UNREACHABLE and "alamat internal" in s.reason for s in reasons.values())
    assert "sebutkan host itu sebagai sumber" in reasons[links[0]].reason
    assert not (tmp_path / "seeds").exists()


def test_titles_windows_cannot_use_as_names_get_other_seed_names(tmp_path, tools):
    titles = ["CON", "nul", "Com1", "LPT9", "aux.txt", "PRN"]
    rows = [{"judul": t, "isi": article(n)} for n, t in enumerate(titles)]
    (tmp_path / "nama.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    summary = run_import([str(tmp_path / "nama.jsonl")], tmp_path / "seeds", tools)
    names = [seed for _, seed in summary.imported]
    assert len(names) == len(titles)
    for name in names:
        assert name.split(".")[0].lower() not in WINDOWS_RESERVED, name
        if os.name == "posix":  # written through a temporary file, readable like any other seed
            assert (tmp_path / "seeds" / name).stat().st_mode & 0o777 == 0o644
    assert sorted(p.metadata["source"]["title"] for p in seeds_of(tmp_path / "seeds").values()) == sorted(titles)


# -- pages that are not articles, and dates -------------------------------------------


def test_an_index_page_is_refused_as_not_an_article(tmp_path, tools):
    teasers = "".join(f'<li><a href="/berita/{n}">Pemkab salurkan bantuan gizi untuk balita di desa nomor {n} '
                      f'pekan ini</a></li>' for n in range(40))
    (tmp_path / "kanal.html").write_text(
        f"<html lang='id'><head><title>Kanal Kesehatan</title></head><body><main><h1>Kesehatan</h1><ul>{teasers}</ul>"
        "</main></body></html>", encoding="utf-8")
    summary = run_import([str(tmp_path / "kanal.html")], tmp_path / "seeds", tools)
    [skipped] = summary.skipped
    assert skipped.kind == NOT_ARTICLE and skipped.reason.startswith("bukan artikel: halaman indeks")


def test_a_date_comes_from_metadata_or_dateline_never_from_a_year_in_the_text(tmp_path, tools):
    body = ("<p>{lead} Dinas Kesehatan menyalurkan makanan tambahan untuk balita pada tahun 2023 dan menargetkan "
            "penurunan stunting sampai tahun 2030.</p>" + f"<p>{article(7)}</p>")
    (tmp_path / "tahun.html").write_text(
        f"<html lang='id'><head><title>Makanan Tambahan Balita Sigi</title></head><body><article><h1>Makanan "
        f"Tambahan Balita Sigi</h1>{body.format(lead='')}</article></body></html>", encoding="utf-8")
    (tmp_path / "dateline.html").write_text(
        f"<html lang='id'><head><title>Makanan Tambahan Balita Poso</title></head><body><article><h1>Makanan "
        f"Tambahan Balita Poso</h1>{body.format(lead='POSO, Rabu (12/3/2025) -')}</article></body></html>",
        encoding="utf-8")
    summary = run_import([str(tmp_path / "tahun.html"), str(tmp_path / "dateline.html")], tmp_path / "seeds", tools)
    assert len(summary.imported) == 2
    posts = {p.metadata["source"]["title"]: p for p in seeds_of(tmp_path / "seeds").values()}
    assert "date" not in posts["Makanan Tambahan Balita Sigi"].metadata["source"]
    assert str(posts["Makanan Tambahan Balita Poso"].metadata["source"]["date"]) == "2025-03-12"


def test_rows_that_are_not_indonesian_articles_are_accounted_for(tmp_path, tools):
    english = ("The district health office distributed supplementary food to children under five in Sigi this week. "
               "The programme will run for ninety days and is monitored by volunteers in every village. " * 3)
    listing = "\n\n".join(f"Pemkab Sigi salurkan bantuan gizi untuk balita di desa nomor {n}" for n in range(12))
    rows = [{"judul": "Artikel", "isi": article(1)}, {"judul": "Inggris", "isi": english},
            {"judul": "Indeks", "isi": listing}]
    (tmp_path / "campur.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    summary = run_import([str(tmp_path / "campur.jsonl")], tmp_path / "seeds", tools)
    assert [(o.origin, o.kind) for o in summary.outcomes] == [
        ("campur.jsonl baris 1", IMPORTED), ("campur.jsonl baris 2", "bukan bahasa Indonesia"),
        ("campur.jsonl baris 3", "bukan artikel")]


def test_a_dataset_that_takes_too_long_is_stopped_with_its_limit(tmp_path, tools):
    rows = [{"judul": f"Judul {n}", "isi": f"Teks {n}"} for n in range(600)]
    (tmp_path / "lambat.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    summary = run_import([str(tmp_path / "lambat.jsonl")], tmp_path / "seeds", limited(tools, max_seconds=1e-9))
    assert [(s.kind, "limits.max_seconds" in s.reason) for s in summary.skipped] == [(REFUSED, True)]


def test_a_file_whose_texts_begin_mid_sentence_is_refused_as_broken(tmp_path, tools):
    # What a reader that guessed the quoting wrong makes of a file: texts cut in pieces.
    rows = "".join(f"Judul {n};{article(n).split(' balita ', 1)[0]}\nsambungan {n};balita {article(n).split(' balita ', 1)[1]}\n"
                   for n in range(8))
    (tmp_path / "potong.csv").write_text("judul;isi\n" + rows, encoding="utf-8")
    summary = run_import([str(tmp_path / "potong.csv")], tmp_path / "seeds", tools)
    [refused] = summary.skipped
    assert refused.kind == REFUSED and "8 dari 16 teks di kolom 'isi' mulai di tengah kalimat" in refused.reason
    assert not (tmp_path / "seeds").exists()


def test_a_redirect_into_the_internal_network_is_not_followed_for_feed_items():
    import urllib.request

    from generator.imports.fetch import FetchError, _HttpOnlyRedirects

    handler = _HttpOnlyRedirects()
    item = urllib.request.Request("http://berita.example/artikel")
    item.refuse_internal = True  # what Fetcher.get(url, internal_ok=False) sets for a feed's links
    with pytest.raises(FetchError, match="alamat internal"):
        handler.redirect_request(item, None, 302, "Found", {}, "http://127.0.0.1:8080/admin")
    named = urllib.request.Request("http://127.0.0.1:8000/rss.xml")  # a source the user named
    assert handler.redirect_request(named, None, 302, "Found", {}, "http://127.0.0.1:8000/rss2.xml") is not None


def test_a_file_without_line_breaks_is_refused_in_bounded_memory(tmp_path, tools):
    """A line of a .csv or .jsonl file is held whole: a 40 MB one (no line breaks) is refused
    before it is decoded and parsed, each a copy or more of it."""
    endless = tmp_path / "satu-baris.jsonl"
    with open(endless, "wb") as fh:
        fh.write(b'{"judul": "Satu", "isi": "')
        for _ in range(40):
            fh.write(b"posyandu " * 116_000)
        fh.write(b'"}')
    tracemalloc.start()
    summary = run_import([str(endless)], tmp_path / "seeds", tools)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [(s.origin, s.kind) for s in summary.skipped] == [(str(endless), REFUSED)]
    assert "lebih dari 16 MB" in summary.skipped[0].reason
    assert peak < 40_000_000


def test_the_readme_has_one_security_section_listing_every_limit():
    import re

    from generator.reference.sources import ImportLimits

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## Security.*$", readme, flags=re.M)
    assert len(sections) == 1, sections
    section = readme.split(sections[0], 1)[1].split("\n## ", 1)[0]
    for name, field in ImportLimits.__dataclass_fields__.items():
        assert f"| `limits.{name}` | {field.default:.15g} |" in section, name
    assert "--limit NAME=VALUE" in section


def test_a_feed_link_whose_name_turns_internal_when_connected_is_not_fetched(tmp_path, tools, monkeypatch):
    """DNS rebinding: the name of a feed's link resolves to a public address when it is checked
    and to 127.0.0.1 when the importer connects. The connection itself is checked."""
    import socket

    internal = Recorder(lambda path, r: (b"<html><body><p>rahasia</p></body></html>", "text/html"))
    port = internal.server.server_address[1]
    link = f"http://berita-berubah.example:{port}/admin"

    def feed(path, r):
        if path == "/rss.xml":
            return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Butir</title>'
                    f"<link>{link}</link></item></channel></rss>").encode(), "application/rss+xml"
        return None, "text/plain"

    site = Recorder(feed)
    real, asked = socket.getaddrinfo, []

    def rebinding(host, *args, **kwargs):
        if host != "berita-berubah.example":
            return real(host, *args, **kwargs)
        asked.append(args[0] if args else kwargs.get("port"))
        # The checks (no port) are told a public address; the connection (with its port), 127.0.0.1.
        address = "93.184.216.34" if asked[-1] is None else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    try:
        summary = run_import([site.base + "/rss.xml"], tmp_path / "seeds", tools, Fetcher(tools.sources, delay=0))
    finally:
        site.close()
        internal.close()
    assert None in asked and port in asked  # checked, then connected
    assert internal.paths == []  # neither robots.txt nor the page was asked of it
    [skipped] = summary.skipped
    assert skipped.origin == link and skipped.kind == UNREACHABLE and "alamat internal (127.0.0.1)" in skipped.reason
    assert not (tmp_path / "seeds").exists()
