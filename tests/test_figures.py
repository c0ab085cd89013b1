"""Key figures: Indonesian notation, kinds and years, and what is not a figure."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.extract.figures import find_figures, parse_number


def figs(sentence):
    return [(f.kind, f.value, f.unit, f.year, f.subject) for f in find_figures([sentence])]


@pytest.mark.parametrize("raw,value", [("7.133", 7133), ("14,61", 14.61), ("1.500.000", 1500000), ("1,5", 1.5), ("450", 450)])
def test_indonesian_notation(raw, value):
    assert parse_number(raw) == value


@pytest.mark.parametrize("sentence,want", [
    ("Prevalensi stunting di kabupaten itu 14,61 persen pada 2023.", ("prevalence", 14.61, "percent", 2023, "stunting")),
    ("Angka stunting turun menjadi 18,5 persen tahun lalu.", ("prevalence", 18.5, "percent", None, "stunting")),
    ("Pemerintah menetapkan target stunting 14 persen pada 2024.", ("target", 14, "percent", 2024, "stunting")),
    ("Dana mencapai Rp 1,5 miliar untuk program ini.", ("budget", 1500000000, "IDR", None, "rupiah")),
    ("Setiap anak menerima Rp450 ribu setiap bulannya.", ("budget", 450000, "IDR", None, "rupiah")),
    ("Anggaran Rp2 triliun disiapkan.", ("budget", 2000000000000, "IDR", None, "rupiah")),
    ("Bantuan senilai Rp 1.500.000 per keluarga.", ("budget", 1500000, "IDR", None, "rupiah")),
    ("Sebanyak 7.133 bayi dan balita menerima makanan tambahan.", ("beneficiaries", 7133, "count", None, "bayi")),
    ("Ada 92 orang anak yang didampingi.", ("beneficiaries", 92, "count", None, "anak")),
    ("Tercatat 2.001 kasus di tahun 2022.", ("cases", 2001, "count", 2022, "kasus")),
    ("Program menjangkau 40 desa dan 120 posyandu.", ("places", 40, "count", None, "desa")),
    ("Lebih dari 300 kader posyandu dilatih.", ("workers", 300, "count", None, "kader")),
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


def test_seed_figures():
    from conftest import ROOT
    from generator.build import build
    from generator.config import BuildConfig
    import json
    import tempfile

    want = yaml.safe_load((Path(__file__).parent / "seeds-figures.yaml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        build(BuildConfig(seeds=ROOT / "seeds", docs=Path(tmp)))
        data = json.loads((Path(tmp) / "data" / "articles.json").read_text(encoding="utf-8"))
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
