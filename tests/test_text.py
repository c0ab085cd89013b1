"""Datelines, outlets, sign-offs, scraper leftovers, dates and titles."""
from __future__ import annotations

import datetime as dt

import pytest

BODY = "Pemkab menggelar pelatihan kader posyandu untuk menurunkan stunting di desa-desa."


@pytest.mark.parametrize("lead,dateline,outlet", [
    ("PARINGIN – ", "Paringin", None),
    ("BALIKPAPAN, Fokusborneo.com — ", "Balikpapan", "Fokusborneo"),
    ("CNBTV.CO.ID – BALIKPAPAN – ", "Balikpapan", "CNBTV"),
    ("Samarinda --- ", "Samarinda", None),
    ("Belitung (ANTARA) - ", "Belitung", "ANTARA"),
    ("Liputan6.com, Jakarta -", "Jakarta", "Liputan6"),
    ("JAKARTA, KOMPAS.com - ", "Jakarta", "Kompas"),
    ("Kupang (ANTARA) - ", "Kupang", "ANTARA"),
])
def test_dateline_and_outlet(extract, lead, dateline, outlet):
    a = extract(lead + BODY)
    assert a.dateline == dateline
    assert a.outlet == outlet
    assert a.paragraphs[0] == BODY


@pytest.mark.parametrize("tail,outlet", [(" ant", "ANTARA"), ("(oc)", None), (" (dkp3akaltim/adpimprovkaltim)", "DKP3A Kaltim"),
                                         (" (ant)", "ANTARA"), (" (Humas Pemkab Sigi)", "Humas Pemkab Sigi"), (" (adv/adv)", "Advertorial")])
def test_sign_offs_are_removed(extract, tail, outlet):
    a = extract("Kupang - " + BODY + "\nKader dilatih selama tiga hari." + tail)
    assert a.paragraphs[-1] == "Kader dilatih selama tiga hari."
    assert a.outlet == outlet


def test_scraper_leftovers_are_removed(extract):
    text = "\n".join([
        "Jakarta - " + BODY,
        "SCROLL TO CONTINUE WITH CONTENT",
        "ADVERTISEMENT",
        "[Gambas:Video CNN]",
        "Baca juga: Kabupaten Sleman raih penghargaan",
        "Kader dilatih tiga hari.",
        "",
        "Discussion about this post",
        "Komentar pembaca di Kota Bandung",
    ])
    a = extract(text)
    joined = " ".join(a.paragraphs)
    for junk in ("SCROLL", "ADVERTISEMENT", "Gambas", "Baca juga", "Sleman", "Discussion", "Bandung"):
        assert junk not in joined
    assert [t.region.code for t in a.regencies] == []


@pytest.mark.parametrize("text,want", [
    ("Kegiatan digelar Selasa (29/11/2022) di aula.", dt.date(2022, 11, 29)),
    ("Acara itu berlangsung pada 3 Juni 2024 di kantor bupati.", dt.date(2024, 6, 3)),
    # No year: 12 June is a Wednesday only in 2024 among the years the text names.
    ("Pada 2022 dan 2023 angka turun; target 2024 dibahas, kata dia, Rabu (12/6).", dt.date(2024, 6, 12)),
    # A weekday that contradicts its date voids it.
    ("Rapat digelar Senin (29/11/2022).", None),
    # No year at all, or two years that fit: no date rather than a wrong one.
    ("Rapat digelar Rabu (12/6).", None),
    ("Pada 2013 dan 2024 angka turun, kata dia, Rabu (12/6).", None),
    ("Perpres 72/2021 menjadi dasar program ini.", None),
])
def test_dates(extract, text, want):
    assert extract(text).date == want


def test_date_line_after_the_text_and_headline(extract):
    text = "\n".join([
        "Kupang (ANTARA) - " + BODY,
        "Kegiatan digelar Jumat.",
        "Kader posyandu di Kupang dilatih ukur balita",
        "Jumat, 10 Oktober 2025 17:11 WIB",
    ])
    a = extract(text)
    assert a.title == "Kader posyandu di Kupang dilatih ukur balita"
    assert a.date == dt.date(2025, 10, 10)
    assert all("WIB" not in p and "dilatih ukur" not in p for p in a.paragraphs)


@pytest.mark.parametrize("stamp,want", [
    ("Diperbarui 20 Jun 2025, 05:50 WIB", dt.date(2025, 6, 20)),
    ("10/21/2025 20:43", dt.date(2025, 10, 21)),
])
def test_other_date_lines(extract, stamp, want):
    assert extract("Jakarta - " + BODY + "\nKader dilatih.\n" + stamp).date == want


def test_title_from_lead_without_dateline(extract):
    a = extract("SAMARINDA - Pemerintah Provinsi Kalimantan Timur (Pemprov Kaltim) terus memperkuat penanganan stunting "
                "melalui berbagai program terpadu di sepuluh kabupaten dan kota sepanjang tahun ini bersama mitra.")
    assert a.title.startswith("Pemerintah Provinsi Kalimantan Timur terus memperkuat penanganan stunting")
    assert "SAMARINDA" not in a.title and "(" not in a.title
    assert len(a.title.split()) <= 14


def test_headline_on_the_first_line(extract):
    a = extract("Pemkab Sigi luncurkan gerakan orang tua asuh\n\nSigi - " + BODY + "\nKader dilatih.")
    assert a.title == "Pemkab Sigi luncurkan gerakan orang tua asuh"
    assert a.dateline == "Sigi"


def test_byline_and_glued_dash(extract):
    a = extract("Laporan Wartawan Tribunnews.com, Eko Santoso TRIBUNNEWS.COM, JAKARTA - " + BODY)
    assert (a.dateline, a.outlet) == ("Jakarta", "Tribunnews")
    b = extract("WARTAKOTALIVE.COM, JAKARTA- " + BODY)
    assert b.dateline == "Jakarta" and b.paragraphs[0] == BODY


@pytest.mark.parametrize("lead,title", [
    # A companion before the verb goes; "Nama (Singkatan)" becomes the short form.
    ("Samarinda - Wakil Gubernur Kalimantan Utara Yansen Tipa Padan didampingi Kepala Dinas Kesehatan Kaltara "
     "Agust Suwandy membuka Rapat Koordinasi (Rakor) Tim Percepatan Penurunan Stunting (TPPS) Kaltara di Tarakan.",
     "Wakil Gubernur Kalimantan Utara Yansen Tipa Padan membuka Rakor TPPS Kaltara di Tarakan"),
    # A weekday and its date never end a headline.
    ("JAKARTA - Wali Kota Jakarta Timur membuka kelas gizi bagi ibu hamil di Kantor Kecamatan Kramat Jati, Senin "
     "(12/5/2025), bersama kader posyandu dan puskesmas setempat.",
     "Wali Kota Jakarta Timur membuka kelas gizi bagi ibu hamil di Kantor Kecamatan Kramat Jati"),
    # A long lead is cut at its first comma after the verb ...
    ("Upaya penanganan kasus stunting terus digencarkan di Kabupaten Alor, salah satunya yang dilakukan Dinas "
     "Pemberdayaan Perempuan dan Perlindungan Anak bersama kader di desa-desa.",
     "Upaya penanganan kasus stunting terus digencarkan di Kabupaten Alor"),
    # ... or before a clause, never after a dangling word.
    ("Pemerintah Kabupaten Sumba Timur terus memperkuat komitmen dan memperluas intervensi untuk mempercepat penurunan "
     "kasus stunting di seluruh desa dan kelurahan pada tahun ini.",
     "Pemerintah Kabupaten Sumba Timur terus memperkuat komitmen dan memperluas intervensi"),
])
def test_headline_from_the_lead(extract, lead, title):
    a = extract(lead + "\nKader posyandu dilatih mengukur balita.")
    assert a.title == title
    assert len(a.title) <= 110


def test_a_headline_never_ends_in_half_a_name(extract):
    a = extract("Tepat satu tahun pemerintahan Prabowo Subianto sebagai Presiden Republik Indonesia berjalan dengan "
                "berbagai program makan bergizi untuk balita dan ibu hamil di seluruh provinsi negeri ini.")
    assert not a.title.endswith(("Presiden", "Republik")) and a.title.split()[-1] not in ("dan", "di", "untuk")


def test_a_date_in_the_dateline_is_the_article_date(extract):
    a = extract("SIGI, Senin (3/6/2024) - Pemkab Sigi menggelar posyandu balita untuk menurunkan stunting.\n")
    assert a.dateline == "Sigi" and a.date.isoformat() == "2024-06-03"
    assert a.date_evidence.sentence.startswith("SIGI, Senin (3/6/2024)")
    assert a.lead.startswith("Pemkab Sigi")
