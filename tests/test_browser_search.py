"""Indonesian search in Chromium, online (served) and offline (file://): affixed forms find each other."""
from __future__ import annotations

import pytest

from browser import browser_context, search
from conftest import build_bundle, make_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# query -> words of titles of seed articles that must be among the results
EXPECTED = {
    "menangani": ["Perusahaan Adaro Group", "Pemkot Balikpapan", "Upaya penanganan kasus stunting"],
    "dilatih": ["Perusahaan Adaro Group", "Pemkot Balikpapan"],
    "berkunjung": ["Pemkot Balikpapan"],
    "dicegah": ["Perusahaan Adaro Group", "Pemkot Balikpapan", "Upaya penanganan kasus stunting",
                "Sekretaris Daerah Provinsi Kaltim"],
    "Balikpapan": ["Pemkot Balikpapan", "Upaya penanganan kasus stunting"],
    "balik": ["Pemkot Balikpapan", "Upaya penanganan kasus stunting"],
    "posyandu": ["Perusahaan Adaro Group", "Pemkot Balikpapan"],
}


def check_queries(page, home: str):
    for query, titles in EXPECTED.items():
        page.goto(home)
        search(page, query)
        page.wait_for_timeout(300)
        found = page.inner_text(".md-search-result__list")
        for title in titles:
            assert title in found, (query, title, found[:500])
        # Highlighting still marks words, and marks are well-formed.
        html = page.inner_html(".md-search-result__list")
        assert html.count("<mark>") == html.count("</mark>") > 0, query
    # A word found on a page is never called missing there: Material's "Tidak ada: ~~menangani~~"
    # judged one section of a page (the words are in another), so the line is not shown.
    page.goto(home)
    search(page, "menangani stunting")
    page.wait_for_timeout(300)
    shown = page.inner_text(".md-search-result__list")
    assert "Pemkot Balikpapan" in shown and "Tidak ada" not in shown, shown[:800]
    # Stop words alone find nothing, and do not flood a query. (Typed at once:
    # letter by letter, "y*" and "ya*" would briefly show results.)
    page.goto(home)
    page.keyboard.press("/")
    page.wait_for_function("() => !/Mempersiapkan/.test(document.querySelector('.md-search-result__meta').textContent)")
    page.fill("input[data-md-component=search-query]", "yang")
    page.wait_for_timeout(1500)
    assert page.locator(".md-search-result__item").count() == 0


def test_indonesian_search_online(served_seed_site):
    with browser_context() as context:
        check_queries(context.new_page(), served_seed_site)


def test_indonesian_search_offline(tmp_path):
    index = build_bundle(make_project(tmp_path / "project"), tmp_path / "kb.zip")
    outside = []
    with browser_context() as context:
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                      else (outside.append(route.request.url), route.abort()))
        check_queries(context.new_page(), index.as_uri())
    assert outside == []
