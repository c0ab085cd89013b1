"""The seed site built by `mkdocs build --strict`: every article reachable, every index complete."""
from __future__ import annotations

import html
import json
import re

import pytest

from conftest import ROOT
from htmlsite import article_page, broken_links, links, reachable

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def records(seed_site):
    return json.loads((seed_site / "data" / "articles.json").read_text(encoding="utf-8"))["articles"]


def test_every_article_page_is_reachable_from_home(seed_site, records):
    seen = reachable(seed_site, seed_site / "index.html")
    assert len(records) == 5
    for r in records:
        assert article_page(seed_site, r) in seen, r["id"]


def _page(site, path):
    return (site / path / "index.html").resolve()


def test_region_and_programme_pages_link_to_all_their_articles(seed_site, records):
    checked = 0
    for r in records:
        me = article_page(seed_site, r)
        for prov in r["provinces"]:
            pages = [p for p in (seed_site / "wilayah").iterdir() if p.is_dir() and (p / "index.html").exists()]
            page = next(p / "index.html" for p in pages if f"kode {prov['code']}<" in (p / "index.html").read_text(encoding="utf-8"))
            assert me in links(seed_site, page), (prov, r["id"])
            checked += 1
        for reg in r["regencies"]:
            hits = [p for p in (seed_site / "wilayah").rglob("index.html") if f"kode {reg['code']}<" in p.read_text(encoding="utf-8")]
            assert len(hits) == 1, reg
            assert me in links(seed_site, hits[0]), (reg, r["id"])
            checked += 1
        for prog in r["programmes"]:
            assert me in links(seed_site, _page(seed_site, f"program/{prog}")), (prog, r["id"])
            checked += 1
        for t in r["target_groups"]:
            assert me in links(seed_site, _page(seed_site, f"sasaran/{t}")), (t, r["id"])
        for t in r["actor_types"]:
            assert me in links(seed_site, _page(seed_site, f"aktor/jenis/{t}")), (t, r["id"])
    assert checked > 40


def test_no_link_in_the_site_is_broken(seed_site):
    # Entry pages are HTML with URLs the generator computed: MkDocs does not check them.
    assert broken_links(seed_site) == []


def test_article_page_has_its_table_of_contents(seed_site, records):
    html = article_page(seed_site, records[0]).read_text(encoding="utf-8")
    toc = html.split('data-md-component="toc"', 1)[1].split("</nav>", 1)[0]
    assert 'href="#teks-berita"' in toc and "Teks berita" in toc
    assert '<h1 id="judul">' + records[0]["title"].split()[0] in html


def test_region_index_lists_all_38_provinces(seed_site):
    html = (seed_site / "wilayah" / "index.html").read_text(encoding="utf-8")
    table = html[html.index("<th>Kode</th>"):]
    assert table[:table.index("</table>")].count("<tr>") == 38
    assert "Papua Barat Daya" in html and "Kalimantan Timur" in html


def test_article_page_shows_breadcrumb_chips_evidence_and_text(seed_site, records):
    r = next(r for r in records if r["id"].startswith("000_"))
    html = article_page(seed_site, r).read_text(encoding="utf-8")
    assert "Kalimantan Selatan</a> › <a" in html and "Kabupaten Balangan</a>" in html
    assert 'class="kb-chip"' in html
    assert "Mengapa artikel ini ditandai begini" in html
    assert "Adaro Group memperluas intervensi penanganan stunting" in html
    assert "<strong>Rp 1,5 miliar</strong>" in html  # the evidence of a figure, its words in bold


def test_nav_lists_sections_not_articles(seed_site, records):
    home = (seed_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index("md-nav--primary"):home.index('<div class="md-content"')]
    assert "Wilayah" in nav and "Program" in nav
    for r in records:
        assert r["title"] not in nav


def test_html_lang_is_indonesian(seed_site):
    assert '<html lang="id"' in (seed_site / "index.html").read_text(encoding="utf-8")


def test_two_site_builds_give_the_same_html(seed_site, tmp_path):
    from conftest import make_project, mkdocs

    project = make_project(tmp_path / "again")
    assert mkdocs(project, "build", "--strict", "-d", "site").returncode == 0
    other = project / "site"
    ours = {p.relative_to(seed_site) for p in seed_site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(other) for p in other.rglob("*") if p.is_file()}
    assert ours == theirs
    # MkDocs stamps the build date into the sitemap; everything else is ours and stable.
    for rel in sorted(ours):
        if rel.name.startswith("sitemap.xml"):
            continue
        assert (seed_site / rel).read_bytes() == (other / rel).read_bytes(), rel


def test_home_links_the_curator_page(seed_site):
    assert (seed_site / "kurasi" / "index.html").resolve() in links(seed_site, seed_site / "index.html")


def _svgs(html: str) -> list[str]:
    import re
    return re.findall(r"<svg\b.*?</svg>", html, flags=re.S)


def test_province_map_is_a_list_of_links_to_every_province(seed_site, records):
    import re

    for page in (seed_site / "index.html", seed_site / "wilayah" / "index.html"):
        html = page.read_text(encoding="utf-8")
        maps = re.findall(r'<ol class="kb-tiles".*?</ol>', html, flags=re.S)
        assert len(maps) == 2  # by articles, by prevalence
        for tiles in maps:
            anchors = re.findall(r'<a href="([^"]+)" title="([^"]+)">', tiles)
            assert len(anchors) == 38
            targets = {(page.parent / href).resolve() / "index.html" for href, _ in anchors}
            with_articles = {p["code"] for r in records for p in r["provinces"]}
            for prov_dir in (seed_site / "wilayah").iterdir():
                index = prov_dir / "index.html"
                if index.exists() and any(f"kode {c}<" in index.read_text(encoding="utf-8") for c in with_articles):
                    assert index.resolve() in targets, prov_dir
        prevalence, counts = maps
        assert 'class="kb-sr">Kalimantan Timur: 3 artikel upaya<' in counts and "Aceh: belum ada data" in counts
        # The official survey colours the map, never the news: Kalimantan Selatan shows SKI 2023's 24,7%,
        # not the 14,61% an article gives for one of its regencies.
        assert "Kalimantan Selatan: 24,7% (SKI 2023)" in prevalence and "14,61" not in prevalence
        assert "Warna: prevalensi stunting SKI 2023" in html
        official = {row["code"]: float(row["prevalence"]) for row in _official_rows()
                    if (row["level"], row["survey"], row["year"]) == ("province", "SKI", "2023")}
        tiles = dict(re.findall(r'data-code="(\d\d)" data-value="([\d.]+)"', prevalence))
        assert len(official) == 38 and {code: float(v) for code, v in tiles.items()} == official


def _official_rows() -> list[dict]:
    import csv

    with open(ROOT / "generator" / "data" / "official_prevalence.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_charts_are_well_formed(seed_site):
    import xml.etree.ElementTree as ET

    for page in ("linimasa/index.html", "wilayah/kalimantan-selatan/index.html"):
        svgs = _svgs((seed_site / page).read_text(encoding="utf-8"))
        assert svgs, page
        for svg in svgs:
            ET.fromstring(svg)
    data = (seed_site / "data" / "index.html").read_text(encoding="utf-8")
    # One news figure of Balangan: a table row, not a one-point chart.
    assert "Kabupaten Balangan" in data and "14,61%" in data
    assert "Kabupaten Balangan 2023: 14,61%" not in data
    # Every chart has its data as a table: the bars a "Data grafik" table, the official series the table after it.
    assert "<summary>Data grafik</summary>" in (seed_site / "linimasa" / "index.html").read_text(encoding="utf-8")
    province = (seed_site / "wilayah" / "kalimantan-selatan" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"</figure>\s*<div class=\"kb-scroll\" tabindex=\"0\">\s*<table>\s*<caption>Prevalensi stunting balita", province)


def test_region_pages_open_with_the_official_series_then_the_news(seed_site):
    html = (seed_site / "wilayah" / "kalimantan-selatan" / "index.html").read_text(encoding="utf-8")
    official, news = html.index('<h2 id="survei-resmi"'), html.index('<h2 id="angka-dari-berita"')
    assert html.index("<h1") < official < news < html.index('<h2 id="artikel"')
    series = html[official:news]
    for label, value, national in (("SSGI 2021", "30%", "24,4%"), ("SSGI 2022", "24,6%", "21,6%"), ("SKI 2023", "24,7%", "21,5%")):
        assert re.search(rf"<th scope=\"row\">{label}</th><td[^>]*>{value}</td><td[^>]*>{national}</td>", series), label
    assert "SSGI 2024" not in series.split("<table>")[1]  # no row in the file: nothing, never a guess
    assert "Kementerian Kesehatan" in series and "<svg" in series
    assert "14,61%" in html[news:]
    regency = (seed_site / "wilayah" / "kalimantan-selatan" / "kabupaten-balangan" / "index.html").read_text(encoding="utf-8")
    assert 'id="survei-resmi"' not in regency  # no official row for Balangan: no official section
    assert "Angka dari berita" in regency and "14,61%" in regency and "Rp1,5 miliar" in regency


def test_article_pages_load_our_stylesheet_and_keep_chips_out_of_search(seed_site):
    html = (seed_site / "artikel" / "000_677c019573854520" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../assets/kb.css"' in html and (seed_site / "assets" / "kb.css").exists()
    index = json.loads((seed_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    article_text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("artikel/000_"))
    assert "Adaro Group memperluas intervensi" in article_text
    assert "Penguatan posyandu Data, sistem informasi" not in article_text  # the chips


def test_uncertain_values_are_listed_for_the_curator_and_marked_on_their_page(seed_site):
    curator = (seed_site / "kurasi" / "index.html").read_text(encoding="utf-8")
    section = curator.split('id="perlu-dicek"', 1)[1].split("<h2", 1)[0]
    assert "92 orang anak" in section and "tahunnya belum jelas" in section
    page = next(p for p in (seed_site / "artikel").rglob("index.html") if "92 orang anak" in p.read_text(encoding="utf-8"))
    assert "belum pasti: tahunnya belum jelas" in page.read_text(encoding="utf-8")


def test_an_actor_only_named_is_listed_for_the_curator_with_its_sentence_and_confirming_line(seed_site):
    curator = (seed_site / "kurasi" / "index.html").read_text(encoding="utf-8")
    section = curator.split('id="perlu-dicek"', 1)[1].split("<h2", 1)[0]
    # Seed 002 names DP3AKB Kota Balikpapan only as its speaker's employer.
    item = next(li for li in section.split("<li>") if "<code>actors</code>" in li and "DP3AKB Kota Balikpapan" in li)
    item = html.unescape(item.split("</li>", 1)[0])
    assert "hanya disebut" in item and "Alwiati mengatakan" in item
    assert 'actors: [{name: "DP3AKB Kota Balikpapan", type: pemerintah-kabupaten-kota}' in item


def test_every_article_is_listed_by_year_on_the_article_index(seed_site, records):
    html = (seed_site / "artikel" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in html and "Semua artikel" in html
    for r in records:
        assert f'href="{r["id"]}/"' in html, r["id"]
    years = re.findall(r'<h2 id="tahun-(\d{4})"', html)
    assert years == sorted(years, reverse=True) and years
    assert 'id="tanpa-tanggal"' in html  # 001 has no date


def test_a_date_that_is_not_stated_in_full_says_so(seed_site):
    def page(seed_id: str) -> str:
        return (seed_site / "artikel" / seed_id / "index.html").read_text(encoding="utf-8")

    assert "Tahun diperkirakan" in page("000_677c019573854520")  # "Rabu (12/6)": the year the weekday fits
    assert "tidak menyebut tanggal terbitnya" in page("001_61679519f178c8a6")
    assert "Tahun diperkirakan" not in page("003_3fc613008b70f62d")


def test_curator_headings_show_field_names_as_code(seed_site):
    html = (seed_site / "kurasi" / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h3[^>]*>(.*?)</h3>", html, flags=re.S)
    assert any("<code>programmes</code>" in h for h in headings), headings
    assert not [h for h in headings if "`" in h]
