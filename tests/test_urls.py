"""Page paths and links follow MkDocs' own rules, and live in one place."""
from __future__ import annotations

import posixpath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from generator import urls
from generator.build import build
from generator.config import BuildConfig

from conftest import ROOT

_PART = st.sampled_from(["wilayah", "aceh", "index", "program", "a-b", "2024", "03", "x"])
_PATH = st.lists(_PART, min_size=1, max_size=4).map(lambda parts: "/".join(parts) + ".md")


def _mkdocs_url(path: str, directory_urls: bool) -> str:
    return File(path, "/docs", "/site", directory_urls).url


@settings(max_examples=300, deadline=None)
@given(_PATH, st.booleans())
def test_page_url_is_mkdocs_file_url(path, directory_urls):
    assert urls.page_url(path, directory_urls) == _mkdocs_url(path, directory_urls)


@pytest.mark.slow
@settings(max_examples=500, deadline=None)
@given(_PATH, _PATH, st.booleans())
def test_links_between_pages_are_mkdocs_relative_urls(target, here, directory_urls):
    expected = get_relative_url(_mkdocs_url(target, directory_urls), _mkdocs_url(here, directory_urls))
    assert urls.link(target, here, directory_urls) == expected


@settings(max_examples=300, deadline=None)
@given(_PATH, _PATH)
def test_markdown_links_are_relative_source_paths(target, here):
    assert urls.source_link(target, here) == posixpath.relpath(target, posixpath.dirname(here) or ".")


def test_every_page_kind_has_one_home():
    assert urls.article("a-b") == "artikel/a-b.md"
    assert urls.province("Kalimantan Timur") == "wilayah/kalimantan-timur/index.md"
    assert urls.regency("Kalimantan Timur", "Kota Balikpapan") == "wilayah/kalimantan-timur/kota-balikpapan.md"
    assert urls.archive("wilayah/aceh/index.md", 2) == "wilayah/aceh/halaman-2.md"
    assert urls.archive("program/posyandu.md", 3) == "program/posyandu/halaman-3.md"
    assert urls.month(2024, 3) == "linimasa/2024/03.md"
    assert urls.section_of("sasaran/balita.md") == "targets" and urls.section_of("index.md") == ""


def test_slugs_are_stable_and_unique():
    assert urls.article_slug("000_677c019573854520") == "000_677c019573854520"
    odd = urls.article_slug("Berita Ä " + "x" * 100)
    assert len(odd) <= urls.MAX_SLUG and odd == urls.article_slug("Berita Ä " + "x" * 100)
    assert urls.article_slug("A b") != urls.article_slug("a-b")
    # A seed named "index" keeps clear of the articles' index page.
    assert urls.article(urls.article_slug("index")) != urls.index("articles") == "artikel/index.md"
    slugs = urls.unique_slugs(["PT ABC", "PT. ABC", "Dinas Kesehatan"])
    assert slugs["Dinas Kesehatan"] == "dinas-kesehatan"
    assert len(set(slugs.values())) == 3


@pytest.mark.slow
def test_renaming_a_section_is_one_change(tmp_path, monkeypatch):
    monkeypatch.setitem(urls.SECTIONS, "targets", "kelompok-sasaran")
    out = tmp_path / "generated"
    build(BuildConfig(seeds=ROOT / "seeds", output=out))
    assert (out / "kelompok-sasaran" / "index.md").is_file() and (out / "kelompok-sasaran" / "balita.md").is_file()
    assert not (out / "sasaran").exists()
    for page in out.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "sasaran/balita" not in text.replace("kelompok-sasaran/balita", ""), page
