"""The official survey prevalence shipped as reference data (data/official_prevalence.csv)."""
from __future__ import annotations

import csv

from conftest import ROOT, SHARED


def test_every_row_of_the_file_is_loaded_with_its_sources(reference):
    official = reference.official
    with open(ROOT / "generator" / "data" / "official_prevalence.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(official.values) == len(rows) == 158
    for row, value in zip(rows, official.values):
        assert (value.code, value.survey, value.year, value.prevalence) == (row["code"], row["survey"], int(row["year"]),
                                                                            float(row["prevalence"]))
        assert value.sources == tuple(row["sources"].split(";"))
        assert set(value.sources) <= set(official.sources)
    # The project's copy is the reference file as received.
    assert (ROOT / "generator" / "data" / "official_prevalence.csv").read_bytes() == \
        (SHARED / "reference" / "official_prevalence.csv").read_bytes()


def test_a_series_runs_from_the_oldest_survey_and_knows_the_papua_split(reference):
    official = reference.official
    assert [(v.label, v.prevalence) for v in official.national] == [
        ("SSGI 2021", 24.4), ("SSGI 2022", 21.6), ("SKI 2023", 21.5), ("SSGI 2024", 19.8)]
    papua = official.series("91")
    assert [v.label for v in papua] == ["SSGI 2021", "SSGI 2022", "SKI 2023"]
    assert [v.pre_split for v in papua] == [True, True, False]
    assert [v.label for v in official.series("94")] == ["SKI 2023"]  # Papua Tengah: no SSGI 2024 value published
    assert official.series("64.71") == ()  # no row: nothing, never a guess
    assert official.national_of("SKI", 2023).prevalence == 21.5


def test_the_map_shows_the_newest_survey_that_covers_the_provinces(reference):
    official = reference.official
    assert len(official.provinces_of("SSGI", 2024)) == 7
    assert official.map_survey(38) == ("SKI", 2023)
    assert len(official.provinces_of("SKI", 2023)) == 38


ASMAT = ("Pemkab Asmat perkuat posyandu untuk cegah stunting\n\n"
         "AGATS, Senin (3/6/2024) - Pemerintah Kabupaten Asmat memperkuat posyandu di setiap kampung untuk menurunkan "
         "stunting. Kader posyandu menimbang dan mengukur balita setiap bulan di Kabupaten Asmat.\n")


def test_a_regency_with_an_official_row_shows_it_as_a_table(build_kb):
    output, _, _ = build_kb({"asmat.txt": ASMAT})
    page = (output / "wilayah" / "papua-selatan" / "kabupaten-asmat.md").read_text(encoding="utf-8")
    official = page[page.index('<h2 id="survei-resmi"'):page.index('<h2 id="angka-dari-berita"')]
    # One survey (SSGI 2022, reported under the pre-split Papua): a table, no one-point chart.
    assert '<th scope="row">SSGI 2022</th><td style="text-align: right;">54,5%</td><td style="text-align: right;">21,6%</td>' in official
    assert "<svg" not in official
    province = (output / "wilayah" / "papua-selatan" / "index.md").read_text(encoding="utf-8")
    series = province[province.index('<h2 id="survei-resmi"'):province.index('<h2 id="angka-dari-berita"')]
    assert "SKI 2023" in series and "SSGI 2021" not in series  # Papua Selatan exists from SKI 2023 on
    papua = (output / "wilayah" / "papua" / "index.md").read_text(encoding="utf-8")
    assert '<th scope="row">SSGI 2021*</th>' in papua and "sebelum pemekaran 2022" in papua
    # In its chart no line joins the larger pre-split Papua to today's.
    assert "<title>Papua sebelum pemekaran 2022: 34,6%</title>" in papua and "<title>Papua 2023: 28,6%</title>" in papua


def test_a_province_without_an_official_value_is_grey_and_says_so(tmp_path):
    import shutil

    from generator.build import build
    from generator.config import BuildConfig

    data = tmp_path / "data"
    shutil.copytree(ROOT / "generator" / "data", data)
    path = data / "official_prevalence.csv"
    text = path.read_bytes().decode("utf-8")
    row = next(line for line in text.splitlines(keepends=True) if line.startswith("province,94,Papua Tengah,SKI,2023"))
    path.write_bytes(text.replace(row, "").encode("utf-8"))
    out = tmp_path / "out"
    build(BuildConfig(seeds=ROOT / "seeds", output=out, data=data))
    regions = (out / "wilayah" / "index.md").read_text(encoding="utf-8")
    prevalence = regions[regions.index('id="peta-prevalensi-judul"'):regions.index('id="peta-artikel-judul"')]
    tile = prevalence[prevalence.index('data-code="94"'):]
    tile = tile[:tile.index("</li>")]
    assert "kb-shade-0" in prevalence[prevalence.rindex("<li", 0, prevalence.index('data-code="94"')):][:60]
    assert "Papua Tengah: belum ada angka resmi SKI 2023" in tile and "data-value" not in tile
    assert "belum ada angka resmi SKI 2023" in prevalence[prevalence.index('class="kb-legend"'):]
