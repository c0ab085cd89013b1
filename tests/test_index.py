"""The knowledge base's groupings, computed once from the articles."""
from __future__ import annotations

from dataclasses import replace

import pytest

from generator import urls
from generator.index import KnowledgeBase, shown_beyond_article
from generator.model import Tag


def _kb(extract, reference, texts: dict[str, str]):
    articles = [extract(text, name) for name, text in texts.items()]
    kb, problems = KnowledgeBase.build(articles, reference.taxonomy, reference.gazetteer)
    assert problems == []
    return kb


SIGI_2024 = "Sigi, Senin (3/6/2024) - Pemkab Sigi menggelar posyandu balita untuk menurunkan stunting di Desa Tanauge.\n"
SIGI_2023 = ("Sigi, Selasa (5/12/2023) - Dinas Kesehatan Sigi menggelar posyandu untuk menurunkan stunting. Prevalensi "
             "stunting di Kabupaten Sigi 20,1 persen pada 2022 dan 15,3 persen pada 2023.\n")
POSO = "Poso - Pemkab Poso menyalurkan PMT bagi ibu hamil untuk mencegah stunting.\n"
MENTION = "Palu - Wali Kota Palu meresmikan jalan baru. Ia juga menyinggung stunting dalam sambutannya.\n"
NONE = "Palu - Wali Kota Palu meresmikan pasar baru di Kecamatan Palu Barat.\n"


@pytest.fixture
def kb(extract, reference):
    return _kb(extract, reference, {"sigi-2024.txt": SIGI_2024, "sigi-2023.txt": SIGI_2023, "poso.txt": POSO,
                                    "mention.txt": MENTION, "none.txt": NONE})


def test_the_region_tree(kb):
    assert len(kb.provinces) == 38 and kb.provinces == sorted(kb.provinces, key=lambda e: e.region.code)
    sulteng = kb.regions["72"]
    assert sulteng.path == urls.province("Sulawesi Tengah")
    assert {a.id for a in sulteng.articles} >= {"sigi-2024", "sigi-2023", "poso"}
    sigi = kb.regions["72.10"]
    assert sigi in sulteng.children and [a.id for a in sigi.articles] == ["sigi-2024", "sigi-2023"]
    assert kb.has_page(sigi.region) and not kb.has_page(kb.regions["72.01"].region)


def test_efforts_first_newest_first_and_off_topic_out_of_lists(kb):
    assert [a.id for a in kb.articles][-1] == "mention"
    assert kb.articles.index(kb.articles_by_id(["sigi-2024"])[0]) < kb.articles.index(kb.articles_by_id(["sigi-2023"])[0])
    assert "none" not in {a.id for a in kb.articles} and "none" in {a.id for a in kb.every}
    assert all(a.date is not None for a in kb.articles[:2])


def test_terms_actors_and_time(kb):
    assert [a.id for a in kb.programme("posyandu").articles] == ["sigi-2024", "sigi-2023"]
    assert {a.id for a in kb.target_group("ibu-hamil").articles} == {"poso"}
    names = [e.name for e in kb.actors_in(kb.regions["72.10"].articles)]
    assert names and all(kb.actor(n).path.startswith("aktor/") for n in names)
    assert list(kb.years) == [2024, 2023] and list(kb.years[2024]) == [6]
    months = kb.articles_per_month()
    assert months[0][:2] == (2023, 12) and months[-1][:2] == (2024, 6) and len(months) == 7


def test_figures_are_placed_where_they_apply(kb):
    rows = kb.figures_in(kb.regions["72"].region)  # a province's include its regencies'
    assert [(r.figure.year, r.figure.value) for r in rows if r.figure.kind == "prevalence"] == [(2022, 20.1), (2023, 15.3)]
    assert kb.prevalence_series(rows) == {"Kabupaten Sigi": [(2022, 20.1), (2023, 15.3)]}
    # The newest news prevalence of a province: here a regency's, with its area and year.
    newest = kb.newest_news_prevalence(kb.regions["72"].region)
    assert (newest.figure.value, newest.figure.year, newest.area, newest.article.id) == (15.3, 2023, "Kabupaten Sigi", "sigi-2023")
    assert kb.newest_news_prevalence(kb.regions["11"].region) is None


def test_efforts_and_mentions_are_counted_apart(kb):
    sulteng = kb.regions["72"]
    assert {a.id for a in sulteng.efforts} >= {"sigi-2024", "sigi-2023", "poso"}
    assert all(a.relevant for a in sulteng.efforts) and all(not a.relevant for a in sulteng.mentions)
    assert [a.id for a in kb.newest(10, "effort")] == [a.id for a in kb.newest(10) if a.relevant]
    assert [a.id for a in kb.newest(10, "mention")] == ["mention"]


def test_related_articles_share_region_and_programmes(kb):
    sigi = kb.articles_by_id(["sigi-2024"])[0]
    assert [a.id for a in kb.related(sigi)][0] == "sigi-2023"
    assert "none" not in {a.id for a in kb.related(sigi)}


def test_an_article_with_an_unknown_id_is_left_out_not_fatal(extract, reference):
    good, odd = extract(POSO, "good.txt"), extract(SIGI_2024, "odd.txt")
    odd = replace(odd, programmes=(Tag("no-such-programme"),))
    kb, problems = KnowledgeBase.build([good, odd], reference.taxonomy, reference.gazetteer)
    assert [a.id for a in kb.every] == ["good"]
    assert problems[0].file == "odd.txt" and "no-such-programme" in problems[0].message


def test_only_certain_figures_leave_their_article(extract, reference):
    text = ("Sigi - Dinas Kesehatan Sigi menggelar posyandu untuk menurunkan stunting. Prevalensi stunting di Kabupaten "
            "Sigi 15,3 persen pada 2023. Sebanyak 92 balita di Kabupaten Sigi didampingi kader.\n")
    kb = _kb(extract, reference, {"sigi.txt": text})
    article = kb.every[0]
    assert {f.text: f.publishable for f in article.figures} == {"15,3 persen": True, "92 balita": False}
    # The figure without a year stays on its page, marked, and is listed for the curator.
    assert [r.figure.text for r in kb.figures] == ["15,3 persen"]
    assert [(d.field, d.value, d.reason) for d in article.doubts] == [("figures", "92 balita", "tahunnya belum jelas")]


def test_a_figure_of_an_article_that_names_no_region_is_national(extract):
    a = extract("Yayasan Peduli Anak menyalurkan makanan tambahan bagi 300 balita untuk mencegah stunting pada 2025.\n")
    assert not a.provinces and not a.regencies
    assert [(f.text, f.scope) for f in a.figures] == [("300 balita", "national")]


def test_only_figures_of_known_kind_area_and_year_about_stunting_leave_their_article(extract, reference):
    from generator.index import FigureRow
    from generator.model import Evidence, Figure

    sigi = extract(SIGI_2023, "sigi.txt")
    mention = extract(MENTION, "mention.txt")
    region = reference.gazetteer.regions["72.10"]
    def shown(r) -> bool:
        return shown_beyond_article(r, reference.publishing)  # data/publish.yml

    def row(article=sigi, region=region, **changes) -> FigureRow:
        base = dict(kind="prevalence", value=15.3, unit="percent", year=2023, subject="stunting", text="15,3 persen",
                    scope=region.code if region else "")
        return FigureRow(Figure(**{**base, **changes}), article, region)

    assert shown(row())
    assert shown(row(kind="target", value=14.0))  # a target is shown as a target, never as prevalence
    assert shown(row(region=None, scope="national"))
    assert not shown(row(year=None))  # no year
    assert not shown(row(region=None))  # no area
    assert not shown(row(kind="count", unit="count", subject="paket", value=9))  # a number of no known kind
    assert not shown(row(kind="beneficiaries", unit="count", subject="anak", value=9))  # "9 anak": of what?
    assert shown(row(kind="beneficiaries", unit="count", subject="balita", value=3200))
    assert not shown(row(subject="inflasi"))  # a rate, not of stunting
    # "menurunkan angka stunting secara nasional hingga 14 persen pada 2024", written in 2023: a goal
    assert not shown(row(region=None, scope="national", value=14.0, year=sigi.date.year + 1))
    assert not shown(row(article=mention))  # an article that only mentions stunting
    assert not shown(row(kind="budget", unit="IDR", subject="rupiah", value=7.9, text="Rp 7,9 Trilliun"))
    assert shown(row(kind="budget", unit="IDR", subject="rupiah", value=7.9e12, text="Rp 7,9 triliun",
                     evidence=Evidence("Dana Rp 7,9 triliun untuk percepatan penurunan stunting.")))
    kb, _ = KnowledgeBase.build([sigi, mention], reference.taxonomy, reference.gazetteer, reference.publishing)
    assert kb.figures and all(shown(r) for r in kb.figures)
    assert len(kb.figures) == len([f for f in sigi.figures if shown(FigureRow(f, sigi, reference.gazetteer.regions.get(f.scope)))])


def test_money_leaves_its_article_only_when_its_sentence_is_about_stunting(extract, reference):
    from generator.index import FigureRow
    from generator.model import Evidence, Figure

    sigi = extract(SIGI_2023, "sigi.txt")
    region = reference.gazetteer.regions["72.10"]
    def shown(r) -> bool:
        return shown_beyond_article(r, reference.publishing)

    def budget(sentence: str) -> FigureRow:
        return FigureRow(Figure("budget", 7e9, "IDR", 2023, "rupiah", "Rp 7 miliar", Evidence(sentence), region.code), sigi, region)

    assert shown(budget("Tahun 2023, Pemkab Sigi mengalokasikan Rp 7 miliar untuk mempercepat penurunan stunting."))
    assert shown(budget("Anggaran PMT bagi balita di Sigi mencapai Rp 7 miliar."))
    assert not shown(budget("Pada 2023 belanja negara untuk Sigi dialokasikan sebesar Rp 7 miliar."))  # a whole budget
