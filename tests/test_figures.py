"""Key figures: Indonesian notation, kinds and years, and what is not a figure."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from generator.extract.figures import FigureRules, Place, find_figures, parse_number

RULES = FigureRules.load(ROOT / "generator" / "data" / "figures.yml")


def figs(sentence):
    return [(f.kind, f.value, f.unit, f.year, f.subject) for f in find_figures(RULES, [sentence])]


@pytest.mark.parametrize("raw,value", [("7.133", 7133), ("14,61", 14.61), ("1.500.000", 1500000), ("1,5", 1.5), ("450", 450)])
def test_indonesian_notation(raw, value):
    assert parse_number(raw) == value


@pytest.mark.parametrize("sentence,want", [
    ("Prevalensi stunting di kabupaten itu 14,61 persen pada 2023.", ("prevalence", 14.61, "percent", 2023, "stunting")),
    ("Angka stunting turun menjadi 18,5 persen tahun lalu.", ("prevalence", 18.5, "percent", None, "stunting")),
    ("Pemerintah menetapkan target stunting 14 persen pada 2024.", ("target", 14, "percent", 2024, "stunting")),
    ("Dana mencapai Rp 1,5 miliar untuk program ini.", ("budget", 1500000000, "IDR", None, "rupiah")),
    ("Setiap anak menerima Rp450 ribu setiap bulannya.", ("unit-cost", 450000, "IDR", None, "rupiah")),
    ("Anggaran Rp2 triliun disiapkan.", ("budget", 2000000000000, "IDR", None, "rupiah")),
    ("Bantuan senilai Rp 1.500.000 per keluarga.", ("unit-cost", 1500000, "IDR", None, "rupiah")),
    ("Sebanyak 7.133 bayi dan balita menerima makanan tambahan.", ("beneficiaries", 7133, "count", None, "bayi")),
    ("Ada 92 orang anak yang didampingi.", ("beneficiaries", 92, "count", None, "anak")),
    ("Tercatat 2.001 kasus di tahun 2022.", ("cases", 2001, "count", 2022, "kasus")),
    ("Program menjangkau 40 desa dan 120 posyandu.", ("places", 40, "count", None, "desa")),
    ("Lebih dari 300 kader posyandu dilatih.", ("workers", 300, "count", None, "kader posyandu")),
    ("Program berjalan di sembilan kabupaten.", ("places", 9, "count", None, "kabupaten")),
    ("Sebanyak 399 ibu hamil mendapat PMT.", ("beneficiaries", 399, "count", None, "ibu hamil")),
])
def test_figures_in_sentences(sentence, want):
    assert want in figs(sentence)


@pytest.mark.parametrize("sentence", [
    "Rapat digelar Rabu (12/6) pukul 17.11 WIB di aula.",
    "Kegiatan berlangsung pada 2024 dan akan dilanjutkan tahun 2025.",
    "Jumat, 10 Oktober 2025 17:11 WIB",
    "Hubungi 0812-3456-7890 atau (0541) 123456 untuk informasi.",
    "Lihat halaman 3 laporan tersebut.",
    "Perpres 72/2021 tentang percepatan penurunan stunting menjadi dasarnya.",
    "Sesuai Peraturan Presiden Nomor 72 Tahun 2021 dan UU No. 23 Tahun 2014.",
    "Pandemi Covid-19 menghambat kegiatan selama empat hari.",
    "Pada 1.000 hari pertama kehidupan gizi sangat menentukan.",
])
def test_not_figures(sentence):
    assert figs(sentence) == []


def test_seed_figures(seeds_output):
    import json

    want = yaml.safe_load((Path(__file__).parent / "seeds-figures.yaml").read_text(encoding="utf-8"))
    data = json.loads((seeds_output / "data" / "articles.json").read_text(encoding="utf-8"))
    by_id = {a["id"]: a for a in data["articles"]}
    for seed_id, wanted in want.items():
        got = by_id[seed_id]["figures"]
        for w in wanted:
            hits = [g for g in got if abs(g["value"] - w["value"]) < 1e-9 and g["unit"] == w["unit"]
                    and g["kind"] == w.get("kind", g["kind"]) and g["year"] == w.get("year", g["year"])]
            assert hits, (seed_id, w, got)
        for g in got:
            assert set(g) >= {"kind", "value", "unit", "year", "subject", "text"}
            # No figure is a year or a date part.
            assert not (g["unit"] == "count" and 1900 <= g["value"] <= 2100 and g["subject"] == "")


def fig(sentences, **context):
    return [(f.kind, f.value, f.year, f.scope, f.basis, f.since) for f in find_figures(RULES, sentences, **context)]


def test_a_goal_is_a_target_and_the_rate_before_it_a_prevalence():
    got = fig(["Angka stunting 21,3 persen itu ditargetkan turun menjadi 19,0 persen di tahun 2025 "
               "dan diharapkan mencapai 5,9 persen di tahun 2045."])
    assert [(k, v, y) for k, v, y, *_ in got] == [("prevalence", 21.3, None), ("target", 19, 2025), ("target", 5.9, 2045)]
    assert fig(["Pemkab menargetkan prevalensi di bawah 10 persen pada 2026."])[0][:3] == ("target", 10, 2026)


def test_money_per_child_is_a_unit_cost_and_a_total_a_budget():
    got = fig(["Setiap anak mendapat Rp300 ribu per bulan dari total anggaran Rp2,4 miliar."])
    assert [(k, v) for k, v, *_ in got] == [("unit-cost", 300000), ("budget", 2400000000)]


def test_totals_since_a_year_and_the_two_values_of_a_change():
    got = fig(["Sejak 2019, program menjangkau 12 kabupaten dan 4.000 keluarga.", "Total anggaran mencapai Rp5 miliar."])
    assert [(k, v, y, b, s) for k, v, y, _, b, s in got] == [
        ("places", 12, None, "since", 2019), ("beneficiaries", 4000, None, "since", 2019),
        ("budget", 5000000000, None, "since", 2019)]
    got = fig(["Lokus diperluas dari 15 desa menjadi 25 desa pada 2025."])
    assert [(v, y, b) for _, v, y, _, b, _ in got] == [(15, None, "before"), (25, 2025, "after")]


def test_stunted_children_are_cases_until_they_are_reached():
    got = fig(["Tercatat 310 anak stunting, namun baru 120 anak yang menerima bantuan."])
    assert [(k, v) for k, v, *_ in got] == [("cases", 310), ("beneficiaries", 120)]
    assert fig(["Jumlah penduduk miskin mencapai 2 juta orang."])[0][:2] == ("count", 2000000)


def test_a_figure_is_about_the_area_named_with_it():
    places = {0: [Place("72.12", 3)]}
    got = fig(["Di Morowali Utara, prevalensi stunting 24,7 persen pada 2023, jauh dari target nasional 14 persen."],
              places=places, home="72")
    assert [(v, s) for _, v, _, s, *_ in got] == [(24.7, "72.12"), (14, "national")]
    got = fig(["Program berjalan di sembilan kabupaten di tiga provinsi.", "Dana mencapai Rp6 miliar."], home="63.11")
    assert [s for *_, s, _b, _s in got] == ["", "", ""]
    assert fig(["Anggaran Rp2 miliar disiapkan."], home="63.11")[0][3] == "63.11"


def test_a_share_and_a_change_are_not_rates():
    got = fig(["Dana kesehatan Rp224 miliar (60,14%) untuk penanganan stunting.", "Angka stunting turun 2,5 persen."])
    assert [(k, v) for k, v, *_ in got] == [("budget", 224000000000), ("count", 60.14), ("count", 2.5)]


@pytest.mark.parametrize("sentence,want", [
    ("Prevalensi stunting di Kabupaten Sigi 20,1 persen pada 2022 dan 15,3 persen pada 2023.",
     [("prevalence", 20.1, 2022), ("prevalence", 15.3, 2023)]),
    ("Prevalensi stunting pada 2022 sebesar 20,1 persen, pada 2023 sebesar 15,3 persen, dan pada 2024 sebesar 12 persen.",
     [("prevalence", 20.1, 2022), ("prevalence", 15.3, 2023), ("prevalence", 12, 2024)]),
    ("Angka stunting tercatat 20,1 persen (2022), 15,3 persen (2023) dan 12 persen (2024).",
     [("prevalence", 20.1, 2022), ("prevalence", 15.3, 2023), ("prevalence", 12, 2024)]),
    ("Prevalensi stunting turun dari 20,1 persen pada 2022 menjadi 15,3 persen pada 2023.",
     [("prevalence", 20.1, None), ("prevalence", 15.3, 2023)]),
    ("Prevalensi stunting turun 2,1 persen menjadi 15,3 persen.", [("count", 2.1, None), ("prevalence", 15.3, None)]),
    ("Prevalensi stunting 20 persen, sedangkan cakupan imunisasi 95 persen.", [("prevalence", 20, None), ("count", 95, None)]),
])
def test_a_series_of_rates_keeps_its_kind_and_each_value_its_year(sentence, want):
    assert [(k, v, y) for k, v, _, y, _ in figs(sentence)] == want


def test_figure_gold_of_the_seeds_and_the_development_set(tmp_path):
    """Kind precision >= 0.9 on our own figure gold (tests/data/figures-gold.yaml)."""
    import json
    import sys

    from conftest import SHARED
    from generator.build import build
    from generator.config import BuildConfig

    sys.path.insert(0, str(ROOT / "tools"))
    from eval_figures import score

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for p in (ROOT / "seeds").glob("*.txt"):
        (seeds / p.name).write_bytes(p.read_bytes())
    dev = SHARED / "corpus" / "stunting_dev.jsonl"
    if dev.exists():
        for line in dev.read_text(encoding="utf-8").split("\n"):
            if line.strip():
                r = json.loads(line)
                (seeds / f"{r['id']}.txt").write_text(((r["title"] or "") + "\n\n" + r["text"]).strip(), encoding="utf-8")
    build(BuildConfig(seeds=seeds, output=tmp_path / "docs"))
    articles = {a["id"]: a for a in json.loads((tmp_path / "docs" / "data" / "articles.json").read_text())["articles"]}
    gold = yaml.safe_load((Path(__file__).parent / "data" / "figures-gold.yaml").read_text(encoding="utf-8"))
    result = score(articles, {k: v for k, v in gold.items() if k in articles})
    assert result["kind_precision"] >= 0.9, result
    assert result["figure_precision"] >= 0.85 and result["figure_recall"] >= 0.85, result
