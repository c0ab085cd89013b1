"""Relevance in three levels, as ../shared/spec/relevance.md defines them (texts written for these tests)."""
from __future__ import annotations

import json

import pytest

from conftest import SHARED

EFFORT = {
    "national programme for its groups": (
        "Badan Gizi Nasional meminta setiap dapur makan bergizi gratis melayani ibu hamil, ibu menyusui dan balita. "
        "Kebijakan itu diambil untuk menurunkan angka stunting nasional. Dapur yang tidak patuh akan dihentikan sementara."),
    "company aid with growth checks in one paragraph": (
        "Sebuah perusahaan elektronik membagikan paket sembako kepada warga korban banjir di Demak. "
        "Perusahaan juga memperbaiki dua sekolah yang rusak dan menyediakan air bersih. "
        "Bersama posyandu setempat, petugas memeriksa balita untuk memantau tumbuh kembang dan mendeteksi stunting sejak dini. "
        "Kegiatan ditutup dengan lomba mewarnai."),
    "police social action with food parcels": (
        "Polres Ende menggelar bakti sosial di Kelurahan Onekore. "
        "Bantuan yang dibagikan berupa beras, minyak goreng dan paket stunting untuk keluarga kurang mampu. "
        "Kapolres berharap bantuan itu meringankan beban warga."),
    "health office explainer": (
        "Kepala Dinas Kesehatan Kabupaten Sikka menjelaskan ciri anak stunting kepada wartawan. "
        "Dinas Kesehatan terus melatih kader posyandu untuk mencegah stunting pada balita di setiap desa."),
    "regional coordination meeting": (
        "Pemerintah Provinsi Gorontalo menggelar rapat koordinasi percepatan penurunan stunting di Provinsi Gorontalo. "
        "Rapat membahas anggaran dan pembagian tugas perangkat daerah."),
    "foster parents in one paragraph of a poverty story": (
        "Pemkab Garut meraih penghargaan penanggulangan kemiskinan. Program unggulan antara lain beasiswa, modal usaha dan rumah layak huni. "
        "Program orang tua asuh anak stunting menggerakkan pejabat dan pengusaha untuk membantu balita dari keluarga miskin. "
        "Penghargaan diserahkan di Jakarta."),
}

MENTION = {
    "political speech listing goals": (
        "Ketua partai berpidato di depan kader. Menurutnya pemerintah harus memberantas korupsi, kemiskinan, stunting dan pengangguran. "
        "Ia juga meminta kader menjaga persatuan."),
    "budget line in a list": (
        "DPRD Kabupaten Lahat mengesahkan APBD 2025. Belanja kesehatan antara lain untuk pembayaran iuran BPJS, penanganan stunting, "
        "pengadaan obat dan pembangunan puskesmas. Total belanja daerah naik lima persen."),
    "statistic as background": (
        "Harga beras di Kota Kupang naik menjelang Natal. Pedagang mengeluh pembeli berkurang. "
        "Provinsi ini juga mencatat prevalensi stunting 37 persen pada survei terakhir. Pemerintah akan menggelar operasi pasar."),
    "hypothetical solution": (
        "Diskusi kelompok di kampus membahas pangan lokal. Pembicara menilai ikan lokal bisa menjadi solusi stunting di masa depan. "
        "Peserta berharap kebijakan pangan lebih adil."),
    "rationale of a school-meals story": (
        "Menu makan bergizi gratis di sebuah sekolah dasar dikeluhkan orang tua murid. "
        "Seorang legislator mengatakan program itu tetap harus jalan karena ada program percepatan penanganan stunting. "
        "Sekolah berjanji memperbaiki menu."),
}

NONE = {
    "no stunting at all": "Pemkot Bandung memperbaiki jalan di sepuluh kelurahan. Pengerjaan ditargetkan selesai bulan depan.",
    "malnutrition without stunting": "Dinas Kesehatan menangani dua kasus gizi buruk di Kabupaten Nias. Kedua anak dirawat di rumah sakit.",
}


@pytest.mark.parametrize("case", sorted(EFFORT))
def test_efforts(extract, case):
    a = extract(EFFORT[case])
    assert a.relevance == "effort", a.relevance_note
    assert a.relevant and a.relevance_evidence is not None


@pytest.mark.parametrize("case", sorted(MENTION))
def test_passing_mentions(extract, case):
    a = extract(MENTION[case])
    assert a.relevance == "mention", a.relevance_evidence
    assert not a.relevant and not a.programmes and not a.actors


@pytest.mark.parametrize("case", sorted(NONE))
def test_no_mention(extract, case):
    assert extract(NONE[case]).relevance == "none"


def test_glued_words_still_name_the_topic(extract):
    a = extract("Yayasan itu membagikan sembako, paketstunting,dan perlengkapan sekolah kepada warga di Kabupaten Alor.")
    assert a.relevance == "effort"


def test_front_matter_relevance_wins_and_none_leaves_public_lists(build_kb):
    seeds = {
        "a.txt": "---\nrelevance: none\n---\n" + EFFORT["regional coordination meeting"],
        "b.txt": "---\nrelevance: effort\nprogrammes: [edukasi]\n---\n" + MENTION["hypothetical solution"],
        "c.txt": MENTION["political speech listing goals"],
        "d.txt": NONE["no stunting at all"],
        "e.txt": EFFORT["health office explainer"],
    }
    docs, report, data = build_kb(seeds)
    by_id = {a["id"]: a for a in data["articles"]}
    assert {i: (a["relevance"], a["relevant"]) for i, a in by_id.items()} == {
        "a": ("none", False), "b": ("effort", True), "c": ("mention", False), "d": ("none", False), "e": ("effort", True)}
    assert by_id["b"]["programmes"] == ["edukasi"] and "relevance" in by_id["b"]["curated"]
    assert report.no_topic == ["a", "d"] and report.off_topic == ["c"]
    gorontalo = (docs / "wilayah" / "gorontalo" / "index.md").read_text(encoding="utf-8")
    assert "artikel/a/" not in gorontalo  # a curator's "none" takes it off the region's list
    feed = (docs / "feed.xml").read_text(encoding="utf-8")
    assert "<guid isPermaLink=\"false\">a</guid>" not in feed and "<guid isPermaLink=\"false\">d</guid>" not in feed
    assert "<guid isPermaLink=\"false\">c</guid>" in feed
    curator = (docs / "kurasi" / "index.md").read_text(encoding="utf-8")
    assert "artikel/a/" in curator and "artikel/d/" in curator
    # Efforts before passing mentions on every list, whatever the dates.
    home = (docs / ".snippets" / "beranda.md").read_text(encoding="utf-8")
    assert "artikel/d/" not in home
    page_a = (docs / "artikel" / "a.md").read_text(encoding="utf-8")
    assert "Tidak menyebut stunting" in page_a and 'search: {"exclude": true}' in page_a


def test_mentions_come_after_efforts_in_lists(build_kb):
    effort = "Kupang - " + EFFORT["police social action with food parcels"].replace("Ende", "Kupang") + " Senin (1/1/2024)."
    mention = "Kupang - " + MENTION["statistic as background"] + " Senin (3/3/2025)."
    docs, report, data = build_kb({"lama.txt": effort, "baru.txt": mention})
    region = (docs / "wilayah" / "nusa-tenggara-timur" / "index.md").read_text(encoding="utf-8")
    listing = region[region.index('<ul class="kb-articles"'):]
    assert listing.index("artikel/lama/") < listing.index("artikel/baru/")
    assert "disebut sekilas" in listing


@pytest.mark.skipif(not (SHARED / "corpus" / "other.jsonl").exists(), reason="../shared/corpus is not next to the project")
def test_unrelated_real_news_is_never_an_effort(reference):
    from pathlib import Path

    from generator.extract import extract_article
    from generator.model import Seed

    levels = {}
    for line in (SHARED / "corpus" / "other.jsonl").read_text(encoding="utf-8").split("\n"):
        if line.strip():
            r = json.loads(line)
            seed = Seed(id=r["id"], file=r["id"] + ".txt", text=(r["title"] or "") + "\n\n" + r["text"], encoding="utf-8")
            levels[r["id"]] = extract_article(seed, reference, Path(seed.file).stem)[0].relevance
    assert levels and all(level != "effort" for level in levels.values())


def test_a_service_of_the_first_1000_days_needs_no_group_named(extract):
    """Who does what, and for whom by the service itself: a posyandu is for mothers and toddlers."""
    assert extract("Sigi - Dinas Kesehatan Sigi menggelar posyandu untuk menurunkan stunting.\n").relevance == "effort"
    assert extract("Sigi - Bupati Sigi meresmikan jalan untuk menurunkan stunting.\n").relevance == "mention"


def test_an_effort_where_stunting_is_rarely_named_is_listed_for_the_curator(extract, reference):
    effort = "Pemkab Sikka menyalurkan makanan tambahan bagi balita untuk mencegah stunting di desa. "
    filler = "Pasar baru di pusat kota diresmikan dan pedagang menempati los yang tersedia sejak pagi hari. " * 30
    a = extract(effort + filler)
    assert a.relevance == "effort"  # the level stays the sentences'
    assert [(d.field, d.value) for d in a.doubts if d.field == "relevance"] == [("relevance", "effort")]
    b = extract(effort + filler[:300])
    assert not [d for d in b.doubts if d.field == "relevance"]
    # The curator's front matter settles it.
    from generator.extract import extract_article
    from generator.model import Seed
    seed = Seed(id="c", file="c.txt", text=effort + filler, encoding="utf-8", overrides={"relevance": "effort"})
    c = extract_article(seed, reference, "c")[0]
    assert c.curated == ("relevance",) and not [d for d in c.doubts if d.field == "relevance"]


def test_an_action_for_the_first_1000_days_nutrition_is_an_effort_where_stunting_is_background(extract):
    """relevance.md: a programme described for its groups is an effort even when no sentence
    aims at stunting by name; the groups named without anyone doing anything for them are not."""
    served = ("Dapur umum di Kecamatan Wates mulai membagikan makanan bergizi kepada ibu hamil, ibu menyusui dan balita "
              "setiap pagi. Menu disusun oleh petugas puskesmas. Prevalensi stunting kabupaten ini tercatat 18 persen tahun lalu.")
    a = extract(served)
    assert a.relevance == "effort", a.relevance_note
    assert "ibu hamil" in a.relevance_evidence.sentence
    talked = ("Seminar kesehatan di Kecamatan Wates dihadiri ratusan warga. Ibu hamil dan balita rentan kekurangan gizi, "
              "kata pembicara. Prevalensi stunting kabupaten ini tercatat 18 persen tahun lalu.")
    assert extract(talked).relevance == "mention"


def test_a_group_with_stunting_and_a_verb_is_data_not_an_effort(extract):
    """relevance.md: a story of stunting data alone is a mention. "Balita stunting" names a
    group; a verb beside it may only count it. With an activity for that group it is an effort."""
    counted = ("Kupang - Dinas Kesehatan mencatat 500 balita stunting di Kabupaten Kupang tahun ini. "
               "Jumlah itu turun dibanding tahun lalu. Angka tertinggi ada di Kecamatan Amarasi.")
    assert extract(counted).relevance == "mention"
    served = ("Kupang - Dinas Kesehatan menyalurkan bantuan untuk 500 balita stunting di Kabupaten Kupang tahun ini. "
              "Jumlah itu turun dibanding tahun lalu. Angka tertinggi ada di Kecamatan Amarasi.")
    assert extract(served).relevance == "effort"


def test_an_aim_for_an_area_without_a_measure_is_a_call_not_an_effort(extract):
    """relevance.md: a leader's general call to lower stunting is a mention; the same aim with
    a measure (an activity: a budget, a programme) is an effort."""
    call = ("Kupang - Gubernur meminta para bupati segera menurunkan angka stunting di kabupaten masing-masing. "
            "Ia menyampaikan hal itu saat upacara hari jadi provinsi. Upacara diikuti ribuan peserta.")
    assert extract(call).relevance == "mention"
    measure = ("Kupang - Pemerintah provinsi menambah anggaran untuk menurunkan angka stunting di kabupaten masing-masing. "
               "Ia menyampaikan hal itu saat upacara hari jadi provinsi. Upacara diikuti ribuan peserta.")
    assert extract(measure).relevance == "effort"
