"""Curator front matter: overrides win, are marked, and bad ones are reported with their line."""
from __future__ import annotations

BODY = "Sigi - Pemkab Sigi menyalurkan PMT kepada balita stunting di Kecamatan Dolo.\nKader posyandu dilatih.\n"


def test_overrides_win_and_are_marked_curated(build_kb):
    seed = "---\ntitle: Judul dari kurator\ndate: 2024-03-01\nregencies: ['72.71']\nprogrammes: [posyandu]\n---\n" + BODY
    docs, report, data = build_kb({"a.txt": seed})
    a = data["articles"][0]
    assert a["title"] == "Judul dari kurator"
    assert a["date"] == "2024-03-01"
    assert [r["code"] for r in a["regencies"]] == ["72.71"]
    assert [r["code"] for r in a["provinces"]] == ["72"]
    assert a["programmes"] == ["posyandu"]
    assert a["curated"] == ["date", "programmes", "regencies", "title"]
    page = (docs / "artikel" / "a.md").read_text(encoding="utf-8")
    assert "Dikurasi" in page and "✎" in page
    assert "title: Judul" not in page.split("---", 2)[2]  # front matter is not shown as text


def test_invalid_yaml_is_reported_with_its_line(build_kb):
    seed = "---\ntitle: ok\nprogrammes: [posyandu\n---\n" + BODY
    docs, report, data = build_kb({"rusak.txt": seed})
    a = data["articles"][0]
    assert a["curated"] == [] and "makanan-tambahan" in a["programmes"]
    warnings = [p for p in report.problems if p.file == "rusak.txt" and p.level == "warning"]
    assert warnings and "bukan YAML yang sah" in warnings[0].message
    assert warnings[0].line in (3, 4)
    assert "programmes" not in " ".join(a["title"] for a in data["articles"])


def test_unknown_code_or_id_drops_all_overrides(build_kb):
    seed = "---\ntitle: Judul baru\nregencies: ['99.99']\nprogrammes: [bukan-program]\n---\n" + BODY
    docs, report, data = build_kb({"salah.txt": seed})
    a = data["articles"][0]
    assert a["title"] != "Judul baru" and a["curated"] == []
    messages = {(p.line, p.message) for p in report.problems if p.file == "salah.txt"}
    assert any(line == 3 and "99.99" in m for line, m in messages)
    assert any(line == 4 and "bukan-program" in m for line, m in messages)


def test_the_curator_page_lists_what_front_matter_may_say(build_kb):
    docs, report, _ = build_kb({"a.txt": "---\nprogrammes: [posyandu-baru]\n---\nSigi - Pemkab Sigi menggelar posyandu untuk "
                                         "menurunkan stunting.\n"})
    (problem,) = [p for p in report.problems if p.file == "a.txt"]
    # In Indonesian, with the ids that are valid.
    assert "id 'posyandu-baru' tidak dikenal" in problem.message and "makanan-tambahan" in problem.message
    assert "tanpa koreksi kurator" in problem.message
    curator = (docs / "kurasi" / "index.md").read_text(encoding="utf-8")
    assert "Nilai yang sah untuk front matter" in curator
    for term_id in ("posyandu", "pemerintah\\-kabupaten\\-kota", "ibu\\-hamil"):
        assert f"| {term_id} |" in curator, term_id
    assert "halaman [Wilayah](../wilayah/index.md)" in curator
    # Public pages do not show the seed's file name; the curator page does.
    assert "a.txt" not in (docs / "artikel" / "a.md").read_text(encoding="utf-8")
    assert "a\\.txt" in curator
