"""The geometry of the pictures: classes, tiles, bars and lines."""
from __future__ import annotations

from generator.render import charts

LAYOUT = {"11": (0, 0, "ACEH"), "12": (1, 1, "SUMUT"), "13": (2, 0, "SUMBAR"), "14": (3, 2, "RIAU")}


def test_classes_have_equal_counts_and_readable_bounds():
    assert charts.breaks([]) == []
    bounds = charts.breaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    assert bounds == [2, 4, 6, 8, 10]
    assert charts.breaks([5, 5, 5]) == [5]  # no empty classes
    assert charts.shade_of(None, bounds) == 0 and charts.shade_of(1, bounds) == 1 and charts.shade_of(10, bounds) == 5
    assert charts.shade_of(5, [5]) == 1


def test_a_tile_map_has_every_province_and_says_where_there_is_no_data():
    rows = [("11", "Aceh", "wilayah/aceh/", 3, "3", "Aceh: 3 artikel"),
            ("12", "Sumatera Utara", "wilayah/sumatera-utara/", 0, "0", "Sumatera Utara: 0 artikel"),
            ("13", "Sumatera Barat", "wilayah/sumatera-barat/", None, "", ""),
            ("14", "Riau", "wilayah/riau/", 12, "12", "Riau: 12 artikel")]
    m = charts.tile_map("peta", "Peta", LAYOUT, rows, str, "artikel")
    assert [t.code for t in m.tiles] == ["11", "12", "13", "14"]
    by_code = {t.code: t for t in m.tiles}
    assert by_code["12"].shade == 0 and by_code["12"].label == "Sumatera Utara: belum ada data"
    assert by_code["13"].shade == 0 and by_code["13"].short == "–"
    assert by_code["11"].label == "Aceh: 3 artikel" and by_code["14"].shade > by_code["11"].shade
    assert (by_code["12"].col, by_code["12"].row) == (1, 1) and (m.cols, m.rows) == (4, 3)
    assert m.legend[0].label == "belum ada data" and m.legend[-1].label.endswith("12 artikel")


def test_bars_grow_with_their_values_and_their_ticks_never_crowd():
    c = charts.bar_chart("Artikel", [("Januari 2024", "Jan", "2024", 1), ("Februari 2024", "Feb", "", 4),
                                     ("Maret 2024", "Mar", "", 0)], "artikel")
    heights = [b.height for b in c.bars]
    assert heights[1] > heights[0] > heights[2] == 0
    assert c.top == 4 and all(b.y + b.height == c.height - 20 for b in c.bars)
    assert [b.x for b in c.bars] == sorted(b.x for b in c.bars)
    assert [b.subtick for b in c.bars] == ["2024", "", ""]
    many = charts.bar_chart("Artikel", [(f"bulan {i}", "Jan", "", i) for i in range(48)], "artikel")
    assert sum(1 for b in many.bars if b.tick) <= charts.MAX_TICKS


def test_lines_place_years_left_to_right_and_higher_values_higher():
    c = charts.line_chart("Prevalensi", {"Sigi": [(2022, 20.0), (2023, 15.0)], "Poso": [(2023, 30.0)]}, lambda v: f"{v}%")
    assert [year for _, year in c.years] == [2022, 2023]
    sigi = next(s for s in c.series if s.name == "Sigi")
    poso = next(s for s in c.series if s.name == "Poso")
    assert sigi.points[0].x < sigi.points[1].x and sigi.points[0].y < sigi.points[1].y  # 20% above 15%
    assert poso.points[0].y < sigi.points[0].y
    assert sigi.points[1].label == "Sigi 2023: 15.0%" and (sigi.points[1].year, sigi.points[1].text) == (2023, "15.0%")


def test_an_official_map_says_which_survey_has_no_value_and_names_it_in_the_legend():
    rows = [("11", "Aceh", "wilayah/aceh/", 29.4, "29,4%", "Aceh: 29,4% (SKI 2023)"),
            ("12", "Sumatera Utara", "wilayah/sumatera-utara/", None, "", ""),
            ("13", "Sumatera Barat", "wilayah/sumatera-barat/", 23.6, "23,6%", "Sumatera Barat: 23,6% (SKI 2023)"),
            ("14", "Riau", "wilayah/riau/", 13.6, "13,6%", "Riau: 13,6% (SKI 2023)")]
    m = charts.tile_map("peta", "Peta", LAYOUT, rows, str, "", missing="belum ada angka resmi SKI 2023",
                        source="Warna: prevalensi stunting SKI 2023")
    by_code = {t.code: t for t in m.tiles}
    assert by_code["12"].shade == 0 and by_code["12"].label == "Sumatera Utara: belum ada angka resmi SKI 2023"
    assert m.legend[0].label == "belum ada angka resmi SKI 2023" and m.source.endswith("SKI 2023")
    assert by_code["11"].shade > by_code["13"].shade > by_code["14"].shade > 0


def test_named_ticks_fit_inside_the_chart_and_the_axis_has_whole_steps():
    c = charts.line_chart("Resmi", {"Aceh": [(2021, 33.2), (2022, 31.2), (2023, 29.4)]}, lambda v: f"{v}%",
                          width=360, height=200, year_labels={2021: "SSGI 2021", 2022: "SSGI 2022", 2023: "SKI 2023"})
    assert dict(c.year_labels)[2023] == "SKI 2023"
    xs = [x for x, _ in c.years]
    # Half a 9-character label (about 25 px at 10 px) fits on either side.
    assert xs[0] >= 30 and xs[-1] <= c.width - 30
    assert [label for _, label in c.ticks] == ["0.0%", "10.0%", "20.0%", "30.0%", "40.0%"]
