"""Region extraction traps, on sentences written for these tests."""
from __future__ import annotations


def regencies(article):
    return [t.region.code for t in article.regencies]


def provinces(article):
    return [t.region.code for t in article.provinces]


def test_regency_implies_province(extract):
    a = extract("Pemkab Balangan menggelar pelatihan kader posyandu untuk menekan stunting.")
    assert regencies(a) == ["63.11"] and provinces(a) == ["63"]


def test_longest_match_province_not_regency(extract):
    a = extract("Pemerintah Provinsi Kepulauan Bangka Belitung memperkuat penanganan stunting di seluruh desa.")
    assert provinces(a) == ["19"] and regencies(a) == []
    b = extract("Program gizi di Bangka Belitung diperluas tahun ini.")
    assert provinces(b) == ["19"] and regencies(b) == []


def test_papua_barat_daya_is_not_papua(extract):
    a = extract("Dinas Kesehatan Provinsi Papua Barat Daya mendata balita stunting di Kabupaten Tambrauw.")
    assert provinces(a) == ["96"]
    assert regencies(a) == ["96.04"]


def test_belitung_vs_belitung_timur(extract):
    a = extract("Pemkab Belitung Timur membagikan makanan tambahan kepada balita stunting.")
    assert regencies(a) == ["19.06"]


def test_kabupaten_or_kota_by_title_of_official(extract):
    kab = extract("Bupati Bogor meminta kader posyandu memantau balita stunting.")
    kota = extract("Wali Kota Bogor meminta kader posyandu memantau balita stunting.")
    assert regencies(kab) == ["32.01"]
    assert regencies(kota) == ["32.71"]


def test_kabupaten_or_kota_by_written_prefix(extract):
    a = extract("Penanganan stunting di Kota Malang dan Kabupaten Malang dibahas bersama.")
    assert regencies(a) == ["35.07", "35.73"]


def test_bare_shared_name_follows_the_article(extract):
    a = extract("Pemkot Bekasi menambah posyandu. Di Bekasi, angka stunting turun berkat kader.")
    assert regencies(a) == ["32.75"]


def test_bare_shared_name_with_no_level_said_is_the_city(extract):
    # A kabupaten named like a city is written with its level somewhere ("Kabupaten Bogor",
    # "Bupati"); with none, the bare name is the city; with one, it is the kabupaten.
    a = extract("Posyandu di Bogor menggelar pemberian makanan tambahan bagi balita stunting. Kader di Bogor dilatih.")
    assert regencies(a) == ["32.71"] and provinces(a) == ["32"]
    b = extract("Posyandu di Kabupaten Bogor menggelar pemberian makanan tambahan bagi balita stunting. "
                "Kader di Bogor dilatih.")
    assert regencies(b) == ["32.01"]
    c = extract("Posyandu di Bogor menggelar pemberian makanan tambahan bagi balita stunting. Bupati meninjau kader.")
    assert regencies(c) == ["32.01"]


def test_names_that_are_ordinary_words_need_a_place_context(extract):
    a = extract("Nasib malang menimpa balita itu. Batang pohon tumbang. Pasukan menyerang. Padang rumput luas. "
                "Mereka mendaki ke Puncak gunung untuk kampanye gizi.")
    assert regencies(a) == []
    b = extract("Pemkab Batang dan Pemerintah Kabupaten Puncak menggelar rembuk stunting. Kader di Malang dilatih.")
    assert set(regencies(b)) >= {"33.25", "94.05"}
    assert provinces(b) == sorted({"33", "94", "35"})


def test_abbreviations_and_nicknames(extract):
    a = extract("TPPS Kaltim menggelar pendampingan keluarga berisiko stunting di Kukar dan PPU. Di Kota Minyak, "
                "posyandu aktif. Bumi Sanggam juga diperkuat.")
    assert provinces(a) == ["63", "64"]
    assert regencies(a) == ["63.11", "64.02", "64.09", "64.71"]


def test_an_article_without_an_effort_keeps_the_places_of_its_story(extract):
    # A story that only names stunting: its place is in the headline, dateline or lead, or named
    # again; a regency named once further down is a passing reference, and so is its province.
    body = ("Pedagang di pasar mengeluhkan harga cabai yang terus naik. Pembeli berkurang sejak pekan lalu. "
            "Menurut dia, stunting juga dibahas dalam rapat di Kabupaten Bondowoso. Harga bawang stabil.")
    a = extract("Harga cabai naik di Kabupaten Jember.\n\n" + body)
    assert a.relevance != "effort"
    assert regencies(a) == ["35.09"] and provinces(a) == ["35"]
    assert [(t.region.code, t.role) for t in a.mentioned_regions] == [("35.11", "hanya disebut sekali")]
    b = extract("Harga cabai naik di Kabupaten Jember.\n\n" + body + " Pasar Bondowoso sepi.")
    assert regencies(b) == ["35.09", "35.11"]
    c = extract("Harga beras naik.\n\n" + body)
    assert regencies(c) == [] and provinces(c) == []
    # An effort's places are wherever it happens, however often they are named.
    d = extract("Posyandu di Kabupaten Jember menggelar pemberian makanan tambahan bagi balita stunting. "
                "Kegiatan serupa digelar kader di Kabupaten Bondowoso.")
    assert d.relevance == "effort" and regencies(d) == ["35.09", "35.11"]


def test_towns_map_to_their_regency(extract):
    a = extract("Posyandu di Labuan Bajo mendapat bantuan alat ukur untuk pemantauan stunting.")
    assert regencies(a) == ["53.15"] and provinces(a) == ["53"]
    b = extract("Kader di Kecamatan Tanah Grogot dilatih mengukur balita.")
    assert regencies(b) == ["64.01"]


def test_dateline_does_not_count_on_its_own(extract):
    a = extract("SAMARINDA - Pemprov Kaltim menggelar pelatihan kader posyandu di Kabupaten Paser.")
    assert a.dateline == "Samarinda"
    assert regencies(a) == ["64.01"]


def mentioned(article):
    return {t.region.code: t.role for t in article.mentioned_regions}


def test_regions_named_for_comparison_are_mentioned_not_tagged(extract):
    a = extract("Pemprov Kaltim mencatat angka stunting tertinggi di Kutai Timur dan Bontang.")
    assert regencies(a) == [] and provinces(a) == ["64"]
    assert mentioned(a) == {"64.08": "perbandingan", "64.74": "perbandingan"}
    # ... unless the sentence says something must be done there.
    b = extract("Kutai Timur dan Bontang tertinggi stuntingnya, maka harus diselesaikan lebih dulu.")
    assert regencies(b) == ["64.08", "64.74"] and mentioned(b) == {}


def test_where_it_was_said_and_where_it_sat_are_mentioned(extract):
    a = extract("Pemkab Sigi menyalurkan PMT bagi balita, kata bupati di Palu. "
                "Rapat evaluasi digelar di Hotel Santika Makassar.")
    assert regencies(a) == ["72.10"]
    assert mentioned(a) == {"72.71": "tempat narasumber berbicara", "73.71": "tempat acara"}


def test_lower_case_and_glued_regency_names(extract):
    a = extract("Bantuan dibagikan kepada warga di wilayah kabupaten sorong.")
    assert regencies(a) == ["96.01"]
    b = extract("Kegiatan digelar di KabupatenSorong, Papua Barat Daya.")
    assert regencies(b) == ["96.01"]


def test_villages_after_their_own_word(extract):
    a = extract("Kader posyandu Desa Tanauge memasak makanan tambahan untuk balita.")
    assert regencies(a) == ["72.12"]


def test_where_a_speaker_spoke_does_not_count(extract):
    a = extract("\"Kami akan membantu balita stunting,\" kata Kepala Dinas Kesehatan Kabupaten Sigi di Palu, Senin.")
    assert regencies(a) == ["72.10"]


def test_institution_names_do_not_count(extract):
    a = extract("Mahasiswa Universitas Sumatera Utara melakukan pendampingan keluarga berisiko stunting di Kabupaten Karo.")
    assert regencies(a) == ["12.06"]
    assert provinces(a) == ["12"]


def test_baca_juga_lines_are_removed(extract):
    text = ("JAKARTA - Kemenkes memperkuat posyandu untuk pencegahan stunting.\n"
            "Baca juga: Pemkab Sleman luncurkan program gizi\n"
            "Program ini berjalan di Kabupaten Bantul.")
    a = extract(text)
    assert regencies(a) == ["34.02"]
    assert all("Sleman" not in p for p in a.paragraphs)


def test_province_and_capital_city_of_the_same_name(extract):
    a = extract("Pemprov Jambi menggelar rakor stunting. Pemerintah Kota Jambi menyiapkan PMT.")
    assert provinces(a) == ["15"] and regencies(a) == ["15.71"]
    b = extract("Angka stunting di Gorontalo turun.")
    assert provinces(b) == ["75"] and regencies(b) == []


def test_lowercase_words_are_not_names(extract):
    a = extract("warga desa itu hidup di tanah datar dan bekerja di kebun.")
    assert regencies(a) == [] and provinces(a) == []


def test_a_meeting_venue_does_not_count(extract):
    a = extract("Menteri membuka pertemuan regional tentang stunting di Swiss-Belhotel Harbour Bay Batam, Sabtu. "
                "Program PMT di Kabupaten Lingga diperluas.")
    assert regencies(a) == ["21.04"]


def test_a_region_inside_an_institutions_longer_name_is_only_mentioned(extract):
    a = extract("Mahasiswa Politeknik Kesehatan Kupang mendampingi keluarga berisiko stunting di Kabupaten Sikka.")
    assert regencies(a) == ["53.07"]
    b = extract("Mahasiswa Universitas Nusa Cendana Sikka mendampingi keluarga berisiko stunting di Kabupaten Ende.")
    assert regencies(b) == ["53.08"]
    assert mentioned(b) == {"53.07": "nama lembaga"}


def test_regions_in_a_link_to_another_story_are_only_mentioned(extract):
    a = extract("Kader posyandu di Kabupaten Sikka memberikan makanan tambahan bagi balita stunting. "
                "Baca Juga : Nenek Tewas di Lampung Timur Petugas datang ke lokasi.")
    assert regencies(a) == ["53.07"]
    assert mentioned(a).get("18.07") == "tautan berita lain"
