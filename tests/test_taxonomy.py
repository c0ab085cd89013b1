"""Programme types, target groups, actors and relevance."""
from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import ROOT
from generator.build import build
from generator.config import BuildConfig


def ids(tags):
    return [t.id for t in tags]


def test_a_passing_word_is_not_enough(extract):
    a = extract("Harga makanan di pasar naik. Data penduduk diperbarui. Anggaran daerah dibahas DPRD.")
    assert ids(a.programmes) == []
    assert a.relevance == "none"


def test_each_tag_keeps_its_sentence(extract):
    a = extract("Pemkab Sigi menyalurkan PMT lokal kepada 120 balita stunting. Cuaca cerah.")
    tag = next(t for t in a.programmes if t.id == "makanan-tambahan")
    assert tag.evidence.sentence.startswith("Pemkab Sigi menyalurkan PMT")
    assert tag.evidence.cue == "PMT"


def test_acronym_cues_are_case_sensitive(extract):
    a = extract("Kata pmt dan kek ditulis kecil di sini, tanpa stunting.")
    assert "makanan-tambahan" not in ids(a.programmes)
    assert "ibu-hamil" not in ids(a.target_groups)


def test_medical_accompaniment_is_health_service_not_family_accompaniment(extract):
    a = extract("Anak stunting juga akan mendapatkan pendampingan medis sesuai kebutuhan.")
    assert "layanan-kesehatan" in ids(a.programmes)
    assert "pendampingan-keluarga" not in ids(a.programmes)


def test_weak_cue_needs_the_effort_in_the_same_sentence(extract):
    assert "edukasi" not in ids(extract("Sosialisasi pajak kendaraan digelar di kantor samsat.").programmes)
    assert "edukasi" in ids(extract("Sosialisasi pencegahan stunting digelar bagi warga.").programmes)


def test_actors_are_normalised_and_typed(extract):
    a = extract("Kepala DP3AKB Kota Balikpapan dan Ketua Tim Penggerak PKK Kota Balikpapan hadir. "
                "Kepala Perwakilan BKKBN Kaltim dan Gubernur Kaltim membuka rakor percepatan penurunan stunting di Kota Balikpapan. "
                "PT Pupuk Kaltim menyerahkan bantuan CSR.")
    got = {(x.name, x.type) for x in a.actors}
    assert ("DP3AKB Kota Balikpapan", "pemerintah-kabupaten-kota") in got
    assert ("TP PKK Kota Balikpapan", "masyarakat") in got
    assert ("BKKBN Perwakilan Kalimantan Timur", "pemerintah-pusat") in got
    assert ("Pemerintah Provinsi Kalimantan Timur", "pemerintah-provinsi") in got
    assert ("PT Pupuk Kaltim", "swasta") in got


def test_a_quoted_official_stands_for_the_office(extract):
    a = extract("\"Kami memberikan PMT kepada balita stunting,\" ujar Wali Kota Bontang Neni Moerniaeni.")
    assert [x.name for x in a.actors] == ["Pemerintah Kota Bontang"]


def test_relevance_flags_passing_mentions(extract):
    text = ("Jakarta - DPR membahas anggaran pertahanan tahun depan bersama kementerian. "
            "Rapat berlangsung hingga malam dan membahas banyak pos belanja. "
            "Salah satu anggota menyinggung stunting secara singkat. "
            "Pembahasan dilanjutkan pekan depan dengan agenda alutsista.")
    a = extract(text)
    assert a.relevance == "mention" and "sambil lalu" in a.relevance_note


@pytest.mark.slow
def test_adding_a_programme_type_needs_no_code(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "generator" / "data", data)
    tax = yaml.safe_load((data / "taxonomy.yml").read_text(encoding="utf-8"))
    tax["programmes"].append({"id": "kebun-gizi-sekolah", "label": "Kebun gizi sekolah",
                              "definition": "Kebun sayur di sekolah.", "cues": ["kebun sekolah"]})
    (data / "taxonomy.yml").write_text(yaml.safe_dump(tax, allow_unicode=True), encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Sigi - Pemkab Sigi membuka kebun sekolah untuk mencegah stunting pada anak.", encoding="utf-8")
    docs = tmp_path / "docs"
    build(BuildConfig(seeds=seeds, output=docs, data=data))
    page = (docs / "program" / "kebun-gizi-sekolah.md").read_text(encoding="utf-8")
    assert "Kebun gizi sekolah" in page and 'href="../../artikel/a/"' in page
    assert "kebun-gizi-sekolah" in (docs / "artikel" / "a.md").read_text(encoding="utf-8")


def names(article):
    return sorted(x.name for x in article.actors)


def test_a_former_job_or_a_policy_author_is_not_an_actor(extract):
    a = extract("Kepala DP3AKB Kota Balikpapan, Alwiati, membuka pelatihan kader posyandu untuk mencegah stunting, "
                "tutur mantan Sekretaris DKK Balikpapan ini. Sesuai kebijakan Kementerian Dalam Negeri, "
                "data dari Kementerian Kesehatan dipakai untuk memantau balita.")
    assert names(a) == ["DP3AKB Kota Balikpapan"]


def test_agencies_named_with_a_bare_region_are_normalised(extract):
    a = extract("Dinas Kesehatan Sleman melatih kader posyandu untuk mencegah stunting pada balita. "
                "Dinkes Kukar juga membagikan PMT kepada balita stunting.")
    assert names(a) == ["Dinas Kesehatan Kabupaten Kutai Kartanegara", "Dinas Kesehatan Kabupaten Sleman"]


@pytest.mark.slow
def test_one_agency_under_two_names_is_one_actor_page(build_kb):
    seeds = {"a.txt": "Dinkes Kota Balikpapan menyalurkan PMT kepada balita stunting di Balikpapan Utara.",
             "b.txt": "Dinas Kesehatan Kota Balikpapan melatih kader posyandu untuk mencegah stunting pada balita."}
    docs, report, data = build_kb(seeds)
    assert {a["id"]: [x["name"] for x in a["actors"]] for a in data["articles"]} == {
        "a": ["Dinas Kesehatan Kota Balikpapan"], "b": ["Dinas Kesehatan Kota Balikpapan"]}
    pages = [p.name for p in (docs / "aktor").glob("*.md")]
    assert pages.count("dinas-kesehatan-kota-balikpapan.md") == 1


def test_a_long_name_and_its_acronym_are_one_actor(extract):
    a = extract("PT Sinar Pangan Nusantara (SPN) membagikan paket makanan tambahan bagi balita stunting di Kabupaten Sikka. "
                "PT SPN juga melatih kader posyandu.")
    assert names(a) == ["PT Sinar Pangan Nusantara (SPN)"]
