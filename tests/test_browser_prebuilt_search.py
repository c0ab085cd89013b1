"""The prebuilt, split search index of large sites (generator/search/shards.py and
worker.js), switched on for the seed site: the same Indonesian search as Material's,
online and offline, with every word of every article and without downloading the texts."""
from __future__ import annotations

import json
import re

import pytest

from browser import browser_context, search
from conftest import build_bundle, make_project, mkdocs
from test_browser_search import check_queries

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def prebuilt(project):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"search_index: .*", "search_index: prebuilt", text), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def prebuilt_site(tmp_path_factory):
    project = prebuilt(make_project(tmp_path_factory.mktemp("prebuilt") / "project"))
    result = mkdocs(project, "build", "--strict", "-d", "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def served_prebuilt(prebuilt_site):
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    requested: list[str] = []

    class Recording(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            requested.append(self.path)
            super().do_GET()

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Recording, directory=str(prebuilt_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", requested
    server.shutdown()


def test_the_index_the_page_downloads_holds_no_texts(prebuilt_site):
    index = json.loads((prebuilt_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == [] and index["config"]["lang"] == ["id"]
    shards = list((prebuilt_site / "search" / "kb" / "t").iterdir())
    assert len(shards) > 50
    worker = next((prebuilt_site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    assert "kbSearchShard" in worker.read_text(encoding="utf-8")


def test_indonesian_search_with_the_prebuilt_index_online(served_prebuilt):
    home, requested = served_prebuilt
    with browser_context() as context:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        check_queries(page, home)
        # A word of one article only, near the end of its text.
        requested.clear()
        page.goto(home)
        search(page, "kompetensi")
        page.wait_for_timeout(300)
        results = page.inner_text(".md-search-result__list")
        assert "Perusahaan Adaro Group" in results
        assert page.locator(".md-search-result__item").count() == 1
        shards = [p for p in requested if p.startswith("/search/kb/t/")]
        assert 0 < len(shards) <= 12, shards  # the shards of the words typed, not the whole index
        # Articles before index pages, as with Material's search.
        page.goto(home)
        search(page, "menangani stunting")
        first = page.locator(".md-search-result__item").first.inner_text()
        assert "stunting" in first.lower() and first.split("\n")[0] not in ("Tentang", "Program")
        assert errors == []


def test_indonesian_search_with_the_prebuilt_index_offline(tmp_path):
    index = build_bundle(prebuilt(make_project(tmp_path / "project")), tmp_path / "kb.zip")
    assert (index.parent / "search" / "kb" / "index.js").exists()
    outside = []
    with browser_context() as context:
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                      else (outside.append(route.request.url), route.abort()))
        page = context.new_page()
        check_queries(page, index.as_uri())
        page.goto(index.as_uri())
        search(page, "kompetensi")
        assert "Perusahaan Adaro Group" in page.inner_text(".md-search-result__list")
    assert outside == []
