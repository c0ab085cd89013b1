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


def test_an_unknown_code_or_id_drops_its_field_only(build_kb):
    seed = "---\ntitle: Judul baru\nregencies: ['72.71', '99.99']\nprogrammes: [bukan-program]\n---\n" + BODY
    docs, report, data = build_kb({"salah.txt": seed})
    a = data["articles"][0]
    assert a["title"] == "Judul baru" and a["curated"] == ["title"]
    assert [r["code"] for r in a["regencies"]] == ["72.10"]  # extracted (Sigi): no half-corrected list
    assert "makanan-tambahan" in a["programmes"]  # extracted
    messages = {(p.line, p.message) for p in report.problems if p.file == "salah.txt"}
    assert any(line == 3 and "99.99" in m and "bidang regencies diabaikan" in m for line, m in messages)
    assert any(line == 4 and "bukan-program" in m and "bidang programmes diabaikan" in m for line, m in messages)


def test_a_rejected_field_never_steers_extraction(build_kb):
    """A bad province and `relevance: none`: the province is ignored, the relevance applies,
    and the article is what `relevance: none` alone makes of it. A bad relevance is ignored
    and the effort keeps its programmes, actors and figures."""
    effort = ("Sigi - Pemkab Sigi menyalurkan PMT kepada 120 balita stunting di Kecamatan Dolo. Dinas Kesehatan Sigi "
              "menyiapkan anggaran Rp1,5 miliar.\nKader posyandu dilatih.\n")
    docs, report, data = build_kb({
        "a.txt": "---\nprovinces: ['99']\nrelevance: none\n---\n" + effort,
        "c.txt": "---\nprovinces: ['99']\nrelevance: tidak-ada\ntitle: Judul kurator\n---\n" + effort.replace("Sigi", "Poso"),
    })
    by_id = {a["id"]: a for a in data["articles"]}
    a, c = by_id["a"], by_id["c"]
    # relevance: none applies, and only it: no effort's tags, no figures; the extracted regions stay.
    assert a["relevance"] == "none" and a["curated"] == ["relevance"]
    assert (a["programmes"], a["actors"], a["actor_types"], a["figures"]) == ([], [], [], [])
    assert [r["code"] for r in a["provinces"]] == ["72"]
    # A bad relevance is ignored: the effort keeps what extraction found.
    assert c["relevance"] == "effort" and c["programmes"] and c["actors"] and c["figures"]
    assert [r["code"] for r in c["provinces"]] == ["72"]
    assert c["title"] == "Judul kurator" and c["curated"] == ["title"]
    c_messages = [p.message for p in report.problems if p.file == "c.txt"]
    assert any("bidang provinces diabaikan" in m for m in c_messages)
    assert any("bidang relevance diabaikan" in m for m in c_messages)
    curator = (docs / "kurasi" / "index.md").read_text(encoding="utf-8")
    assert "c\\.txt" in curator and "bidang relevance diabaikan" in curator


def test_the_curator_page_lists_what_front_matter_may_say(build_kb):
    docs, report, _ = build_kb({"a.txt": "---\nprogrammes: [posyandu-baru]\n---\nSigi - Pemkab Sigi menggelar posyandu untuk "
                                         "menurunkan stunting.\n"})
    (problem,) = [p for p in report.problems if p.file == "a.txt"]
    # In Indonesian, with the ids that are valid.
    assert "id 'posyandu-baru' tidak dikenal" in problem.message and "makanan-tambahan" in problem.message
    assert "bidang programmes diabaikan, bidang lain tetap berlaku" in problem.message
    curator = (docs / "kurasi" / "index.md").read_text(encoding="utf-8")
    assert "Nilai yang sah untuk front matter" in curator
    for term_id in ("posyandu", "pemerintah\\-kabupaten\\-kota", "ibu\\-hamil"):
        assert f"| {term_id} |" in curator, term_id
    assert "halaman [Wilayah](../wilayah/index.md)" in curator
    # Public pages do not show the seed's file name; the curator page does.
    assert "a.txt" not in (docs / "artikel" / "a.md").read_text(encoding="utf-8")
    assert "a\\.txt" in curator
