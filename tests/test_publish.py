"""Publishing: the offline bundle, feeds, sitemap, lead-only mode, glossary, the Pages workflow."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_bundle, make_project, plugin_env
from htmlsite import broken_links

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("bundle") / "project")
    out = project / "dist" / "kb.zip"
    build_bundle(project, out)
    return out


def test_bundle_has_one_top_folder_with_index_html(bundle):
    names = zipfile.ZipFile(bundle).namelist()
    tops = {n.split("/")[0] for n in names}
    assert tops == {"basis-pengetahuan-stunting"}
    assert "basis-pengetahuan-stunting/index.html" in names
    assert "basis-pengetahuan-stunting/search/search_index.js" in names
    assert "basis-pengetahuan-stunting/artikel/000_677c019573854520.html" in names


def test_bundle_pages_reference_nothing_outside(bundle):
    with zipfile.ZipFile(bundle) as zf:
        for name in zf.namelist():
            if not name.endswith(".html"):
                continue
            html = zf.read(name).decode("utf-8")
            for tag, attr, url in re.findall(r"<(script|link|img|iframe|source)\b[^>]*?\b(src|href)=\"([^\"]+)\"", html):
                assert not re.match(r"^(https?:)?//", url), (name, tag, url)
            assert "fonts.googleapis" not in html and "unpkg.com" not in html, name
            assert "iframe-worker-shim.js" in html, name
            assert '"navigation.instant"' not in html, name


def test_bundle_links_reach_its_own_files(bundle):
    # The bundle uses .html URLs: entry pages must have been generated with them.
    site = bundle.parent / "usb" / "basis-pengetahuan-stunting"
    assert (site / "artikel" / "000_677c019573854520.html").exists()
    assert broken_links(site) == []


def test_bundle_is_deterministic(bundle, tmp_path):
    from generator.bundle import write_zip

    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(tmp_path)
    again = tmp_path / "again.zip"
    write_zip(tmp_path / "basis-pengetahuan-stunting", again)
    assert again.read_bytes() == bundle.read_bytes()


@pytest.fixture(scope="module")
def public_site(tmp_path_factory) -> Path:
    """The site as the Pages workflow builds it: site URL set, lead paragraphs only."""
    project = make_project(tmp_path_factory.mktemp("public") / "project")
    (project / "seeds" / "005_url.txt").write_text(
        "---\nurl: https://contoh.example/berita/pmt-sigi\n---\n"
        "Sigi - Pemkab Sigi menyalurkan PMT kepada 120 balita stunting.\nKalimat kedua tidak ikut terbit.\n", encoding="utf-8")
    env = plugin_env(SITE_URL="https://example.org/kb/", KB_FULL_TEXT="false")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_sitemap_has_absolute_urls(public_site):
    root = ET.parse(public_site / "sitemap.xml").getroot()
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs and all(loc.startswith("https://example.org/kb/") for loc in locs)
    assert "https://example.org/kb/artikel/000_677c019573854520/" in locs


def test_feeds(public_site):
    rss = ET.parse(public_site / "feed.xml").getroot()
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    items = rss.findall("./channel/item")
    assert len(items) == 6
    assert rss.find("./channel/lastBuildDate") is None
    assert items[0].findtext("link") == "https://example.org/kb/artikel/004_958a61920b972913/"
    assert items[0].findtext("pubDate") == "Fri, 10 Oct 2025 00:00:00 +0000"
    feed = json.loads((public_site / "feed.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert [i["id"] for i in feed["items"]][:2] == ["004_958a61920b972913", "003_3fc613008b70f62d"]
    assert feed["feed_url"] == "https://example.org/kb/feed.json"
    province = ET.parse(public_site / "wilayah" / "kalimantan-timur" / "feed.xml").getroot()
    assert len(province.findall("./channel/item")) == 3
    home = (public_site / "index.html").read_text(encoding="utf-8")
    assert 'type="application/rss+xml"' in home and 'type="application/feed+json"' in home


def test_lead_only_mode_credits_and_links_the_source(public_site):
    html = (public_site / "artikel" / "005_url" / "index.html").read_text(encoding="utf-8")
    assert "Pemkab Sigi menyalurkan PMT" in html
    assert "Kalimat kedua tidak ikut terbit" not in html.split("Teks berita", 1)[1].split("Mengapa artikel", 1)[0]
    assert 'href="https://contoh.example/berita/pmt-sigi"' in html
    assert "Teks lengkap ada pada sumber aslinya" in html
    other = (public_site / "artikel" / "000_677c019573854520" / "index.html").read_text(encoding="utf-8")
    assert "<dt>Sumber</dt><dd>ANTARA" in other and "Teks berita milik ANTARA" in other


def test_full_text_is_the_default(seed_site):
    html = (seed_site / "artikel" / "000_677c019573854520" / "index.html").read_text(encoding="utf-8")
    assert "Ia menyebutkan, persoalan stunting bukan sekadar masalah" in html


def test_glossary_tooltips_and_page(seed_site):
    html = (seed_site / "artikel" / "003_3fc613008b70f62d" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Tim Percepatan Penurunan Stunting">TPPS</abbr>' in html
    glossary = (seed_site / "glosarium" / "index.html").read_text(encoding="utf-8")
    for term in ("TPPS", "PMT", "KEK", "BKKBN", "DP3AKB", "catin", "posyandu", "HPK", "SSGI", "TJSL"):
        assert f">{term}<" in glossary, term


def test_footer_links_data_and_feeds(seed_site):
    html = (seed_site / "wilayah" / "kalimantan-timur" / "index.html").read_text(encoding="utf-8")
    footer = html[html.index('class="md-copyright"'):]
    assert 'href="../../data/"' in footer and 'href="../../feed.xml"' in footer


def test_pages_workflow():
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    on = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare `on` as true
    assert on["push"]["branches"] == ["main"]
    assert wf["permissions"]["pages"] == "write" and wf["permissions"]["id-token"] == "write"
    steps = [s for job in wf["jobs"].values() for s in job["steps"]]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    for action in ("actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses, action
    assert wf["jobs"]["deploy"]["needs"] == "build"
    assert wf["jobs"]["build"]["needs"] == "test"  # nothing is deployed that fails the tests
    assert "bash .ci/run" in " ".join(s.get("run", "") for s in wf["jobs"]["test"]["steps"])
    assert wf["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    # Every action pinned to a commit, not to a tag that can be moved.
    for step in steps:
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    runs = " && ".join(s.get("run", "") for s in steps)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    install = "python3 -m venv .venv && . .venv/bin/activate && pip install --no-deps --require-hashes -r requirements.lock"
    assert install in runs and install in readme
    assert "mkdocs build --strict" in runs and "mkdocs build --strict" in readme
    build_env = next(s["env"] for s in steps if "mkdocs build" in s.get("run", ""))
    assert "steps.pages.outputs.base_url" in build_env["SITE_URL"]
    assert "KB_FULL_TEXT" in build_env
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"


def test_workflow_passes_actionlint_when_available():
    import shutil

    tool = shutil.which("actionlint")
    if tool is None:
        pytest.skip("actionlint not installed (its PyPI wheel downloads a binary; the schema test above runs instead)")
    result = subprocess.run([tool, str(ROOT / ".github" / "workflows" / "pages.yml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_a_build_without_site_url_says_what_the_feeds_lose(tmp_path):
    from generator.__main__ import main

    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["build", "--seeds", str(ROOT / "seeds"), "--docs", str(tmp_path / "a"), "--site-url", ""]) == 0
    assert "SITE_URL tidak diset" in out.getvalue()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["build", "--seeds", str(ROOT / "seeds"), "--docs", str(tmp_path / "b"),
                     "--site-url", "https://contoh.id/kb/"]) == 0
    assert "SITE_URL" not in out.getvalue()
