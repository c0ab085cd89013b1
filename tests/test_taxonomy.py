"""Programme types, target groups, actors and relevance."""
from __future__ import annotations

import shutil

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
    build(BuildConfig(seeds=seeds, docs=docs, data=data))
    page = (docs / "program" / "kebun-gizi-sekolah.md").read_text(encoding="utf-8")
    assert "Kebun gizi sekolah" in page and 'href="../../artikel/a/"' in page
    assert "kebun-gizi-sekolah" in (docs / "artikel" / "a.md").read_text(encoding="utf-8")
