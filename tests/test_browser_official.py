"""Official numbers beside the news, as a reader sees them on a desktop and on a 390 px phone:
the map is coloured by the official survey named in its legend, a province page opens with its
official series, no target is drawn as prevalence, no page scrolls sideways, the official table
sorts (served and from file://), and axe finds no serious issue.

The site: the project's seeds and three more written here in their shape (a regency with three
years of prevalence in the news and a target, a passing mention, a long curated actor name)."""
from __future__ import annotations

import csv
import re
import shutil

import pytest

from browser import browser_context, open_page
from conftest import ROOT, make_project, mkdocs, serve
from generator.render import charts

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
WCAG = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']"
LONG_ACTOR = ("Yayasan Pemberdayaan Masyarakat Desa Tertinggal dan Pembangunan Keluarga Sejahtera Kawasan Indonesia "
              "Timur Berkelanjutan Bersama Mitra-Mitra Pembangunan Internasional")
SEEDS = {
    "sigi-tren.txt": f"""---
actors:
  - {{name: "{LONG_ACTOR}", type: masyarakat}}
  - {{name: Pemerintah Kabupaten Sigi, type: pemerintah-kabupaten-kota}}
---
Pemkab Sigi gencarkan posyandu untuk turunkan stunting

SIGI, Kamis (14/3/2024) - Pemerintah Kabupaten Sigi memperkuat posyandu di seluruh desa untuk menurunkan stunting. Dinas Kesehatan Kabupaten Sigi mencatat prevalensi stunting di Kabupaten Sigi sebesar 30,1 persen pada 2021, turun menjadi 25,3 persen pada 2022 dan 20,2 persen pada 2023.

Bupati Sigi menargetkan prevalensi stunting di Kabupaten Sigi turun menjadi 14 persen pada 2024. Kader posyandu di setiap desa melakukan penimbangan dan pengukuran balita setiap bulan, serta memberikan makanan tambahan bagi balita yang berat badannya tidak naik.

Sebuah yayasan ikut mendampingi keluarga berisiko stunting di Kabupaten Sigi dengan kunjungan rumah dan edukasi gizi bagi ibu hamil.
""",
    "palu-sekilas.txt": """Wali Kota Palu resmikan pasar rakyat

PALU, Senin (6/5/2024) - Wali Kota Palu meresmikan pasar rakyat di Kecamatan Palu Barat. Pasar ini diharapkan menggerakkan ekonomi warga dan menekan inflasi daerah.

Dalam sambutannya, wali kota juga menyinggung stunting sebagai salah satu persoalan kota, tetapi acara berfokus pada penataan pedagang dan kebersihan pasar.
""",
}
# (name, path without the directory-URL ending)
PAGES = [("beranda", ""), ("wilayah", "wilayah"), ("provinsi", "wilayah/sulawesi-tengah"),
         ("provinsi-seed", "wilayah/kalimantan-selatan"), ("kabupaten", "wilayah/sulawesi-tengah/kabupaten-sigi"),
         ("data", "data"), ("artikel-indeks", "artikel"), ("artikel-nama-panjang", "artikel/sigi-tren"),
         ("kurasi", "kurasi")]


def _official(level: str = "province") -> list[dict]:
    with open(ROOT / "generator" / "data" / "official_prevalence.csv", encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["level"] == level]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("official")
    seeds = folder / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    for name, text in SEEDS.items():
        (seeds / name).write_text(text, encoding="utf-8")
    project = make_project(folder / "project", seeds)
    result = mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def served(site):
    with serve(site) as url:
        yield url




@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_map_is_coloured_by_the_official_survey_named_in_its_legend(served, viewport):
    values = {r["code"]: float(r["prevalence"]) for r in _official() if (r["survey"], r["year"]) == ("SKI", "2023")}
    bounds = charts.breaks(list(values.values()))
    errors: list[str] = []
    with browser_context(viewport=viewport) as context:
        page = open_page(context, served, errors)
        figure = page.locator("figure[aria-labelledby='peta-prevalensi-judul']").first
        assert figure.is_visible()
        legend = page.locator("#peta-prevalensi-keterangan").inner_text()
        assert "SKI 2023" in legend, legend
        assert "SKI 2023" in page.locator("#peta-prevalensi-judul").inner_text()
        swatches = {}
        for shade in range(charts.SHADES + 1):
            swatch = figure.locator(f".kb-legend .kb-swatch.kb-shade-{shade}")
            if swatch.count():
                swatches[shade] = swatch.first.evaluate("e => getComputedStyle(e).backgroundColor")
        for code in ("53", "51", "64", "94"):  # NTT highest, Bali lowest, the seeds' Kaltim, Papua Tengah
            tile = figure.locator(f"li.kb-tile[data-code='{code}'] a")
            colour = tile.evaluate("e => getComputedStyle(e).backgroundColor")
            assert colour == swatches[charts.shade_of(values[code], bounds)], code
            assert f"{values[code]:g}".replace(".", ",") + "%" in tile.inner_text()
        # News figures never colour it: Kalimantan Selatan's tile is SKI 2023's 24,7%, not an article's 14,61%.
        kalsel = figure.locator("li.kb-tile[data-code='63'] a").get_attribute("title")
        assert kalsel == "Kalimantan Selatan: 24,7% (SKI 2023)"
    assert errors == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_province_page_opens_with_its_official_series(served, viewport):
    rows = {r["survey"] + " " + r["year"]: r["prevalence"] for r in _official() if r["code"] == "72"}
    errors: list[str] = []
    with browser_context(viewport=viewport) as context:
        page = open_page(context, served + "wilayah/sulawesi-tengah/", errors)
        headings = page.locator("article h2").all_inner_texts()
        assert headings[0].startswith("Prevalensi stunting menurut survei resmi"), headings
        news = [h for h in headings if h.startswith("Angka dari berita")]
        assert news and headings.index(news[0]) > 0
        section = page.locator("section.kb-official")
        table = section.locator("table:has(caption)")
        body = table.locator("tbody tr").all_inner_texts()
        assert [line.split("\t")[0].strip() for line in body] == list(rows), body
        for line in body:
            label, value, national = [c.strip() for c in line.split("\t")]
            assert value == f"{float(rows[label]):g}".replace(".", ",") + "%"
            assert national.endswith("%")
        assert "Kementerian Kesehatan" in section.inner_text()
        chart = section.locator("figure.kb-chart svg")
        assert chart.is_visible()
        box = chart.bounding_box()
        assert box["width"] <= viewport["width"]
        # Its labels stay readable: no axis label smaller than 8 px on the screen.
        sizes = chart.locator("text.kb-axis").evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
        assert sizes and min(sizes) >= 8, sizes
    assert errors == []


def test_no_target_is_drawn_as_prevalence(served, site):
    """Sigi's news gives 30,1 / 25,3 / 20,2% for 2021-2023 and a 14% target for 2024: the chart
    has the three measured years, the target stays in the target table."""
    errors: list[str] = []
    with browser_context() as context:
        for path in ("wilayah/sulawesi-tengah/", "wilayah/sulawesi-tengah/kabupaten-sigi/", "data/"):
            page = open_page(context, served + path, errors)
            labels = page.locator(".kb-chart svg circle title").all_text_contents()
            sigi = sorted(t for t in labels if t.startswith("Kabupaten Sigi"))
            if path != "data/":
                assert sigi == ["Kabupaten Sigi 2021: 30,1%", "Kabupaten Sigi 2022: 25,3%", "Kabupaten Sigi 2023: 20,2%"], labels
            assert not [t for t in labels if t.endswith(" 14%") or "2024: 14" in t], labels
            page.close()
        page = open_page(context, served + "data/", errors)
        assert "14%" in page.locator("xpath=//h3[@id='target']/following::table[1]").inner_text()
    assert errors == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_page_scrolls_sideways_and_axe_finds_no_serious_issue(served, viewport):
    from axe_playwright_python.base import AXE_SCRIPT

    problems, errors = [], []
    with browser_context(viewport=viewport) as context:
        for name, path in PAGES:
            page = open_page(context, served + (path + "/" if path else ""), errors)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > viewport["width"] + 1:
                problems.append(f"{name}: {width} px wide")
            result = page.evaluate(AXE_SCRIPT + f"\n;axe.run(document, {{runOnly: {{type: 'tag', values: {WCAG}}}}})")
            problems += [f"{name}: {v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in result["violations"]
                         if v["impact"] in ("serious", "critical")]
            page.close()
    assert problems == [] and errors == []


def _sorted_column(page, heading: str) -> list[str]:
    page.locator("#tabel-survei-resmi thead button", has_text=heading).click()
    return page.locator("#tabel-survei-resmi tbody tr td:nth-child(2)").all_inner_texts()


@pytest.mark.parametrize("where", ["served", "file"])
def test_the_official_table_sorts_online_and_from_a_file(served, site, where):
    values = {r["name"]: float(r["prevalence"]) for r in _official() if (r["survey"], r["year"]) == ("SKI", "2023")}
    url = served + "data/" if where == "served" else (site / "data" / "index.html").as_uri()
    errors: list[str] = []
    with browser_context() as context:
        page = open_page(context, url, errors)
        names = _sorted_column(page, "SKI 2023")
        assert [values[n] for n in names] == sorted(values.values())
        assert page.locator("#tabel-survei-resmi th[aria-sort=ascending]").inner_text().startswith("SKI 2023")
        names = _sorted_column(page, "SKI 2023")
        assert [values[n] for n in names] == sorted(values.values(), reverse=True)
        # A column with gaps: the provinces without an SSGI 2024 value go last.
        names = _sorted_column(page, "SSGI 2024")
        with_2024 = {r["name"] for r in _official() if (r["survey"], r["year"]) == ("SSGI", "2024")}
        assert set(names[:len(with_2024)]) == with_2024
        # The download is there.
        assert page.locator("a[href$='official_prevalence.csv']").count() == 1
    assert errors == []
    assert (site / "data" / "official_prevalence.csv").read_bytes() == \
        (ROOT / "generator" / "data" / "official_prevalence.csv").read_bytes()
    assert re.search(r"kemkes_ski2023_factsheet", (site / "data" / "official_prevalence_sumber.txt").read_text(encoding="utf-8"))
