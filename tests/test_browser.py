"""What a reader sees in Chromium: the served site, and the offline bundle from file://."""
from __future__ import annotations

from pathlib import Path

import pytest

from browser import browser_context, screenshot, search
from conftest import build_bundle, make_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def journey(page, home: str) -> None:
    """Home -> a province -> an article; then search "posyandu" and open a result."""
    page.goto(home)
    assert "Upaya penurunan stunting" in page.inner_text("h1")
    page.click(".md-tabs >> text=Wilayah")
    # The regions table (the map's own table of values is folded away in its <details>).
    page.locator("article table a:text-is(\"Kalimantan Timur\")").locator("visible=true").first.click()
    assert page.inner_text("h1").startswith("Kalimantan Timur")
    page.click("article li a:has-text(\"Upaya penanganan kasus stunting\")")
    assert "Upaya penanganan kasus stunting" in page.inner_text("h1")
    assert "Kota Balikpapan" in page.inner_text(".md-content")
    items = search(page, "posyandu")
    assert items.count() >= 2
    first_title = items.first.locator("h1, h2").first.inner_text()
    items.first.locator("a").first.click()
    page.wait_for_load_state()
    assert first_title.strip()[:20] in page.inner_text("h1")


def test_served_site_journey_and_screenshots(served_seed_site):
    served = served_seed_site
    with browser_context() as context:
        page = context.new_page()
        journey(page, served)
        page.goto(served + "artikel/000_677c019573854520/")
        screenshot(page, "article.png")
        search(page, "posyandu")
        screenshot(page, "search-results.png")
        page.goto(served)
        page.keyboard.press("Escape")
        assert page.locator(".kb-map .kb-tiles a").first.is_visible()
        screenshot(page, "home.png")
    for name in ("article.png", "search-results.png", "home.png"):
        assert (Path(__file__).parent.parent / "test-artifacts" / name).stat().st_size > 10_000


def test_offline_bundle_from_file_url_makes_no_other_requests(tmp_path):
    index = build_bundle(make_project(tmp_path / "project"), tmp_path / "kb.zip")
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with browser_context() as context:
        context.route("**/*", guard)
        page = context.new_page()
        journey(page, index.as_uri())
        screenshot(page, "offline-article.png")
    assert outside == []
