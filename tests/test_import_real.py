"""Real news datasets, the way students publish them, imported whole (issue 21, parts 2 and 3).

The files are built in the test from the texts of ../shared/corpus/ (never copied into the
project): a CSV as Python's csv and pandas write it (RFC 4180: doubled quotes, quoted line
breaks), an .xlsx, and a JSONL file whose texts carry U+2028. Each row must arrive whole, in
exactly one seed, with its own title, or be accounted for with a reason."""
from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import frontmatter
import pytest

from generator.imports import DUPLICATE, IMPORTED, load_tools, run_import
from generator.imports.items import TOO_SHORT

from conftest import ROOT, SHARED, make_project, mkdocs

CORPUS = SHARED / "corpus"
needs_corpus = pytest.mark.skipif(not (CORPUS / "stunting_dev.jsonl").exists(), reason="../shared/corpus is not here")
# What real texts carry around the article; none of it may reach a seed.
BOILERPLATE = [re.compile(p) for p in (r"Google News", r"SCROLL TO CONTINUE", r"ADVERTISEMENT", r"COPYRIGHT ©",
                                       r"(?m)^\s*(?:Pewarta|Editor|Reporter)\s*:", r"(?m)^#\s?\w+.*#",
                                       r"Baca [Jj]uga\s*:", r"Ikuti Whatsapp Channel")]
# A sentence is checked only when it holds none of that.
_FURNITURE = re.compile(r"Baca|BACA|SCROLL|ADVERTISEMENT|Advertisement|Google News|Pewarta|Editor|Reporter|#|©|"
                        r"Ikuti|Gambas|WhatsApp|Whatsapp|Penulis|Artikel ini", re.I)


@pytest.fixture(scope="module")
def tools():
    return load_tools(ROOT / "generator" / "data")


def corpus(name: str) -> list[dict]:
    return [json.loads(line) for line in (CORPUS / name).read_bytes().split(b"\n") if line.strip()]


def words(text: str) -> str:
    """The letters and digits alone: spacing, punctuation and words a scraper glued together
    ("memperingatiHari", which the text rules split) do not matter."""
    return "".join(re.findall(r"\w+", text.lower()))


def witness_sentences(text: str) -> list[str]:
    """Two sentences of the article, from its first and its last third, with no page furniture."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s.split()) >= 8 and not _FURNITURE.search(s)]
    if not sentences:
        return []
    third = max(1, len(sentences) // 3)
    return [max(sentences[:third], key=len), max(sentences[-third:], key=len)]


def write_csv(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:  # csv's defaults: RFC 4180
        writer = csv.writer(fh)
        writer.writerow(["title", "content", "date", "url", "source"])
        for r in rows:
            writer.writerow([r["title"] or "", r["text"], r["published"] or "", r["url"], r["outlet"]])


def write_xlsx(path: Path, rows: list[dict]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Judul", "Isi Berita", "Tanggal", "Link", "Media"])
    for r in rows:
        sheet.append([r["title"], r["text"], r["published"], r["url"], r["outlet"]])
    book.save(path)


def write_jsonl(path: Path, rows: list[dict]) -> None:
    # Line separators inside texts, raw (json.dumps with ensure_ascii=False keeps U+2028 as is).
    lines = [json.dumps({"judul": r["title"], "isi": r["text"].replace("\n", "\u2028"), "tanggal": r["published"],
                         "url": r["url"]}, ensure_ascii=False) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def datasets(tmp_path_factory):
    if not (CORPUS / "stunting_dev.jsonl").exists():
        pytest.skip("../shared/corpus is not here")
    folder = tmp_path_factory.mktemp("datasets")
    files = {"berita.csv": corpus("stunting_dev.jsonl"), "kliping.xlsx": corpus("stunting_dev2.jsonl"),
             "scraped.jsonl": corpus("stunting_more.jsonl")}
    assert any('"' in r["text"] and "\n" in r["text"] for r in files["berita.csv"])  # doubled quotes, quoted newlines
    assert any("\n" in r["text"] for r in files["scraped.jsonl"])
    write_csv(folder / "berita.csv", files["berita.csv"])
    write_xlsx(folder / "kliping.xlsx", files["kliping.xlsx"])
    write_jsonl(folder / "scraped.jsonl", files["scraped.jsonl"])
    assert "\u2028" in (folder / "scraped.jsonl").read_text(encoding="utf-8")
    return folder, files


@needs_corpus
def test_real_datasets_arrive_row_for_row_whole_in_one_seed_each(datasets, tmp_path, tools):
    folder, files = datasets
    seeds = tmp_path / "seeds"
    summary = run_import([str(folder / name) for name in files], seeds, tools)
    by_origin = {o.origin: o for o in summary.outcomes}
    posts = {p.name: frontmatter.load(p) for p in seeds.glob("*.txt")}
    for name, rows in files.items():
        first = 1 if name.endswith(".jsonl") else 2  # a header row in CSV and XLSX
        for n, row in enumerate(rows, first):
            outcome = by_origin.pop(f"{name} baris {n}")  # every row is accounted for, once
            assert len(row["text"]) >= 300
            if outcome.kind != IMPORTED:
                # Only what the corpus itself holds: a short (truncated) text.
                assert outcome.kind == TOO_SHORT and len(row["text"].split()) < tools.sources.min_words, outcome
                continue
            post = posts[outcome.detail]
            source = post.metadata.get("source", {})
            assert source.get("title") == (" ".join(row["title"].split()) if row["title"] else None)
            assert source.get("url") == row["url"]
            seed_words = words(post.content)
            for sentence in witness_sentences(row["text"]):
                assert words(sentence) in seed_words, (name, n, sentence)
            assert len(seed_words) >= 0.6 * len(words(row["text"])), (name, n)  # only furniture goes
            for pattern in BOILERPLATE:
                assert not pattern.search(post.content), (name, n, pattern.pattern)
            assert "\u2028" not in post.content and "\u2029" not in post.content
    assert not by_origin  # nothing else came out of the files: no fragments
    assert len(posts) == len(summary.imported)
    assert len({o.detail for o in summary.outcomes if o.kind == IMPORTED}) == len(summary.imported)

    again = run_import([str(folder / name) for name in files], seeds, tools)
    assert again.imported == [] and len(again.already) == len(summary.imported)
    assert sorted(p.name for p in seeds.glob("*.txt")) == sorted(posts)


@pytest.mark.slow  # builds the site with mkdocs in a subprocess
@needs_corpus
def test_the_command_line_imports_real_data_and_the_site_builds(datasets, tmp_path):
    folder, files = datasets
    seeds = tmp_path / "seeds"
    run = subprocess.run([sys.executable, "-m", "generator", "import", str(folder / "berita.csv"), "--seeds", str(seeds)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"{folder / 'berita.csv'}: {len(files['berita.csv'])} diimpor" in run.stdout
    log = Path(run.stdout.split("log lengkap (setiap baris dan alasannya): ")[1].strip())
    assert len(log.read_text(encoding="utf-8").splitlines()) == 1 + len(files["berita.csv"])
    # An article with no date anywhere (written for this test): the site says it does not know.
    (seeds / "tanpa-tanggal.txt").write_text(
        "---\nsource:\n  title: Kader Posyandu Melati Timbang Balita\n---\nKader Posyandu Melati di Kabupaten Sigi "
        "menimbang dan mengukur balita setiap bulan untuk mencegah stunting. Ibu hamil mendapat tablet tambah darah.\n",
        encoding="utf-8")
    project = make_project(tmp_path / "project", seeds_dir=seeds)
    result = mkdocs(project, "build", "-d", "site")
    assert result.returncode == 0, result.stderr
    articles = json.loads((project / "generated" / "data" / "articles.json").read_text(encoding="utf-8"))["articles"]
    assert {a["title"] for a in articles} >= {" ".join(r["title"].split()) for r in files["berita.csv"] if r["title"]}
    undated = next(a for a in articles if a["id"] == "tanpa-tanggal")
    assert undated["date"] is None
    page = (project / "site" / "artikel" / undated["id"] / "index.html").read_text(encoding="utf-8")
    assert "tanggal tidak diketahui" in page


@needs_corpus
def test_boilerplate_goes_and_the_article_stays_on_every_corpus_text(tools):
    """The boilerplate rules on all of ../shared/corpus: what they remove is counted, and no
    sentence of an article (one with no page furniture in it) is lost."""
    from collections import Counter

    removed: Counter = Counter()
    for path in sorted(CORPUS.glob("*.jsonl")):
        for row in corpus(path.name):
            cleaned = words(tools.boilerplate.strip(row["text"], removed))
            article = row["text"].split("Artikel ini telah tayang di")[0]  # then the outlet's notice
            # Split at sentence ends, and before a glued "Baca juga" (the sentence before it is checked too).
            for sentence in re.split(r"(?<=[.!?])\s+|\n+|(?=Baca [Jj]uga|BACA JUGA)", article):
                if len(sentence.split()) >= 6 and not _FURNITURE.search(sentence):
                    assert words(sentence) in cleaned, (row["id"], sentence)
    assert removed["prompt"] > 0 and removed["read_also"] > 0 and removed["line"] > 0 and removed["credits"] > 0


@needs_corpus
def test_duplicate_rows_are_named_by_the_row_they_repeat(tmp_path, tools):
    rows = corpus("stunting_dev.jsonl")[:3]
    write_csv(tmp_path / "ganda.csv", rows + rows[:1])
    summary = run_import([str(tmp_path / "ganda.csv")], tmp_path / "seeds", tools)
    last = summary.outcomes[-1]
    assert (last.origin, last.kind) == ("ganda.csv baris 5", DUPLICATE)
    assert last.detail.startswith("duplikat dari ganda.csv baris 2")
    assert len(list((tmp_path / "seeds").glob("*.txt"))) == 3
