"""Headless Chromium for the browser tests: Debian's chromium driven by Playwright.

Nothing is downloaded: Playwright is pointed at the system browser. Every
test gets a fresh user-data dir.
"""
from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"]


def chromium_path() -> str | None:
    # Debian's chromium; Google Chrome where a CI runner has that instead.
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@contextmanager
def browser_context(viewport: dict | None = None):
    path = chromium_path()
    if path is None:
        pytest.skip("Chromium is not installed (Debian package 'chromium'; .ci/run installs it)")
    playwright = pytest.importorskip("playwright.sync_api")
    with tempfile.TemporaryDirectory() as profile, playwright.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(profile, executable_path=path, args=CHROMIUM_ARGS,
                                                       headless=True, viewport=viewport or {"width": 1280, "height": 900})
        try:
            yield context
        finally:
            context.close()


def open_page(context, url: str, errors: list[str]):
    """A new page at `url`, loaded; its script errors are added to `errors`."""
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(f"{url}: {e}"))
    page.goto(url)
    page.wait_for_load_state("load")
    return page


def search(page, query: str, timeout: int = 15000):
    """Type a query into Material's search once it is ready; returns the result items."""
    page.wait_for_load_state("load")
    page.keyboard.press("/")
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/Mempersiapkan|Initializing/.test(m.textContent); }", timeout=30000)
    page.fill("input[data-md-component=search-query]", "")
    page.type("input[data-md-component=search-query]", query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=timeout)
    return page.locator(".md-search-result__item")


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=False)
    return path
