"""Indonesian search in Chromium, online (served) and offline (file://): affixed forms find each other."""
from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
import zipfile
from http.server import ThreadingHTTPServer

import pytest

from browser import browser_context, search
from test_browser import _QuietHandler

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# query -> words of titles of seed articles that must be among the results
EXPECTED = {
    "menangani": ["Perusahaan Adaro Group", "Pemerintah Kota Balikpapan", "Upaya penanganan kasus stunting"],
    "dilatih": ["Perusahaan Adaro Group", "Pemerintah Kota Balikpapan"],
    "berkunjung": ["Pemerintah Kota Balikpapan"],
    "dicegah": ["Perusahaan Adaro Group", "Pemerintah Kota Balikpapan", "Upaya penanganan kasus stunting",
                "Sekretaris Daerah Provinsi Kaltim"],
    "Balikpapan": ["Pemerintah Kota Balikpapan", "Upaya penanganan kasus stunting"],
    "balik": ["Pemerintah Kota Balikpapan", "Upaya penanganan kasus stunting"],
    "posyandu": ["Perusahaan Adaro Group", "Pemerintah Kota Balikpapan"],
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
    # Stop words alone find nothing, and do not flood a query.
    page.goto(home)
    with pytest.raises(Exception):
        search(page, "yang", timeout=3000)
    assert page.locator(".md-search-result__item").count() == 0


@pytest.fixture(scope="module")
def served(seed_site):
    handler = functools.partial(_QuietHandler, directory=str(seed_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_indonesian_search_online(served):
    with browser_context() as context:
        check_queries(context.new_page(), served)


def test_indonesian_search_offline(tmp_path):
    from conftest import make_project

    project = make_project(tmp_path / "project")
    out = tmp_path / "kb.zip"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "generator", "bundle", "--out", str(out)], cwd=project, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as zf:
        zf.extractall(tmp_path / "usb")
    outside = []
    with browser_context() as context:
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                      else (outside.append(route.request.url), route.abort()))
        check_queries(context.new_page(), (tmp_path / "usb" / "basis-pengetahuan-stunting" / "index.html").as_uri())
    assert outside == []
