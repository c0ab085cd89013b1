"""`python -m generator import`: saved pages, feeds over HTTP and datasets become seeds.

The news pages, feed and datasets under tests/data/import/ are texts written for these
tests, in the shape of Indonesian outlets' pages (with their chrome). Web sources are
served by a local HTTP server on 127.0.0.1 inside the test."""
from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import frontmatter
import pytest

from generator.imports import load_tools, parse_mapping, run_import
from generator.imports.fetch import Fetcher

from conftest import ROOT, make_project, mkdocs

DATA = Path(__file__).parent / "data" / "import"
SITE = DATA / "situs"
CORPUS = ROOT.parent / "shared" / "corpus" / "stunting_dev.jsonl"
# What the pages carry around their articles; none of it may reach a seed.
CHROME = ["ADVERTISEMENT", "SCROLL TO CONTINUE", "Baca juga", "BACA JUGA", "Harga Beras", "Festival Erau", "Bagikan",
          "Share this", "Komentar", "Semoga anak", "Terpopuler", "Gempa", "Copyright", "©", "Beranda", "Indeks",
          "Discussion about this post", "Tags", "Pedoman Media Siber", "Kirim"]


@pytest.fixture(scope="module")
def tools():
    return load_tools(ROOT / "generator" / "data")


def seeds_in(folder: Path) -> dict[str, frontmatter.Post]:
    return {p.name: frontmatter.load(p) for p in sorted(folder.glob("*.txt"))}


def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the import of files opened a network connection")
    monkeypatch.setattr(socket.socket, "connect", refuse)


class NewsSite:
    """tests/data/import/situs served over HTTP; records every request and its user agent."""

    def __init__(self):
        self.requests: list[tuple[str, str]] = []
        site = self

        class Handler(SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(SITE), **kwargs)

            def do_GET(self):
                site.requests.append((self.path, self.headers.get("User-Agent", "")))
                if self.path == "/rss.xml":
                    body = (SITE / "rss.xml").read_text(encoding="utf-8").replace("{base}", site.base).encode()
                    return self._send(body, "application/rss+xml")
                if self.path == "/lambat.html":
                    time.sleep(2)
                    return self._send(b"<html></html>", "text/html")
                if self.path.startswith("/berita/") and "." not in self.path.rsplit("/", 1)[-1].split("?")[0]:
                    self.path = self.path.split("?")[0] + ".html"  # pretty URLs, as news sites have
                return super().do_GET()

            def _send(self, body: bytes, kind: str):
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        # Polled every 20 ms (not 0.5 s): closing the site does not wait half a second.
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]


@pytest.fixture
def news_site():
    site = NewsSite()
    yield site
    site.server.shutdown()
    site.server.server_close()


def test_saved_pages_become_clean_seeds_with_their_source_data(tmp_path, tools, monkeypatch):
    no_network(monkeypatch)
    summary = run_import([str(SITE / "berita"), str(SITE / "indeks.html")], tmp_path / "seeds", tools)
    seeds = seeds_in(tmp_path / "seeds")
    assert sorted(seeds) == ["2024-06-03-dinkes-sigi-salurkan-pmt-lokal-untuk-412-balita-stunting.txt",
                             "2025-02-11-dapur-sehat-atasi-stunting-hadir-di-18-desa-kukar.txt"]
    sigi = seeds["2024-06-03-dinkes-sigi-salurkan-pmt-lokal-untuk-412-balita-stunting.txt"]
    assert sigi.metadata == {"source": {"title": "Dinkes Sigi Salurkan PMT Lokal untuk 412 Balita Stunting",
                                        "date": dt.date(2024, 6, 3),
                                        "url": "https://kabar-sulteng.test/berita/pmt-balita-sigi",
                                        "outlet": "Kabar Sulteng"}}
    kukar = seeds["2025-02-11-dapur-sehat-atasi-stunting-hadir-di-18-desa-kukar.txt"]
    assert kukar.metadata["source"]["date"] == dt.date(2025, 2, 11)  # from the page's JSON-LD
    for post in seeds.values():
        for chrome in CHROME:
            assert chrome not in post.content, chrome
        assert not post.content.startswith(post.metadata["source"]["title"])  # the headline is not repeated
        assert "Selasa, 11 Februari 2025" not in post.content
    assert sigi.content.startswith("SIGI, Kabar Sulteng - Dinas Kesehatan Kabupaten Sigi menyalurkan")
    assert sigi.content.rstrip().endswith("setelah program selesai.")
    assert len(sigi.content.split("\n\n")) == 5  # one paragraph each
    skipped = {Path(s.origin).name: s.reason for s in summary.skipped}
    assert skipped["indeks.html"].startswith("tidak ada artikel")


def test_importing_twice_adds_nothing(tmp_path, tools):
    sources = [str(SITE / "berita"), str(DATA / "berita.csv"), str(DATA / "berita.jsonl")]
    first = run_import(sources, tmp_path / "seeds", tools)
    before = {p.name: p.read_bytes() for p in (tmp_path / "seeds").iterdir()}
    second = run_import(sources, tmp_path / "seeds", tools)
    assert len(first.imported) == 4 and second.imported == []
    assert len(second.already) == len(first.imported) + len(first.already)
    assert {p.name: p.read_bytes() for p in (tmp_path / "seeds").iterdir()} == before


def test_an_article_already_in_the_folder_by_url_or_by_text_is_not_imported(tmp_path, tools):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    # A curator's seed with the page's address (another spelling of it) and a hand-copied text.
    (seeds / "sigi.txt").write_text("---\nurl: http://www.kabar-sulteng.test/berita/pmt-balita-sigi/?utm_source=wa\n---\nTeks.\n")
    summary = run_import([str(SITE / "berita"), str(DATA / "berita.csv")], seeds, tools)
    already = {Path(o).name if "/" in o else o: held for o, held in summary.already}
    # Row 4 is row 2's article at a mirror's address: the same text, one seed.
    assert already == {"pmt-balita-sigi.html": "sigi.txt",
                       "berita.csv baris 4": "duplikat dari berita.csv baris 2 "
                                             "(seed 2025-03-12-pemkot-kendari-latih-300-kader-posyandu-ukur-tinggi-badan.txt)"}
    assert (seeds / "sigi.txt").read_text().endswith("Teks.\n")  # never touched


def test_datasets_with_the_usual_column_names(tmp_path, tools, monkeypatch):
    no_network(monkeypatch)
    summary = run_import([str(DATA / "berita.csv"), str(DATA / "berita.jsonl"), str(DATA / "tanpa-teks.csv")],
                         tmp_path / "seeds", tools)
    seeds = seeds_in(tmp_path / "seeds")
    kendari = seeds["2025-03-12-pemkot-kendari-latih-300-kader-posyandu-ukur-tinggi-badan.txt"]
    assert kendari.metadata["source"] == {"title": "Pemkot Kendari Latih 300 Kader Posyandu Ukur Tinggi Badan",
                                          "date": dt.date(2025, 3, 12),  # 12/03/2025 is day first
                                          "url": "https://berita-sultra.test/kendari/kader-posyandu",
                                          "outlet": "Berita Sultra"}
    assert "Pasar Murah" not in kendari.content
    baznas = seeds["2025-04-07-baznas-salurkan-paket-gizi-untuk-ibu-hamil-di-lombok-timur.txt"]
    assert baznas.metadata["source"]["outlet"] == "Warta NTB"
    assert "ADVERTISEMENT" not in baznas.content and "SCROLL" not in baznas.content
    reasons = {s.origin: s.reason for s in summary.skipped}
    assert reasons["berita.csv baris 3"] == "teks kosong"
    assert reasons["berita.jsonl baris 2"] == "baris bukan objek JSON"
    assert reasons["berita.jsonl baris 3"].startswith("teks terlalu pendek")
    assert reasons[str(DATA / "tanpa-teks.csv")].startswith("tidak ada kolom teks")


def test_a_spreadsheet_with_columns_named_by_map(tmp_path, tools):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nomor", "Kepala Berita", "Naskah Lengkap", "Terbit", "Alamat"])
    text = ("MAMUJU - Dinas Kesehatan Provinsi Sulawesi Barat membagikan 2.000 paket makanan tambahan untuk balita "
            "gizi kurang di Kabupaten Mamuju. " * 4)
    sheet.append([1, "Sulbar Bagikan Makanan Tambahan", text, dt.datetime(2025, 5, 20, 9, 0), "https://sulbar.test/pmt"])
    sheet.append([2, "Baris kosong", None, None, None])
    book.save(tmp_path / "kiriman.xlsx")
    mapping = parse_mapping(["Kepala Berita=title", "Naskah Lengkap=text", "Terbit=date"])
    summary = run_import([str(tmp_path / "kiriman.xlsx")], tmp_path / "seeds", tools, mapping=mapping)
    assert [seed for _, seed in summary.imported] == ["2025-05-20-sulbar-bagikan-makanan-tambahan.txt"]
    post = frontmatter.load(tmp_path / "seeds" / "2025-05-20-sulbar-bagikan-makanan-tambahan.txt")
    assert post.metadata["source"]["url"] == "https://sulbar.test/pmt"  # "alamat" is a known url column
    assert post.content.startswith("MAMUJU - Dinas Kesehatan Provinsi Sulawesi Barat")
    assert summary.skipped[0].origin == "kiriman.xlsx baris 3"
    with pytest.raises(ValueError, match="--map"):
        parse_mapping(["Naskah=isi"])


def test_a_feed_over_http_brings_its_articles_politely(tmp_path, tools, news_site):
    summary = run_import([news_site.base + "/rss.xml"], tmp_path / "seeds", tools, Fetcher(tools.sources, delay=0))
    assert len(summary.imported) == 2
    reasons = {s.origin.removeprefix(news_site.base): s.reason for s in summary.skipped}
    assert reasons == {"/privat/rahasia.html": "dilarang oleh robots.txt situs itu",
                       "/berita/sudah-dihapus.html": "HTTP 404 (File not found)"}
    assert "/privat/rahasia.html" not in news_site.paths()
    assert news_site.paths()[:2] == ["/robots.txt", "/rss.xml"]
    assert all(agent.startswith("stunting-kb-import/") for _, agent in news_site.requests)
    seeds = seeds_in(tmp_path / "seeds")
    urls = sorted(p.metadata["source"]["url"] for p in seeds.values())
    # The Sigi page's canonical address is on another site (a copy is not the original): where it
    # was fetched counts, without the feed's tracking parameter.
    assert urls == [news_site.base + "/berita/dashat-kukar.html", news_site.base + "/berita/pmt-balita-sigi.html"]
    # The same page at another address of the site: the same text, already there.
    again = run_import([news_site.base + "/berita/pmt-balita-sigi?utm_source=rss"], tmp_path / "seeds", tools,
                       Fetcher(tools.sources, delay=0))
    assert again.imported == [] and len(again.already) == 1


def test_since_keeps_feed_items_from_being_fetched(tmp_path, tools, news_site):
    summary = run_import([news_site.base + "/rss.xml"], tmp_path / "seeds", tools, Fetcher(tools.sources, delay=0),
                         since=dt.date(2025, 1, 1))
    assert [Path(seed).name for _, seed in summary.imported] == ["2025-02-11-dapur-sehat-atasi-stunting-hadir-di-18-desa-kukar.txt"]
    assert "/berita/pmt-balita-sigi.html?utm_source=rss" not in news_site.paths()
    assert any("sebelum --since" in s.reason for s in summary.skipped)


def test_bad_sources_are_reported_and_never_stop_the_others(tmp_path, tools, news_site):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    dead = f"http://127.0.0.1:{closed.getsockname()[1]}/berita"
    closed.close()
    sources = [dead, news_site.base + "/lambat.html", news_site.base + "/indeks.html", str(DATA / "bukan-feed.xml"),
               str(tmp_path / "tidak-ada.csv"), "ftp://contoh.test/berita", str(SITE / "berita" / "pmt-balita-sigi.html")]
    summary = run_import(sources, tmp_path / "seeds", tools, Fetcher(tools.sources, delay=0, timeout=0.5))
    assert [Path(o).name for o, _ in summary.imported] == ["pmt-balita-sigi.html"]
    reasons = {s.origin: s.reason for s in summary.skipped}
    assert reasons[dead].startswith("tidak bisa dihubungi")
    assert reasons[news_site.base + "/lambat.html"] == "tidak menjawab dalam 0.5 detik"
    assert reasons[news_site.base + "/indeks.html"].startswith("tidak ada artikel")
    assert reasons[str(DATA / "bukan-feed.xml")] == "bukan feed RSS/Atom"
    assert reasons[str(tmp_path / "tidak-ada.csv")].startswith("tidak ditemukan")
    assert reasons["ftp://contoh.test/berita"].startswith("tidak ditemukan")
    assert len(summary.skipped) == 6


@pytest.mark.slow
def test_the_command_line_and_a_strict_site_build_from_imported_seeds(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    run = subprocess.run([sys.executable, "-m", "generator", "import", str(SITE / "berita"), str(DATA / "berita.csv"),
                          str(DATA / "berita.jsonl"), "--seeds", str(seeds)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("impor selesai: 4 diimpor, 1 sudah ada, 3 dilewati")
    assert f"{DATA / 'berita.csv'}: 1 diimpor, 1 teks kosong, 1 duplikat" in run.stdout
    log = Path(run.stdout.split("log lengkap (setiap baris dan alasannya): ")[1].strip())
    assert log.parent == tmp_path / "import-logs"
    assert f"teks kosong\t{DATA / 'berita.csv'}\tberita.csv baris 3\tteks kosong\n" in log.read_text(encoding="utf-8")
    project = make_project(tmp_path / "project", seeds_dir=seeds)
    result = mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 0, result.stderr
    articles = json.loads((project / "generated" / "data" / "articles.json").read_text(encoding="utf-8"))["articles"]
    by_title = {a["title"]: a for a in articles}
    sigi = by_title["Dinkes Sigi Salurkan PMT Lokal untuk 412 Balita Stunting"]
    assert sigi["date"] == "2024-06-03" and sigi["outlet"] == "Kabar Sulteng"
    assert sigi["regencies"][0]["name"].endswith("Sigi") and sigi["relevance"] == "effort"
    assert sigi["curated"] == []  # the source's data is not a curator's correction
    page = (project / "site" / "artikel" / sigi["id"] / "index.html").read_text(encoding="utf-8")
    assert "https://kabar-sulteng.test/berita/pmt-balita-sigi" in page
    assert "✎" not in page


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not here")
def test_a_real_news_dataset(tmp_path, tools, monkeypatch):
    no_network(monkeypatch)
    summary = run_import([str(CORPUS)], tmp_path / "seeds", tools)
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    assert len(summary.imported) == len(rows) and not summary.skipped
    posts = seeds_in(tmp_path / "seeds")
    assert sorted(p.metadata["source"]["url"] for p in posts.values()) == sorted(r["url"] for r in rows)
    again = run_import([str(CORPUS)], tmp_path / "seeds", tools)
    assert again.imported == [] and len(again.already) == len(rows)


class Terminal:
    def __init__(self):
        self.written = ""

    def isatty(self):
        return True

    def write(self, text):
        self.written += text

    def flush(self):
        pass


def test_a_long_import_shows_a_progress_bar_on_a_terminal_only(tmp_path, tools):
    rows = [{"judul": f"Posyandu ke-{n}", "isi": f"Kader posyandu ke-{n} menimbang balita. " * 20} for n in range(40)]
    (tmp_path / "banyak.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    terminal = Terminal()
    summary = run_import([str(tmp_path / "banyak.jsonl")], tmp_path / "seeds", tools, progress=terminal)
    assert len(summary.imported) == 40
    assert "] 40/40 dibaca, 39 diimpor" in terminal.written and terminal.written.endswith("\n")
    log = Terminal()
    log.isatty = lambda: False
    run_import([str(tmp_path / "banyak.jsonl")], tmp_path / "seeds2", tools, progress=log)
    assert log.written == ""


def test_the_source_data_yields_to_a_curator_and_is_checked(build_kb):
    def text(place: str) -> str:  # different texts: the same one would be one article
        return f"Posyandu Melati di {place} menimbang balita untuk mencegah stunting setiap bulan.\n"

    _, report, data = build_kb({
        "a.txt": "---\nsource:\n  title: Judul dari sumber\n  date: 2024-06-03\n  outlet: Kabar Sulteng\n---\n" + text("Kabupaten Sigi"),
        "b.txt": "---\ntitle: Judul kurator\nsource:\n  title: Judul dari sumber\n  date: 2024-06-03\n---\n" + text("Kota Palu"),
        "c.txt": "---\nsource: Kabar Sulteng\n---\n" + text("Kabupaten Poso"),
        "d.txt": "---\nsource:\n  url: javascript:alert(1)\n  date: 2024-06-03\n---\n" + text("Kabupaten Donggala"),
    })
    by_id = {a["id"]: a for a in data["articles"]}
    assert (by_id["a"]["title"], by_id["a"]["date"], by_id["a"]["outlet"], by_id["a"]["curated"]) == \
        ("Judul dari sumber", "2024-06-03", "Kabar Sulteng", [])
    assert (by_id["b"]["title"], by_id["b"]["curated"]) == ("Judul kurator", ["title"])
    assert by_id["c"]["date"] is None and by_id["d"]["url"] is None and by_id["d"]["date"] == "2024-06-03"
    messages = {p.file: p.message for p in report.problems}
    assert "source: harus berupa pemetaan" in messages["c.txt"]
    assert "source.url" in messages["d.txt"]


def test_boilerplate_rules_cut_the_furniture_and_keep_the_sentences(tools):
    """Shapes seen in the real corpus, in sentences written for this test."""
    text = ("KENDARI - Dinas Kesehatan melatih kader posyandu. Baca juga: Pasar Murah Digelar di Kendari Jelang Lebaran "
            "Pelatihan itu diikuti 300 kader.\n"
            "Ibu hamil perlu tablet tambah darah. Baca juga petunjuk pada kemasan sebelum minum.\n"
            "BACA JUGADinkes Kendari Bagikan Alat Ukur\n"
            "Setiap posyandu kini punya alat ukur.Cek Berita dan Artikel yang lain di Google News\n"
            "SCROLL TO CONTINUE WITH CONTENT\n"
            "Kader yang lulus mendapat sertifikat, kata dia.Baca juga: Kendari siapkan dana desa untuk gizi"
            "Pewarta: Fulan BinFulanEditor: Fulanah COPYRIGHT © ANTARA 2025\n"
            "# Stunting# Posyandu Kendari# Kader")
    cleaned = tools.boilerplate.strip(text)
    for gone in ("Pasar Murah", "Dinkes Kendari Bagikan", "Google News", "SCROLL", "Kendari siapkan", "Pewarta", "Editor",
                 "COPYRIGHT", "# Stunting"):
        assert gone not in cleaned, gone
    for kept in ("KENDARI - Dinas Kesehatan melatih kader posyandu.", "Pelatihan itu diikuti 300 kader.",
                 "Baca juga petunjuk pada kemasan sebelum minum.", "Setiap posyandu kini punya alat ukur.",
                 "Kader yang lulus mendapat sertifikat, kata dia."):
        assert kept in cleaned, kept


def test_a_megabyte_line_of_read_also_labels_is_cleaned_label_by_label(tools):
    line = "Kader posyandu menimbang balita di desa. Baca juga: Kota Sehat Bagikan Susu " * 15_000  # 1.1 MB, one line
    cleaned = tools.boilerplate.strip(line)
    assert "Baca juga" not in cleaned and "Kota Sehat" not in cleaned
    assert cleaned.count("Kader posyandu menimbang balita di desa.") == 15_000
